// Sends a queued weekly summary (message + chart). (Being built for the weekly-summary issue.)
import type { SlackOutboxSenderDeps } from './outboxSender.js';
import { OutboxSendError } from '../outbox/outboxWorker.js';

export async function sendWeeklySummary(_deps: SlackOutboxSenderDeps, _payload: unknown): Promise<void> {
  throw new OutboxSendError('weekly summaries are not implemented yet', false);
}
