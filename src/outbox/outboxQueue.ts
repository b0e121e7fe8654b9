// Writing to the outbox: what to send to Slack, queued inside the caller's transaction.
import type { Tx } from '../db/client.js';

export type OutboxItem =
  | { kind: 'suggestion'; suggestionId: number }
  | { kind: 'confirmation'; needId: number }
  | { kind: 'weekly_summary'; channelId: string; isoWeek: string };

export function dedupeKeyOf(item: OutboxItem): string {
  switch (item.kind) {
    case 'suggestion':
      return `suggestion:${item.suggestionId}`;
    case 'confirmation':
      return `confirmation:need:${item.needId}`;
    case 'weekly_summary':
      return `weekly_summary:${item.channelId}:${item.isoWeek}`;
  }
}

/** Queues an item; queuing the same intended effect twice is a no-op. */
export async function enqueue(tx: Tx, item: OutboxItem): Promise<void> {
  const { kind, ...params } = item;
  await tx.outboxMessage.upsert({
    where: { dedupeKey: dedupeKeyOf(item) },
    create: { dedupeKey: dedupeKeyOf(item), kind, payload: JSON.stringify(params) },
    update: {},
  });
}
