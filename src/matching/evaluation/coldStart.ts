// Cold start, measured: a region with no labelled needs. Three things to compare on the same
// held-out passages:
//   - the baseline: plain TF-IDF similarity of a need to each area's own text (name, description,
//     keywords, the pack's phrases), the best area when its cosine reaches SIMILARITY_THRESHOLD,
//     else "none";
//   - the matcher trained on the pack alone (areas, keywords, the pack's phrases), no labelled needs;
//   - the learning curve: the same after 25, 50, 100 corrections, labelled needs drawn at random
//     and added as people's feedback would add them (FEEDBACK_EXAMPLE_WEIGHT), averaged over draws.
// Pure: callers pass the pack's data and the passages.
import { DEFAULT_TFIDF, FeatureSpace, type TfidfOptions } from '../model/tfidf.js';
import { FEEDBACK_EXAMPLE_WEIGHT } from '../model/examples.js';
import type { SparseVector } from '../model/sparse.js';
import { trainMatcher, DEFAULT_CONFIG, type MatcherConfig } from '../matcher.js';
import { seededRandom, shuffled } from '../random.js';
import { DEFAULT_PIPELINE, TextAnalyser } from '../text/features.js';
import type { AreaSlug, LabelledExample, TrainingData } from '../types.js';
import { evaluate, predictionOf, type EvaluationReport, type Prediction } from './metrics.js';

/**
 * The baseline's shape, chosen once on Östergötland's labelled training needs (needs-train.jsonl),
 * never on a held-out set, and used for every pack: the strongest of four, macro-F1 on those needs
 * with the best "none" threshold of 0–0.30 — word stems 0.534, stems and the pack's phrases 0.606
 * (threshold 0.03, taken), stems and character n-grams 0.478, all three 0.587. The threshold is low:
 * a short need and a long area text share few words.
 */
export const SIMILARITY_THRESHOLD = 0.03;
/** Whether the baseline's vectors also hold character n-grams (as the matcher's do): no, measured above. */
export const BASELINE_NGRAMS = false;
/**
 * Every word of an area's text counts, however few areas use it. Since tfidf-lr-14 a trained model drops the features
 * of one training text (DEFAULT_TFIDF), and the baseline took that default with it until tfidf-lr-19: with one document
 * per area it kept only the words two areas share, and scored far lower (the second region's draft pack on its 62 passages 0.504 → 0.189).
 */
const BASELINE_TFIDF: TfidfOptions = { ...DEFAULT_TFIDF, minDocumentFrequency: 1 };

export interface Passage {
  text: string;
  /** Empty: none of the areas fits. */
  areas: readonly AreaSlug[];
}

function cosine(a: SparseVector, b: SparseVector): number {
  let dot = 0;
  let i = 0;
  let j = 0;
  while (i < a.indices.length && j < b.indices.length) {
    const x = a.indices[i] ?? 0;
    const y = b.indices[j] ?? 0;
    if (x === y) dot += (a.values[i++] ?? 0) * (b.values[j++] ?? 0);
    else if (x < y) i++;
    else j++;
  }
  const norm = (v: SparseVector) => Math.sqrt(v.values.reduce((s, x) => s + x * x, 0));
  const denominator = norm(a) * norm(b);
  return denominator === 0 ? 0 : dot / denominator;
}

/** The baseline classifier: one TF-IDF document per area, cosine to the passage. */
export function similarityBaseline(
  data: Pick<TrainingData, 'areas' | 'phrases' | 'language'>,
  threshold = SIMILARITY_THRESHOLD,
  ngrams = BASELINE_NGRAMS,
): (text: string) => Prediction['predicted'] {
  const { areas } = data;
  const language = data.language ?? 'sv';
  const analyser = new TextAnalyser({
    ...DEFAULT_PIPELINE,
    language,
    glosses: false,
    charNgrams: ngrams ? DEFAULT_PIPELINE.charNgrams : null,
    genericWords: false,
  });
  const documents = areas.map((a) => analyser.analyse([a.name, a.description, ...a.keywords, ...(data.phrases?.areas[a.slug] ?? [])].join('. ')));
  const space = FeatureSpace.fit(documents, BASELINE_TFIDF);
  const vectors = documents.map((d) => space.vectorise(d));
  return (text) => {
    const need = space.vectorise(analyser.analyse(text));
    let best = -1;
    let bestScore = -1;
    vectors.forEach((v, k) => {
      const score = cosine(need, v);
      if (score > bestScore) [best, bestScore] = [k, score];
    });
    const slug = areas[best]?.slug;
    return bestScore >= threshold && slug !== undefined ? [slug] : [];
  };
}

export function evaluateBaseline(
  data: Pick<TrainingData, 'areas' | 'phrases' | 'language'>,
  passages: readonly Passage[],
  threshold?: number,
  ngrams?: boolean,
): EvaluationReport {
  const predict = similarityBaseline(data, threshold, ngrams);
  return evaluate(
    passages.map((p) => ({ gold: p.areas, predicted: predict(p.text) })),
    data.areas.map((a) => a.slug),
  );
}

export interface CurvePoint {
  corrections: number;
  /** Averaged over the draws (one draw at 0). */
  macroF1: number;
  hitAt1: number;
  noneP: number;
  noneR: number;
  /** The report of the first draw (per class, confusion). */
  report: EvaluationReport;
}

/** Draw `draw` of `k` corrections from `pool`, weighted as people's feedback is (the learning curve's draws). */
export function drawCorrections<T extends object>(pool: readonly T[], k: number, draw: number, seed = 42): (T & { weight: number })[] {
  return shuffled([...pool], seededRandom(seed + draw))
    .slice(0, k)
    .map((e) => ({ ...e, weight: FEEDBACK_EXAMPLE_WEIGHT }));
}

/**
 * The matcher trained on the pack alone (`cold`: its examples are ignored), then with `steps`
 * corrections drawn from `corrections`, `draws` times each, every model scored on `passages`.
 */
export function learningCurve(input: {
  cold: TrainingData;
  corrections: readonly LabelledExample[];
  passages: readonly Passage[];
  steps?: readonly number[];
  draws?: number;
  seed?: number;
  config?: MatcherConfig;
}): CurvePoint[] {
  const { cold, corrections, passages } = input;
  const steps = (input.steps ?? [0, 25, 50, 100]).filter((k) => k <= corrections.length);
  const draws = input.draws ?? 3;
  const score = (examples: LabelledExample[]): EvaluationReport => {
    const matcher = trainMatcher({ ...cold, examples }, input.config ?? DEFAULT_CONFIG);
    return evaluate(
      passages.map((p) => predictionOf(p.areas, matcher.classify(p.text))),
      matcher.areas,
    );
  };
  return steps.map((k) => {
    const reports = k === 0 ? [score([])] : Array.from({ length: draws }, (_, d) => score(drawCorrections(corrections, k, d, input.seed)));
    const mean = (f: (r: EvaluationReport) => number) => reports.reduce((s, r) => s + f(r), 0) / reports.length;
    const first = reports[0];
    if (first === undefined) throw new Error('no report');
    return {
      corrections: k,
      macroF1: mean((r) => r.macroF1),
      hitAt1: mean((r) => r.hitAt1),
      noneP: mean((r) => r.abstention.precision),
      noneR: mean((r) => r.abstention.recall),
      report: first,
    };
  });
}
