// What the weekly summary says in Slack: the message (pure: a WeeklySummary in, Block Kit out, and
// the same as readable text for the CLI's --dry-run; within Slack's limits: ≤ 50 blocks, section
// text ≤ 3000), its chart, and the send function of the outbox kind `weekly_summary`.
import type { KnownBlock, SectionBlock } from '@slack/types';
import type { TopLevelSpec } from 'vega-lite';
import type { AreaName } from '../region/referenceDataRepository.js';
import { CHART_FONT } from '../platform/chart.js';
import { messages, type Locale } from '../i18n/messages.js';
import { localDateTime, parseIsoWeek } from '../platform/isoWeek.js';
import { type CountWithTrend, isEmptyWeek, type SummaryNeed, WAITING_DAYS, type WeeklySummary, type SharedNeedGroup, decodeAreas } from './weeklySummary.js';
import { escapeMrkdwn, LIMITS, linkLabel, truncate } from '../platform/slack/blockText.js';
import { WebAPIPlatformError, type WebClient } from '@slack/web-api';
import type { Db } from '../platform/db/client.js';
import { OutboxSendError, type OutboxRow } from '../platform/outbox/outboxWorker.js';
import { findClaim, markClaimSent, recordClaimFile, type SummaryScope } from './summaryRepository.js';
import { loadWeeklySummary } from './weeklySummary.js';
import { findEarlierPost, isOutboxPost, outboxMetadata } from '../platform/slack/exactlyOnce.js';
import type { SlackOutboxSenderDeps } from '../platform/outbox/sendFunctions.js';

const TITLE_SHOWN = 110;

export interface WeeklySummaryMessage {
  /** Notification / fallback text. */
  text: string;
  /** Empty for an empty week: that is one short line of text, no report and no chart. */
  blocks: KnownBlock[];
  /** Whether the chart belongs with this message. */
  withChart: boolean;
}

function weekNumber(isoWeek: string): number {
  return Number(isoWeek.slice(-2));
}

function numberFormat(locale: Locale): Intl.NumberFormat {
  return new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 1 });
}

/** "+2", "−1,5", or "oförändrat" (count against the four-week average). */
export function formatChange(count: number, average: number, locale: Locale): string {
  const raw = count - average;
  const diff = (Math.sign(raw) * Math.round(Math.abs(raw) * 10)) / 10; // half away from zero, like Intl
  if (diff === 0) return messages(locale).summary.noChange;
  const formatted = numberFormat(locale).format(Math.abs(diff));
  return `${diff > 0 ? '+' : '−'}${formatted}`;
}

function dateRange(summary: WeeklySummary, locale: Locale): string {
  const tag = locale === 'sv' ? 'sv-SE' : 'en-GB';
  const first = new Intl.DateTimeFormat(tag, { timeZone: summary.timezone, day: 'numeric', month: 'short' });
  const last = new Intl.DateTimeFormat(tag, { timeZone: summary.timezone, day: 'numeric', month: 'short', year: 'numeric' });
  const sunday = new Date(summary.end.getTime() - 12 * 3600_000); // noon-ish Sunday, safe across DST
  return `${first.format(summary.start)} – ${last.format(sunday)}`;
}

/** "25 nov." — with the year when it is not the reported week's year ("25 nov. 2024"). */
function shortDate(date: Date, summary: WeeklySummary, locale: Locale): string {
  const l = localDateTime(date, summary.timezone);
  const sameYear = l.year === localDateTime(summary.start, summary.timezone).year;
  return new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', {
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(l.year, l.month - 1, l.day)));
}

