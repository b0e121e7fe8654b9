// Regression guards on the matcher's quality: the targets, with a little slack so
// that an honest improvement elsewhere does not need to touch these numbers.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSeedData } from '../../../src/region/regionFiles.js';
import { crossValidate, DEFAULT_DECISION, evaluate, predictionOf, predictionsFrom, type AreaSlug } from '../../../src/matching/index.js';
import { shippedMatcher } from '../../support/shippedMatcher.js';

const seed = loadSeedData();

describe('matcher quality', () => {
  it('reaches macro-F1 ≥ 0.87 in 5-fold cross-validation on the shipped needs, "none" P and R ≥ 0.7', () => {
    const report = evaluate(predictionsFrom(crossValidate({ areas: seed.areas, needs: seed.labelledNeeds, folds: 5 }), DEFAULT_DECISION));
    expect(report.macroF1).toBeGreaterThanOrEqual(0.87);
    expect(report.abstention.precision).toBeGreaterThanOrEqual(0.7);
    expect(report.abstention.recall).toBeGreaterThanOrEqual(0.7);
  });

  it('handles needs in the styles they really arrive in (fixture)', () => {
    const matcher = shippedMatcher();
    const lines = readFileSync(new URL('../../fixtures/matching/styled-needs.jsonl', import.meta.url), 'utf8')
      .trim()
      .split('\n');
    const needs = lines.map((line) => JSON.parse(line) as { text: string; areas: AreaSlug[] });
    const report = evaluate(needs.map((n) => predictionOf(n.areas, matcher.classify(n.text))));
    expect(report.macroF1).toBeGreaterThanOrEqual(0.85);
    expect(report.abstention.recall).toBeGreaterThanOrEqual(0.7);
  });
});
