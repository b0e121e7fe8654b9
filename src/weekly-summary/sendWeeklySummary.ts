// Sends a queued weekly summary: loads the figures for the claimed (channel, week), renders the
// blocks and the chart, and posts both as one message with Slack's external upload flow
// (files.getUploadURLExternal → POST the PNG to upload_url → files.completeUploadExternal with
// channel_id and blocks). Errors propagate to createSlackOutboxSender, which turns them into
// rate-limited, retryable or permanent outbox errors.
import { WebAPIPlatformError, type WebClient } from '@slack/web-api';
import type { Db } from '../platform/db/client.js';
import { messages, type Locale } from '../i18n/messages.js';
import { OutboxSendError, type OutboxRow } from '../platform/outbox/outboxWorker.js';
import { decodeAreas } from './claim.js';
import { parseIsoWeek } from './isoWeek.js';
import type { WeeklySummary } from './model.js';
import { loadWeeklySummary, type SummaryScope } from './summaryRepository.js';
import { weeklySummaryMessage } from './messages.js';
import { findEarlierPost, isOutboxPost, outboxMetadata } from '../platform/slack/exactlyOnce.js';
import type { SlackOutboxSenderDeps } from '../platform/outbox/sendFunctions.js';

export interface PreparedSummary {
  summary: WeeklySummary;
  message: ReturnType<typeof weeklySummaryMessage>;
  /** Null when the week is empty (no chart), or when rendering failed (see chartError). */
  chart: Buffer | null;
  chartError?: string;
}

/** Loads and renders one summary; shared by the sender and `summary --dry-run`. */
export async function prepareWeeklySummary(db: Db, scope: SummaryScope, locale: Locale): Promise<PreparedSummary> {
  const summary = await loadWeeklySummary(db, scope);
  const message = weeklySummaryMessage(summary, locale);
  if (!message.withChart) return { summary, message, chart: null };
  try {
    // Loaded on first use: the charting stack (vega, resvg) is large and needed once a week.
    const { renderChartPng } = await import('./chart.js');
    return { summary, message, chart: await renderChartPng(summary, locale) };
  } catch (error) {
    return { summary, message, chart: null, chartError: error instanceof Error ? error.message : String(error) };
  }
}

/** Where a post in progress stands: the chart's file id is known before Slack shares it. */
export interface SummaryPostHooks {
  /** Metadata for a message posted with chat.postMessage (exactly-once lookups). */
  metadata?: ReturnType<typeof outboxMetadata>;
  /** Called with the chart's file id before it is shared, so a retry can find the share. */
  onFileId?: (fileId: string) => Promise<void>;
}

/** Posts a prepared summary to its channel; returns the uploaded chart's file id, if any. */
export async function postPreparedSummary(client: WebClient, prepared: PreparedSummary, locale: Locale, hooks: SummaryPostHooks = {}): Promise<string | null> {
  const { summary, message, chart } = prepared;
  const t = messages(locale).summary;
  const week = Number(summary.isoWeek.slice(-2));
  const common = {
    channel: summary.channelId,
    text: message.text,
    unfurl_links: false,
    unfurl_media: false,
    ...(hooks.metadata ? { metadata: hooks.metadata } : {}),
  };
  if (!message.withChart) {
    await client.chat.postMessage(common);
    return null;
  }
  // The figures matter more than the picture: without a chart, post them with a note why.
  const withoutChart = async (note: string) => {
    await client.chat.postMessage({ ...common, blocks: [...message.blocks.slice(0, 49), { type: 'context', elements: [{ type: 'mrkdwn', text: note }] }] });
    return null;
  };
  if (!chart) return withoutChart(t.chartMissing);
  // Slack's external upload, step by step (what WebClient.filesUploadV2 does), so that the file
  // id is recorded before the share that posts the message.
  const filename = `behov-${summary.isoWeek}.png`;
  const upload = await client.files.getUploadURLExternal({ filename, length: chart.length, alt_text: t.chartNote });
  if (!upload.file_id || !upload.upload_url) throw new Error('files.getUploadURLExternal returned no upload_url');
  await hooks.onFileId?.(upload.file_id);
  const uploaded = await fetch(upload.upload_url, { method: 'POST', body: new Uint8Array(chart), signal: AbortSignal.timeout(30_000) });
  if (!uploaded.ok) throw new Error(`uploading the chart failed: HTTP ${uploaded.status}`);
  try {
    await client.files.completeUploadExternal({
      files: [{ id: upload.file_id, title: t.chart.fileTitle(week) }],
      channel_id: summary.channelId,
      blocks: message.blocks,
    });
  } catch (error) {
    // chat:write.public lets the app post in a channel it was never invited to, but sharing a
    // file there fails with not_in_channel: post the summary anyway, asking for an invite.
    if (error instanceof WebAPIPlatformError && error.data.error === 'not_in_channel') return withoutChart(t.chartNotInChannel);
    throw error;
  }
  return upload.file_id;
}

/** Posts a claimed (channel, week) once: adopts a post an earlier, interrupted attempt made. */
export async function sendWeeklySummary(deps: SlackOutboxSenderDeps, row: OutboxRow, item: { channelId: string; isoWeek: string }): Promise<void> {
  const { db, client, locale } = deps;
  const { channelId, isoWeek } = item;
  const where = { channelId_isoWeek: { channelId, isoWeek } };
  const claim = await db.weeklySummaryClaim.findUnique({ where });
  if (!claim) throw new OutboxSendError(`no claim for the weekly summary ${channelId} ${isoWeek}`, 'permanent', { outcomeKnown: true });
  // Slack already has it (the outbox row was retried after a crash between post and bookkeeping).
  if (claim.sentAt) return;
  if (row.unknownOutcomeSince) {
    const fileId = claim.fileId;
    const earlier = await findEarlierPost(
      deps,
      channelId,
      row.unknownOutcomeSince,
      (m) => isOutboxPost(row.dedupeKey)(m) || (fileId !== null && (m.files ?? []).some((f) => f.id === fileId)),
    );
    if (earlier) {
      deps.logger.info({ channelId, isoWeek, ts: earlier }, 'found the earlier post of a weekly summary; not posting again');
      await db.weeklySummaryClaim.update({ where, data: { sentAt: new Date() } });
      return;
    }
  }
  const prepared = await prepareWeeklySummary(
    db,
    { channelId, week: parseIsoWeek(isoWeek), areas: decodeAreas(claim.areas), timezone: claim.timezone },
    locale,
  );
  const fileId = await postPreparedSummary(client, prepared, locale, {
    metadata: outboxMetadata(row),
    onFileId: async (id) => {
      await db.weeklySummaryClaim.update({ where, data: { fileId: id } });
    },
  });
  await db.weeklySummaryClaim.update({ where, data: { sentAt: new Date(), fileId } });
}
