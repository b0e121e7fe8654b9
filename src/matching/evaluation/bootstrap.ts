// How sure a difference in macro-F1 between two models on one set is: a paired bootstrap. The set's
// texts are drawn with replacement, both models' predictions on each drawn text kept together, and
// the difference recomputed on each draw; the middle 95 % of the draws is the interval. A set of
// about 155 texts cannot tell apart models a few hundredths apart, and this says so in numbers.
import { evaluate, type Prediction } from './metrics.js';
import { seededRandom } from '../random.js';
import type { AreaSlug } from '../types.js';
import { required } from '../../required.js';

export interface PairedDifference {
  /** macroF1(a) − macroF1(b) on the set itself. */
  difference: number;
  /** The 2.5th and 97.5th percentiles of the difference over the resamples. */
  low: number;
  high: number;
  resamples: number;
}

/** `a` and `b` hold the two models' predictions on the same texts, in the same order (the same gold). */
export function pairedBootstrap(
  a: readonly Prediction[],
  b: readonly Prediction[],
  slugs: readonly AreaSlug[],
  { resamples = 1000, seed = 1 }: { resamples?: number; seed?: number } = {},
): PairedDifference {
  if (a.length !== b.length || a.length === 0) throw new RangeError(`paired predictions of the same texts: ${a.length} against ${b.length}`);
  const macro = (p: readonly Prediction[]) => evaluate(p, slugs).macroF1;
  const random = seededRandom(seed);
  const differences: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const drawn = Array.from({ length: a.length }, () => Math.floor(random() * a.length));
    differences.push(macro(drawn.map((i) => required(a[i], 'a drawn prediction'))) - macro(drawn.map((i) => required(b[i], 'a drawn prediction'))));
  }
  differences.sort((x, y) => x - y);
  const at = (q: number) => required(differences[Math.min(differences.length - 1, Math.floor(q * differences.length))], 'a percentile');
  return { difference: macro(a) - macro(b), low: at(0.025), high: at(0.975), resamples };
}
