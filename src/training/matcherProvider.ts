// Holds the current matcher, trained from the database's areas and labelled examples. The
// matcher itself is pure; its training data is read here, through trainingRepository.ts.
import type { Db } from '../platform/db/client.js';
import { FEEDBACK_EXAMPLE_WEIGHT } from '../matching/index.js';
import type { AreaSlug, LabelledExample, Matcher, TrainingData } from '../matching/types.js';
import { isAreaSlug } from '../needs/needAreas.js';
import { trainOffThread } from './trainOffThread.js';
import { areaRows, exampleCountAndMaxId, exampleRows } from './trainingRepository.js';

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

export async function loadTrainingData(db: Db): Promise<TrainingData & { version: TrainingDataVersion }> {
  const [areas, examples] = await Promise.all([areaRows(db), exampleRows(db)]);
  return {
    version: versionOf(examples.length, examples.at(-1)?.id ?? null),
    areas: areas
      .filter((a) => isAreaSlug(a.slug))
      .map((a) => ({
        slug: a.slug as AreaSlug,
        name: a.name,
        description: a.description,
        keywords: a.keywords.split('\n').filter(Boolean),
      })),
    examples: examples.map((e): LabelledExample => ({
      text: e.text,
      areas: e.labels.filter((l) => l.positive && isAreaSlug(l.areaSlug)).map((l) => l.areaSlug as AreaSlug),
      negativeAreas: e.labels.filter((l) => !l.positive && isAreaSlug(l.areaSlug)).map((l) => l.areaSlug as AreaSlug),
      ...(e.source === 'feedback' ? { weight: FEEDBACK_EXAMPLE_WEIGHT } : {}),
    })),
  };
}

/** Turns training data into a matcher: trainOffThread, unless a caller (a test) brings its own. */
export type Trainer = (data: TrainingData) => Promise<Matcher>;

export class MatcherProvider {
  private matcher: Matcher;
  private trainedOn: TrainingDataVersion;
  private readonly train: Trainer;

  private constructor(matcher: Matcher, trainedOn: TrainingDataVersion, train: Trainer) {
    this.matcher = matcher;
    this.trainedOn = trainedOn;
    this.train = train;
  }

  /**
   * Trains in a worker thread, at start-up too: training allocates a lot for a moment, and a
   * worker gives all of it back when it ends (on the main thread the process kept ~40 MB more
   * resident, measured).
   */
  static async create(db: Db, train: Trainer = trainOffThread): Promise<MatcherProvider> {
    const { version, ...data } = await loadTrainingData(db);
    return new MatcherProvider(await train(data), version, train);
  }

  current(): Matcher {
    return this.matcher;
  }

  /**
   * Retrains from the database in a worker thread (acks keep flowing meanwhile) and swaps the
   * model in; a classification in flight keeps the model it started with.
   */
  async retrain(db: Db): Promise<Matcher> {
    const { version, ...data } = await loadTrainingData(db);
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
