// Similar needs in other municipalities, as the suggestion message, the need's page and the
// confirmation show them: "Lillby — ‹title›, mars 2026", the title linking to a posted copy.
// Pure: read models in, Block Kit (or mrkdwn) out.
import type { SectionBlock } from '@slack/types';
import { messages, type Locale } from '../../i18n/messages.js';
import type { SimilarNeedView } from '../store/needViews.js';
import { escapeMrkdwn, LIMITS, linkLabel, truncate } from '../../platform/slack/blockText.js';

const TITLE_SHOWN = 100;

const monthFormats: Record<Locale, Intl.DateTimeFormat> = {
  sv: new Intl.DateTimeFormat('sv-SE', { month: 'long', year: 'numeric', timeZone: 'Europe/Stockholm' }),
  en: new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'Europe/Stockholm' }),
};

/** "mars 2026" / "March 2026". */
export function monthLabel(date: Date, locale: Locale): string {
  return monthFormats[locale].format(date);
}

/** "Lillby — <link|‹title›>, mars 2026" (the title in bold when the need was never posted). */
export function similarNeedLine(need: SimilarNeedView, locale: Locale): string {
  const title = linkLabel(need.title, TITLE_SHOWN);
  const shown = need.link ? `<${need.link}|${title}>` : `_${title}_`;
  return messages(locale).similar.line(escapeMrkdwn(need.municipality), shown, monthLabel(need.recordedAt, locale));
}

/** A section listing the needs, or null when there are none. */
export function similarNeedsBlock(needs: readonly SimilarNeedView[], locale: Locale, heading?: string): SectionBlock | null {
  if (needs.length === 0) return null;
  const lines = needs.map((need) => `• ${similarNeedLine(need, locale)}`);
  const text = `*${heading ?? messages(locale).similar.heading}*\n${lines.join('\n')}`;
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) } };
}

/** One line for the confirmation ("Liknande behov: Lillby — ‹title›, mars 2026; …"), or null. */
export function similarNeedsSentence(needs: readonly SimilarNeedView[], locale: Locale): string | null {
  if (needs.length === 0) return null;
  return messages(locale).similar.confirmation(needs.map((need) => similarNeedLine(need, locale)).join('; '));
}
