// Prisma client factory. The driver adapter is chosen by DATABASE_URL (SQLite file today).
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '../generated/prisma/client.js';

export type Db = InstanceType<typeof PrismaClient>;
/** The client inside `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/** `file:./x.db` → absolute path of the SQLite file (relative to the working directory). */
export function sqliteFilePath(databaseUrl: string): string {
  const file = databaseUrl.replace(/^file:/, '').replace(/\?.*$/, '');
  return path.resolve(file);
}

export async function createDb(databaseUrl: string): Promise<Db> {
  // timeout: wait for a writer lock instead of failing with SQLITE_BUSY under bursts.
  const adapter = new PrismaBetterSqlite3({ url: sqliteFilePath(databaseUrl), timeout: 5000 });
  const db = new PrismaClient({ adapter });
  // WAL lets readers (health checks, summaries) run beside the writer.
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await db.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  return db;
}

/** True when a query reaches the database (used by GET /healthz). */
export async function isDbReachable(db: Db): Promise<boolean> {
  try {
    await db.$queryRawUnsafe('SELECT 1');
    return true;
  } catch {
    return false;
  }
}
