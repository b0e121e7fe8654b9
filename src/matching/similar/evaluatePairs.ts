// How well "similar" separates needs about the same thing from the rest, on labelled pairs:
// precision and recall at a threshold, the sweep the threshold was chosen from, and a two-fold
// check (choose on one half, measure on the other) that says how much the choice flatters itself.
// Pure: pairs and texts in, figures out.
import { DEFAULT_SIMILARITY, SimilarityIndex, type SimilarityOptions } from './similarityIndex.js';

export interface LabelledPair {
  id: string;
  a: string;
  b: string;
  same: boolean;
  /** same | area (same area, another need) | unrelated */
  kind: string;
}

export interface ScoredPair extends LabelledPair {
  score: number;
}

export interface PrecisionRecall {
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

/**
 * Scores every pair by cosine, with idf over all texts of the pairs plus `background` (in the app
 * the idf comes from the stored needs and the shipped labelled needs, much like this).
 */
export function scorePairs(pairs: readonly LabelledPair[], background: readonly string[], options: SimilarityOptions = DEFAULT_SIMILARITY): ScoredPair[] {
  const index = new SimilarityIndex<string>(options);
  const texts = new Set<string>();
  for (const pair of pairs) texts.add(pair.a).add(pair.b);
  for (const text of background) if (!texts.has(text)) index.addBackground(text);
  let group = 0;
  for (const text of texts) index.upsert({ key: text, group: group++, text });
  return pairs.map((pair) => ({ ...pair, score: index.cosine(pair.a, pair.b) }));
}

export function precisionRecallAt(scored: readonly ScoredPair[], threshold: number): PrecisionRecall {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const pair of scored) {
    const said = pair.score >= threshold;
    if (said && pair.same) tp++;
    else if (said) fp++;
    else if (pair.same) fn++;
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { threshold, precision, recall, f1, truePositives: tp, falsePositives: fp, falseNegatives: fn };
}

/** Thresholds 0.05, 0.06 … 0.90. */
export function sweep(scored: readonly ScoredPair[]): PrecisionRecall[] {
  const out: PrecisionRecall[] = [];
  for (let step = 5; step <= 90; step++) out.push(precisionRecallAt(scored, step / 100));
  return out;
}

/** The threshold with the best F1 among those with precision ≥ minPrecision (ties: the higher one). */
export function chooseThreshold(scored: readonly ScoredPair[], minPrecision = 0.8): PrecisionRecall | null {
  let best: PrecisionRecall | null = null;
  for (const point of sweep(scored)) {
    if (point.precision < minPrecision || point.truePositives === 0) continue;
    if (!best || point.f1 >= best.f1) best = point;
  }
  return best;
}

/**
 * The rule the app's threshold follows: the best F1 among thresholds whose precision is at least
 * minPrecision on all pairs AND on each half (even- and odd-numbered pairs), so that the choice
 * does not rest on a precision reached by one lucky pair (ties: the higher threshold).
 */
export function chooseStableThreshold(scored: readonly ScoredPair[], minPrecision = 0.8): PrecisionRecall | null {
  const halves = [scored.filter((_, i) => i % 2 === 0), scored.filter((_, i) => i % 2 === 1)];
  let best: PrecisionRecall | null = null;
  for (const point of sweep(scored)) {
    if (point.precision < minPrecision || point.truePositives === 0) continue;
    if (halves.some((half) => precisionRecallAt(half, point.threshold).precision < minPrecision)) continue;
    if (!best || point.f1 >= best.f1) best = point;
  }
  return best;
}

/** Chooses on the even-numbered pairs and measures on the odd ones, and the other way round. */
export function twoFold(scored: readonly ScoredPair[], minPrecision = 0.8): { chosen: number | null; measured: PrecisionRecall }[] {
  const halves = [scored.filter((_, i) => i % 2 === 0), scored.filter((_, i) => i % 2 === 1)];
  return [0, 1].map((k) => {
    const chosen = chooseThreshold(halves[k]!, minPrecision);
    return { chosen: chosen?.threshold ?? null, measured: precisionRecallAt(halves[1 - k]!, chosen?.threshold ?? 1) };
  });
}
