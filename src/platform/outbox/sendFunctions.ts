// Turns an outbox row into Web API calls: the typed table from each outbox kind to the send
// function of the journey that owns it. Slack's errors become OutboxSendErrors (outboxErrors.ts);
// posts are made exactly once with the metadata and history lookup of slack/exactlyOnce.ts.
import type { WebClient } from '@slack/web-api';
import type { Db } from '../db/client.js';
import type { Locale } from '../../i18n/messages.js';
import type { Logger } from '../../logger.js';
import { sendSuggestion, updateSuggestion } from '../../needs/suggestionPost.js';
import { type OutboxItem, type OutboxKind, parseOutboxItem } from './outboxQueue.js';
import { OutboxSendError, type OutboxRow, type OutboxSender } from './outboxWorker.js';
import { sendConfirmation } from '../../record-need/messages.js';
import { toOutboxError } from '../slack/outboxErrors.js';
import { sendWeeklySummary } from '../../weekly-summary/messages.js';

export interface SlackOutboxSenderDeps {
  db: Db;
  client: WebClient;
  locale: Locale;
  intakeChannel: string;
  logger: Logger;
}

/** Sends one outbox item of one kind. */
type SendFunction<K extends OutboxKind> = (deps: SlackOutboxSenderDeps, row: OutboxRow, item: Extract<OutboxItem, { kind: K }>) => Promise<void>;

/** Each outbox kind and the function that sends it: a new kind does not compile until it has one. */
const SEND_FUNCTIONS: { [K in OutboxKind]: SendFunction<K> } = {
  suggestion: (deps, row, item) => sendSuggestion(deps, row, item.suggestionId),
  suggestion_update: (deps, _row, item) => updateSuggestion(deps, item.suggestionId),
  confirmation: (deps, _row, item) => sendConfirmation(deps, item.needId),
  weekly_summary: (deps, row, item) => sendWeeklySummary(deps, row, item),
};

function sendItem(deps: SlackOutboxSenderDeps, row: OutboxRow, item: OutboxItem): Promise<void> {
  // The table's type ties each kind to its function; TypeScript cannot follow that through an index
  // by a union, so the one lookup is widened here.
  const send = SEND_FUNCTIONS[item.kind] as (deps: SlackOutboxSenderDeps, row: OutboxRow, item: OutboxItem) => Promise<void>;
  return send(deps, row, item);
}

export function createSlackOutboxSender(deps: SlackOutboxSenderDeps): OutboxSender {
  return async (row: OutboxRow) => {
    const item = parseOutboxItem(row.kind, row.payload);
    if (!item) throw new OutboxSendError(`unreadable outbox row (${row.kind})`, 'permanent', { outcomeKnown: true });
    try {
      await sendItem(deps, row, item);
    } catch (error) {
      throw toOutboxError(error);
    }
  };
}
