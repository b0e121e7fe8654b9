// Reliability of the calibrated area scores: within each score band, how often the area was
// in fact a gold label. A well-calibrated matcher has "actual" close to "mean score".
import type { AreaSlug } from '../types.js';
import type { OutOfFold } from './crossValidate.js';

export interface ReliabilityBin {
  from: number;
  to: number;
  count: number;
  meanScore: number;
  actual: number;
}

export function reliability(
  outOfFold: readonly OutOfFold[],
  slugs: readonly AreaSlug[],
  edges: readonly number[] = [0, 0.1, 0.3, 0.5, 0.7, 0.9, 1],
): ReliabilityBin[] {
  const bins = edges.slice(1).map((to, i) => ({ from: edges[i] ?? 0, to, count: 0, scoreSum: 0, hits: 0 }));
  for (const { gold, areas } of outOfFold) {
    slugs.forEach((slug, k) => {
      const score = areas[k] ?? 0;
      const bin = bins.find((b, i) => score >= b.from && (score < b.to || i === bins.length - 1));
      if (bin === undefined) return;
      bin.count++;
      bin.scoreSum += score;
      if (gold.includes(slug)) bin.hits++;
    });
  }
  return bins.map(({ from, to, count, scoreSum, hits }) => ({
    from,
    to,
    count,
    meanScore: count === 0 ? 0 : scoreSum / count,
    actual: count === 0 ? 0 : hits / count,
  }));
}
