// "Byt styrkeområde" submitted: validate the choice, then re-route the need.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { messages } from '../../../i18n/messages.js';
import { AREA_SLUGS, type AreaSlug } from '../../../matching/types.js';
import { NO_AREA_VALUE, RECATEGORISE_ACTION_ID, RECATEGORISE_BLOCK_ID } from '../../blocks/recategoriseModal.js';
import type { ListenerDeps } from '../../deps.js';
import { beforeAck } from '../../ackDeadline.js';
import { parsePayload, viewSubmissionPayload } from '../../payloads.js';
import { refusalText } from '../../refusals.js';
import { recategoriseMetadata } from '../actions/suggestionButtons.js';
import { parsePrivateMetadata } from '../../privateMetadata.js';

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
export function readAreaChoice(values: unknown): AreaChoice {
  const parsed = checkboxState.safeParse(values);
  if (!parsed.success) return { ok: false, error: 'tampered' };
  const chosen = (parsed.data[RECATEGORISE_BLOCK_ID][RECATEGORISE_ACTION_ID].selected_options ?? []).map((o) => o.value);
  if (chosen.length === 0) return { ok: false, error: 'empty' };
  const none = chosen.includes(NO_AREA_VALUE);
  const areas = z.array(z.enum(AREA_SLUGS)).safeParse(chosen.filter((v) => v !== NO_AREA_VALUE));
  if (!areas.success) return { ok: false, error: 'tampered' };
  if (none && areas.data.length > 0) return { ok: false, error: 'noneWithAreas' };
  return { ok: true, areas: areas.data };
}

export const recategoriseSubmission =
  (deps: ListenerDeps) =>
  async ({ ack, body, logger }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const t = messages(deps.locale).recategoriseModal;
    const payload = parsePayload(viewSubmissionPayload, body, logger, 'recategorise submission');
    const metadata = payload ? parsePrivateMetadata(recategoriseMetadata, payload.view.private_metadata) : null;
    const choice: AreaChoice = payload ? readAreaChoice(payload.view.state.values) : { ok: false, error: 'tampered' };
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
