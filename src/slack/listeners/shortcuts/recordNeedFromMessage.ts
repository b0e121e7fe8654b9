// Message shortcut "Spara som behov": the same modal, prefilled with the message text.
import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { needModal } from '../../blocks/needModal.js';
import type { ListenerDeps } from '../../deps.js';
import { encodeNeedModalMetadata } from '../../needModalMetadata.js';
import { messageShortcutPayload, parsePayload } from '../../payloads.js';
import { slackTextToPlain } from '../../slackText.js';

export const RECORD_NEED_SHORTCUT_ID = 'record_need_from_message';

export const recordNeedFromMessage =
  (deps: ListenerDeps) =>
  async ({ ack, shortcut, client, logger }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const payload = parsePayload(messageShortcutPayload, shortcut, logger, 'message shortcut');
    if (!payload) return;
    const view = needModal({
      locale: deps.locale,
      municipalities: deps.municipalities,
      initialDescription: slackTextToPlain(payload.message.text),
      initialContactUserId: payload.user.id,
      privateMetadata: encodeNeedModalMetadata({ channelId: payload.channel.id, source: 'shortcut' }),
    });
    try {
      await client.views.open({ trigger_id: payload.trigger_id, view });
    } catch (error) {
      logger.error('views.open failed for the message shortcut', error);
    }
  };
