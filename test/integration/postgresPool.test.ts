// A burst of transactions on PostgreSQL: more at once than the connection pool holds (two instances
// taking a burst of reactions). Those beyond the pool wait for a connection; Prisma's default gives up
// after 2 s ("Unable to start a transaction in the given time"), which lost feedback on a loaded
// machine (giveFeedback.test on PostgreSQL). The app's client waits as long as a SQLite statement may.
// Opt-in like postgres.test.ts (TEST_POSTGRES_URL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresTestDb, postgresUrl } from '../support/postgres.js';
import type { TestDb } from '../support/testDb.js';

/** node-postgres's default pool size, which PrismaPg keeps: more transactions than this must queue. */
const POOL = 10;
/** Longer than Prisma's default maxWait (2 s): how long the pool stays full. */
const HELD_MS = 2_500;

describe.skipIf(!postgresUrl)('transactions beyond the PostgreSQL connection pool', () => {
  // The app's own client (createDb) on a throwaway database.
  let pg: TestDb;

  beforeAll(async () => {
    pg = await createPostgresTestDb();
  });
  afterAll(async () => {
    await (pg as TestDb | undefined)?.close(); // unset if beforeAll failed
  });

  it('wait for a connection while the pool is busy longer than Prisma’s default, and then run', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = 0;
    let allStarted!: () => void;
    const poolFull = new Promise<void>((resolve) => (allStarted = resolve));
    // Every pooled connection held in an open transaction until the gate opens.
    const holders = Array.from({ length: POOL }, () =>
      pg.db.$transaction(async (tx) => {
        await tx.$queryRawUnsafe('SELECT 1');
        if (++started === POOL) allStarted();
        await gate;
      }),
    );
    await poolFull;
    const queued = pg.db
      .$transaction(async (tx) => tx.$queryRawUnsafe<{ one: number }[]>('SELECT 1 AS one'))
      .then(
        (rows) => ({ rows }),
        (error: unknown) => ({ error: String(error) }),
      );
    // The pool stays full past 2 s: the simulated slow work, not a wait for the test's sake.
    setTimeout(release, HELD_MS);
    await Promise.all(holders);
    expect(await queued).toEqual({ rows: [{ one: 1 }] });
  });
});
