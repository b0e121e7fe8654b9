import { describe, expect, it } from 'vitest';
import { applyPlatt, fitPlatt, IDENTITY } from '../../../src/matching/model/calibration.js';
import { reliability } from '../../../src/matching/evaluation/reliability.js';
import { seededRandom } from '../../../src/matching/random.js';
import { SHIPPED_SLUGS } from '../../support/shippedMatcher.js';

describe('Platt scaling', () => {
  it('recovers the scale and offset of under-confident scores', () => {
    const random = seededRandom(3);
    const scores: number[] = [];
    const targets: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const z = random() * 8 - 4;
      scores.push(z);
      targets.push(random() < 1 / (1 + Math.exp(-(2 * z + 1))) ? 1 : 0);
    }
    const platt = fitPlatt(scores, targets);
    expect(platt.a).toBeGreaterThan(1.7);
    expect(platt.a).toBeLessThan(2.3);
    expect(platt.b).toBeGreaterThan(0.7);
    expect(platt.b).toBeLessThan(1.3);
    expect(applyPlatt(platt, 0)).toBeCloseTo(1 / (1 + Math.exp(-platt.b)));
  });

  it('keeps the identity when one class has too few examples', () => {
    expect(fitPlatt([1, 2, 3], [1, 0, 0])).toEqual(IDENTITY);
  });
});

describe('reliability', () => {
  it('bins area scores and counts how often the area was gold', () => {
    const outOfFold = [
      { gold: ['logistik'], areas: [0.05, 0.05, 0.05, 0.95, 0.05], none: 0 },
      { gold: [], areas: [0.05, 0.05, 0.05, 0.95, 0.05], none: 0.9 },
    ];
    const bins = reliability(outOfFold, SHIPPED_SLUGS);
    const top = bins[bins.length - 1]!;
    expect(top).toMatchObject({ count: 2, actual: 0.5 });
    expect(top.meanScore).toBeCloseTo(0.95);
    expect(bins[0]).toMatchObject({ count: 8, actual: 0 });
    // The scores are in the order of the slugs given: with logistik first, the 0.95 is another area's.
    const reordered = reliability(outOfFold, ['logistik', 'visualisering', 'uppkopplade', 'miljonytta', 'material']);
    expect(reordered[reordered.length - 1]).toMatchObject({ count: 2, actual: 0 });
  });
});
