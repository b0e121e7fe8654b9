// Explanations: which typed words pushed an area's score up. Each feature's contribution
// (value × weight) is shared among the tokens that produced it, then summed per word.
import type { AnalysedToken } from '../text/features.js';
import type { FeatureSpace } from './tfidf.js';
import type { LinearModel } from './logistic.js';
import type { SparseVector } from './sparse.js';

export interface TokenFeatureIndex {
  surfaces: string[];
  /** Per token, the feature ids it produced (with repeats). */
  featureIds: number[][];
  /** Feature id → its value in the need's vector and how many tokens produced it. */
  valueOf: Map<number, { value: number; producers: number }>;
}

export function indexTokens(tokens: readonly AnalysedToken[], space: FeatureSpace, vector: SparseVector): TokenFeatureIndex {
  const valueOf = new Map<number, { value: number; producers: number }>();
  for (let i = 0; i < vector.indices.length; i++) {
    valueOf.set(vector.indices[i] ?? 0, { value: vector.values[i] ?? 0, producers: 0 });
  }
  const surfaces: string[] = [];
  const featureIds: number[][] = [];
  for (const token of tokens) {
    const ids: number[] = [];
    for (const feature of token.features) {
      const id = space.featureId(feature);
      if (id === undefined) continue;
      ids.push(id);
      const entry = valueOf.get(id);
      if (entry !== undefined) entry.producers++;
    }
    surfaces.push(token.surface);
    featureIds.push(ids);
  }
  return { surfaces, featureIds, valueOf };
}

/** The words (as typed) that contributed most to `output`, strongest first; only positive contributions. */
export function topTerms(index: TokenFeatureIndex, model: LinearModel, output: number, limit: number): string[] {
  const byWord = new Map<string, number>();
  index.featureIds.forEach((ids, t) => {
    let contribution = 0;
    for (const id of ids) {
      const entry = index.valueOf.get(id);
      if (entry === undefined || entry.producers === 0) continue;
      contribution += (entry.value * model.weight(id, output)) / entry.producers;
    }
    const surface = index.surfaces[t] ?? '';
    byWord.set(surface, (byWord.get(surface) ?? 0) + contribution);
  });
  return [...byWord.entries()]
    .filter(([, contribution]) => contribution > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([surface]) => surface);
}
