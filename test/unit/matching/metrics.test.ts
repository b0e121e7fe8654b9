import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/matching/evaluation/metrics.js';
import { stratifiedFolds } from '../../../src/matching/evaluation/folds.js';

describe('evaluate', () => {
  it('computes hit@1, per-class and macro F1 with abstain as "none"', () => {
    const report = evaluate([
      { gold: ['logistik'], predicted: ['logistik'] },
      { gold: ['logistik', 'miljonytta'], predicted: ['miljonytta'] },
      { gold: [], predicted: [] },
      { gold: [], predicted: ['material'] },
      { gold: ['material'], predicted: [] },
    ]);
    expect(report.hitAt1).toBeCloseTo(3 / 5);
    expect(report.perClass.logistik).toMatchObject({ precision: 1, recall: 0.5, support: 2 });
    expect(report.perClass.none).toMatchObject({ precision: 0.5, recall: 0.5, support: 2 });
    expect(report.perClass.material).toMatchObject({ precision: 0, recall: 0 });
    expect(report.perClass.visualisering.f1).toBe(0);
    expect(report.abstention).toMatchObject({ precision: 0.5, recall: 0.5 });
    expect(report.confusion.material.none).toBe(1);
    expect(report.confusion.logistik.miljonytta).toBe(1);
    const f1s = Object.values(report.perClass).map((c) => c.f1);
    expect(report.macroF1).toBeCloseTo(f1s.reduce((a, b) => a + b, 0) / 6);
  });
});

describe('stratifiedFolds', () => {
  it('is deterministic and spreads each class over the folds', () => {
    const items = Array.from({ length: 50 }, (_, i) => (i < 10 ? 'rare' : 'common'));
    const a = stratifiedFolds(items, (x) => x, 5, 1);
    expect(stratifiedFolds(items, (x) => x, 5, 1)).toEqual(a);
    expect(stratifiedFolds(items, (x) => x, 5, 2)).not.toEqual(a);
    for (let fold = 0; fold < 5; fold++) {
      expect(a.filter((f, i) => f === fold && items[i] === 'rare')).toHaveLength(2);
      expect(a.filter((f) => f === fold)).toHaveLength(10);
    }
  });
});
