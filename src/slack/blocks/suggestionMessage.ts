// The suggestion message posted to team channels. Pure: a NeedView in, Block Kit out.
import type { KnownBlock } from '@slack/types';
import { messages, type Locale } from '../../i18n/messages.js';
import type { NeedView } from '../../needs/needViews.js';
import { sectorLabel } from '../../needs/sectors.js';
import { escapeMrkdwn, LIMITS, slackDate, truncate } from './text.js';

/** How much of a long description a channel message shows; the rest is one click away in the DB/CLI. */
const DESCRIPTION_SHOWN = 700;

export type Confidence = 'high' | 'medium' | 'low';

/** Confidence in words. Thresholds follow the matcher's calibrated 0–1 scores. */
export function confidenceOf(score: number): Confidence {
  if (score >= 0.75) return 'high';
  if (score >= 0.5) return 'medium';
  return 'low';
}

export interface SuggestionMessage {
  text: string;
  blocks: KnownBlock[];
}

export function suggestionMessage(need: NeedView, locale: Locale): SuggestionMessage {
  const t = messages(locale).suggestion;
  const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text: truncate(text, LIMITS.sectionText) });

  const fields = [mrkdwn(`*${t.municipality}*\n${escapeMrkdwn(need.municipality)}`)];
  if (need.sector) fields.push(mrkdwn(`*${t.sector}*\n${escapeMrkdwn(sectorLabel(need.sector, locale))}`));

  const areaLines = need.areas.map((area) => {
    const name = locale === 'sv' ? area.name : area.nameEn;
    const terms = area.terms.length > 0 ? ` — ${t.drivenBy.toLowerCase()}: ${area.terms.slice(0, 3).map((term) => `_${escapeMrkdwn(term)}_`).join(', ')}` : '';
    return `• *${escapeMrkdwn(name)}* (${t.confidence[confidenceOf(area.score)]})${terms}`;
  });
  const areasText = need.areas.length > 0 ? `*${t.areas}*\n${areaLines.join('\n')}` : `:grey_question: *${t.noClearMatch}*`;

  const environmentLines = need.environments
    .slice(0, 3)
    .map((env) => `• *${escapeMrkdwn(env.name)}* — ${escapeMrkdwn(env.reason)}`);
  const environmentsText = `*${t.environments}*\n${environmentLines.length > 0 ? environmentLines.join('\n') : t.noEnvironments}`;

  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(t.header(need.title), LIMITS.headerText), emoji: true } },
    { type: 'section', fields },
    { type: 'section', text: mrkdwn(escapeMrkdwn(truncate(need.description, DESCRIPTION_SHOWN))) },
    { type: 'section', text: mrkdwn(areasText) },
    { type: 'section', text: mrkdwn(environmentsText) },
    {
      type: 'context',
      elements: [
        mrkdwn(t.recordedBy(`<@${need.recordedByUserId}>`, slackDate(need.recordedAt, locale))),
        mrkdwn(t.contact(`<@${need.contactUserId}>`)),
      ],
    },
  ];
  return { text: truncate(t.fallbackText(need.title, need.municipality), LIMITS.sectionText), blocks };
}
