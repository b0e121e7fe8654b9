// The weekly summary message. Pure: a WeeklySummary in, Block Kit out (and the same as readable
// text for the CLI's --dry-run). Stays within Slack's limits: ≤ 50 blocks, section text ≤ 3000.
import type { KnownBlock, SectionBlock } from '@slack/types';
import { messages, type Locale } from '../i18n/messages.js';
import { localDateTime } from './isoWeek.js';
import { type CountWithTrend, isEmptyWeek, type SummaryNeed, WAITING_DAYS, type WeeklySummary } from './model.js';
import { sharedNeedsBlocks } from './sharedNeedsBlocks.js';
import { escapeMrkdwn, LIMITS, linkLabel, truncate } from '../platform/slack/blockText.js';

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

export function areaLabel(key: string, locale: Locale): string {
  const names = messages(locale).summary.areas as Record<string, string>;
  return names[key] ?? key;
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
    return `• ${linked} — ${escapeMrkdwn(need.municipality)} · ${areaLabel(need.area, locale)}${date}`;
  };

  const { newNeeds, waiting } = summary;
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(t.header(week, dateRange(summary, locale)), LIMITS.headerText), emoji: true } },
    ...sections([t.total(newNeeds.total, n.format(newNeeds.average), formatChange(newNeeds.total, newNeeds.average, locale))]),
  ];
  if (newNeeds.byMunicipality.length > 0) {
    blocks.push(...sections([`*${t.perMunicipality}*`, ...newNeeds.byMunicipality.map((c) => countLine(c, c.label))]));
  }
  blocks.push(...sections([`*${t.perArea}*`, ...newNeeds.byArea.map((c) => countLine(c, areaLabel(c.key, locale)))]));
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
