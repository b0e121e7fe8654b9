import { describe, expect, it } from 'vitest';
import { pairedBootstrap } from '../../../src/matching/evaluation/bootstrap.js';
import type { Prediction } from '../../../src/matching/evaluation/metrics.js';

const SLUGS = ['a', 'b', 'c'];

/** `n` texts cycling through the classes a, b, c and none; `wrongEvery`: every such text is predicted wrong (as the next class). */
function predictions(n: number, wrongEvery: number): Prediction[] {
  const classes = [['a'], ['b'], ['c'], []];
  return Array.from({ length: n }, (_, i) => {
    const gold = classes[i % 4]!;
    const wrong = wrongEvery > 0 && i % wrongEvery === 0;
    return { gold, predicted: wrong ? classes[(i + 1) % 4]! : gold };
  });
}

describe('paired bootstrap of a macro-F1 difference', () => {
  it('is exactly zero, interval included, for two models that predict alike', () => {
    const same = predictions(160, 5);
    expect(pairedBootstrap(same, same, SLUGS, { resamples: 200 })).toEqual({ difference: 0, low: 0, high: 0, resamples: 200 });
  });

  it('puts the interval above zero for a model clearly better on every part of the set, below for the reverse', () => {
    const good = predictions(160, 0);
    const poor = predictions(160, 3);
    const better = pairedBootstrap(good, poor, SLUGS, { resamples: 300 });
    expect(better.difference).toBeGreaterThan(0.2);
    expect(better.low).toBeGreaterThan(0);
    expect(better.low).toBeLessThanOrEqual(better.difference);
    expect(better.high).toBeGreaterThanOrEqual(better.difference);
    const worse = pairedBootstrap(poor, good, SLUGS, { resamples: 300 });
    expect(worse.high).toBeLessThan(0);
  });

  it('gives an interval around zero when the models differ on a handful of texts each way', () => {
    const a = predictions(160, 0).map((p, i) => (i === 7 || i === 50 ? { ...p, predicted: [] } : p));
    const b = predictions(160, 0).map((p, i) => (i === 9 || i === 90 ? { ...p, predicted: [] } : p));
    const { low, high } = pairedBootstrap(a, b, SLUGS, { resamples: 300 });
    expect(low).toBeLessThan(0);
    expect(high).toBeGreaterThan(0);
  });

  it('is deterministic for a seed and refuses predictions that are not of the same texts', () => {
    const a = predictions(60, 4);
    const b = predictions(60, 6);
    expect(pairedBootstrap(a, b, SLUGS, { seed: 7 })).toEqual(pairedBootstrap(a, b, SLUGS, { seed: 7 }));
    expect(() => pairedBootstrap(a, b.slice(1), SLUGS)).toThrow(RangeError);
    expect(() => pairedBootstrap([], [], SLUGS)).toThrow(RangeError);
  });
});
