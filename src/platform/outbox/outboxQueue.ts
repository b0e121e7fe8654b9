// The outbox's kinds and payloads: one typed union, written inside the caller's transaction and
// read back with the same schema by the sender.
import { z } from 'zod';
import type { Tx } from '../db/client.js';
import { insertOutboxRows, type NewOutboxRow, queuedDedupeKeys, upsertOutboxRow } from './outboxRepository.js';

const rowId = z.number().int().positive();
const channelId = z.string().regex(/^[CGD][A-Z0-9]{2,254}$/);

export const outboxItemSchema = z.discriminatedUnion('kind', [
  /** Post a need's suggestion message in one channel. */
  z.object({ kind: z.literal('suggestion'), suggestionId: rowId, channelId: channelId.optional() }),
  /** Re-render a posted suggestion in place (chat.update) to show the need's current state. */
  z.object({ kind: z.literal('suggestion_update'), suggestionId: rowId, channelId: channelId.optional() }),
  /** Tell the person who recorded a need where it went. */
  z.object({ kind: z.literal('confirmation'), needId: rowId }),
  /** A claimed weekly summary of one channel and ISO week. */
  z.object({ kind: z.literal('weekly_summary'), channelId, isoWeek: z.string().regex(/^\d{4}-W\d{2}$/) }),
]);

export type OutboxItem = z.infer<typeof outboxItemSchema>;
export type OutboxKind = OutboxItem['kind'];

/** The item as queued: a suggestion or update always names its channel (rows of older versions may not). */
export type NewOutboxItem =
  | (Extract<OutboxItem, { kind: 'suggestion' | 'suggestion_update' }> & { channelId: string })
  | Extract<OutboxItem, { kind: 'confirmation' | 'weekly_summary' }>;

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
 * Rows in one lane are sent one at a time and paced together (Slack limits posting per channel);
 * different lanes go in parallel. A confirmation has a lane of its own need.
 */
export function laneOf(item: OutboxItem): string {
  switch (item.kind) {
    case 'suggestion':
    case 'suggestion_update':
    case 'weekly_summary':
      return item.channelId ? `channel:${item.channelId}` : '';
    case 'confirmation':
      return `confirmation:${item.needId}`;
  }
}

/** Reads a stored row back into its item; null when the row is not one this version can send. */
export function parseOutboxItem(kind: string, payload: string): OutboxItem | null {
  let params: unknown;
  try {
    params = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof params !== 'object' || params === null) return null;
  const parsed = outboxItemSchema.safeParse({ ...params, kind });
  return parsed.success ? parsed.data : null;
}

/**
 * Queues an item. Posting the same thing twice is a no-op; an update is queued again (a new
 * generation), and since updates render the current state at send time, a burst of changes
 * coalesces into few chat.update calls.
 */
export async function enqueue(tx: Tx, item: NewOutboxItem, now: Date = new Date()): Promise<void> {
  await upsertOutboxRow(tx, rowOf(dedupeKeyOf(item), item), now, item.kind === 'suggestion_update');
}

function rowOf(dedupeKey: string, item: NewOutboxItem): NewOutboxRow {
  const { kind, ...params } = item;
  return { dedupeKey, kind, lane: laneOf(item), payload: JSON.stringify(params) };
}

/** What is posted once and never queued again: a need's suggestion posts and its confirmation. */
export type OnceOutboxItem = Extract<NewOutboxItem, { kind: 'suggestion' | 'confirmation' }>;

/**
 * Queues many such items in the caller's transaction with two statements, however many there are
 * (an import's batch); as with enqueue, an item already queued is left alone. A concurrent insert
 * of the same key fails the transaction (the caller then routes one need at a time).
 */
export async function enqueueMany(tx: Tx, items: readonly OnceOutboxItem[], now: Date = new Date()): Promise<void> {
  if (items.length === 0) return;
  const byKey = new Map(items.map((item) => [dedupeKeyOf(item), item] as const));
  const known = await queuedDedupeKeys(tx, [...byKey.keys()]);
  const rows = [...byKey].filter(([key]) => !known.has(key)).map(([dedupeKey, item]) => rowOf(dedupeKey, item));
  await insertOutboxRows(tx, rows, now);
}
