// Which data `classify` and `eval` train on: the same as the running bot — the database's labelled
// examples, feedback included — when there is a database; the region pack's files otherwise, or with
// --seed-only. Says which, and which model version came out, so a figure is never mistaken for
// another model's.
import { existsSync } from 'node:fs';
import { loadDatabaseUrl } from '../config.js';
import { isPostgresUrl, sqliteFilePath } from '../platform/db/client.js';
import { toTrainingData, type TrainingData } from '../matching/index.js';
import { loadTrainingData, regionTraining } from './matcherProvider.js';
import { countFeedbackExamples } from './trainingRepository.js';
import { loadSeedData, type SeedData } from '../region/regionPack.js';
import { loadRegionPackDir } from '../config.js';
import { openDatabase } from '../cli/database.js';

export interface TrainingSource {
  data: TrainingData;
  /** The region pack (areas, labelled needs, phrases), also when training came from the database. */
  seed: SeedData;
  /** Where the examples came from, for the operator: "the database file:./behovsbryggan.db (…)". */
  description: string;
  fromDatabase: boolean;
}

export interface TrainingSourceOptions {
  seedOnly: boolean;
  seedDir?: string;
  /** DATABASE_URL (tests pass their own); null: no database configured. */
  databaseUrl?: () => string | null;
}

export async function loadTrainingSource(options: TrainingSourceOptions): Promise<TrainingSource> {
  const seed = loadSeedData(options.seedDir ?? loadRegionPackDir());
  const fromSeed = (why: string): TrainingSource => ({
    data: toTrainingData(seed),
    seed,
    description: `the region pack of ${seed.region.name} (${seed.labelledNeeds.length} labelled needs${seed.corpus.length > 0 ? `, ${seed.corpus.length} real passages` : ''}${why})`,
    fromDatabase: false,
  });
  if (options.seedOnly) return fromSeed('; --seed-only');
  const url = (options.databaseUrl ?? loadDatabaseUrl)();
  if (url === null) return fromSeed('; no database configured');
  // A SQLite file that does not exist yet is no database to read: do not create one.
  if (!isPostgresUrl(url) && !existsSync(sqliteFilePath(url))) return fromSeed(`; no database at ${url} yet`);
  const db = await openDatabase(url, seed.dir);
  try {
    const data = await loadTrainingData(db, regionTraining(seed));
    const feedback = await countFeedbackExamples(db);
    if (data.areas.length === 0 || data.examples.length === 0) return fromSeed(`; the database at ${url} has no training data yet`);
    return {
      data,
      seed,
      description: `the database ${isPostgresUrl(url) ? '(PostgreSQL)' : url} (${data.examples.length} examples, ${feedback} from feedback), as the bot does`,
      fromDatabase: true,
    };
  } finally {
    await db.$disconnect();
  }
}
