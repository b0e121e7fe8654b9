// The short note to the person who recorded a need, naming where it was posted — and saying so
// when nothing matched clearly, also when an all-areas channel got it too.
import { messages, type Locale } from '../i18n/messages.js';
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
