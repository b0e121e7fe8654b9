// The /need modal was submitted: validate, store, close the modal, then classify and post.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { messages } from '../../../i18n/messages.js';
import { validateNeedForm } from '../../../needs/needInput.js';
import { NEED_BLOCKS } from '../../blocks/needModal.js';
import type { ListenerDeps } from '../../deps.js';
import { modalErrors, readNeedForm } from '../../needForm.js';
import { decodeNeedModalMetadata } from '../../needModalMetadata.js';

export const needSubmission =
  (deps: ListenerDeps) =>
  async ({ ack, view, body, logger }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const metadata = decodeNeedModalMetadata(view.private_metadata);
    if (!metadata) {
      await ack({ response_action: 'errors', errors: modalErrors([{ field: 'municipality', code: 'tampered' }], deps.locale) });
      return;
    }
    const validation = validateNeedForm(
      readNeedForm(view.state.values),
      new Set(deps.municipalities.map((m) => m.id)),
    );
    if (!validation.ok) {
      await ack({ response_action: 'errors', errors: modalErrors(validation.errors, deps.locale) });
      return;
    }

    // Stored before the ack: once the modal closes, the need exists (a few ms on SQLite).
    let needId: number;
    try {
      ({ id: needId } = await deps.needs.recordNeed(validation.input, {
        recordedByUserId: body.user.id,
        originChannelId: metadata.channelId,
        source: metadata.source,
      }));
    } catch (error) {
      logger.error('storing a need failed', error);
      await ack({ response_action: 'errors', errors: { [NEED_BLOCKS.description]: messages(deps.locale).errors.storeFailed } });
      return;
    }
    await ack();

    // After the ack: classification and posting. A failure here is retried at the next start.
    try {
      await deps.needs.routeNeed(needId);
    } catch (error) {
      logger.error(`routing need ${needId} failed; it will be retried on restart`, error);
    }
  };
