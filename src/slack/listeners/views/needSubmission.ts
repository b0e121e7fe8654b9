// The /need modal was submitted: validate, store (under the ack deadline), close the modal. The
// need is classified and posted afterwards by the routing queue.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { messages } from '../../../i18n/messages.js';
import { beforeAck } from '../../ackDeadline.js';
import { NEED_BLOCKS } from '../../blocks/needModal.js';
import type { ListenerDeps } from '../../deps.js';
import { tamperedFormErrors, validateSubmittedNeed } from '../../needForm.js';
import { decodeNeedModalMetadata } from '../../needModalMetadata.js';
import { parsePayload, viewSubmissionPayload } from '../../payloads.js';

export const needSubmission =
  (deps: ListenerDeps) =>
  async ({ ack, body, logger }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const payload = parsePayload(viewSubmissionPayload, body, logger, 'need modal submission');
    const metadata = payload ? decodeNeedModalMetadata(payload.view.private_metadata) : null;
    if (!payload || !metadata) {
      await ack({ response_action: 'errors', errors: tamperedFormErrors(deps.locale) });
      return;
    }
    const validation = validateSubmittedNeed(payload.view.state.values, deps.municipalities, deps.locale);
    if (!validation.ok) {
      await ack({ response_action: 'errors', errors: validation.errors });
      return;
    }

    // Stored before the ack: once the modal closes, the need exists. The view id makes a re-sent
    // submission (Slack's own retry, a replay, a person submitting again after a timeout) the
    // same need, answered the same way.
    try {
      const { id, created } = await beforeAck(() =>
        deps.needs.recordNeed(validation.input, {
          recordedByUserId: payload.user.id,
          originChannelId: metadata.channelId,
          source: metadata.source,
          submissionKey: `view:${payload.view.id}`,
        }),
      );
      if (!created) logger.info(`submission of view ${payload.view.id} was already recorded as need ${id}`);
    } catch (error) {
      logger.error('storing a need failed', error);
      await ack({ response_action: 'errors', errors: { [NEED_BLOCKS.description]: messages(deps.locale).errors.storeFailed } });
      return;
    }
    await ack();
  };
