// 👍 👎 🙋 ✅ on a suggestion message: store (or, when removed, withdraw) the feedback.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.js';
import { feedbackKindOf } from '../../reactions.js';

type ReactionArgs = (SlackEventMiddlewareArgs<'reaction_added'> | SlackEventMiddlewareArgs<'reaction_removed'>) & AllMiddlewareArgs;

async function handleReaction(deps: ListenerDeps, { event, context, logger }: ReactionArgs, added: boolean): Promise<void> {
  const kind = feedbackKindOf(event.reaction);
  if (!kind || event.item.type !== 'message') return;
  if (event.user === context.botUserId) return; // our own reactions are not feedback
  const suggestion = await deps.feedback.findSuggestion(event.item.channel, event.item.ts);
  if (!suggestion) {
    logger.debug(`reaction on a message that is not a suggestion (${event.item.channel}/${event.item.ts}); ignored`);
    return;
  }
  const input = { needId: suggestion.needId, userId: event.user, kind };
  const outcome = added
    ? await deps.feedback.addFeedback({ ...input, channelId: event.item.channel })
    : await deps.feedback.removeFeedback(input);
  if (!outcome.changed) logger.debug(`reaction ${event.reaction} on need ${suggestion.needId} changed nothing`);
}

export const reactionAdded = (deps: ListenerDeps) => (args: SlackEventMiddlewareArgs<'reaction_added'> & AllMiddlewareArgs) =>
  handleReaction(deps, args, true);

export const reactionRemoved = (deps: ListenerDeps) => (args: SlackEventMiddlewareArgs<'reaction_removed'> & AllMiddlewareArgs) =>
  handleReaction(deps, args, false);
