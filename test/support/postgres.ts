// Opt-in PostgreSQL for tests: TEST_POSTGRES_URL names a server where the user may create
// databases (CI: the machine's own, trust auth). Each suite gets a throwaway database, migrated
// and seeded like the app's, and drops it afterwards.
import { randomBytes } from 'node:crypto';
import { createDb } from '../../src/platform/db/client.js';
import { applyPendingMigrations } from '../../src/platform/db/migrate.js';
import { syncReferenceData } from '../../src/region/referenceDataRepository.js';
import { loadSeedData } from '../../src/region/regionPack.js';
import { createTestDb, type TestDb } from './testDb.js';

export const postgresUrl = process.env.TEST_POSTGRES_URL;

export interface ThrowawayDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database on the TEST_POSTGRES_URL server (the user needs CREATEDB). */
export async function createThrowawayDatabase(): Promise<ThrowawayDatabase> {
  if (!postgresUrl) throw new Error('TEST_POSTGRES_URL is not set');
  const { PrismaPg } = await import('@prisma/adapter-pg');
  const admin = await new PrismaPg({ connectionString: postgresUrl }).connect();
  const name = `behovsbryggan_test_${randomBytes(6).toString('hex')}`;
  try {
    await admin.executeScript(`CREATE DATABASE "${name}"`);
  } catch (error) {
    await admin.dispose();
    throw error;
  }
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      try {
        await admin.executeScript(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await admin.dispose();
      }
    },
  };
}

/** The database at `url` migrated and seeded, as the summary fixtures' TestDb (close disconnects). */
async function migratedTestDb(url: string): Promise<TestDb> {
  await applyPendingMigrations(url);
  const db = await createDb(url);
  await syncReferenceData(db, loadSeedData());
  return { db, url, dir: '', municipalityIds: new Map((await db.municipality.findMany()).map((m) => [m.name, m.id])), close: () => db.$disconnect() };
}

/** A throwaway PostgreSQL database, migrated and seeded; close() disconnects and drops it. */
export async function createPostgresTestDb(): Promise<TestDb> {
  const database = await createThrowawayDatabase();
  try {
    const t = await migratedTestDb(database.url);
    return {
      ...t,
      close: async () => {
        try {
          await t.db.$disconnect();
        } finally {
          await database.drop();
        }
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

/** The databases a store test runs on, for describe.each: a SQLite file, and PostgreSQL when TEST_POSTGRES_URL is set. */
export const testDatabases: [string, () => Promise<TestDb>][] = [
  ['SQLite', () => createTestDb()],
  ...(postgresUrl ? [['PostgreSQL', createPostgresTestDb] as [string, () => Promise<TestDb>]] : []),
];
