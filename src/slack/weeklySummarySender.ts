// Sends a queued weekly summary: loads the figures for the claimed (channel, week), renders the
// blocks and the chart, and posts both as one message with Slack's external upload flow
// (files.getUploadURLExternal → POST the PNG to upload_url → files.completeUploadExternal with
// channel_id and blocks), which WebClient.filesUploadV2 performs. Errors propagate to
// createSlackOutboxSender, which turns them into retryable or permanent outbox errors.
import { WebAPIPlatformError, type WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { messages, type Locale } from '../i18n/messages.js';
import { OutboxSendError } from '../outbox/outboxWorker.js';
import { decodeAreas } from '../summaries/claim.js';
import { parseIsoWeek } from '../summaries/isoWeek.js';
import type { WeeklySummary } from '../summaries/model.js';
import { loadWeeklySummary, type SummaryScope } from '../summaries/query.js';
import { weeklySummaryMessage } from './blocks/weeklySummary.js';
import type { SlackOutboxSenderDeps } from './outboxSender.js';

const payloadSchema = z.object({ channelId: z.string().min(1), isoWeek: z.string().min(1) });

export interface PreparedSummary {
  summary: WeeklySummary;
  message: ReturnType<typeof weeklySummaryMessage>;
  /** Null when the week is empty (no chart), or when rendering failed (see chartError). */
  chart: Buffer | null;
  chartError?: string;
}

/** Loads and renders one summary; shared by the sender and `summary --dry-run`. */
export async function prepareWeeklySummary(
  db: Db,
  scope: SummaryScope,
  locale: Locale,
): Promise<PreparedSummary> {
  const summary = await loadWeeklySummary(db, scope);
  const message = weeklySummaryMessage(summary, locale);
  if (!message.withChart) return { summary, message, chart: null };
  try {
    // Loaded on first use: the charting stack (vega, resvg) is large and needed once a week.
    const { renderChartPng } = await import('../summaries/chart.js');
    return { summary, message, chart: await renderChartPng(summary, locale) };
  } catch (error) {
    return { summary, message, chart: null, chartError: error instanceof Error ? error.message : String(error) };
  }
}

/** Posts a prepared summary to its channel; returns the uploaded chart's file id, if any. */
export async function postPreparedSummary(client: WebClient, prepared: PreparedSummary, locale: Locale): Promise<string | null> {
  const { summary, message, chart } = prepared;
  const t = messages(locale).summary;
  const week = Number(summary.isoWeek.slice(-2));
  if (!message.withChart) {
    await client.chat.postMessage({ channel: summary.channelId, text: message.text, unfurl_links: false, unfurl_media: false });
    return null;
  }
  // The figures matter more than the picture: without a chart, post them with a note why.
  const withoutChart = async (note: string) => {
    await client.chat.postMessage({
      channel: summary.channelId,
      text: message.text,
      blocks: [...message.blocks.slice(0, 49), { type: 'context', elements: [{ type: 'mrkdwn', text: note }] }],
      unfurl_links: false,
      unfurl_media: false,
    });
    return null;
  };
  if (!chart) return withoutChart(t.chartMissing);
  try {
    const result = await client.filesUploadV2({
      channel_id: summary.channelId,
      file: chart,
      filename: `behov-${summary.isoWeek}.png`,
      title: t.chart.fileTitle(week),
      alt_text: t.chartNote,
      blocks: message.blocks,
    });
    const files = (result as { files?: { files?: { id?: string }[] }[] }).files ?? [];
    return files[0]?.files?.[0]?.id ?? null;
  } catch (error) {
    // chat:write.public lets the app post in a channel it was never invited to, but sharing a
    // file there fails with not_in_channel: post the summary anyway, asking for an invite.
    if (error instanceof WebAPIPlatformError && error.data.error === 'not_in_channel') return withoutChart(t.chartNotInChannel);
    throw error;
  }
}

export async function sendWeeklySummary(deps: SlackOutboxSenderDeps, payload: unknown): Promise<void> {
  const { db, client, locale } = deps;
  const { channelId, isoWeek } = payloadSchema.parse(payload);
  const claim = await db.weeklySummaryClaim.findUnique({ where: { channelId_isoWeek: { channelId, isoWeek } } });
  if (!claim) throw new OutboxSendError(`no claim for the weekly summary ${channelId} ${isoWeek}`, false);
  // Slack already has it (the outbox row was retried after a crash between post and bookkeeping).
  if (claim.sentAt) return;
  const prepared = await prepareWeeklySummary(db, { channelId, week: parseIsoWeek(isoWeek), areas: decodeAreas(claim.areas), timezone: claim.timezone }, locale);
  const fileId = await postPreparedSummary(client, prepared, locale);
  await db.weeklySummaryClaim.update({
    where: { channelId_isoWeek: { channelId, isoWeek } },
    data: { sentAt: new Date(), fileId },
  });
}
