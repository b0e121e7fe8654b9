// Sends queued outbox rows one at a time (Slack allows ~1 post/s per channel), retrying with
// backoff. Rows live in the database, so a restart picks up whatever was not sent.
import type { Logger } from 'pino';
import type { Db } from '../db/client.js';

export interface OutboxRow {
  id: number;
  kind: string;
  payload: string;
  attempts: number;
  generation: number;
}

/** Thrown by a sender to say whether a failure is worth retrying, and when. */
export class OutboxSendError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export type OutboxSender = (row: OutboxRow) => Promise<void>;

export interface OutboxWorkerOptions {
  db: Db;
  send: OutboxSender;
  logger: Logger;
  /** How often to look for due rows when nobody wakes the worker. */
  pollIntervalMs?: number;
  maxAttempts?: number;
  /** First retry delay; doubles per attempt (tests shorten it). */
  baseDelayMs?: number;
  now?: () => Date;
}

const LEASE_MS = 60_000;
const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 15 * 60_000;

/** Exponential backoff with jitter, or Slack's Retry-After when it gave one. */
export function retryDelayMs(
  attempts: number,
  retryAfterMs?: number,
  baseDelayMs = BASE_DELAY_MS,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return retryAfterMs;
  const exponential = Math.min(MAX_DELAY_MS, baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential * (0.75 + random() * 0.5));
}

export class OutboxWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private wakeRequested = false;
  private stopped = true;
  private readonly pollIntervalMs: number;
  private readonly maxAttempts: number;

  constructor(private readonly options: OutboxWorkerOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 5_000;
    this.maxAttempts = options.maxAttempts ?? 15;
  }

  start(): void {
    this.stopped = false;
    this.wake();
  }

  /** Sends due rows now (coalesces: a wake during a drain causes one more pass). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeRequested = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.drain()
      .then(() => undefined)
      .catch((error: unknown) => this.options.logger.error({ err: error }, 'outbox drain failed'))
      .finally(() => {
        this.running = null;
        if (this.stopped) return;
        if (this.wakeRequested) {
          this.wakeRequested = false;
          this.wake();
        } else {
          this.schedule();
        }
      });
  }

  /** Stops polling and waits for the send in flight to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Sends every row that is due now; returns how many were sent. */
  async drain(): Promise<number> {
    let sent = 0;
    for (;;) {
      if (this.stopped) break; // finish the send in flight, start no new one
      const row = await this.claimNext();
      if (!row) break;
      if (await this.process(row)) sent++;
    }
    return sent;
  }

  private schedule(): void {
    this.timer = setTimeout(() => this.wake(), this.pollIntervalMs);
    this.timer.unref();
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private async claimNext(): Promise<OutboxRow | null> {
    const { db } = this.options;
    const now = this.now();
    const candidate = await db.outboxMessage.findFirst({
      where: { status: 'pending', nextAttemptAt: { lte: now }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
      orderBy: { id: 'asc' },
      select: { id: true, kind: true, payload: true, attempts: true, generation: true, lockedUntil: true },
    });
    if (!candidate) return null;
    // Compare-and-set on the lease, so another instance cannot take the same row.
    const claimed = await db.outboxMessage.updateMany({
      where: { id: candidate.id, status: 'pending', lockedUntil: candidate.lockedUntil },
      data: { lockedUntil: new Date(now.getTime() + LEASE_MS) },
    });
    if (claimed.count === 0) return this.claimNext();
    const { lockedUntil: _lease, ...row } = candidate;
    return row;
  }

  private async process(row: OutboxRow): Promise<boolean> {
    const { db, logger } = this.options;
    const attempts = row.attempts + 1;
    // Only this generation of the row: if it was queued again while we sent, it stays pending.
    const thisGeneration = { id: row.id, generation: row.generation };
    try {
      await this.options.send(row);
      const marked = await db.outboxMessage.updateMany({
        where: thisGeneration,
        data: { status: 'sent', sentAt: this.now(), attempts, lockedUntil: null, lastError: null },
      });
      if (marked.count === 0) await db.outboxMessage.update({ where: { id: row.id }, data: { lockedUntil: null } });
      return true;
    } catch (error) {
      const sendError = error instanceof OutboxSendError ? error : new OutboxSendError(String(error), true);
      const giveUp = !sendError.retryable || attempts >= this.maxAttempts;
      const delay = retryDelayMs(attempts, sendError.retryAfterMs, this.options.baseDelayMs);
      await db.outboxMessage.updateMany({
        where: thisGeneration,
        data: {
          attempts,
          lockedUntil: null,
          lastError: sendError.message.slice(0, 500),
          ...(giveUp ? { status: 'failed' } : { nextAttemptAt: new Date(this.now().getTime() + delay) }),
        },
      });
      await db.outboxMessage.updateMany({ where: { id: row.id, lockedUntil: { not: null } }, data: { lockedUntil: null } });
      const log = { outboxId: row.id, kind: row.kind, attempts, error: sendError.message };
      if (giveUp) logger.error(log, 'outbox message failed permanently');
      else {
        logger.warn({ ...log, retryInMs: delay }, 'outbox send failed; will retry');
        // A short wait (e.g. Retry-After: 1) is better served by a timer than by the next poll.
        if (delay < this.pollIntervalMs) setTimeout(() => this.wake(), delay).unref();
      }
      return false;
    }
  }
}
