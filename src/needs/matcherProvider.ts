// Holds the current matcher, trained from the database's areas and labelled examples. The
// matcher itself is pure; this is where its training data is read.
import type { Db } from '../db/client.js';
import { FEEDBACK_EXAMPLE_WEIGHT } from '../matching/index.js';
import type { AreaSlug, LabelledExample, Matcher, TrainingData } from '../matching/types.js';
import { isAreaSlug } from './needAreas.js';
import { trainOffThread } from './trainOffThread.js';

export async function loadTrainingData(db: Db): Promise<TrainingData> {
  const [areas, examples] = await Promise.all([
    db.strengthArea.findMany({ orderBy: { slug: 'asc' } }),
    db.trainingExample.findMany({ include: { labels: true }, orderBy: { id: 'asc' } }),
  ]);
  return {
    areas: areas.filter((a) => isAreaSlug(a.slug)).map((a) => ({
      slug: a.slug as AreaSlug,
      name: a.name,
      description: a.description,
      keywords: a.keywords.split('\n').filter(Boolean),
    })),
    examples: examples.map(
      (e): LabelledExample => ({
        text: e.text,
        areas: e.labels.filter((l) => l.positive && isAreaSlug(l.areaSlug)).map((l) => l.areaSlug as AreaSlug),
        negativeAreas: e.labels.filter((l) => !l.positive && isAreaSlug(l.areaSlug)).map((l) => l.areaSlug as AreaSlug),
        ...(e.source === 'feedback' ? { weight: FEEDBACK_EXAMPLE_WEIGHT } : {}),
      }),
    ),
  };
}

export class MatcherProvider {
  private matcher: Matcher;

  private constructor(matcher: Matcher) {
    this.matcher = matcher;
  }

  /**
   * Trains in a worker thread, at start-up too: training allocates a lot for a moment, and a
   * worker gives all of it back when it ends (on the main thread the process kept ~40 MB more
   * resident, measured).
   */
  static async create(db: Db): Promise<MatcherProvider> {
    return new MatcherProvider(await trainOffThread(await loadTrainingData(db)));
  }

  current(): Matcher {
    return this.matcher;
  }

  /**
   * Retrains from the database in a worker thread (acks keep flowing meanwhile) and swaps the
   * model in; a classification in flight keeps the model it started with.
   */
  async retrain(db: Db): Promise<Matcher> {
    this.matcher = await trainOffThread(await loadTrainingData(db));
    return this.matcher;
  }
}
