// Background text (TrainingData.background, since tfidf-lr-19): unlabelled ordinary public-sector business that a
// model of few labelled examples (a new region's) reads for how common each word is, and a trained model does not.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, DEFAULT_DECISION, toTrainingData, trainMatcher, type MatcherConfig, type TrainingData } from '../../../src/matching/index.js';
import { DEFAULT_TFIDF, FeatureSpace } from '../../../src/matching/model/tfidf.js';
import { snapshotMatcher } from '../../../src/matching/snapshot.js';
import { loadSeedData, parseLabelledNeeds } from '../../../src/region/regionPack.js';
import { regionTraining } from '../../../src/training/matcherProvider.js';

const token = (feature: string) => ({ surface: feature, features: [feature] });
const documents = [[token('w:sensor'), token('w:kommun')], [token('w:larm'), token('w:kommun')], [token('w:sensor')]];
const background = [[token('w:kommun'), token('w:budget')], [token('w:kommun')], [token('w:budget')]];
const idfOf = (space: FeatureSpace, feature: string) => space.toSnapshot().idf[space.featureId(feature) ?? -1];

describe('FeatureSpace.fit with background documents', () => {
  const options = { ...DEFAULT_TFIDF, minDocumentFrequency: 1 };
  const plain = FeatureSpace.fit(documents, options);

  it('leaves them out unless the options say how they count', () => {
    expect(FeatureSpace.fit(documents, options, background).toSnapshot()).toEqual(plain.toSnapshot());
  });

  it("'idf': a word the background uses a lot becomes common, and no background-only word becomes a feature", () => {
    const space = FeatureSpace.fit(documents, { ...options, background: 'idf' }, background);
    expect(space.featureId('w:budget')).toBeUndefined();
    expect(space.size).toBe(plain.size);
    const gap = (s: FeatureSpace) => idfOf(s, 'w:sensor')! - idfOf(s, 'w:kommun')!;
    expect(gap(space)).toBeGreaterThan(gap(plain) + 0.3);
  });

  it("'vocabulary': background-only words are features too, and take a share of a text's unit length", () => {
    const idfOnly = FeatureSpace.fit(documents, { ...options, background: 'idf' }, background);
    const space = FeatureSpace.fit(documents, { ...options, background: 'vocabulary' }, background);
    expect(space.featureId('w:budget')).toBeDefined();
    const need = [token('w:sensor'), token('w:budget')];
    const sensorValue = (s: FeatureSpace) => {
      const { indices, values } = s.vectorise(need);
      return values[[...indices].indexOf(s.featureId('w:sensor')!)]!;
    };
    expect(sensorValue(idfOnly)).toBeCloseTo(DEFAULT_TFIDF.wordBlockWeight, 6); // alone in its block
    expect(sensorValue(space)).toBeLessThan(sensorValue(idfOnly) - 0.1);
  });
});

describe('trainMatcher with background text', () => {
  const pack = loadSeedData();
  const data = toTrainingData(pack);
  const { background: _background, ...withoutBackground } = data;
  const cold: TrainingData = { ...data, examples: [] };
  const coldWithout: TrainingData = { ...withoutBackground, examples: [] };
  const councilFile = fileURLToPath(new URL('../../fixtures/matching/council-none.jsonl', import.meta.url));
  const council = parseLabelledNeeds(readFileSync(councilFile, 'utf8'), new Set(pack.areas.map((a) => a.slug)), councilFile);

  it('the shipped pack brings the shared background text, to eval (toTrainingData) and to the bot (regionTraining)', () => {
    expect(data.background?.length).toBe(208);
    expect(regionTraining(pack).background).toEqual(data.background);
  });

  it('a model of few labelled examples reads it: another model, more features, and more ordinary council text abstained on', () => {
    const withIt = trainMatcher(cold);
    const without = trainMatcher(coldWithout);
    expect(withIt.version).not.toBe(without.version);
    expect(withIt.featureCount).toBeGreaterThan(without.featureCount + 1000);
    expect(snapshotMatcher(withIt).config.tfidf.background).toBe(DEFAULT_CONFIG.fewExamplesBackground);
    // council-none.jsonl is not the background: the other half of the same collection (development data: 0.45 → 0.58).
    const abstained = (m: typeof withIt) => council.filter((n) => m.classify(n.text).abstain).length / council.length;
    expect(abstained(withIt)).toBeGreaterThan(abstained(without) + 0.05);
  });

  it('a trained model does not: the same model with it or without it', () => {
    // Five labelled examples make a trained model here, so the test need not train the whole pack twice.
    const config: MatcherConfig = { ...DEFAULT_CONFIG, decision: { ...DEFAULT_DECISION, fewExamples: { ...DEFAULT_DECISION.fewExamples, below: 5 } } };
    const few = { ...cold, examples: data.examples.filter((_, i) => i % 100 === 0) };
    const { background: _b, ...fewWithout } = few;
    expect(few.examples.length).toBeGreaterThanOrEqual(5);
    const withIt = trainMatcher(few, config);
    const without = trainMatcher(fewWithout, config);
    expect(withIt.version).toBe(without.version);
    expect(withIt.featureCount).toBe(without.featureCount);
    expect(snapshotMatcher(withIt).config.tfidf.background).toBeUndefined();
  });
});
