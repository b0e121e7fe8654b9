// What recording a need says in Slack besides the suggestion posts (needs/suggestionPost.ts): the
// short note to the person who recorded it, naming where it was posted — and saying so when
// nothing matched clearly, also when an all-areas channel got it too — and its send function (the
// outbox kind `confirmation`). The modal is needs/blocks/needModal.ts (also the edit form).
import { WebAPIPlatformError } from '@slack/web-api';
import { messages, type Locale } from '../i18n/messages.js';
import type { SlackOutboxSenderDeps } from '../platform/outbox/sendFunctions.js';
import { loadConfirmation } from './needRepository.js';
import type { SimilarNeedView } from '../needs/store/needViews.js';
import { similarNeedsSentence } from '../needs/blocks/similarNeeds.js';
import { channelList, escapeMrkdwn } from '../platform/slack/blockText.js';

export interface ConfirmationInput {
  title: string;
  /** Every channel the need was posted to. */
  channelIds: string[];
  /** No strength area matched clearly: the need went to intake for sorting. */
  noClearMatch: boolean;
  intakeChannel: string;
  /** Needs of other municipalities about the same thing (a line of their own after the rest). */
  similar?: readonly SimilarNeedView[];
}

export function confirmationText(input: ConfirmationInput, locale: Locale): string {
  const similar = similarNeedsSentence(input.similar ?? [], locale);
  const text = whereItWent(input, locale);
  return similar ? `${text}\n${similar}` : text;
}

function whereItWent(input: ConfirmationInput, locale: Locale): string {
  const t = messages(locale).confirmation;
  // The title is what a person typed: escaped, so "<!channel>" in it pings nobody.
  const title = escapeMrkdwn(input.title);
  if (!input.noClearMatch) return t.posted(title, channelList(input.channelIds, locale));
  const others = input.channelIds.filter((id) => id !== input.intakeChannel);
  const intake = channelList([input.intakeChannel], locale);
  return others.length > 0 ? t.intakeAndShared(title, intake, channelList(others, locale)) : t.intake(title, intake);
}

/** Ephemeral messages need the bot in the channel; otherwise we DM the person instead. */
const EPHEMERAL_UNREACHABLE = new Set(['channel_not_found', 'not_in_channel', 'user_not_in_channel', 'is_archived']);

/**
 * The confirmation is ephemeral (or a DM when the bot cannot reach the channel). Ephemeral
 * messages leave no history to check, so after an unknown outcome it may come twice — only the
 * person who recorded the need sees that, and it beats not knowing whether the need was saved.
 */
export async function sendConfirmation({ db, client, locale, intakeChannel }: SlackOutboxSenderDeps, needId: number): Promise<void> {
  const need = await loadConfirmation(db, needId);
  // Nobody to tell: the need is gone, or it was imported with no Slack person attached.
  const recorder = need?.recordedByUserId;
  if (!need || !recorder) return;
  const { channelIds } = need;
  const noClearMatch = need.abstained || (channelIds.length === 1 && channelIds[0] === intakeChannel);
  const text = confirmationText({ title: need.title, channelIds, noClearMatch, intakeChannel, similar: need.similar }, locale);
  if (need.originChannelId) {
    try {
      await client.chat.postEphemeral({ channel: need.originChannelId, user: recorder, text });
      return;
    } catch (error) {
      if (!(error instanceof WebAPIPlatformError && EPHEMERAL_UNREACHABLE.has(error.data.error))) throw error;
    }
  }
  // A DM: posting to a user id opens the app's Messages tab with that person.
  await client.chat.postMessage({ channel: recorder, text });
}
