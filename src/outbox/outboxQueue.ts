// Writing to the outbox: what to send to Slack, queued inside the caller's transaction.
import type { Tx } from '../db/client.js';

export type OutboxItem =
  | { kind: 'suggestion'; suggestionId: number }
  | { kind: 'confirmation'; needId: number }
  /** Re-render a posted suggestion in place (chat.update) to show the need's current state. */
  | { kind: 'suggestion_update'; suggestionId: number }
  | { kind: 'weekly_summary'; channelId: string; isoWeek: string };

export function dedupeKeyOf(item: OutboxItem): string {
  switch (item.kind) {
    case 'suggestion':
      return `suggestion:${item.suggestionId}`;
    case 'confirmation':
      return `confirmation:need:${item.needId}`;
    case 'suggestion_update':
      return `suggestion_update:${item.suggestionId}`;
    case 'weekly_summary':
      return `weekly_summary:${item.channelId}:${item.isoWeek}`;
  }
}

/**
 * Queues an item. Posting the same thing twice is a no-op; an update is queued again (a new
 * generation), and since updates render the current state at send time, a burst of changes
 * coalesces into few chat.update calls.
 */
export async function enqueue(tx: Tx, item: OutboxItem, now: Date = new Date()): Promise<void> {
  const { kind, ...params } = item;
  const requeue = kind === 'suggestion_update';
  await tx.outboxMessage.upsert({
    where: { dedupeKey: dedupeKeyOf(item) },
    create: { dedupeKey: dedupeKeyOf(item), kind, payload: JSON.stringify(params), nextAttemptAt: now },
    update: requeue
      ? { status: 'pending', generation: { increment: 1 }, attempts: 0, nextAttemptAt: now, lastError: null }
      : {},
  });
}
