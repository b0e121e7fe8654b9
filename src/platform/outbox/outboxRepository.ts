// What an operator can see and do with the outbox: list rows that are not sent, and queue failed
// (or stuck) rows again. Used by `npm run cli -- outbox list|retry`.
import type { Db } from '../db/client.js';

export type OutboxStatusFilter = 'failed' | 'pending' | 'sent' | 'unsent' | 'all';

export interface OutboxListing {
  id: number;
  kind: string;
  lane: string;
  status: string;
  attempts: number;
  nextAttemptAt: Date;
  createdAt: Date;
  lastError: string | null;
}

export async function listOutbox(db: Db, status: OutboxStatusFilter, limit: number): Promise<OutboxListing[]> {
  const where = status === 'all' ? {} : status === 'unsent' ? { status: { in: ['pending', 'failed'] } } : { status };
  return db.outboxMessage.findMany({
    where,
    orderBy: { id: 'asc' },
    take: limit,
    select: { id: true, kind: true, lane: true, status: true, attempts: true, nextAttemptAt: true, createdAt: true, lastError: true },
  });
}

/**
 * Queues rows again (due now, attempts reset). Sent rows are left alone: re-sending them would post
 * twice. Returns the ids queued again and the ids that were not (unknown or already sent).
 */
export async function retryOutbox(db: Db, ids: number[] | 'failed', now = new Date()): Promise<{ queued: number[]; skipped: number[] }> {
  const candidates = await db.outboxMessage.findMany({
    where: ids === 'failed' ? { status: 'failed' } : { id: { in: ids } },
    select: { id: true, status: true },
  });
  const retryable = candidates.filter((r) => r.status !== 'sent').map((r) => r.id);
  if (retryable.length > 0) {
    await db.outboxMessage.updateMany({
      where: { id: { in: retryable }, status: { not: 'sent' } },
      data: { status: 'pending', attempts: 0, nextAttemptAt: now, lastError: null, lockedUntil: null },
    });
  }
  const skipped = ids === 'failed' ? [] : ids.filter((id) => !retryable.includes(id));
  return { queued: retryable, skipped };
}
