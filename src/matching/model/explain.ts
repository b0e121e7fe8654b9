// Explanations: which typed words pushed an area's score up. Each feature's contribution
// (value × weight) is shared among the occurrences that produced it, then summed per word.
// All outputs are done in one pass over the need's features.
import type { SparseVector } from './sparse.js';
import type { LinearModel } from './logistic.js';

const MIN_SHARE_OF_STRONGEST = 0.25;

/** A need as the model saw it: its words as typed, each word's feature ids, and its vector. */
export interface ExplainInput {
  surfaces: readonly string[];
  /** `idsPerToken[t]` are the feature ids of token t. */
  idsPerToken: readonly number[][];
  vector: SparseVector;
  /** `counts[slot]` is how often the feature in `vector`'s slot occurred. */
  counts: Int32Array;
}

export interface Explanation {
  /** For each output, the words (as typed) with the largest positive contribution, strongest first. */
  terms: string[][];
  /**
   * For each output, how much the need's own words speak for it: the sum of the positive word
   * contributions (raw log-odds, before calibration). Low for a need whose words are only generic
   * prose, however its probabilities came out (decision.ts abstains below a minimum).
   */
  evidence: number[];
}

/** Both from one pass over the need's words, for the first `outputs` outputs; at most `limit` terms each. */
export function explainOutputs(input: ExplainInput, model: LinearModel, outputs: number, limit: number): Explanation {
  const words = [...contributionsByWord(input, model, outputs).entries()];
  const evidence = new Array<number>(outputs).fill(0);
  for (const [, sums] of words) for (let k = 0; k < outputs; k++) if (sums[k]! > 0) evidence[k]! += sums[k]!;
  const terms = Array.from({ length: outputs }, (_, k) => {
    const ranked = words.filter(([, sums]) => sums[k]! > 0).sort((a, b) => b[1][k]! - a[1][k]! || a[0].localeCompare(b[0]));
    // Words far weaker than the strongest ("nya", "använda") explain nothing to a reader.
    const floor = (ranked[0]?.[1][k] ?? 0) * MIN_SHARE_OF_STRONGEST;
    return ranked
      .filter(([, sums]) => sums[k]! >= floor)
      .slice(0, limit)
      .map(([surface]) => surface);
  });
  return { terms, evidence };
}

/** Each typed word's summed contribution (value × weight, shared among occurrences) to each of the first `outputs` outputs. */
function contributionsByWord({ surfaces, idsPerToken, vector, counts }: ExplainInput, model: LinearModel, outputs: number): Map<string, Float64Array> {
  const K = model.outputs;
  const slotOf = new Map<number, number>();
  vector.indices.forEach((id, slot) => slotOf.set(id, slot));
  const byWord = new Map<string, Float64Array>();
  idsPerToken.forEach((ids, t) => {
    const surface = surfaces[t] ?? '';
    let sums = byWord.get(surface);
    if (sums === undefined) {
      sums = new Float64Array(outputs);
      byWord.set(surface, sums);
    }
    for (const id of ids) {
      const slot = slotOf.get(id);
      if (slot === undefined) continue;
      const share = vector.values[slot]! / counts[slot]!;
      const base = id * K;
      for (let k = 0; k < outputs; k++) sums[k]! += share * model.weights[base + k]!;
    }
  });
  return byWord;
}
