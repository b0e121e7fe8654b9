// Feedback on a suggestion, where it enters from Slack: reactions (👍 👎 🙋 ✅), the message's
// buttons and the "Byt styrkeområde" modal. Named handlers, wired by register().
import type {
  AllMiddlewareArgs,
  App,
  SlackEventMiddlewareArgs,
  BlockButtonAction,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import type { ListenerDeps } from '../platform/slack/deps.js';
import {
  parsePayload,
  reactionEventPayload,
  type ButtonPayload,
  buttonPayload,
  firstAction,
  parseRowId,
  viewSubmissionPayload,
} from '../platform/slack/payloads.js';
import { eventIdOf } from '../platform/slack/dedupeEvents.js';
import type { FeedbackKind } from '../needs/learningLabels.js';
import { z } from 'zod';
import { messages } from '../i18n/messages.js';
import { recategoriseModal, NO_AREA_VALUE, RECATEGORISE_CALLBACK_ID, RECATEGORISE_ACTION_ID, RECATEGORISE_BLOCK_ID } from './messages.js';
import { refusalText } from '../platform/slack/refusals.js';
import type { AreaSlug } from '../matching/types.js';
import { beforeAck } from '../platform/slack/ackDeadline.js';
import { parsePrivateMetadata } from '../platform/slack/privateMetadata.js';
import { SUGGESTION_ACTIONS } from '../needs/blocks/suggestionMessage.js';

export function register(app: App, deps: ListenerDeps): void {
  app.event('reaction_added', reactionAdded(deps));
  app.event('reaction_removed', reactionRemoved(deps));
  app.action<BlockButtonAction>(SUGGESTION_ACTIONS.claim, claimButton(deps));
  app.action<BlockButtonAction>(SUGGESTION_ACTIONS.notOurs, notOursButton(deps));
  app.action<BlockButtonAction>(SUGGESTION_ACTIONS.recategorise, recategoriseButton(deps));
  app.view(RECATEGORISE_CALLBACK_ID, recategoriseSubmission(deps));
}

// 👍 👎 🙋 ✅ on a suggestion message: store (or, when removed, withdraw) the feedback.

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

// Which emoji reactions mean what on a suggestion message.

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

// Buttons on a suggestion message: "Jag tar kontakt", "Inte vårt område", "Byt styrkeområde".
// The stored post the button sits on decides the channel it counts for, never a payload field.

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

// "Byt styrkeområde" submitted: validate the choice, then re-route the need.

const checkboxState = z.object({
  [RECATEGORISE_BLOCK_ID]: z.object({
    [RECATEGORISE_ACTION_ID]: z.object({
      selected_options: z
        .array(z.object({ value: z.string().max(255) }))
        .max(20)
        .nullish(),
    }),
  }),
});

export type AreaChoice = { ok: true; areas: AreaSlug[] } | { ok: false; error: 'empty' | 'noneWithAreas' | 'tampered' };

/** Reads the checkboxes: some areas, or exactly "none". */
export function readAreaChoice(values: unknown, known: readonly AreaSlug[]): AreaChoice {
  const parsed = checkboxState.safeParse(values);
  if (!parsed.success) return { ok: false, error: 'tampered' };
  const chosen = (parsed.data[RECATEGORISE_BLOCK_ID][RECATEGORISE_ACTION_ID].selected_options ?? []).map((o) => o.value);
  if (chosen.length === 0) return { ok: false, error: 'empty' };
  const none = chosen.includes(NO_AREA_VALUE);
  const areas = chosen.filter((v) => v !== NO_AREA_VALUE);
  if (areas.some((v) => !known.includes(v))) return { ok: false, error: 'tampered' };
  if (none && areas.length > 0) return { ok: false, error: 'noneWithAreas' };
  return { ok: true, areas };
}

export const recategoriseSubmission =
  (deps: ListenerDeps) =>
  async ({ ack, body, logger }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const t = messages(deps.locale).recategoriseModal;
    const payload = parsePayload(viewSubmissionPayload, body, logger, 'recategorise submission');
    const metadata = payload ? parsePrivateMetadata(recategoriseMetadata, payload.view.private_metadata) : null;
    const choice: AreaChoice = payload
      ? readAreaChoice(
          payload.view.state.values,
          deps.areas.map((a) => a.slug),
        )
      : { ok: false, error: 'tampered' };
    if (!payload || !metadata || !choice.ok) {
      const error =
        !metadata || (!choice.ok && choice.error === 'tampered')
          ? messages(deps.locale).errors.formTampered
          : !choice.ok && choice.error === 'noneWithAreas'
            ? t.errorNoneWithAreas
            : t.errorEmpty;
      await ack({ response_action: 'errors', errors: { [RECATEGORISE_BLOCK_ID]: error } });
      return;
    }
    const suggestion = await deps.feedback.suggestionById(metadata.suggestionId);
    if (!suggestion) {
      logger.debug(`recategorisation of a suggestion that no longer exists (${metadata.suggestionId}); ignored`);
      await ack();
      return;
    }
    // Checked against the need the submission names, before the modal closes: a refusal is
    // answered in the modal.
    let refused;
    try {
      refused = await beforeAck(() => deps.feedback.refusal(suggestion.needId, payload.user.id, 'changeAreas', suggestion.channelId));
    } catch (error) {
      logger.error('could not check who may recategorise', error);
      await ack({ response_action: 'errors', errors: { [RECATEGORISE_BLOCK_ID]: messages(deps.locale).permissions.cannotCheck } });
      return;
    }
    if (refused) {
      await ack({ response_action: 'errors', errors: { [RECATEGORISE_BLOCK_ID]: refusalText(refused, suggestion.channelId, deps.locale) } });
      return;
    }
    await ack();
    // A replayed submission sets the same areas again, which changes nothing.
    await deps.feedback.recategorise(suggestion.needId, payload.user.id, choice.areas, suggestion.channelId);
  };
