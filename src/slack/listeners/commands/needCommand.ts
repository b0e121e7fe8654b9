// `/need [text]`: open the need modal, prefilled with the command text; `/need help` answers with
// the usage, and `/need mine|list|search` with needs, ephemerally.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { messages } from '../../../i18n/messages.js';
import { needModal } from '../../blocks/needModal.js';
import type { ListenerDeps } from '../../deps.js';
import { parseNeedCommand } from '../../commandText.js';
import { encodeNeedModalMetadata } from '../../needModalMetadata.js';
import { commandPayload, parsePayload } from '../../payloads.js';
import { slackTextToPlain } from '../../slackText.js';
import { answerFind } from './findNeeds.js';

export const needCommand =
  (deps: ListenerDeps) =>
  async ({ ack, command, client, logger, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const payload = parsePayload(commandPayload, command, logger, '/need command');
    if (!payload) return;
    const request = parseNeedCommand(slackTextToPlain(payload.text));
    if (request.kind === 'help') {
      await respond({ response_type: 'ephemeral', text: messages(deps.locale).command.help });
      return;
    }
    if (request.kind === 'find') {
      await answerFind(deps, payload, request.request, respond, logger);
      return;
    }
    // views.open must come first: the trigger_id expires 3 s after the user pressed enter.
    const view = needModal({
      locale: deps.locale,
      municipalities: deps.municipalities,
      initialDescription: request.prefill,
      initialContactUserId: payload.user_id,
      privateMetadata: encodeNeedModalMetadata({ channelId: payload.channel_id, source: 'slash_command' }),
    });
    try {
      await client.views.open({ trigger_id: payload.trigger_id, view });
    } catch (error) {
      logger.error('views.open failed for /need', error);
      await respond({ response_type: 'ephemeral', text: messages(deps.locale).command.openFailed });
    }
  };
