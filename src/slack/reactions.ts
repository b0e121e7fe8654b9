// Which emoji reactions mean what on a suggestion message.
import type { FeedbackKind } from '../needs/learningLabels.js';

const REACTION_KINDS: Record<string, FeedbackKind> = {
  '+1': 'up',
  thumbsup: 'up',
  '-1': 'down',
  thumbsdown: 'down',
  raising_hand: 'claim',
  white_check_mark: 'resolved',
  heavy_check_mark: 'resolved',
};

/** The feedback a reaction gives, or null for any other emoji. Skin tones do not matter. */
export function feedbackKindOf(reaction: string): FeedbackKind | null {
  return REACTION_KINDS[reaction.replace(/::skin-tone-\d$/, '')] ?? null;
}
