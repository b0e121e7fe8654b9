// Evaluation over six classes (five areas + "none"). A need's prediction is its top suggested area,
// or "none" when the matcher abstains; it is right when it is any of the gold areas (gold "none" is
// an empty label list). That is the rule of issue 20's targets and of the scikit-learn anchor
// (scripts/anchor.py), which names one class per text. Until tfidf-lr-15 the per-class figures and
// macro-F1 counted the second suggested area as well (both areas a need is posted to): a rule the
// anchor was not scored by. It is kept beside, as `macroF1BothAreas`.
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
  /** Over the classes, each need scored by its top prediction (the anchor's rule). */
  macroF1: number;
  /** The same with every suggested area counted (a second area too: each channel a need is posted to). */
  macroF1BothAreas: number;
  /** Each class scored by the top predictions. */
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

/** True and false positives and negatives per class, over needs added one at a time. */
class ClassCounts {
  private readonly counts: Map<EvalClass, { tp: number; fp: number; fn: number; support: number }>;

  constructor(private readonly classes: readonly EvalClass[]) {
    this.counts = new Map(classes.map((c) => [c, { tp: 0, fp: 0, fn: 0, support: 0 }]));
  }

  add(gold: ReadonlySet<EvalClass>, predicted: ReadonlySet<EvalClass>): void {
    for (const [c, entry] of this.counts) {
      if (gold.has(c)) entry.support++;
      if (gold.has(c) && predicted.has(c)) entry.tp++;
      else if (predicted.has(c)) entry.fp++;
      else if (gold.has(c)) entry.fn++;
    }
  }

  perClass(): Record<EvalClass, ClassMetrics> {
    return Object.fromEntries(
      this.classes.map((c) => {
        const { tp, fp, fn, support } = this.counts.get(c) ?? { tp: 0, fp: 0, fn: 0, support: 0 };
        const precision = ratio(tp, tp + fp);
        const recall = ratio(tp, tp + fn);
        return [c, { precision, recall, f1: ratio(2 * precision * recall, precision + recall), support }];
      }),
    );
  }
}

const macroOf = (perClass: Record<EvalClass, ClassMetrics>, classes: readonly EvalClass[]): number =>
  classes.reduce((sum, c) => sum + (perClass[c]?.f1 ?? 0), 0) / classes.length;

export function evaluate(predictions: readonly Prediction[], slugs: readonly AreaSlug[]): EvaluationReport {
  const CLASSES = classesOf(slugs);
  const byTop = new ClassCounts(CLASSES);
  const byEveryArea = new ClassCounts(CLASSES);
  const confusion = Object.fromEntries(CLASSES.map((g) => [g, Object.fromEntries(CLASSES.map((p) => [p, 0]))])) as Record<EvalClass, Record<EvalClass, number>>;
  let hits = 0;
  for (const { gold, predicted } of predictions) {
    const goldSet = new Set(asClasses(gold));
    const top = asClasses(predicted)[0] ?? 'none';
    if (goldSet.has(top)) hits++;
    byTop.add(goldSet, new Set([top]));
    byEveryArea.add(goldSet, new Set(asClasses(predicted)));
    for (const g of goldSet) {
      const row = confusion[g];
      if (row) row[top] = (row[top] ?? 0) + 1;
    }
  }
  const perClass = byTop.perClass();
  const abstained = predictions.filter((p) => p.predicted.length === 0);
  const goldNone = predictions.filter((p) => p.gold.length === 0);
  return {
    classes: CLASSES,
    count: predictions.length,
    hitAt1: ratio(hits, predictions.length),
    macroF1: macroOf(perClass, CLASSES),
    macroF1BothAreas: macroOf(byEveryArea.perClass(), CLASSES),
    perClass,
    confusion,
    abstention: {
      precision: ratio(abstained.filter((p) => p.gold.length === 0).length, abstained.length),
      recall: ratio(goldNone.filter((p) => p.predicted.length === 0).length, goldNone.length),
      rate: ratio(abstained.length, predictions.length),
    },
  };
}
