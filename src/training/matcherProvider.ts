// Holds the current matcher, trained on the region pack's areas and phrases and the database's
// labelled examples. The matcher itself is pure; its training data is read here, through
// trainingRepository.ts.
import type { Db } from '../platform/db/client.js';
import { CORPUS_EXAMPLE_WEIGHT, FEEDBACK_EXAMPLE_WEIGHT, toAreaProfiles, toPhrases } from '../matching/index.js';
import type { TrainedMatcher } from '../matching/index.js';
import type { AreaSlug, LabelledExample, Matcher, TrainingData } from '../matching/types.js';
import type { RegionPack } from '../region/regionPack.js';
import { trainOffThread } from './trainOffThread.js';
import { exampleCountAndMaxId, exampleRows } from './trainingRepository.js';

/**
 * Which training data a model was trained on, cheaply compared: the number of examples and the
 * newest example id. Every change makes a new one (an example is rewritten as delete + create, a
 * withdrawn need's example is deleted), so another instance's feedback shows up as a new value.
 */
export type TrainingDataVersion = string;

const versionOf = (count: number, maxId: number | null): TrainingDataVersion => `${count}:${maxId ?? 0}`;

async function currentVersion(db: Db): Promise<TrainingDataVersion> {
  const { count, maxId } = await exampleCountAndMaxId(db);
  return versionOf(count, maxId);
}

/** What the region pack gives training: its areas (in its order: the model's outputs), its phrases and its background text. */
export type RegionTraining = Pick<TrainingData, 'areas' | 'phrases' | 'language' | 'background'>;

export function regionTraining(pack: Pick<RegionPack, 'areas' | 'phrases' | 'region' | 'background'>): RegionTraining {
  const phrases = toPhrases(pack.phrases);
  return {
    areas: toAreaProfiles(pack.areas),
    ...(phrases ? { phrases } : {}),
    ...(pack.region.language === 'en' ? { language: 'en' as const } : {}),
    ...(pack.background.length > 0 ? { background: pack.background } : {}),
  };
}

/** The pack's areas and phrases with the database's labelled examples (labels of areas no longer in the pack left out). */
export async function loadTrainingData(db: Db, region: RegionTraining): Promise<TrainingData & { version: TrainingDataVersion }> {
  const examples = await exampleRows(db);
  const known = new Set<AreaSlug>(region.areas.map((a) => a.slug));
  const labels = (e: (typeof examples)[number], positive: boolean) =>
    e.labels.filter((l) => l.positive === positive && known.has(l.areaSlug)).map((l) => l.areaSlug);
  return {
    version: versionOf(examples.length, examples.at(-1)?.id ?? null),
    ...region,
    examples: examples.map((e): LabelledExample => ({
      text: e.text,
      areas: labels(e, true),
      negativeAreas: labels(e, false),
      ...(e.source === 'feedback' ? { weight: FEEDBACK_EXAMPLE_WEIGHT } : e.source === 'corpus' ? { weight: CORPUS_EXAMPLE_WEIGHT } : {}),
    })),
  };
}

/** Turns training data into a matcher: trainOffThread (behind the matcher cache, matcherCache.ts), unless a caller (a test) brings its own. */
export type Trainer = (data: TrainingData) => Promise<TrainedMatcher>;

export class MatcherProvider {
  private matcher: Matcher;
  private trainedOn: TrainingDataVersion;
  private readonly train: Trainer;

  private constructor(
    matcher: Matcher,
    trainedOn: TrainingDataVersion,
    train: Trainer,
    private readonly region: RegionTraining,
  ) {
    this.matcher = matcher;
    this.trainedOn = trainedOn;
    this.train = train;
  }

  /**
   * Trains in a worker thread, at start-up too: training allocates a lot for a moment, and a
   * worker gives all of it back when it ends (on the main thread the process kept ~40 MB more
   * resident, measured).
   */
  static async create(db: Db, region: RegionTraining, train: Trainer = trainOffThread): Promise<MatcherProvider> {
    const { version, ...data } = await loadTrainingData(db, region);
    return new MatcherProvider(await train(data), version, train, region);
  }

  current(): Matcher {
    return this.matcher;
  }

  /**
   * Retrains from the database in a worker thread (acks keep flowing meanwhile) and swaps the
   * model in; a classification in flight keeps the model it started with.
   */
  async retrain(db: Db): Promise<Matcher> {
    const { version, ...data } = await loadTrainingData(db, this.region);
    this.matcher = await this.train(data);
    this.trainedOn = version;
    return this.matcher;
  }

  /**
   * Whether the training data changed since this model was trained: feedback that reached another
   * app instance on the same database (this instance's own changes ask for a retrain directly).
   */
  async isStale(db: Db): Promise<boolean> {
    return (await currentVersion(db)) !== this.trainedOn;
  }
}
