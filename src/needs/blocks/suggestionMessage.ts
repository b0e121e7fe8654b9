// The suggestion message posted to team channels, and re-rendered in place (chat.update) when
// people react. Pure: read models in, Block Kit out.
import type { ActionsBlock, KnownBlock } from '@slack/types';
import { messages, type Locale } from '../../i18n/messages.js';
import type { NeedView, SuggestionView } from '../store/needViews.js';
import { sectorLabel } from '../sectors.js';
import { environmentLines } from './environmentReason.js';
import { viewButton } from './needItem.js';
import { similarNeedsBlock } from './similarNeeds.js';
import { channelList, escapeMrkdwn, importSourceText, LIMITS, mention, slackDate, truncate } from '../../platform/slack/blockText.js';

/** How much of a long description a channel message shows. */
const DESCRIPTION_SHOWN = 700;

export const SUGGESTION_ACTIONS = {
  claim: 'suggestion_claim',
  recategorise: 'suggestion_recategorise',
  notOurs: 'suggestion_not_ours',
} as const;

export type Confidence = 'high' | 'medium' | 'low';

/** Confidence in words. Thresholds follow the matcher's calibrated 0–1 scores. */
export function confidenceOf(score: number): Confidence {
  if (score >= 0.75) return 'high';
  if (score >= 0.5) return 'medium';
  return 'low';
}

/** Where this copy of the message lives and what happened to it. */
export interface SuggestionPostContext {
  suggestionId: number;
  /** pending | posted | moved */
  state: string;
  movedTo: string[];
  declinedBy: string[];
}

export interface SuggestionMessage {
  text: string;
  blocks: KnownBlock[];
}

export function suggestionMessage(need: NeedView, locale: Locale, post?: SuggestionPostContext): SuggestionMessage {
  const all = messages(locale);
  const t = all.suggestion;
  const f = all.feedback;
  // Texts are cut before escaping wherever user text can be long; this cap is a last guard.
  const mrkdwn = (text: string, max: number = LIMITS.sectionText) => ({ type: 'mrkdwn' as const, text: truncate(text, max) });

  const field = (label: string, value: string) => mrkdwn(`*${label}*\n${escapeMrkdwn(truncate(value, 200))}`, LIMITS.fieldText);
  const fields = [field(t.municipality, need.municipality)];
  if (need.sector) fields.push(field(t.sector, sectorLabel(need.sector, locale)));

  const areaLines = need.areas.map((area) => {
    const name = locale === 'sv' ? area.name : area.nameEn;
    const how = area.score === null ? f.chosenByPerson : t.confidence[confidenceOf(area.score)];
    const terms =
      area.terms.length > 0
        ? ` — ${t.drivenBy.toLowerCase()}: ${area.terms
            .slice(0, 3)
            .map((term) => `_${escapeMrkdwn(term)}_`)
            .join(', ')}`
        : '';
    return `• *${escapeMrkdwn(name)}* (${how})${terms}`;
  });
  const recategorised = need.recategorisedBy ? ` _(${f.recategorisedBy(mention(need.recategorisedBy, locale))})_` : '';
  const areasText = need.areas.length > 0 ? `*${t.areas}*${recategorised}\n${areaLines.join('\n')}` : `:grey_question: *${t.noClearMatch}*${recategorised}`;

  const envLines = environmentLines(need.environments.slice(0, 3), { locale, shownAreas: need.areas });
  const environmentsText = `*${t.environments}*\n${envLines.length > 0 ? envLines.join('\n') : t.noEnvironments}`;

  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: truncate(t.header(need.title), LIMITS.headerText), emoji: true } }];
  // A withdrawn need says so first, in every copy; its buttons are gone but "Visa".
  if (need.withdrawn) {
    const who = need.withdrawn.byUserId ? mention(need.withdrawn.byUserId, locale) : all.needPage.someone;
    blocks.push({ type: 'section', text: mrkdwn(all.needPage.withdrawn(who, slackDate(need.withdrawn.at, locale))) });
  }
  if (post && post.declinedBy.length > 0) blocks.push({ type: 'section', text: mrkdwn(f.returned(channelList(post.declinedBy, locale))) });
  if (post?.state === 'moved') blocks.push({ type: 'section', text: mrkdwn(f.movedTo(channelList(post.movedTo, locale))) });
  blocks.push(
    { type: 'section', fields },
    { type: 'section', text: mrkdwn(escapeMrkdwn(truncate(need.description, DESCRIPTION_SHOWN))) },
    { type: 'section', text: mrkdwn(areasText) },
    { type: 'section', text: mrkdwn(environmentsText) },
  );
  const similar = similarNeedsBlock(need.similar ?? [], locale);
  if (similar) blocks.push(similar);

  const stateLines: string[] = [];
  if (need.status === 'resolved') stateLines.push(f.resolved);
  if (need.claimedByUserId) stateLines.push(f.claimedBy(mention(need.claimedByUserId, locale)));
  for (const votes of need.feedbackByChannel) stateLines.push(f.votes(votes.up, votes.down, `<#${votes.channelId}>`));
  if (stateLines.length > 0) blocks.push({ type: 'section', text: mrkdwn(stateLines.join('\n')) });

  if (post) blocks.push(actionButtons(post.suggestionId, need, locale));
  blocks.push({
    type: 'context',
    elements: [
      mrkdwn(
        need.recordedByUserId === null
          ? t.importedFrom(importSourceText(need.sourceLabel, locale), slackDate(need.recordedAt, locale))
          : t.recordedBy(mention(need.recordedByUserId, locale), slackDate(need.recordedAt, locale)),
      ),
      ...(need.municipalContact ? [mrkdwn(t.municipalContact(escapeMrkdwn(truncate(need.municipalContact, 300))))] : []),
      ...(need.ourContactUserId ? [mrkdwn(t.ourContact(mention(need.ourContactUserId, locale)))] : []),
    ],
  });
  return { text: truncate(t.fallbackText(escapeMrkdwn(need.title), escapeMrkdwn(need.municipality)), LIMITS.sectionText), blocks };
}

function actionButtons(suggestionId: number, need: NeedView, locale: Locale): ActionsBlock {
  const f = messages(locale).feedback;
  const value = String(suggestionId);
  const view = viewButton(need.id, locale);
  if (need.withdrawn) return { type: 'actions', block_id: `suggestion_actions_${suggestionId}`, elements: [view] };
  return {
    type: 'actions',
    block_id: `suggestion_actions_${suggestionId}`,
    elements: [
      {
        type: 'button',
        action_id: SUGGESTION_ACTIONS.claim,
        // Pressing it again withdraws your own claim; others can still add theirs.
        text: { type: 'plain_text', text: f.claim, emoji: true },
        value,
        ...(need.claimedByUserId ? {} : { style: 'primary' as const }),
      },
      { type: 'button', action_id: SUGGESTION_ACTIONS.recategorise, text: { type: 'plain_text', text: f.recategorise, emoji: true }, value },
      { type: 'button', action_id: SUGGESTION_ACTIONS.notOurs, text: { type: 'plain_text', text: f.notOurs, emoji: true }, value },
      view,
    ],
  };
}

/** The message of one stored suggestion post, as it stands now. */
export function renderSuggestion(view: SuggestionView, locale: Locale): SuggestionMessage {
  return suggestionMessage(view.need, locale, {
    suggestionId: view.suggestionId,
    state: view.state,
    movedTo: view.movedTo,
    declinedBy: view.declinedBy,
  });
}
