// 👍 👎 🙋 ✅ on a suggestion message: store (or, when removed, withdraw) the feedback.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.js';
import { parsePayload, reactionEventPayload } from '../../payloads.js';
import { eventIdOf } from '../../middleware/dedupeEvents.js';
import { feedbackKindOf } from '../../reactions.js';

type ReactionArgs = (SlackEventMiddlewareArgs<'reaction_added'> | SlackEventMiddlewareArgs<'reaction_removed'>) & AllMiddlewareArgs;

async function handleReaction(deps: ListenerDeps, { event, body, context, logger }: ReactionArgs, added: boolean): Promise<void> {
  const reaction = parsePayload(reactionEventPayload, event, logger, `${event.type} event`);
  if (!reaction) return;
  const kind = feedbackKindOf(reaction.reaction);
  if (!kind) return;
  if (reaction.user === context.botUserId) return; // our own reactions are not feedback
  const { channel, ts } = reaction.item;
  const suggestion = await deps.feedback.findSuggestion(channel, ts);
  if (!suggestion) {
    logger.debug(`reaction on a message that is not a suggestion (${channel}/${ts}); ignored`);
    return;
  }
  // The stored post's channel decides which area the reaction speaks for.
  // The event is marked handled in the feedback's own transaction (see dedupeEvents.ts).
  const delivery = eventIdOf(body) ?? undefined;
  const input = { needId: suggestion.needId, userId: reaction.user, kind, channelId: suggestion.channelId, delivery };
  const outcome = added ? await deps.feedback.addFeedback({ ...input, via: 'reaction' }) : await deps.feedback.removeFeedback(input);
  // A reaction someone may not give (✅ from outside the channel) is simply not counted.
  if (outcome.refused) logger.debug(`reaction ${reaction.reaction} on need ${suggestion.needId} not counted: ${outcome.refused}`);
  else if (!outcome.changed) logger.debug(`reaction ${reaction.reaction} on need ${suggestion.needId} changed nothing`);
}

export const reactionAdded = (deps: ListenerDeps) => (args: SlackEventMiddlewareArgs<'reaction_added'> & AllMiddlewareArgs) => handleReaction(deps, args, true);

export const reactionRemoved = (deps: ListenerDeps) => (args: SlackEventMiddlewareArgs<'reaction_removed'> & AllMiddlewareArgs) =>
  handleReaction(deps, args, false);
