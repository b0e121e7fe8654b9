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
  /**
   * Abstain when the need's words give the best area less evidence than this (explain.ts
   * explainOutputs: summed positive word contributions, raw log-odds); 0 = off. Catches
   * long texts of generic prose ("budget", "exempel", "skolan") whose many faint weights add up to
   * a confident-looking probability. Measured (macro-F1, 5 × 5-fold CV / 150 out-of-style public
   * passages): off 0.898 / 0.768; 0.3 0.898 / 0.768; 0.35 0.900 / 0.773; 0.4–0.5 0.901 / 0.773–0.778;
   * 0.6 0.894 / 0.767; 0.8 0.892 / 0.752; 1.0 0.854 / 0.682. Chosen: the middle of the CV plateau.
   */
  abstainBelowEvidence: number;
}

export const DEFAULT_DECISION: DecisionOptions = {
  abstainBelow: 0.2,
  noneOverBest: 1,
  secondAtLeast: 0.2,
  secondRatio: 0.5,
  abstainBelowEvidence: 0.45,
};

export interface Decision {
  abstain: boolean;
  /** Indices into the ranked list: 0, or 0 and 1; empty when abstaining. */
  suggestedCount: 0 | 1 | 2;
}

/** `bestEvidence`: the best area's evidence (see abstainBelowEvidence); omitted, it does not count. */
export function decide(rankedProbabilities: readonly number[], noneProbability: number, options: DecisionOptions, bestEvidence = Infinity): Decision {
  const best = rankedProbabilities[0] ?? 0;
  const second = rankedProbabilities[1] ?? 0;
  if (best < options.abstainBelow || noneProbability > best * options.noneOverBest || bestEvidence < options.abstainBelowEvidence) {
    return { abstain: true, suggestedCount: 0 };
  }
  const withSecond = second >= options.secondAtLeast && second >= best * options.secondRatio;
  return { abstain: false, suggestedCount: withSecond ? 2 : 1 };
}
