// Sends queued outbox rows. Rows live in the database, so a restart picks up whatever was not
// sent. How it treats Slack:
// - Lanes (a channel, a confirmation) send one row at a time, paced by token buckets (pacer.ts)
//   so a workshop import or the Monday fan-out does not provoke 429s; lanes run in parallel.
// - A 429 is Slack saying when to come back: the row and its buckets wait for Retry-After, and it
//   never counts towards giving up. 5xx and network errors back off exponentially, capped at
//   30 s, so the queue drains within seconds of Slack's recovery. Only a permanent error (the
//   sender says which) ends a row as `failed` — logged at warn, listed and re-sent by
//   `npm run cli -- outbox list|retry`.
// - Before a send the row records `attemptStartedAt`; if the process dies before the outcome is
//   written, or Slack's answer was lost, the next attempt gets `unknownOutcomeSince` so the sender
//   can look for the earlier post instead of posting twice.
import type { Logger } from 'pino';
import type { Db } from '../db/client.js';
import { countPending, dueRows, type FailedAttempt, markSent, nextAttemptAfter, recordFailedAttempt, releaseAllLeases, takeLease } from './outboxRepository.js';
import { type BucketSpec, Pacer } from './pacer.js';

export interface OutboxRow {
  id: number;
  kind: string;
  payload: string;
  dedupeKey: string;
  lane: string;
  attempts: number;
  generation: number;
  /** An earlier attempt started then and its outcome is unknown (crash, lost answer). */
  unknownOutcomeSince: Date | null;
}

export type OutboxFailure = 'retry' | 'rate_limited' | 'permanent';

/** Thrown by a sender to say what a failure means. */
export class OutboxSendError extends Error {
  constructor(
    message: string,
    readonly failure: OutboxFailure,
    readonly options: {
      /** Slack's Retry-After, for rate_limited. */
      retryAfterMs?: number;
      /** Slack certainly did not act on the request (it answered with an error), so no lookup is needed next time. */
      outcomeKnown?: boolean;
    } = {},
  ) {
    super(message);
  }
}

export type OutboxSender = (row: OutboxRow) => Promise<void>;

/** Which token buckets a row's send draws from (see slack/pacing.ts). */
export type PacingPolicy = (row: Pick<OutboxRow, 'kind' | 'lane'>) => BucketSpec[];

export interface OutboxWorkerOptions {
  db: Db;
  send: OutboxSender;
  logger: Logger;
  pacing?: PacingPolicy;
  /** How often to look for due rows when nobody wakes the worker. */
  pollIntervalMs?: number;
  /** First retry delay after a 5xx or network error; doubles per attempt up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Lanes sending at the same time. */
  concurrency?: number;
  /** Resolves when sending may go on (the Slack layer lets requests waiting for their ack go first). */
  yieldTo?: () => Promise<void>;
  /**
   * Leases left by a process that died are released at start. Right for SQLite (one instance
   * per file); with several instances on PostgreSQL a lease simply expires.
   */
  releaseLeasesOnStart?: boolean;
  now?: () => Date;
}

const LEASE_MS = 60_000;
const BASE_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 30_000;
const CANDIDATES = 25;

/** Exponential backoff with jitter, capped; Slack's Retry-After when it gave one. */
export function retryDelayMs(
  attempts: number,
  retryAfterMs?: number,
  baseDelayMs = BASE_DELAY_MS,
  random: () => number = Math.random,
  maxDelayMs = MAX_DELAY_MS,
): number {
  if (retryAfterMs !== undefined) return retryAfterMs;
  const exponential = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.min(maxDelayMs, Math.round(exponential * (0.75 + random() * 0.5)));
}

const noPacing: PacingPolicy = () => [];

/** Wakes the worker to send what was just queued: what a use case that queues posts calls, by name. */
export interface OutboxWake {
  wake(): void;
}

export class OutboxWorker implements OutboxWake {
  private stopped = true;
  private pumping: Promise<void> | null = null;
  private pumpAgain = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly inFlight = new Map<number, Promise<void>>();
  private readonly busyLanes = new Set<string>();
  private readonly pacer = new Pacer();
  private readonly pacing: PacingPolicy;
  private readonly pollIntervalMs: number;
  private readonly concurrency: number;
  private idleWaiters: (() => void)[] = [];
  private drainedWaiters: (() => void)[] = [];
  private lastPassFoundWork = true;

