// The forms that change a need, submitted from its page: "Redigera" (and, when the new text points
// elsewhere, "move it?"), and "Återkalla". Each is checked against the need it names and stored
// before the ack; the page underneath is then drawn again with the change.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { messages } from '../i18n/messages.js';
import type { AreaSlug } from '../matching/types.js';
import type { EditOutcome } from './needChanges.js';
import { beforeAck } from '../platform/slack/ackDeadline.js';
import { noticeModal, rerouteModal } from './needChangeModals.js';
import { NEED_BLOCKS } from '../needs/blocks/needModal.js';
import type { ListenerDeps } from '../platform/slack/deps.js';
import { readNeedSubmission } from '../needs/blocks/needForm.js';
import { readNeedRef, readRerouteRef } from './needMetadata.js';
import { parsePayload, type ViewSubmissionPayload, viewSubmissionPayload } from '../platform/slack/payloads.js';
import { refusalText } from '../platform/slack/refusals.js';
import { needPageFor } from './needPage.js';

type SubmissionArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** The need's page at the bottom of the stack, drawn again after a change. */
async function refreshPage(deps: ListenerDeps, client: WebClient, payload: ViewSubmissionPayload, needId: number, logger: SubmissionArgs['logger']) {
  const rootViewId = payload.view.root_view_id;
  if (!rootViewId || rootViewId === payload.view.id) return;
  try {
    const view = await needPageFor(deps, needId, payload.user.id);
    if (view) await client.views.update({ view_id: rootViewId, view });
  } catch (error) {
    logger.warn('could not redraw the need page after a change', error);
  }
}

const sameAreas = (a: readonly AreaSlug[], b: readonly AreaSlug[]) => a.length === b.length && a.every((s) => b.includes(s));

/** Whether to offer moving the need: its text changed and the matcher now points elsewhere. */
export function offersReroute(outcome: Extract<EditOutcome, { ok: true }>): boolean {
  const textChanged = outcome.changed.includes('title') || outcome.changed.includes('description');
  return textChanged && !sameAreas(outcome.currentAreas, outcome.suggestedAreas);
}

export const needEditSubmission =
  (deps: ListenerDeps) =>
  async ({ ack, body, client, logger }: SubmissionArgs): Promise<void> => {
    const t = messages(deps.locale);
    const submission = readNeedSubmission(body, readNeedRef, {
      municipalities: deps.municipalities,
      locale: deps.locale,
      logger,
      what: 'need edit submission',
    });
    if (!submission.ok) {
      await ack({ response_action: 'errors', errors: submission.errors });
      return;
    }
    const { payload, metadata: ref, input } = submission;
    let outcome: EditOutcome;
    try {
      outcome = await beforeAck(() => deps.changes.editNeed(ref.needId, payload.user.id, input));
    } catch (error) {
      logger.error('editing a need failed', error);
      await ack({ response_action: 'errors', errors: { [NEED_BLOCKS.description]: t.errors.storeFailed } });
      return;
    }
    if (!outcome.ok) {
      const text = outcome.refused === 'missing' ? t.needPage.missing : refusalText(outcome.refused, null, deps.locale);
      await ack({ response_action: 'errors', errors: { [NEED_BLOCKS.description]: text } });
      return;
    }
    if (offersReroute(outcome)) {
      const view = rerouteModal({
        locale: deps.locale,
        areas: deps.areas,
        needId: ref.needId,
        current: outcome.currentAreas,
        suggested: outcome.suggestedAreas,
      });
      await ack({ response_action: 'update', view });
    } else {
      await ack();
    }
    await refreshPage(deps, client, payload, ref.needId, logger);
  };

export const rerouteSubmission =
  (deps: ListenerDeps) =>
  async ({ ack, body, client, logger }: SubmissionArgs): Promise<void> => {
    const t = messages(deps.locale);
    const payload = parsePayload(viewSubmissionPayload, body, logger, 'need re-route submission');
    const ref = payload ? readRerouteRef(payload.view.private_metadata) : null;
    // The areas round-trip through the client: only the region's own are taken.
    if (!payload || !ref || ref.areas.some((slug) => !deps.areas.some((a) => a.slug === slug))) {
      await ack({ response_action: 'update', view: noticeModal(t.errors.formTampered, deps.locale) });
      return;
    }
    try {
      // Moving after one's own edit is the owners' right (the same as editing).
      const outcome = await beforeAck(() => deps.feedback.recategorise(ref.needId, payload.user.id, ref.areas, null, 'edit'));
      if (outcome.refused) {
        await ack({ response_action: 'update', view: noticeModal(refusalText(outcome.refused, null, deps.locale), deps.locale) });
        return;
      }
    } catch (error) {
      logger.error('re-routing an edited need failed', error);
      await ack({ response_action: 'update', view: noticeModal(t.errors.storeFailed, deps.locale) });
      return;
    }
    await ack();
    await refreshPage(deps, client, payload, ref.needId, logger);
  };

export const withdrawSubmission =
  (deps: ListenerDeps) =>
  async ({ ack, body, client, logger }: SubmissionArgs): Promise<void> => {
    const t = messages(deps.locale);
    const payload = parsePayload(viewSubmissionPayload, body, logger, 'need withdraw submission');
    const ref = payload ? readNeedRef(payload.view.private_metadata) : null;
    if (!payload || !ref) {
      await ack({ response_action: 'update', view: noticeModal(t.errors.formTampered, deps.locale) });
      return;
    }
    try {
      const outcome = await beforeAck(() => deps.changes.withdrawNeed(ref.needId, payload.user.id));
      if (!outcome.ok) {
        const text = outcome.refused === 'missing' ? t.needPage.missing : refusalText(outcome.refused, null, deps.locale);
        await ack({ response_action: 'update', view: noticeModal(text, deps.locale) });
        return;
      }
    } catch (error) {
      logger.error('withdrawing a need failed', error);
      await ack({ response_action: 'update', view: noticeModal(t.errors.storeFailed, deps.locale) });
      return;
    }
    await ack();
    await refreshPage(deps, client, payload, ref.needId, logger);
  };
