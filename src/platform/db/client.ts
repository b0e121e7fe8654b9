// Prisma client factory. The driver adapter is chosen by DATABASE_URL: a `file:` URL is a SQLite
// file (better-sqlite3), `postgresql://` / `postgres://` is a PostgreSQL server (node-postgres).
// Prisma 7 refuses an adapter whose provider differs from the generated client's, so each has its
// own client: src/generated/prisma from prisma/schema.prisma (SQLite) and
// src/generated/prisma-postgres from its provider-swapped copy (see src/platform/db/postgresSchema.ts).
import path from 'node:path';
import { PrismaClient } from '../../generated/prisma/client.js';
import { MAX_BUSY_WAIT_MS, sqliteAdapter } from './sqliteAdapter.js';

export type Db = InstanceType<typeof PrismaClient>;
/** The client inside `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/** The SQL dialect behind a Db, for the few raw queries (see src/weekly-summary/summaryRepository.ts). */
export type Dialect = 'sqlite' | 'postgresql';

const dialects = new WeakMap<object, Dialect>();

/** The dialect of a client made by createDb. */
export function dialectOf(db: Db): Dialect {
  const dialect = dialects.get(db);
  if (!dialect) throw new Error('dialectOf: this database client was not created by createDb');
  return dialect;
}

/** `postgresql://…` or `postgres://…` (anything else is taken for a SQLite `file:` URL). */
export function isPostgresUrl(databaseUrl: string): boolean {
  return /^postgres(ql)?:\/\//i.test(databaseUrl.trim());
}

/** `file:./x.db` → absolute path of the SQLite file (relative to the working directory). */
export function sqliteFilePath(databaseUrl: string): string {
  const file = databaseUrl.replace(/^file:/, '').replace(/\?.*$/, '');
  return path.resolve(file);
}

export async function createDb(databaseUrl: string): Promise<Db> {
  if (isPostgresUrl(databaseUrl)) {
    // Loaded on demand, so SQLite users never load pg or the second client.
    const [{ PrismaPg }, { PrismaClient: PrismaPgClient }] = await Promise.all([
      import('@prisma/adapter-pg'),
      import('../../generated/prisma-postgres/client.js'),
    ]);
    // A transaction waits for a pooled connection as long as a SQLite one may wait for the lock:
    // a burst (two instances taking a burst of reactions) queues more transactions than the pool
    // has connections, and Prisma's default 2 s gave up on them under load, losing the feedback
    // (test/integration/postgresPool.test.ts).
    const pgClient = new PrismaPgClient({
      adapter: new PrismaPg({ connectionString: databaseUrl.trim() }),
      transactionOptions: { maxWait: MAX_BUSY_WAIT_MS, timeout: 15_000 },
    });
    // The one cast: both clients are generated from the same models (schema.prisma with only the
    // provider swapped), so their model API is the same; the app is typed against the SQLite
    // client's `Db` so that nothing outside this file needs to know which database it talks to.
    const db = pgClient as unknown as Db;
    dialects.set(db, 'postgresql');
    return db;
  }
  // One connection, statements and transactions serialised, busy waits asynchronous: see
  // sqliteAdapter.ts. A transaction may wait for another process's lock as long as a statement.
  const db = new PrismaClient({
    adapter: sqliteAdapter(sqliteFilePath(databaseUrl)),
    transactionOptions: { maxWait: MAX_BUSY_WAIT_MS, timeout: 15_000 },
  });
  dialects.set(db, 'sqlite');
  // WAL lets readers (health checks, summaries) run beside the writer.
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await db.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  return db;
}

/** True when a query reaches the database (used by GET /healthz). `SELECT 1` is valid in both. */
export async function isDbReachable(db: Db): Promise<boolean> {
  try {
    await db.$queryRawUnsafe('SELECT 1');
    return true;
  } catch {
    return false;
  }
}
