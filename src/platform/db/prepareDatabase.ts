// The database as the app needs it at start: migrated, opened, the region's reference data synced
// from the shipped files (labelled needs seeded once), and the search terms and index up to date.
import type { Logger } from '../../logger.js';
import { searchIndexText } from '../../matching/index.js';
import { ensureSearchIndex, fillMissingSearchText } from '../../needs/store/searchIndex.js';
import { syncChangedAnything, syncReferenceData } from '../../region/referenceDataRepository.js';
import type { RegionPack } from '../../region/regionPack.js';
import { createDb, type Db } from './client.js';
import { retryOnConflict } from './errors.js';
import { applyPendingMigrations } from './migrate.js';

/** The open database, and the migrations this build ships (the health check compares them). */
export async function prepareDatabase(databaseUrl: string, pack: RegionPack, logger: Logger): Promise<{ db: Db; shipped: string[] }> {
  const { applied, shipped } = await applyPendingMigrations(databaseUrl, { logger });
  if (applied.length > 0) logger.info({ applied }, 'database migrations applied');
  const db = await createDb(databaseUrl);
  // Reference data follows the shipped files on every start; labelled needs are seeded once. Two
  // instances starting at once on an empty database both seed: the one that loses a race on a row
  // runs the sync again, finds the rows there and writes nothing.
  const synced = await retryOnConflict(() => syncReferenceData(db, pack));
  if (syncChangedAnything(synced)) logger.info({ seeded: synced.created, synced: synced.updated }, 'reference data seeded/synced');
  for (const { slug, needs } of synced.retiredAreas) {
    logger.warn(
      { area: slug, needs },
      'strength area no longer in the region pack: retired (kept for the needs tagged with it and their history; they are not routed to it again, and "Byt styrkeområde" moves them)',
    );
  }
  if (synced.unlistedEnvironments.length > 0) {
    logger.warn({ environments: synced.unlistedEnvironments }, 'environments in the database but no longer in the seed file (kept)');
  }
  // Search: needs recorded before it existed get their terms, then the index follows Need.
  const filled = await fillMissingSearchText(db, searchIndexText);
  // PostgreSQL's CREATE INDEX IF NOT EXISTS is no guard against another instance creating it at the same moment.
  const index = await retryOnConflict(() => ensureSearchIndex(db));
  if (filled > 0 || index.rebuilt) logger.info({ filled, rebuilt: index.rebuilt }, 'search index brought up to date');
  return { db, shipped };
}
