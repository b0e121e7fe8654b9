// The outbox worker against a real SQLite file: lanes in parallel and in order, stop() lets the
// sends in flight finish, a 429 never ends a row, only a permanent error does, backoff is capped,
// and an attempt whose outcome is unknown is flagged to the next one.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDb, type Db } from '../../../../src/platform/db/client.js';
import { createLogger } from '../../../../src/logger.js';
import { enqueue, type NewOutboxItem } from '../../../../src/platform/outbox/outboxQueue.js';
import { OutboxSendError, OutboxWorker, retryDelayMs, type OutboxRow, type OutboxWorkerOptions } from '../../../../src/platform/outbox/outboxWorker.js';
import { migratedSqliteFile } from '../../../support/templates.js';
import { tempDir } from '../../../support/testApp.js';

let dir: string;
let db: Db;
const workers: OutboxWorker[] = [];

beforeEach(async () => {
  dir = tempDir('outbox-');
  const file = path.join(dir, 'outbox.db');
  await migratedSqliteFile(file);
  db = await createDb(`file:${file}`);
});
afterEach(async () => {
  vi.useRealTimers();
  for (const w of workers.splice(0)) await w.stop();
  await db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

/** A sender whose sends finish only when the test says so. */
function controlledSender() {
  const started: OutboxRow[] = [];
  const finishers: ((error?: Error) => void)[] = [];
  let onStart: (() => void) | null = null;
  return {
    started,
    send: (row: OutboxRow) =>
      new Promise<void>((resolve, reject) => {
        started.push(row);
        finishers.push((error) => (error ? reject(error) : resolve()));
        onStart?.();
      }),
    /** Resolves once `count` sends have started in all. */
    startedCount: (count: number) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (started.length >= count) resolve();
          else onStart = check;
        };
        check();
      }),
    finish: (i: number, error?: Error) => finishers[i]?.(error),
  };
}

function worker(send: (row: OutboxRow) => Promise<void>, options: Partial<OutboxWorkerOptions> = {}): OutboxWorker {
  const w = new OutboxWorker({ db, send, logger: createLogger('silent'), pollIntervalMs: 60_000, baseDelayMs: 1, maxDelayMs: 2, ...options });
  workers.push(w);
  return w;
}

const queue = (...items: NewOutboxItem[]) =>
  db.$transaction(async (tx) => {
    for (const item of items) await enqueue(tx, item);
  });

const suggestion = (suggestionId: number, channelId: string): NewOutboxItem => ({ kind: 'suggestion', suggestionId, channelId });

