// The outbox worker against a real SQLite file: stop() lets the send in flight finish and starts
// no other; a row queued again while it was being sent stays pending; backoff honours Retry-After.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../../src/db/client.js';
import { applyPendingMigrations } from '../../../src/db/migrate.js';
import { createLogger } from '../../../src/logger.js';
import { enqueue } from '../../../src/outbox/outboxQueue.js';
import { OutboxWorker, retryDelayMs, type OutboxRow } from '../../../src/outbox/outboxWorker.js';
import { tempDir } from '../../support/testApp.js';

let dir: string;
let db: Db;

beforeEach(async () => {
  dir = tempDir('outbox-');
  const url = `file:${path.join(dir, 'outbox.db')}`;
  await applyPendingMigrations(url);
  db = await createDb(url);
});
afterEach(async () => {
  await db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

/** A sender whose sends finish only when the test says so. */
function controlledSender() {
  const started: OutboxRow[] = [];
  const finishers: (() => void)[] = [];
  let onStart: (() => void) | null = null;
  return {
    started,
    send: (row: OutboxRow) =>
      new Promise<void>((resolve) => {
        started.push(row);
        finishers.push(resolve);
        onStart?.();
      }),
    nextStart: () => new Promise<void>((resolve) => (onStart = resolve)),
    finish: (i: number) => finishers[i]?.(),
  };
}

const worker = (send: (row: OutboxRow) => Promise<void>) =>
  new OutboxWorker({ db, send, logger: createLogger('silent'), pollIntervalMs: 60_000 });

describe('OutboxWorker', () => {
  it('finishes the send in flight on stop, marks it sent and starts no other', async () => {
    await db.$transaction(async (tx) => {
      await enqueue(tx, { kind: 'confirmation', needId: 1 });
      await enqueue(tx, { kind: 'confirmation', needId: 2 });
    });
    const sender = controlledSender();
    const w = worker(sender.send);
    const firstStarted = sender.nextStart();
    w.start();
    await firstStarted;

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
  });

  it('keeps an update pending when it was queued again while being sent', async () => {
    await db.$transaction((tx) => enqueue(tx, { kind: 'suggestion_update', suggestionId: 7 }));
    const sender = controlledSender();
    const w = worker(sender.send);
    const firstStarted = sender.nextStart();
    w.start();
    await firstStarted;
    await db.$transaction((tx) => enqueue(tx, { kind: 'suggestion_update', suggestionId: 7 }));
    const secondStarted = sender.nextStart();
    sender.finish(0);
    await secondStarted; // the newer generation is sent again, rendering the newest state
    sender.finish(1);
    await w.stop();
    const row = await db.outboxMessage.findFirstOrThrow();
    expect(row.generation).toBe(1);
    expect(row.status).toBe('sent');
    expect(sender.started).toHaveLength(2);
  });
});

describe('retryDelayMs', () => {
  it('doubles from the base delay with ±25 % jitter, capped at 15 minutes', () => {
    expect(retryDelayMs(1, undefined, 1000, () => 0.5)).toBe(1000);
    expect(retryDelayMs(3, undefined, 1000, () => 0.5)).toBe(4000);
    expect(retryDelayMs(3, undefined, 1000, () => 0)).toBe(3000);
    expect(retryDelayMs(30, undefined, 1000, () => 0.5)).toBe(15 * 60_000);
  });

  it('uses Slack’s Retry-After when there is one', () => {
    expect(retryDelayMs(5, 2000, 1000, () => 0.5)).toBe(2000);
  });
});
