// Turns calibrated per-area probabilities into the suggestion: the best area, a second one
// when it is close, or abstention ("Ingen tydlig matchning"). Thresholds were chosen by
// repeated cross-validation on the shipped labelled needs (5 × 5 folds; the optimum is a
// broad plateau: macro-F1 0.89–0.90 for abstainBelow 0.2–0.3, secondAtLeast 0.2–0.6);
// `npm run cli -- eval --sweep` shows the abstention trade-off.
export interface DecisionOptions {
  /** Abstain when the best area's probability is below this. */
  abstainBelow: number;
  /** Abstain when the "none" output exceeds the best area's probability times this. */
  noneOverBest: number;
  /** A second area is suggested when its probability is at least this… */
  secondAtLeast: number;
  /** …and at least this fraction of the best. */
  secondRatio: number;
}

export const DEFAULT_DECISION: DecisionOptions = {
  abstainBelow: 0.2,
  noneOverBest: 1,
  secondAtLeast: 0.2,
  secondRatio: 0.5,
};

export interface Decision {
  abstain: boolean;
  /** Indices into the ranked list: 0, or 0 and 1; empty when abstaining. */
  suggestedCount: 0 | 1 | 2;
}

export function decide(rankedProbabilities: readonly number[], noneProbability: number, options: DecisionOptions): Decision {
  const best = rankedProbabilities[0] ?? 0;
  const second = rankedProbabilities[1] ?? 0;
  if (best < options.abstainBelow || noneProbability > best * options.noneOverBest) {
    return { abstain: true, suggestedCount: 0 };
  }
  const withSecond = second >= options.secondAtLeast && second >= best * options.secondRatio;
  return { abstain: false, suggestedCount: withSecond ? 2 : 1 };
}
