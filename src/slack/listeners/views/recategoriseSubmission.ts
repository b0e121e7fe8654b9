// "Byt styrkeområde" submitted: validate the choice, then re-route the need.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { messages } from '../../../i18n/messages.js';
import { AREA_SLUGS, type AreaSlug } from '../../../matching/types.js';
import { NO_AREA_VALUE, RECATEGORISE_ACTION_ID, RECATEGORISE_BLOCK_ID } from '../../blocks/recategoriseModal.js';
import type { ListenerDeps } from '../../deps.js';
import { recategoriseMetadata } from '../actions/suggestionButtons.js';

const checkboxState = z.object({
  [RECATEGORISE_BLOCK_ID]: z.object({
    [RECATEGORISE_ACTION_ID]: z.object({ selected_options: z.array(z.object({ value: z.string() })).nullish() }),
  }),
});

export type AreaChoice = { ok: true; areas: AreaSlug[] } | { ok: false; error: 'empty' | 'noneWithAreas' | 'tampered' };

/** Reads the checkboxes: some areas, or exactly "none". */
export function readAreaChoice(values: unknown): AreaChoice {
  const parsed = checkboxState.safeParse(values);
  if (!parsed.success) return { ok: false, error: 'tampered' };
  const chosen = (parsed.data[RECATEGORISE_BLOCK_ID]?.[RECATEGORISE_ACTION_ID]?.selected_options ?? []).map((o) => o.value);
  if (chosen.length === 0) return { ok: false, error: 'empty' };
  const none = chosen.includes(NO_AREA_VALUE);
  const areas = z.array(z.enum(AREA_SLUGS)).safeParse(chosen.filter((v) => v !== NO_AREA_VALUE));
  if (!areas.success) return { ok: false, error: 'tampered' };
  if (none && areas.data.length > 0) return { ok: false, error: 'noneWithAreas' };
  return { ok: true, areas: areas.data };
}

export const recategoriseSubmission =
  (deps: ListenerDeps) =>
  async ({ ack, view, body, logger }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const t = messages(deps.locale).recategoriseModal;
    let metadata: z.infer<typeof recategoriseMetadata> | null = null;
    try {
      metadata = recategoriseMetadata.parse(JSON.parse(view.private_metadata));
    } catch {
      metadata = null;
    }
    const choice = readAreaChoice(view.state.values);
    if (!metadata || !choice.ok) {
      const error = !metadata || (!choice.ok && choice.error === 'tampered') ? messages(deps.locale).errors.formTampered : !choice.ok && choice.error === 'noneWithAreas' ? t.errorNoneWithAreas : t.errorEmpty;
      await ack({ response_action: 'errors', errors: { [RECATEGORISE_BLOCK_ID]: error } });
      return;
    }
    await ack();
    const suggestion = await deps.feedback.suggestionById(metadata.suggestionId);
    if (!suggestion) {
      logger.debug(`recategorisation of a suggestion that no longer exists (${metadata.suggestionId}); ignored`);
      return;
    }
    await deps.feedback.recategorise(suggestion.needId, body.user.id, choice.areas);
  };