/** Splits lines into section blocks of at most 3000 characters each. */
function sections(lines: string[]): SectionBlock[] {
  const out: SectionBlock[] = [];
  let current = '';
  for (const raw of lines) {
    const line = truncate(raw, LIMITS.sectionText);
    if (current && current.length + 1 + line.length > LIMITS.sectionText) {
      out.push({ type: 'section', text: { type: 'mrkdwn', text: current } });
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) out.push({ type: 'section', text: { type: 'mrkdwn', text: current } });
  return out;
}

/** An area's short name in the summary's language ("none": no strength area). */
export function areaLabel(key: string, locale: Locale, areas: readonly AreaName[]): string {
  if (key === 'none') return messages(locale).summary.noArea;
  const area = areas.find((a) => a.slug === key);
  return area ? (locale === 'sv' ? area.shortName : area.shortNameEn) : key;
}

export function weeklySummaryMessage(summary: WeeklySummary, locale: Locale): WeeklySummaryMessage {
  const t = messages(locale).summary;
  const week = weekNumber(summary.isoWeek);
  const n = numberFormat(locale);

  if (isEmptyWeek(summary)) {
    const waiting = summary.waiting.total > 0 ? ` ${t.emptyWaiting(summary.waiting.total)}` : '';
    return { text: `${t.empty(week)}${waiting}`, blocks: [], withChart: false };
  }

  const countLine = (c: CountWithTrend, label: string) =>
    t.countLine(escapeMrkdwn(label), c.count, n.format(c.average), formatChange(c.count, c.average, locale));
  const needLine = (need: SummaryNeed, withDate: boolean) => {
    const title = linkLabel(need.title, TITLE_SHOWN);
    const linked = need.link ? `<${need.link}|${title}>` : `*${title}*`;
    const date = withDate ? ` · ${t.recorded(shortDate(need.recordedAt, summary, locale))}` : '';
    return `• ${linked} — ${escapeMrkdwn(need.municipality)} · ${escapeMrkdwn(areaLabel(need.area, locale, summary.regionAreas))}${date}`;
  };

  const { newNeeds, waiting } = summary;
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(t.header(week, dateRange(summary, locale)), LIMITS.headerText), emoji: true } },
    ...sections([t.total(newNeeds.total, n.format(newNeeds.average), formatChange(newNeeds.total, newNeeds.average, locale))]),
  ];
  if (newNeeds.byMunicipality.length > 0) {
    blocks.push(...sections([`*${t.perMunicipality}*`, ...newNeeds.byMunicipality.map((c) => countLine(c, c.label))]));
  }
  blocks.push(...sections([`*${t.perArea}*`, ...newNeeds.byArea.map((c) => countLine(c, areaLabel(c.key, locale, summary.regionAreas)))]));
  if (newNeeds.shown.length > 0) {
    const more = newNeeds.total - newNeeds.shown.length;
    blocks.push({ type: 'divider' });
    blocks.push(...sections([`*${t.newList}*`, ...newNeeds.shown.map((need) => needLine(need, false)), ...(more > 0 ? [t.more(more)] : [])]));
  }
  blocks.push({ type: 'divider' });
  if (waiting.total > 0) {
    const more = waiting.total - waiting.shown.length;
    blocks.push(
      ...sections([t.waiting(WAITING_DAYS, waiting.total), ...waiting.shown.map((need) => needLine(need, true)), ...(more > 0 ? [t.more(more)] : [])]),
    );
  } else {
    blocks.push(...sections([t.waitingNone(WAITING_DAYS)]));
  }
  const f = summary.feedback;
  blocks.push(...sections([t.activity(summary.claimed, summary.resolved), t.feedback(f.up, f.down, f.recategorised)]));
  blocks.push(...sharedNeedsBlocks(summary.shared, locale));
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: t.chartNote }] });

  return { text: t.fallback(week, newNeeds.total), blocks: blocks.slice(0, LIMITS.messageBlocks), withChart: true };
}

/** The message as readable plain text (for `summary --dry-run`). */
export function weeklySummaryText(message: WeeklySummaryMessage): string {
  if (message.blocks.length === 0) return message.text;
  const unlink = (text: string) =>
    text
      .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2 ($1)')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  const lines: string[] = [];
  for (const block of message.blocks) {
    if (block.type === 'header') lines.push(block.text.text, '='.repeat(block.text.text.length));
    else if (block.type === 'section' && block.text) lines.push(unlink(block.text.text), '');
    else if (block.type === 'divider') lines.push('---', '');
    else if (block.type === 'context') for (const e of block.elements) if ('text' in e) lines.push(unlink(e.text));
  }
  return lines.join('\n').trimEnd();
}

// The weekly summary's "Gemensamma behov": one line per group of similar needs from several
// municipalities ("3 kommuner: ‹the newest title› (Storby, Åby och Ekby)"). Pure.

const LABEL_SHOWN = 110;
const listFormats = { sv: new Intl.ListFormat('sv', { type: 'conjunction' }), en: new Intl.ListFormat('en', { type: 'conjunction' }) };

export function sharedNeedLine(group: SharedNeedGroup, locale: Locale): string {
  const label = linkLabel(group.label, LABEL_SHOWN);
  const shown = group.link ? `<${group.link}|${label}>` : `*${label}*`;
  return messages(locale).similar.sharedLine(group.municipalities.length, shown, listFormats[locale].format(group.municipalities.map(escapeMrkdwn)));
}

/** A divider and one section, or nothing when there are no groups. */
export function sharedNeedsBlocks(groups: readonly SharedNeedGroup[] | undefined, locale: Locale): KnownBlock[] {
  if (!groups || groups.length === 0) return [];
  const t = messages(locale).similar;
  const text = [`*${t.sharedHeading}*`, t.sharedIntro, ...groups.map((g) => `• ${sharedNeedLine(g, locale)}`)].join('\n');
  return [{ type: 'divider' }, { type: 'section', text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) } }];
}

