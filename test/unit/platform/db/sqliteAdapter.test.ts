// The SQLite adapter against a real file: a statement outside a transaction never runs inside
// one; a database locked by another connection makes statements wait without stopping the event
// loop; a request deadline ends the wait with nothing written.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDb, type Db } from '../../../../src/platform/db/client.js';
import { withDbDeadline } from '../../../../src/platform/db/deadline.js';
import { holdWriteLock as holdFileLock } from '../../../support/sqliteFile.js';
import { migratedSqliteFile } from '../../../support/templates.js';
import { tempDir } from '../../../support/testApp.js';

let dir: string;
let file: string;
let db: Db;

beforeEach(async () => {
  dir = tempDir('sqlite-adapter-');
  file = path.join(dir, 'adapter.db');
  await migratedSqliteFile(file);
  db = await createDb(`file:${file}`);
});
afterEach(async () => {
  vi.useRealTimers();
  await db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

/** Another process's connection holding the write lock until release(). */
const holdWriteLock = () => holdFileLock(file);

describe('sqlite adapter', () => {
  it('runs a statement issued while a transaction is open after it, so a rollback cannot take it along', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let insideWritten!: () => void;
    const written = new Promise<void>((resolve) => (insideWritten = resolve));
    const failing = db
      .$transaction(async (tx) => {
        await tx.processedEvent.create({ data: { eventId: 'inside' } });
        insideWritten();
        await gate;
        throw new Error('roll back');
      })
      .catch((error: unknown) => (error as Error).message);
    await written;
    const outside = db.processedEvent.create({ data: { eventId: 'outside' } });
    release();
    expect(await failing).toBe('roll back');
    await outside;
    expect((await db.processedEvent.findMany()).map((e) => e.eventId)).toEqual(['outside']);
  });

  it('waits for another connection’s write lock without blocking the event loop', async () => {
    const lock = holdWriteLock();
    // The adapter's waits between attempts are the test's timers: nothing moves until the test says.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let written = false;
    const write = db.processedEvent.create({ data: { eventId: 'after-the-lock' } }).then(() => (written = true));
    // This loop runs only while the event loop is free. It ends when the write, having found the
    // file locked, waits on a timer for its next attempt (a synchronous busy wait never gets here).
    for (let turn = 0; turn < 1000 && vi.getTimerCount() === 0; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(vi.getTimerCount()).toBe(1);
    expect(written).toBe(false);
    // What SQLite itself waits, blocking, before an attempt gives up: a few milliseconds.
    const [{ timeout }] = await db.$queryRawUnsafe<[{ timeout: number | bigint }]>('PRAGMA busy_timeout');
    expect(Number(timeout)).toBeLessThanOrEqual(10);
    lock.release();
    await vi.runAllTimersAsync();
    await write;
    const ids = (await db.processedEvent.findMany({ orderBy: { eventId: 'asc' } })).map((e) => e.eventId);
    expect(ids).toEqual(['after-the-lock']);
  });

  it('waits the same way to start a transaction, and reads go on meanwhile', async () => {
    const lock = holdWriteLock();
    let committed = false;
    const transaction = db
      .$transaction(async (tx) => {
        await tx.processedEvent.create({ data: { eventId: 'in-transaction' } });
      })
      .then(() => (committed = true));
    // A read is answered while the transaction is still waiting for the lock (WAL readers).
    expect(await db.municipality.count()).toBe(0);
    expect(committed).toBe(false);
    lock.release();
    await transaction;
    expect(await db.processedEvent.count({ where: { eventId: 'in-transaction' } })).toBe(1);
  });

  it('gives up at the request deadline and writes nothing later', async () => {
    const lock = holdWriteLock();
    await expect(withDbDeadline(200, () => db.processedEvent.create({ data: { eventId: 'too-late' } }))).rejects.toThrow();
    await expect(withDbDeadline(200, () => db.$transaction(async (tx) => tx.processedEvent.create({ data: { eventId: 'too-late-tx' } })))).rejects.toThrow();
    lock.release();
    expect(await db.processedEvent.count({ where: { eventId: { startsWith: 'too-late' } } })).toBe(0);
    // The connection is still usable afterwards.
    await db.processedEvent.create({ data: { eventId: 'fine-again' } });
    expect(await db.processedEvent.count({ where: { eventId: 'fine-again' } })).toBe(1);
  });
});
