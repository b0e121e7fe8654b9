// Recording a need, where it enters from Slack: `/need`, the message shortcut "Spara som behov" and
// the modal's submission. The handlers are named exports, testable without an App (as in Slack's
// bolt-ts starter); register() wires them.
import type {
  AllMiddlewareArgs,
  App,
  SlackCommandMiddlewareArgs,
  MessageShortcut,
  SlackShortcutMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import { messages } from '../i18n/messages.js';
import { needModal, encodeNeedModalMetadata, NEED_BLOCKS, NEED_MODAL_CALLBACK_ID, decodeNeedModalMetadata } from '../needs/blocks/needModal.js';
import type { ListenerDeps } from '../platform/slack/deps.js';
import { commandPayload, parsePayload, messageShortcutPayload } from '../platform/slack/payloads.js';
import { slackTextToPlain } from '../platform/slack/slackText.js';
import { answerFind } from '../register/findNeedsCommand.js';
import type { FindRequest } from '../register/findNeeds.js';
import { beforeAck } from '../platform/slack/ackDeadline.js';
import { readNeedSubmission } from '../needs/blocks/needForm.js';

export const RECORD_NEED_SHORTCUT_ID = 'record_need_from_message';

export function register(app: App, deps: ListenerDeps): void {
  app.command('/need', needCommand(deps));
  const shortcut = recordNeedFromMessage(deps);
  app.shortcut<MessageShortcut>({ callback_id: RECORD_NEED_SHORTCUT_ID, type: 'message_action' }, (args) => shortcut(args));
  app.view(NEED_MODAL_CALLBACK_ID, needSubmission(deps));
}

// `/need [text]`: open the need modal, prefilled with the command text; `/need help` answers with
// the usage, and `/need mine|list|search` with needs, ephemerally.
export const needCommand =
  (deps: ListenerDeps) =>
  async ({ ack, command, client, logger, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const payload = parsePayload(commandPayload, command, logger, '/need command');
    if (!payload) return;
    const request = parseNeedCommand(slackTextToPlain(payload.text));
    if (request.kind === 'help') {
      await respond({
        response_type: 'ephemeral',
        text: messages(deps.locale).command.help(deps.municipalities[0]?.name.toLowerCase() ?? '', deps.areas[0]?.slug ?? ''),
      });
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

// What the text after `/need` asks for: the modal (prefilled with the text), the usage help, or
// finding needs (`mine`, `list …`, `search …`, in English or Swedish).

export type NeedCommand = { kind: 'record'; prefill: string } | { kind: 'help' } | { kind: 'find'; request: FindRequest };

const HELP_WORDS = new Set(['help', 'hjälp', 'hjalp', '?', '-h', '--help']);
const MINE_WORDS = new Set(['mine', 'mina', 'my']);
const LIST_WORDS = new Set(['list', 'lista']);
const SEARCH_WORDS = new Set(['search', 'sök', 'sok', 'find', 'hitta']);

export function parseNeedCommand(text: string): NeedCommand {
  const trimmed = text.trim();
  if (HELP_WORDS.has(trimmed.toLowerCase())) return { kind: 'help' };
  const [first = '', ...rest] = trimmed.split(/\s+/);
  const word = first.toLowerCase();
  const args = rest.join(' ');
  // "mina" alone is a subcommand; "mina kollegor vill …" is the start of a need.
  if (MINE_WORDS.has(word) && rest.length === 0) return { kind: 'find', request: { kind: 'mine' } };
  if (LIST_WORDS.has(word)) return { kind: 'find', request: { kind: 'list', text: args } };
  if (SEARCH_WORDS.has(word)) return { kind: 'find', request: { kind: 'search', text: args } };
  return { kind: 'record', prefill: trimmed };
}

// Message shortcut "Spara som behov": the same modal, prefilled with the message text.

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

// The /need modal was submitted: validate, store (under the ack deadline), close the modal. The
// need is classified and posted afterwards by the routing queue.

export const needSubmission =
  (deps: ListenerDeps) =>
  async ({ ack, body, logger }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const submission = readNeedSubmission(body, decodeNeedModalMetadata, {
      municipalities: deps.municipalities,
      locale: deps.locale,
      logger,
      what: 'need modal submission',
    });
    if (!submission.ok) {
      await ack({ response_action: 'errors', errors: submission.errors });
      return;
    }
    const { payload, metadata, input } = submission;

    // Stored before the ack: once the modal closes, the need exists. The view id makes a re-sent
    // submission (Slack's own retry, a replay, a person submitting again after a timeout) the
    // same need, answered the same way.
    try {
      const { id, created } = await beforeAck(() =>
        deps.needs.recordNeed(input, {
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
