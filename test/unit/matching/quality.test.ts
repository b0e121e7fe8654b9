// Regression guards on the matcher's quality: the targets, with a little slack so
// that an honest improvement elsewhere does not need to touch these numbers.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSeedData } from '../../../src/region/regionPack.js';
import { crossValidate, DEFAULT_DECISION, evaluate, predictionOf, predictionsFrom, toPhrases, type AreaSlug } from '../../../src/matching/index.js';
import { SHIPPED_SLUGS, shippedMatcher } from '../../support/shippedMatcher.js';

const seed = loadSeedData();

describe('matcher quality', () => {
  // Five trainings of two views each: about 20 s on a quiet 2-core machine, more beside other work.
  it('reaches macro-F1 ≥ 0.87 in 5-fold cross-validation on the shipped needs, "none" P and R ≥ 0.7', { timeout: 120_000 }, () => {
    // Every fold trains on the pack's phrases (matcher.yml), as the shipped matcher does. Scored: the
    // needs written for the pack (tr-, bb-); the Slack-style needs of the outside writers (sw1-…sw6-,
    // shorter and harder, tfidf-lr-6 and -7) are in every fold's training, so the guard stays comparable.
    const byWriters = (id: string) => id.startsWith('sw');
    const outOfFold = crossValidate({
      areas: seed.areas,
      phrases: toPhrases(seed.phrases),
      needs: seed.labelledNeeds.filter((n) => !byWriters(n.id)),
      alwaysTrain: seed.labelledNeeds.filter((n) => byWriters(n.id)),
      folds: 5,
    });
    const report = evaluate(predictionsFrom(outOfFold, DEFAULT_DECISION, SHIPPED_SLUGS), SHIPPED_SLUGS);
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
    const report = evaluate(
      needs.map((n) => predictionOf(n.areas, matcher.classify(n.text))),
      matcher.areas,
    );
    expect(report.macroF1).toBeGreaterThanOrEqual(0.85);
    expect(report.abstention.recall).toBeGreaterThanOrEqual(0.7);
  });
});