describe('OutboxWorker', () => {
  it('sends one row at a time per lane, lanes side by side, in order within a lane', async () => {
    await queue(suggestion(1, 'C0A'), suggestion(2, 'C0A'), suggestion(3, 'C0B'));
    const sender = controlledSender();
    const w = worker(sender.send);
    await w.start();
    await sender.startedCount(2);
    expect(sender.started.map((r) => r.dedupeKey).sort()).toEqual(['suggestion:1', 'suggestion:3']);
    sender.finish(0);
    await sender.startedCount(3);
    expect(sender.started[2]!.dedupeKey).toBe('suggestion:2');
    sender.finish(1);
    sender.finish(2);
    await w.idle();
    expect((await db.outboxMessage.findMany()).map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
  });

  it('finishes the sends in flight on stop, marks them sent and starts no other', async () => {
    await queue(suggestion(1, 'C0A'), suggestion(2, 'C0A'));
    const sender = controlledSender();
    const w = worker(sender.send);
    await w.start();
    await sender.startedCount(1);

    let stopped = false;
    const stopping = w.stop().then(() => (stopped = true));
    // Give stop() every chance to return early: a few turns of the event loop, database included.
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    await db.outboxMessage.count();
    expect(stopped).toBe(false); // it waits for the send in flight
    sender.finish(0);
    await stopping;

    expect(sender.started).toHaveLength(1);
    const rows = await db.outboxMessage.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => r.status)).toEqual(['sent', 'pending']);
    expect(rows[0]!.lockedUntil).toBeNull();
    expect(rows[0]!.attemptStartedAt).toBeNull();
  });

  it('keeps an update pending when it was queued again while being sent', async () => {
    const update: NewOutboxItem = { kind: 'suggestion_update', suggestionId: 7, channelId: 'C0A' };
    await queue(update);
    const sender = controlledSender();
    const w = worker(sender.send);
    await w.start();
    await sender.startedCount(1);
    await queue(update);
    sender.finish(0);
    await sender.startedCount(2); // the newer generation is sent again, rendering the newest state
    sender.finish(1);
    await w.idle();
    const row = await db.outboxMessage.findFirstOrThrow();
    expect(row.generation).toBe(1);
    expect(row.status).toBe('sent');
    expect(sender.started).toHaveLength(2);
  });

  it('waits out any number of 429s without giving up, and they do not count as attempts', async () => {
    await queue(suggestion(1, 'C0A'));
    let calls = 0;
    const w = worker(() => {
      calls++;
      if (calls <= 40) return Promise.reject(new OutboxSendError('rate limited', 'rate_limited', { retryAfterMs: 1, outcomeKnown: true }));
      return Promise.resolve();
    });
    await w.start();
    await w.drained();
    const row = await db.outboxMessage.findFirstOrThrow();
    expect(calls).toBe(41);
    expect(row.attempts).toBe(1);
  });

  it('keeps retrying transient errors and ends a row only on a permanent one', async () => {
    await queue(suggestion(1, 'C0A'), suggestion(2, 'C0B'));
    let transient = 0;
    const w = worker((row) => {
      if (row.dedupeKey === 'suggestion:1') return Promise.reject(new OutboxSendError('slack: channel_not_found', 'permanent', { outcomeKnown: true }));
      transient++;
      if (transient <= 20) return Promise.reject(new OutboxSendError('HTTP 503', 'retry'));
      return Promise.resolve();
    });
    await w.start();
    await w.drained();
    const rows = await db.outboxMessage.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ['failed', 1],
      ['sent', 21],
    ]);
    expect(rows[0]!.lastError).toBe('slack: channel_not_found');
  });

  it('tells the next attempt when an earlier one may have reached Slack, and not when Slack said no', async () => {
    await queue(suggestion(1, 'C0A'));
    const seen: (Date | null)[] = [];
    const failures = [new OutboxSendError('HTTP 500', 'retry'), new OutboxSendError('slack: internal_error', 'retry', { outcomeKnown: true })];
    const w = worker((row) => {
      seen.push(row.unknownOutcomeSince);
      const failure = failures.shift();
      return failure ? Promise.reject(failure) : Promise.resolve();
    });
    await w.start();
    await w.drained();
    expect(seen).toHaveLength(3);
    expect(seen[0]).toBeNull(); // first attempt
    expect(seen[1]).toBeInstanceOf(Date); // after a 500 Slack may have posted
    expect(seen[2]).toBeNull(); // Slack answered with an error: it did not post
  });

  it('releases the lease of a process that died and flags its attempt as unknown', async () => {
    await queue(suggestion(1, 'C0A'));
    const startedAt = new Date(Date.now() - 5_000);
    await db.outboxMessage.updateMany({ data: { lockedUntil: new Date(Date.now() + 60_000), attemptStartedAt: startedAt } });
    const seen: OutboxRow[] = [];
    const w = worker(
      (row) => {
        seen.push(row);
        return Promise.resolve();
      },
      { releaseLeasesOnStart: true },
    );
    await w.start();
    await w.drained();
    expect(seen[0]!.unknownOutcomeSince?.getTime()).toBe(startedAt.getTime());
  });

  it('paces a lane: with a burst of 1 the second send waits for the next token, other lanes do not', async () => {
    await queue(suggestion(1, 'C0A'), suggestion(2, 'C0A'), suggestion(3, 'C0B'));
    // The worker's clock and its wake-up timer are the test's: time moves only when the test says.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const t0 = Date.now();
    let clock = t0;
    const startedAt = new Map<string, number>();
    const w = worker(
      (row) => {
        startedAt.set(row.dedupeKey, clock - t0);
        return Promise.resolve();
      },
      {
        now: () => new Date(clock),
        pacing: ({ lane }) => [{ key: lane, burst: 1, intervalMs: 300 }],
      },
    );
    /** Lets the worker run until it waits for its timer: the sends started so far have finished. */
    const untilWaiting = async () => {
      for (let turn = 0; turn < 1000 && vi.getTimerCount() === 0; turn++) await new Promise((resolve) => setImmediate(resolve));
      expect(vi.getTimerCount()).toBe(1);
    };
    const advance = async (ms: number) => {
      clock += ms;
      await vi.advanceTimersByTimeAsync(ms);
    };
    await w.start();
    await untilWaiting();
    // Both lanes took their token at once; the second row of C0A waits for C0A's next one.
    expect(Object.fromEntries(startedAt)).toEqual({ 'suggestion:1': 0, 'suggestion:3': 0 });
    await advance(299);
    expect(startedAt.has('suggestion:2')).toBe(false);
    await advance(1);
    await w.drained();
    expect(Object.fromEntries(startedAt)).toEqual({ 'suggestion:1': 0, 'suggestion:3': 0, 'suggestion:2': 300 });
  });
});

describe('retryDelayMs', () => {
  it('doubles from the base delay with ±25 % jitter, capped at 30 seconds', () => {
    expect(retryDelayMs(1, undefined, 1000, () => 0.5)).toBe(1000);
    expect(retryDelayMs(3, undefined, 1000, () => 0.5)).toBe(4000);
    expect(retryDelayMs(3, undefined, 1000, () => 0)).toBe(3000);
    expect(retryDelayMs(3, undefined, 1000, () => 1)).toBe(5000);
    // The defaults: a 1 s base, doubling, and no wait longer than 30 s, jitter included.
    expect(retryDelayMs(5, undefined, undefined, () => 1)).toBe(20_000);
    expect(retryDelayMs(6, undefined, undefined, () => 0)).toBe(22_500); // 32 s capped to 30 s, then −25 %
    expect(retryDelayMs(6, undefined, undefined, () => 1)).toBe(30_000); // +25 % would be 37.5 s
    expect(retryDelayMs(60, undefined, undefined, () => 0.5)).toBe(30_000);
    // A cap of the caller's.
    expect(retryDelayMs(10, undefined, 1000, () => 0.5, 2_000)).toBe(2_000);
  });

  it('uses Slack’s Retry-After when there is one', () => {
    expect(retryDelayMs(5, 2000, 1000, () => 0.5)).toBe(2000);
  });
});
