// Opening the database from an operator command: DATABASE_URL (from .env or the environment; no
// Slack credentials needed), made ready as `npm start` makes it — pending migrations applied, then
// the reference data (strength areas, municipalities, innovation environments, the shipped
// labelled needs) synced from the shipped files by the same syncReferenceData. So a command works on
// a fresh database before the bot has ever started. Beside a running app both are no-ops: nothing
// pending, every row already matches (the sync writes nothing then).
import { loadDatabaseUrl, loadRegionPackDir } from '../config.js';
import { createDb, type Db } from '../platform/db/client.js';
import { retryOnConflict } from '../platform/db/errors.js';
import { applyPendingMigrations } from '../platform/db/migrate.js';
import { syncReferenceData } from '../region/referenceDataRepository.js';
import { ensureSearchIndex } from '../needs/store/searchIndex.js';
import { loadSeedData, type RegionPack, type SeedData } from '../region/regionPack.js';

/** `regionPack`: its folder, or the pack a command has loaded already (read once). */
export async function openDatabase(databaseUrl: string = loadDatabaseUrl(), regionPack: string | RegionPack = loadRegionPackDir()): Promise<Db> {
  // The files first: a broken pack stops the command before the database is touched.
  const seed = typeof regionPack === 'string' ? loadSeedData(regionPack) : regionPack;
  await applyPendingMigrations(databaseUrl);
  const db = await createDb(databaseUrl);
  try {
    await seedReferenceData(db, seed);
  } catch (error) {
    await db.$disconnect();
    throw error;
  }
  return db;
}

/**
 * syncReferenceData, run again if it lost a race: on a fresh database another process (the bot
 * starting, a second command) may seed the same rows at the same moment, and one transaction
 * loses; the next attempt finds the rows there and writes nothing. Any other failure stops.
 */
async function seedReferenceData(db: Db, seed: SeedData): Promise<void> {
  await retryOnConflict(() => syncReferenceData(db, seed));
  // A migration that rebuilt the Need table dropped the search index's triggers (SQLite): needs this
  // command writes must be searchable before the bot's next start puts them back.
  await ensureSearchIndex(db);
}
