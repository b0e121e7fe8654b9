// Test databases and matchers made once per `vitest run`, not once per test.
//
// Migrating a new SQLite file (the wasm schema engine, 14 migrations) takes about half a second
// and seeding it (areas, environments, municipalities, the labelled needs) about as long; training
// the matcher in a worker thread takes a second or two. Every app a test starts did all three. Now
// test/support/globalSetup.ts migrates one template file and seeds a copy of it, and each test
// copies the file it needs: the same bytes `applyPendingMigrations` (and `syncReferenceData`)
// would have written, so the app finds it up to date and writes nothing, as on any restart. And the
// app's matcher is trained once per distinct training data for the whole run (trainOnce); a
// retrain after feedback has other data and trains for real.
//
// Outside vitest (the benchmarks run with tsx) the templates are made on first use, per process.
import { createHash } from 'node:crypto';
import { constants, copyFileSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import Database from 'better-sqlite3';
import { createDb } from '../../src/platform/db/client.js';
import { applyPendingMigrations } from '../../src/platform/db/migrate.js';
import { syncReferenceData } from '../../src/region/referenceDataRepository.js';
import { matcherFromSnapshot, snapshotMatcher, type MatcherSnapshot, type TrainedMatcher } from '../../src/matching/index.js';
import type { TrainingData } from '../../src/matching/types.js';
import { trainOffThread } from '../../src/training/trainOffThread.js';
import { loadSeedData } from '../../src/region/regionPack.js';

/** Set by globalSetup for the test workers: the folder holding the templates and trained matchers. */
export const TEMPLATES_ENV = 'BEHOVSBRYGGAN_TEST_TEMPLATES';

const MIGRATED = 'migrated.db';
const SEEDED = 'seeded.db';

/** Writes migrated.db (every migration applied) and seeded.db (that, plus the reference data and labelled needs) into `dir`. */
export async function buildTemplates(dir: string): Promise<void> {
  const migrated = path.join(dir, MIGRATED);
  await applyPendingMigrations(`file:${migrated}`);
  settle(migrated);
  const seeded = path.join(dir, SEEDED);
  copyFileSync(migrated, seeded);
  const db = await createDb(`file:${seeded}`);
  try {
    await syncReferenceData(db, loadSeedData());
  } finally {
    await db.$disconnect();
  }
  settle(seeded);
}

/** Back to a single self-contained file, in the journal mode a new file has: no -wal beside it to copy. */
function settle(file: string): void {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

let ownTemplates: Promise<string> | null = null;

async function templatesDir(): Promise<string> {
  const shared = process.env[TEMPLATES_ENV];
  if (shared) return shared;
  ownTemplates ??= (async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'behovsbryggan-templates-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    await buildTemplates(dir);
    return dir;
  })();
  return ownTemplates;
}

/** Makes the new file `file` a migrated, empty database, as `applyPendingMigrations` on a new file does. Refuses to overwrite a file. */
export async function migratedSqliteFile(file: string): Promise<void> {
  copyFileSync(path.join(await templatesDir(), MIGRATED), file, constants.COPYFILE_EXCL);
}

/** Makes the new file `file` a migrated database with the shipped reference data and labelled needs, as the app's first start leaves it. Refuses to overwrite a file. */
export async function seededSqliteFile(file: string): Promise<void> {
  copyFileSync(path.join(await templatesDir(), SEEDED), file, constants.COPYFILE_EXCL);
}

const trained = new Map<string, Promise<MatcherSnapshot>>();

/**
 * The app's trainer (trainOffThread) with a memory: a matcher for training data seen before in this
 * run is restored from its snapshot (what trainOffThread itself does with the worker's answer)
 * instead of trained again. Snapshots are shared between the test workers through files, so the
 * shipped data is trained once per run. Each call returns a matcher of its own.
 */
export async function trainOnce(data: TrainingData): Promise<TrainedMatcher> {
  const key = createHash('sha256').update(JSON.stringify(data)).digest('hex');
  let snapshot = trained.get(key);
  if (!snapshot) {
    snapshot = (async () => {
      const file = path.join(await templatesDir(), `matcher-${key}.v8`);
      if (existsSync(file)) return deserialize(readFileSync(file)) as MatcherSnapshot;
      const fresh = snapshotMatcher(await trainOffThread(data));
      const partial = `${file}.${process.pid}.partial`;
      writeFileSync(partial, serialize(fresh));
      renameSync(partial, file);
      return fresh;
    })();
    trained.set(key, snapshot);
    snapshot.catch(() => trained.delete(key));
  }
  // A copy each time: a matcher takes over its snapshot's arrays.
  return matcherFromSnapshot(structuredClone(await snapshot));
}