  constructor(private readonly options: OutboxWorkerOptions) {
    this.pacing = options.pacing ?? noPacing;
    this.pollIntervalMs = options.pollIntervalMs ?? 5_000;
    this.concurrency = options.concurrency ?? 6;
  }

  async start(): Promise<void> {
    if (this.options.releaseLeasesOnStart) {
      await releaseAllLeases(this.options.db);
    }
    this.stopped = false;
    this.wake();
  }

  /** Looks for due rows now (coalesces: a wake during a pass causes one more pass). */
  wake(): void {
    if (this.stopped) return;
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pumping = this.pump()
      .catch((error: unknown) => {
        this.options.logger.error({ err: error }, 'outbox pass failed');
        this.lastPassFoundWork = true; // not idle: try again at the next poll
        this.schedule(this.pollIntervalMs);
      })
      .finally(() => {
        this.pumping = null;
        if (this.pumpAgain && !this.stopped) {
          this.pumpAgain = false;
          this.wake();
        } else {
          this.notifyIdle();
        }
      });
  }

  /**
   * Resolves when nothing is being sent and no row is due — rows waiting for a later retry or a
   * lane's next token do not count as idle. For tests and shutdown; never a wall-clock wait.
   */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Resolves after a pass that found no pending row at all — sent or failed, nothing waits for a
   * retry. Tests await it where Slack fails for a while on purpose.
   */
  drained(): Promise<void> {
    return new Promise((resolve) => {
      this.drainedWaiters.push(resolve);
      this.wake();
    });
  }

  /** Stops claiming rows and waits for the sends in flight to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.pumping;
    await Promise.allSettled([...this.inFlight.values()]);
    for (const resolve of [...this.idleWaiters.splice(0), ...this.drainedWaiters.splice(0)]) resolve();
  }

  /** Sends every row that is due now and waits for the sends (CLI use: `summary --post`). */
  async drain(): Promise<void> {
    const wasStopped = this.stopped;
    this.stopped = false;
    try {
      for (;;) {
        await this.pump();
        await Promise.allSettled([...this.inFlight.values()]);
        if (!this.lastPassFoundWork) return;
      }
    } finally {
      this.stopped = wasStopped;
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
    }
  }

  isIdle(): boolean {
    return this.stopped || (!this.pumping && this.inFlight.size === 0 && !this.lastPassFoundWork);
  }

  private notifyIdle(): void {
    if (!this.isIdle()) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.wake(), Math.max(0, delayMs));
    this.timer.unref();
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** Starts sends for claimable rows while lanes are free, then decides when to look again. */
  private async pump(): Promise<void> {
    await this.options.yieldTo?.();
    let waitingOnPacing: number | null = null;
    // Rows not due at the last claim's `now` are what a timer waits for (a row becoming due
    // between the claim and that query must not fall between the two).
    let lookedAt = this.now();
    while (!this.stopped && this.inFlight.size < this.concurrency) {
      lookedAt = this.now();
      const claim = await this.claimNext(lookedAt);
      waitingOnPacing = claim.waitingOnPacingUntil;
      if (!claim.row) break;
      this.startSend(claim.row);
    }
    const busy = this.inFlight.size > 0;
    this.lastPassFoundWork = busy || waitingOnPacing !== null;
    const nextDue = await this.nextScheduledAfter(lookedAt);
    const now = this.now().getTime();
    if (!this.lastPassFoundWork && nextDue === null && this.drainedWaiters.length > 0) {
      const due = await countPending(this.options.db);
      if (due === 0) for (const resolve of this.drainedWaiters.splice(0)) resolve();
    }
    const candidates = [now + this.pollIntervalMs, ...(waitingOnPacing !== null ? [waitingOnPacing] : []), ...(nextDue !== null ? [nextDue] : [])];
    // A finishing send wakes the worker anyway; otherwise the earliest time something can go.
    if (!busy || waitingOnPacing !== null) this.schedule(Math.min(...candidates) - now);
  }

  private startSend(row: OutboxRow): void {
    this.busyLanes.add(row.lane);
    const sending = this.process(row)
      .catch((error: unknown) => this.options.logger.error({ err: error, outboxId: row.id }, 'outbox bookkeeping failed'))
      .finally(() => {
        this.inFlight.delete(row.id);
        this.busyLanes.delete(row.lane);
        this.wake();
      });
    this.inFlight.set(row.id, sending);
  }

