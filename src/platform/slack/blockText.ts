// Small text helpers for Block Kit: Slack's limits and mrkdwn escaping.
import { messages } from '../../i18n/messages.js';
import { isErasedUserId } from '../../privacy/pseudonym.js';
import { codePoints } from '../../text/codePoints.js';

export const LIMITS = {
  messageBlocks: 50,
  modalBlocks: 100,
  sectionText: 3000,
  headerText: 150,
  contextElements: 10,
  modalTitle: 24,
  modalButton: 24,
  options: 100,
  optionText: 75,
  privateMetadata: 3000,
  blockId: 255,
  fieldText: 2000,
  fields: 10,
  plainTextInitialValue: 3000,
} as const;

/** Shortens to at most `max` characters (code points), ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  const chars = codePoints(text);
  if (chars.length <= max) return text;
  return `${chars
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}

/** Escapes the three characters Slack mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Typed text as the label of a `<url|label>` link: shortened, escaped, and a "|" shown as "¦" so it cannot be read as the separator. */
export function linkLabel(text: string, max: number): string {
  return escapeMrkdwn(truncate(text, max)).replace(/\|/g, '¦');
}

/** A date Slack renders in each reader's own timezone and locale. */
export function slackDate(date: Date, fallbackLocale: 'sv' | 'en'): string {
  const unix = Math.floor(date.getTime() / 1000);
  const fallback = date.toLocaleString(fallbackLocale === 'sv' ? 'sv-SE' : 'en-GB', { timeZone: 'Europe/Stockholm' });
  return `<!date^${unix}^{date_short_pretty} {time}|${fallback}>`;
}

const listFormats = { sv: new Intl.ListFormat('sv', { type: 'conjunction' }), en: new Intl.ListFormat('en', { type: 'conjunction' }) };

/** Channel links as a list in words: "<#A>, <#B> och <#C>". */
export function channelList(channelIds: readonly string[], locale: 'sv' | 'en'): string {
  return listFormats[locale].format(channelIds.map((id) => `<#${id}>`));
}

/** A person as Slack shows them: a mention, or a plain note for someone erased (README → Personal data). */
export function mention(userId: string, locale: 'sv' | 'en'): string {
  return isErasedUserId(userId) ? messages(locale).privacy.erasedPerson : `<@${userId}>`;
}

/**
 * Who recorded a need: a mention, or — imported with no Slack person attached — "importerad från
 * ‹källa›", the need's source label (the file's källa, the import's --source or the file's name).
 */
export function recordedByText(need: { recordedByUserId: string | null; sourceLabel: string | null }, locale: 'sv' | 'en'): string {
  if (need.recordedByUserId !== null) return mention(need.recordedByUserId, locale);
  return messages(locale).importedFrom(importSourceText(need.sourceLabel, locale));
}

/** An imported need's source label as mrkdwn (typed text, escaped), or "en fil" when it has none. */
export function importSourceText(sourceLabel: string | null, locale: 'sv' | 'en'): string {
  return sourceLabel ? escapeMrkdwn(truncate(sourceLabel, 200)) : messages(locale).importedFromFile;
}
