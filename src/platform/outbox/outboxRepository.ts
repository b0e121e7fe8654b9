// The outbox's repository: every read and write of OutboxMessage rows, in plain objects. What
// is queued (outboxQueue.ts), how rows are leased, paced and retried (outboxWorker.ts) and what an
// operator can do (`npm run cli -- outbox list|retry`) is decided there; this file only stores
// and fetches.
import { insertRows } from '../db/bulkInsert.js';
import type { Db, Tx } from '../db/client.js';
import type { OutboxRow } from './outboxWorker.js';

/** A row to queue: what to send, in which lane, deduplicated by its key. */
export interface NewOutboxRow {
  dedupeKey: string;
  kind: string;
  lane: string;
  payload: string;
}

/** A pending row that is due and not leased: the worker's row, with its lease as read (for the compare-and-set). */
export type DueOutboxRow = Omit<OutboxRow, 'unknownOutcomeSince'> & { lockedUntil: Date | null; attemptStartedAt: Date | null };

/** One generation of a row: what the worker's outcome is written against. */
export interface OutboxGeneration {
  id: number;
  generation: number;
}

/** What a failed attempt writes; absent fields are left as they are. */
export interface FailedAttempt {
  lastError: string;
  status?: 'failed';
  attempts?: number;
  nextAttemptAt?: Date;
  /** null when Slack certainly did not act: the next attempt need not look for an earlier post. */
  attemptStartedAt?: null;
}

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

/**
 * Queues the row due at `now`. When its key is already queued it is left alone, unless `requeue`:
 * then it is pending again as a new generation with its attempts reset.
 */
export async function upsertOutboxRow(tx: Tx, row: NewOutboxRow, now: Date, requeue: boolean): Promise<void> {
  await tx.outboxMessage.upsert({
    where: { dedupeKey: row.dedupeKey },
    create: { dedupeKey: row.dedupeKey, kind: row.kind, lane: row.lane, payload: row.payload, nextAttemptAt: now },
    update: requeue ? { status: 'pending', generation: { increment: 1 }, attempts: 0, nextAttemptAt: now, lastError: null } : {},
  });
}

/** Which of these keys are queued already (in any status). */
export async function queuedDedupeKeys(tx: Tx, dedupeKeys: readonly string[]): Promise<Set<string>> {
  const queued = await tx.outboxMessage.findMany({ where: { dedupeKey: { in: [...dedupeKeys] } }, select: { dedupeKey: true } });
  return new Set(queued.map((row) => row.dedupeKey));
}

/** Inserts new rows, due at `now`, with one statement per chunk (no upsert: the keys must be new). */
export async function insertOutboxRows(tx: Tx, rows: readonly NewOutboxRow[], now: Date): Promise<void> {
  await insertRows(
    tx,
    'OutboxMessage',
    ['dedupeKey', 'kind', 'lane', 'payload', 'status', 'generation', 'attempts', 'nextAttemptAt', 'createdAt'],
    rows.map(({ dedupeKey, kind, lane, payload }) => ({
      dedupeKey,
      kind,
      lane,
      payload,
      status: 'pending',
      generation: 0,
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
    })),
  );
}

/** Releases every lease (those left by a process that died). */
export async function releaseAllLeases(db: Db): Promise<void> {
  await db.outboxMessage.updateMany({ where: { lockedUntil: { not: null } }, data: { lockedUntil: null } });
}

export function countPending(db: Db): Promise<number> {
  return db.outboxMessage.count({ where: { status: 'pending' } });
}

/** When the earliest pending row that is not due at `after` becomes due; null when there is none. */
export async function nextAttemptAfter(db: Db, after: Date): Promise<Date | null> {
  const next = await db.outboxMessage.findFirst({
    where: { status: 'pending', nextAttemptAt: { gt: after } },
    orderBy: { nextAttemptAt: 'asc' },
    select: { nextAttemptAt: true },
  });
  return next ? next.nextAttemptAt : null;
}

/** Pending rows due at `now` whose lease is free or expired, oldest first, outside the given lanes. */
export function dueRows(db: Db, now: Date, excludedLanes: readonly string[], limit: number): Promise<DueOutboxRow[]> {
  return db.outboxMessage.findMany({
    where: {
      status: 'pending',
      nextAttemptAt: { lte: now },
      OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }],
      ...(excludedLanes.length > 0 ? { lane: { notIn: [...excludedLanes] } } : {}),
    },
    orderBy: { id: 'asc' },
    take: limit,
    select: {
      id: true,
      kind: true,
      payload: true,
      dedupeKey: true,
      lane: true,
      attempts: true,
      generation: true,
      lockedUntil: true,
      attemptStartedAt: true,
    },
  });
}

/**
 * Leases the row until `lockedUntil` if it is still pending with the lease `row` read
 * (compare-and-set, so another instance cannot take the same row); true when this call got it.
 */
export async function takeLease(db: Db, row: Pick<DueOutboxRow, 'id' | 'lockedUntil'>, lockedUntil: Date, attemptStartedAt: Date): Promise<boolean> {
  const claimed = await db.outboxMessage.updateMany({
    where: { id: row.id, status: 'pending', lockedUntil: row.lockedUntil },
    data: { lockedUntil, attemptStartedAt },
  });
  return claimed.count > 0;
}

/**
 * Marks this generation sent and releases its lease. A row queued again meanwhile (a newer
 * generation) stays pending; only the lease and the attempt's start are cleared.
 */
export async function markSent(db: Db, row: OutboxGeneration, attempts: number, sentAt: Date): Promise<void> {
  const marked = await db.outboxMessage.updateMany({
    where: { id: row.id, generation: row.generation },
    data: { status: 'sent', sentAt, attempts, lockedUntil: null, attemptStartedAt: null, lastError: null },
  });
  if (marked.count === 0) {
    await db.outboxMessage.update({ where: { id: row.id }, data: { lockedUntil: null, attemptStartedAt: null } });
  }
}

/**
 * Writes a failed attempt on this generation and releases its lease. A row queued again
 * meanwhile keeps its own state; only the lease is released.
 */
export async function recordFailedAttempt(db: Db, row: OutboxGeneration, attempt: FailedAttempt): Promise<void> {
  const updated = await db.outboxMessage.updateMany({
    where: { id: row.id, generation: row.generation },
    data: { ...attempt, lockedUntil: null },
  });
  if (updated.count === 0) await db.outboxMessage.update({ where: { id: row.id }, data: { lockedUntil: null } });
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

/** The row queued under this key: its status and why it last failed; null when none is. */
export function outboxRowByKey(db: Db, dedupeKey: string): Promise<{ status: string; lastError: string | null } | null> {
  return db.outboxMessage.findUnique({ where: { dedupeKey }, select: { status: true, lastError: true } });
}

/** Queues the row under this key again (due now, attempts reset) if it failed; true when it did. */
export async function requeueFailedByKey(db: Db, dedupeKey: string, now = new Date()): Promise<boolean> {
  const requeued = await db.outboxMessage.updateMany({
    where: { dedupeKey, status: 'failed' },
    data: { status: 'pending', attempts: 0, nextAttemptAt: now, lastError: null, lockedUntil: null },
  });
  return requeued.count > 0;
}