// The summary chart: new needs per week for the last eight weeks, stacked by strength area (top)
// and by municipality (bottom), drawn by platform/chart.ts at send time (some hundred
// milliseconds), not while claiming. The PNG always has the same size.
export const CHART_WIDTH = 1200;
export const CHART_HEIGHT = 1000;

/** Colours of the areas in the region's order (Tableau 10 without its grey, then Tableau 20's second shades); grey is "none". */
const AREA_PALETTE = [
  '#4c78a8',
  '#f58518',
  '#54a24b',
  '#e45756',
  '#b279a2',
  '#72b7b2',
  '#eeca3b',
  '#ff9da6',
  '#9d755d',
  '#aec7e8',
  '#ffbb78',
  '#98df8a',
  '#ff9896',
  '#c5b0d5',
  '#c49c94',
];
const NONE_COLOUR = '#9d9d9d';

function weekLabel(isoWeek: string, locale: Locale): string {
  return messages(locale).summary.chart.weekLabel(Number(isoWeek.slice(-2)));
}

/** The Vega-Lite specification (exported for tests and for tweaking the look). */
export function chartSpec(summary: WeeklySummary, locale: Locale): TopLevelSpec {
  const t = messages(locale).summary;
  const areaName = (key: string) => areaLabel(key, locale, summary.regionAreas);
  const colourOf = (key: string) =>
    key === 'none' ? NONE_COLOUR : (AREA_PALETTE[summary.regionAreas.findIndex((a) => a.slug === key) % AREA_PALETTE.length] ?? NONE_COLOUR);
  const weeks = summary.trend.weeks.map((w) => weekLabel(w, locale));
  const values = summary.trend.points.map((p) => ({
    week: weekLabel(p.week, locale),
    area: areaName(p.area),
    municipality: p.municipality,
    count: p.count,
  }));
  const areaKeys = [...(summary.areas === 'all' ? [...summary.regionAreas.map((a) => a.slug), 'none'] : summary.areas)];
  const x = { field: 'week', type: 'ordinal' as const, title: t.chart.week, scale: { domain: weeks }, axis: { labelAngle: 0 } };
  const y = { aggregate: 'sum' as const, field: 'count', type: 'quantitative' as const, title: t.chart.count, axis: { tickMinStep: 1, format: 'd' } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: t.chart.title(Number(summary.isoWeek.slice(-2))), fontSize: 20 },
    data: { values },
    background: 'white',
    padding: 16,
    config: { font: CHART_FONT, axis: { labelFontSize: 13, titleFontSize: 14 }, legend: { labelFontSize: 13, titleFontSize: 14, labelLimit: 260 } },
    vconcat: [
      {
        title: t.chart.byArea,
        width: 820,
        height: 330,
        mark: { type: 'bar' },
        encoding: {
          x,
          y,
          color: {
            field: 'area',
            type: 'nominal',
            title: t.chart.area,
            scale: { domain: areaKeys.map(areaName), range: areaKeys.map(colourOf) },
          },
        },
      },
      {
        title: t.chart.byMunicipality,
        width: 820,
        height: 330,
        mark: { type: 'bar' },
        encoding: { x, y, color: { field: 'municipality', type: 'nominal', title: t.chart.municipality, scale: { scheme: 'tableau20' } } },
      },
    ],
    resolve: { scale: { color: 'independent' } },
  };
}

/** The chart as PNG bytes, CHART_WIDTH × CHART_HEIGHT (the charting stack is loaded on first use). */
export async function renderChartPng(summary: WeeklySummary, locale: Locale): Promise<Buffer> {
  const chart = await import('../platform/chart.js');
  return chart.renderChartPng(chartSpec(summary, locale), { width: CHART_WIDTH, height: CHART_HEIGHT });
}

// Sends a queued weekly summary: loads the figures for the claimed (channel, week), renders the
// blocks and the chart, and posts both as one message with Slack's external upload flow
// (files.getUploadURLExternal → POST the PNG to upload_url → files.completeUploadExternal with
// channel_id and blocks). Errors propagate to createSlackOutboxSender, which turns them into
// rate-limited, retryable or permanent outbox errors.

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
  const claim = await findClaim(db, channelId, isoWeek);
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
      await markClaimSent(db, channelId, isoWeek, claim.fileId);
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
    onFileId: (id) => recordClaimFile(db, channelId, isoWeek, id),
  });
  await markClaimSent(db, channelId, isoWeek, fileId);
}
