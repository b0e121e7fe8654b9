// Multi-label evaluation over six classes (five areas + "none"). A need's predicted set is
// its suggested areas, or {none} when the matcher abstains; gold "none" is an empty label list.
import type { AreaSlug, Classification } from '../types.js';

/** An area's slug, or "none". */
export type EvalClass = string;

/** The classes scored: the region's areas, then "none". */
export const classesOf = (slugs: readonly AreaSlug[]): EvalClass[] => [...slugs, 'none'];

export interface Prediction {
  gold: readonly AreaSlug[];
  /** Predicted set; empty = abstain (none). */
  predicted: readonly AreaSlug[];
}

export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface EvaluationReport {
  /** The classes scored, in order: the region's areas, then "none". */
  classes: EvalClass[];
  count: number;
  hitAt1: number;
  macroF1: number;
  perClass: Record<EvalClass, ClassMetrics>;
  /** confusion[gold][top prediction]: each gold label of a need against its top prediction. */
  confusion: Record<EvalClass, Record<EvalClass, number>>;
  abstention: { precision: number; recall: number; rate: number };
}

export function predictionOf(gold: readonly AreaSlug[], classification: Classification): Prediction {
  return { gold, predicted: classification.abstain ? [] : classification.suggested.map((s) => s.slug) };
}

const asClasses = (labels: readonly AreaSlug[]): EvalClass[] => (labels.length === 0 ? ['none'] : [...labels]);

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

export function evaluate(predictions: readonly Prediction[], slugs: readonly AreaSlug[]): EvaluationReport {
  const CLASSES = classesOf(slugs);
  const counts = new Map<EvalClass, { tp: number; fp: number; fn: number; support: number }>(CLASSES.map((c) => [c, { tp: 0, fp: 0, fn: 0, support: 0 }]));
  const confusion = Object.fromEntries(CLASSES.map((g) => [g, Object.fromEntries(CLASSES.map((p) => [p, 0]))])) as Record<EvalClass, Record<EvalClass, number>>;
  let hits = 0;
  for (const { gold, predicted } of predictions) {
    const goldSet = new Set(asClasses(gold));
    const predictedSet = new Set(asClasses(predicted));
    const top = asClasses(predicted)[0] ?? 'none';
    if (goldSet.has(top)) hits++;
    for (const c of CLASSES) {
      const entry = counts.get(c);
      if (entry === undefined) continue;
      if (goldSet.has(c)) entry.support++;
      if (goldSet.has(c) && predictedSet.has(c)) entry.tp++;
      else if (predictedSet.has(c)) entry.fp++;
      else if (goldSet.has(c)) entry.fn++;
    }
    for (const g of goldSet) {
      const row = confusion[g];
      if (row) row[top] = (row[top] ?? 0) + 1;
    }
  }
  const perClass = Object.fromEntries(
    CLASSES.map((c) => {
      const { tp, fp, fn, support } = counts.get(c) ?? { tp: 0, fp: 0, fn: 0, support: 0 };
      const precision = ratio(tp, tp + fp);
      const recall = ratio(tp, tp + fn);
      return [c, { precision, recall, f1: ratio(2 * precision * recall, precision + recall), support }];
    }),
  ) as Record<EvalClass, ClassMetrics>;
  const abstained = predictions.filter((p) => p.predicted.length === 0);
  const goldNone = predictions.filter((p) => p.gold.length === 0);
  return {
    classes: CLASSES,
    count: predictions.length,
    hitAt1: ratio(hits, predictions.length),
    macroF1: CLASSES.reduce((sum, c) => sum + (perClass[c]?.f1 ?? 0), 0) / CLASSES.length,
    perClass,
    confusion,
    abstention: {
      precision: ratio(abstained.filter((p) => p.gold.length === 0).length, abstained.length),
      recall: ratio(goldNone.filter((p) => p.predicted.length === 0).length, goldNone.length),
      rate: ratio(abstained.length, predictions.length),
    },
  };
}
