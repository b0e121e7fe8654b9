// The weekly summary's "Gemensamma behov": one line per group of similar needs from several
// municipalities ("3 kommuner: ‹the newest title› (Motala, Kinda och Ydre)"). Pure.
import type { KnownBlock } from '@slack/types';
import { messages, type Locale } from '../i18n/messages.js';
import type { SharedNeedGroup } from './model.js';
import { escapeMrkdwn, LIMITS, linkLabel, truncate } from '../platform/slack/blockText.js';

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
