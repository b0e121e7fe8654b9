// Buttons on a suggestion message: "Jag tar kontakt", "Inte vårt område", "Byt styrkeområde".
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { recategoriseModal } from '../../blocks/recategoriseModal.js';
import type { ListenerDeps } from '../../deps.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

const suggestionIdOf = (value: string | undefined): number | null => {
  const parsed = z.coerce.number().int().positive().safeParse(value);
  return parsed.success ? parsed.data : null;
};

async function toggle(deps: ListenerDeps, args: ButtonArgs, kind: 'claim' | 'down'): Promise<void> {
  const { ack, action, body, logger } = args;
  await ack();
  const suggestionId = suggestionIdOf(action.value);
  const suggestion = suggestionId === null ? null : await deps.feedback.suggestionById(suggestionId);
  if (!suggestion) {
    logger.debug(`button on an unknown suggestion (${action.value}); ignored`);
    return;
  }
  // The channel the button was pressed in decides which area the answer speaks for.
  const channelId = body.channel?.id ?? suggestion.channelId;
  await deps.feedback.toggleFeedback({ needId: suggestion.needId, userId: body.user.id, kind, channelId });
}

export const claimButton = (deps: ListenerDeps) => (args: ButtonArgs) => toggle(deps, args, 'claim');
export const notOursButton = (deps: ListenerDeps) => (args: ButtonArgs) => toggle(deps, args, 'down');

export const recategoriseMetadata = z.object({ suggestionId: z.number().int().positive() });

export const recategoriseButton =
  (deps: ListenerDeps) =>
  async ({ ack, action, body, client, logger }: ButtonArgs): Promise<void> => {
    await ack();
    const suggestionId = suggestionIdOf(action.value);
    const suggestion = suggestionId === null ? null : await deps.feedback.suggestionById(suggestionId);
    const need = suggestion ? await deps.needs.needSummary(suggestion.needId) : null;
    if (suggestionId === null || !need) {
      logger.debug(`recategorise on an unknown suggestion (${action.value}); ignored`);
      return;
    }
    const view = recategoriseModal({
      locale: deps.locale,
      needTitle: need.title,
      areas: deps.areas,
      currentAreas: need.areas.length > 0 || !need.corrected ? need.areas : ['none'],
      privateMetadata: JSON.stringify({ suggestionId } satisfies z.infer<typeof recategoriseMetadata>),
    });
    await client.views.open({ trigger_id: body.trigger_id, view });
  };