  /** When the earliest pending row that was not due at `after` becomes due. */
  private async nextScheduledAfter(after: Date): Promise<number | null> {
    const next = await nextAttemptAfter(this.options.db, after);
    return next ? next.getTime() : null;
  }

  /**
   * The oldest due row in a lane that is free and has tokens, leased to this worker. When due
   * rows exist but all wait for tokens, says until when.
   */
  private async claimNext(now: Date): Promise<{ row: OutboxRow | null; waitingOnPacingUntil: number | null }> {
    const { db } = this.options;
    const blocked = this.pacer.blocked(now.getTime());
    const excludedLanes = [...this.busyLanes];
    const candidates = await dueRows(db, now, excludedLanes, CANDIDATES);
    let waitingUntil: number | null = null;
    const skippedLanes = new Set<string>();
    for (const candidate of candidates) {
      if (skippedLanes.has(candidate.lane)) continue;
      const specs = this.pacing(candidate);
      const readyAt = specs.some((s) => blocked.has(s.key)) ? this.pacer.readyAt(specs, now.getTime()) : now.getTime();
      if (readyAt > now.getTime()) {
        waitingUntil = waitingUntil === null ? readyAt : Math.min(waitingUntil, readyAt);
        skippedLanes.add(candidate.lane); // keep the lane's order: nothing behind it jumps ahead
        continue;
      }
      // Compare-and-set on the lease, so another instance cannot take the same row.
      const claimed = await takeLease(db, candidate, new Date(now.getTime() + LEASE_MS), candidate.attemptStartedAt ?? now);
      if (!claimed) continue;
      this.pacer.take(specs, now.getTime());
      const { lockedUntil: _lease, attemptStartedAt, ...row } = candidate;
      return { row: { ...row, unknownOutcomeSince: attemptStartedAt }, waitingOnPacingUntil: waitingUntil };
    }
    return { row: null, waitingOnPacingUntil: waitingUntil };
  }

  private async process(row: OutboxRow): Promise<void> {
    const { db, logger } = this.options;
    try {
      await this.options.send(row);
    } catch (error) {
      await this.recordFailure(row, error instanceof OutboxSendError ? error : new OutboxSendError(String(error), 'retry'));
      return;
    }
    // Only this generation of the row: if it was queued again while we sent, it stays pending.
    await markSent(db, row, row.attempts + 1, this.now());
    logger.info({ outboxId: row.id, kind: row.kind, lane: row.lane }, 'sent to Slack');
  }

  private async recordFailure(row: OutboxRow, error: OutboxSendError): Promise<void> {
    const { db, logger } = this.options;
    const now = this.now();
    const log = { outboxId: row.id, kind: row.kind, lane: row.lane, error: error.message };
    const lastError = error.message.slice(0, 500);
    const outcome = error.options.outcomeKnown ? { attemptStartedAt: null } : {};
    // Only this generation: an update queued again meanwhile is due now, whatever happened here.
    const record = (attempt: FailedAttempt) => recordFailedAttempt(db, row, attempt);
    if (error.failure === 'rate_limited') {
      const waitMs = error.options.retryAfterMs ?? this.options.baseDelayMs ?? BASE_DELAY_MS;
      this.pacer.pause(this.pacing(row), now.getTime() + waitMs, now.getTime());
      await record({ lastError, nextAttemptAt: new Date(now.getTime() + waitMs), ...outcome });
      logger.info({ ...log, retryInMs: waitMs }, 'Slack rate limited the outbox; waiting as asked');
      return;
    }
    const attempts = row.attempts + 1;
    if (error.failure === 'permanent') {
      await record({ status: 'failed', attempts, lastError, ...outcome });
      logger.warn({ ...log, attempts }, 'outbox message failed permanently; see `npm run cli -- outbox list`');
      return;
    }
    const delay = retryDelayMs(attempts, undefined, this.options.baseDelayMs, Math.random, this.options.maxDelayMs);
    await record({ attempts, lastError, nextAttemptAt: new Date(now.getTime() + delay), ...outcome });
    logger.warn({ ...log, attempts, retryInMs: delay }, 'outbox send failed; will retry');
  }
}
