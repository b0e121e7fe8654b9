// One need as a line in a list (the App Home, `/need mine|list|search`): title (linked to a posted
// copy), municipality, areas, status and age, with a "Visa" button that opens the need's own page.
import type { SectionBlock } from '@slack/types';
import { messages, type Locale } from '../../i18n/messages.js';
import type { AreaSlug } from '../../matching/types.js';
import type { NeedListItem } from '../../register/registerRepository.js';
import { escapeMrkdwn, LIMITS, truncate } from '../../platform/slack/blockText.js';

/** Action ids of the need's own page, wherever its buttons sit. */
export const NEED_PAGE_ACTIONS = {
  view: 'need_view',
  edit: 'need_edit',
  withdraw: 'need_withdraw',
} as const;

export type AreaNames = readonly { slug: AreaSlug; name: string; nameEn: string }[];

export function areaName(slug: AreaSlug, areas: AreaNames, locale: Locale): string {
  const area = areas.find((a) => a.slug === slug);
  if (!area) return slug;
  return locale === 'sv' ? area.name : area.nameEn;
}

/** Whole days between two instants (an age people read). */
export function daysBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / 86_400_000));
}

export interface NeedItemOptions {
  locale: Locale;
  areas: AreaNames;
  now: Date;
  /** Which list the line is in: block ids must be unique within a view, and a need can be in two lists. */
  list: string;
  /** Extra words after the facts, e.g. "du registrerade" or "väntat 12 dagar". */
  note?: string;
}

export function viewButton(needId: number, locale: Locale) {
  return {
    type: 'button' as const,
    action_id: NEED_PAGE_ACTIONS.view,
    text: { type: 'plain_text' as const, text: messages(locale).viewButton, emoji: true },
    value: String(needId),
  };
}

export function needItemSection(item: NeedListItem, options: NeedItemOptions): SectionBlock {
  const t = messages(options.locale);
  const title = escapeMrkdwn(truncate(item.title, 120));
  const heading = item.link ? `*<${item.link}|${title}>*` : `*${title}*`;
  const areas = item.areas.length > 0 ? item.areas.map((a) => areaName(a, options.areas, options.locale)).join(', ') : t.noArea;
  const facts = [escapeMrkdwn(item.municipality), escapeMrkdwn(areas), t.status[item.status], t.age(daysBetween(item.recordedAt, options.now))];
  if (options.note) facts.push(options.note);
  return {
    type: 'section',
    block_id: `${options.list}_need_${item.id}`,
    text: { type: 'mrkdwn', text: truncate(`${heading}\n${facts.join(' · ')}`, LIMITS.sectionText) },
    accessory: viewButton(item.id, options.locale),
  };
}
