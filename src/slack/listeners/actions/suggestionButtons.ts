// Buttons on a suggestion message: "Jag tar kontakt", "Inte vårt område", "Byt styrkeområde".
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { recategoriseModal } from '../../blocks/recategoriseModal.js';
import type { ListenerDeps } from '../../deps.js';
import { type ButtonPayload, buttonPayload, parsePayload, parseRowId } from '../../payloads.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/**
 * The press, parsed, if this is the first time it arrives. A button press has no event id; a
 * replayed one (Slack's retry, or someone re-sending the signed request) carries the same
 * action_ts for the same user — and "Jag tar kontakt" is a toggle, so a replay would undo it.
 */
async function firstPress(deps: ListenerDeps, { body, logger }: ButtonArgs): Promise<{ press: ButtonPayload; suggestionId: number } | null> {
  const press = parsePayload(buttonPayload, body, logger, 'button press');
  if (!press) return null;
  const action = press.actions[0]!;
  const suggestionId = parseRowId(action.value);
  if (suggestionId === null) {
    logger.debug('button with a value that is no suggestion id; ignored');
    return null;
  }
  if (!(await deps.deliveries.firstTime(`action:${press.user.id}:${action.action_id}:${action.action_ts}`))) {
    logger.debug(`button press ${action.action_id} at ${action.action_ts} already handled; ignoring the replay`);
    return null;
  }
  return { press, suggestionId };
}

async function toggle(deps: ListenerDeps, args: ButtonArgs, kind: 'claim' | 'down'): Promise<void> {
  await args.ack();
  const first = await firstPress(deps, args);
  if (!first) return;
  const suggestion = await deps.feedback.suggestionById(first.suggestionId);
  if (!suggestion) {
    args.logger.debug(`button on an unknown suggestion (${first.suggestionId}); ignored`);
    return;
  }
  // The stored post the button sits on decides which channel (and so which areas) it speaks for.
  await deps.feedback.toggleFeedback({ needId: suggestion.needId, userId: first.press.user.id, kind, channelId: suggestion.channelId });
}

export const claimButton = (deps: ListenerDeps) => (args: ButtonArgs) => toggle(deps, args, 'claim');
export const notOursButton = (deps: ListenerDeps) => (args: ButtonArgs) => toggle(deps, args, 'down');

export const recategoriseMetadata = z.object({ suggestionId: z.number().int().positive() });

export const recategoriseButton =
  (deps: ListenerDeps) =>
  async (args: ButtonArgs): Promise<void> => {
    const { ack, client, logger } = args;
    await ack();
    const press = parsePayload(buttonPayload, args.body, logger, 'button press');
    const suggestionId = press ? parseRowId(press.actions[0]!.value) : null;
    const suggestion = suggestionId === null ? null : await deps.feedback.suggestionById(suggestionId);
    const need = suggestion ? await deps.needs.needSummary(suggestion.needId) : null;
    if (!press || suggestionId === null || !need) {
      logger.debug('recategorise on an unknown suggestion; ignored');
      return;
    }
    // Opening the same modal twice does no harm, so no replay check: the trigger_id decides.
    const view = recategoriseModal({
      locale: deps.locale,
      needTitle: need.title,
      areas: deps.areas,
      currentAreas: need.areas.length > 0 || !need.corrected ? need.areas : ['none'],
      privateMetadata: JSON.stringify({ suggestionId } satisfies z.infer<typeof recategoriseMetadata>),
    });
    await client.views.open({ trigger_id: press.trigger_id, view });
  };
