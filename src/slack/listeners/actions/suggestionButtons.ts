// Buttons on a suggestion message: "Jag tar kontakt", "Inte vårt område", "Byt styrkeområde".
// The stored post the button sits on decides the channel it counts for, never a payload field.
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { messages } from '../../../i18n/messages.js';
import { recategoriseModal } from '../../blocks/recategoriseModal.js';
import type { ListenerDeps } from '../../deps.js';
import { type ButtonPayload, buttonPayload, firstAction, parsePayload, parseRowId } from '../../payloads.js';
import { refusalText } from '../../refusals.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/**
 * The press, parsed, with the key that marks it handled, unless it was already handled. A button
 * press has no event id; a replayed one (Slack's retry, or someone re-sending the signed request)
 * carries the same action_ts for the same user — and "Jag tar kontakt" is a toggle, so a replay
 * would undo it. The key is marked in the transaction of the press's effect (toggleFeedback).
 */
export async function firstPress(deps: ListenerDeps, { body, logger }: ButtonArgs): Promise<{ press: ButtonPayload; rowId: number; delivery: string } | null> {
  const press = parsePayload(buttonPayload, body, logger, 'button press');
  if (!press) return null;
  const action = firstAction(press);
  const rowId = parseRowId(action.value);
  if (rowId === null) {
    logger.debug('button with a value that is no row id; ignored');
    return null;
  }
  const delivery = `action:${press.user.id}:${action.action_id}:${action.action_ts}`;
  if (await deps.deliveries.handled(delivery)) {
    logger.debug(`button press ${action.action_id} at ${action.action_ts} already handled; ignoring the replay`);
    return null;
  }
  return { press, rowId, delivery };
}

/** Tells only the person who pressed (an ephemeral answer through the press's response_url). */
export async function answerPrivately(args: ButtonArgs, text: string): Promise<void> {
  try {
    await args.respond({ response_type: 'ephemeral', replace_original: false, text });
  } catch (error) {
    args.logger.warn('could not answer a button press', error);
  }
}

async function toggle(deps: ListenerDeps, args: ButtonArgs, kind: 'claim' | 'down'): Promise<void> {
  await args.ack();
  const first = await firstPress(deps, args);
  if (!first) return;
  const suggestion = await deps.feedback.suggestionById(first.rowId);
  if (!suggestion) {
    args.logger.debug(`button on an unknown suggestion (${first.rowId}); ignored`);
    return;
  }
  try {
    const outcome = await deps.feedback.toggleFeedback({
      needId: suggestion.needId,
      userId: first.press.user.id,
      kind,
      channelId: suggestion.channelId,
      via: 'button',
      delivery: first.delivery,
    });
    if (outcome.refused) await answerPrivately(args, refusalText(outcome.refused, suggestion.channelId, deps.locale));
  } catch (error) {
    args.logger.error('a suggestion button could not be handled', error);
    await answerPrivately(args, messages(deps.locale).permissions.cannotCheck);
  }
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
    const suggestionId = press ? parseRowId(firstAction(press).value) : null;
    const suggestion = suggestionId === null ? null : await deps.feedback.suggestionById(suggestionId);
    const need = suggestion ? await deps.needs.needSummary(suggestion.needId) : null;
    if (!press || suggestionId === null || !suggestion || !need) {
      logger.debug('recategorise on an unknown suggestion; ignored');
      return;
    }
    // Opening the modal comes first (the trigger_id lives 3 s); who may is checked on submission
    // too, which is what counts. A refusal here spares the person a form they cannot send.
    let refused;
    try {
      refused = await deps.feedback.refusal(suggestion.needId, press.user.id, 'changeAreas', suggestion.channelId);
    } catch (error) {
      logger.error('could not check who may recategorise', error);
      await answerPrivately(args, messages(deps.locale).permissions.cannotCheck);
      return;
    }
    if (refused) {
      await answerPrivately(args, refusalText(refused, suggestion.channelId, deps.locale));
      return;
    }
    const view = recategoriseModal({
      locale: deps.locale,
      needTitle: need.title,
      areas: deps.areas,
      currentAreas: need.areas.length > 0 || !need.corrected ? need.areas : ['none'],
      privateMetadata: JSON.stringify({ suggestionId } satisfies z.infer<typeof recategoriseMetadata>),
    });
    await client.views.open({ trigger_id: press.trigger_id, view });
  };
