// What keeps the matcher from finding an area in public prose that has no domain word: the words
// of general prose carry no features, and a need whose words give the best area too little
// evidence is abstained on.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, DEFAULT_DECISION, snapshotMatcher, toTrainingData, trainMatcher } from '../../../src/matching/index.js';
import { loadSeedData } from '../../../src/region/regionPack.js';
import { decide, decisionFor } from '../../../src/matching/model/decision.js';
import { DEFAULT_TFIDF, FeatureSpace } from '../../../src/matching/model/tfidf.js';
import { TextAnalyser, DEFAULT_PIPELINE } from '../../../src/matching/text/features.js';
import { searchQueryTerms } from '../../../src/matching/text/searchTerms.js';
import { swedishGloss } from '../../../src/matching/text/lexicon.js';
import { shippedMatcher } from '../../support/shippedMatcher.js';

const matcher = shippedMatcher();

describe('words of general prose', () => {
  it('carry no features in the classifier, but search still finds them', () => {
    const analyser = new TextAnalyser(DEFAULT_PIPELINE);
    expect(analyser.analyse('till exempel nästan hälften enligt rapporten').map((t) => t.surface)).toEqual([]);
    expect(analyser.analyse('exempel på sensorer').map((t) => t.surface)).toEqual(['sensorer']);
    expect(new TextAnalyser({ ...DEFAULT_PIPELINE, genericWords: false }).analyse('exempel').map((t) => t.surface)).toEqual(['exempel']);
    expect(searchQueryTerms('rapport')).toEqual(['rapport']);
  });
});

describe('evidence', () => {
  it('abstains when the best area has too little evidence, whatever its probability', () => {
    expect(decide([0.9, 0.1], 0.05, DEFAULT_DECISION, 0.2)).toEqual({ abstain: true, suggestedCount: 0 });
    expect(decide([0.9, 0.1], 0.05, DEFAULT_DECISION, 2)).toEqual({ abstain: false, suggestedCount: 1 });
    expect(decide([0.9, 0.1], 0.05, { ...DEFAULT_DECISION, abstainBelowEvidence: 0 }, 0)).toEqual({ abstain: false, suggestedCount: 1 });
    expect(decide([0.9, 0.1], 0.05, DEFAULT_DECISION)).toEqual({ abstain: false, suggestedCount: 1 });
  });

  it('is large for a need in domain words and small for generic prose; classify abstains on the latter', () => {
    const domain = matcher.probabilities('Sensorer i avfallskärlen ska larma när de är fulla.');
    const best = domain.areas.indexOf(Math.max(...domain.areas));
    expect(domain.evidence[best]!).toBeGreaterThan(DEFAULT_CONFIG.decision.abstainBelowEvidence * 2);
    const prose = 'Det finns också stora skillnader mellan kommunerna, visar den senaste rapporten.';
    const generic = matcher.probabilities(prose);
    // Since tfidf-lr-10 (more council text in training) this sentence sits just above the threshold
    // (1.17 then, 1.25 with tfidf-lr-12, against 1.1) and is abstained on by the "none" output
    // instead; what stays is the gap (a domain need: 7.0).
    expect(Math.max(...generic.evidence)).toBeLessThan(domain.evidence[best]! / 4);
    expect(Math.max(...generic.evidence)).toBeLessThan(DEFAULT_CONFIG.decision.abstainBelowEvidence * 2);
    expect(matcher.classify(prose).abstain).toBe(true);
  });
});

describe('English glosses of the areas’ own terms', () => {
  it('gloss "leak" to läcka too, and the description terms', () => {
    expect(swedishGloss('leaks')).toContain('läcka');
    expect(swedishGloss('telecare')).toContain('trygghetslarm');
    expect(swedishGloss('imaging')).toContain('bildanalys');
    expect(matcher.classify('Telecare devices must keep working when the lines go digital').suggested[0]?.slug).toBe('uppkopplade');
  });
});

describe('a new region (few labelled examples)', () => {
  it('decides with its own thresholds until it has 1,000 labelled examples', () => {
    const few = DEFAULT_DECISION.fewExamples;
    for (const labelled of [0, few.below - 1]) {
      const decision = decisionFor(DEFAULT_DECISION, labelled);
      expect(decision.abstainBelowEvidence).toBe(few.abstainBelowEvidence);
      expect(decision.abstainBelow).toBe(few.abstainBelow);
      expect(decision.noneOverBest).toBe(few.noneOverBest);
      expect(decision.secondAtLeast).toBe(DEFAULT_DECISION.secondAtLeast);
    }
    expect(decisionFor(DEFAULT_DECISION, few.below)).toBe(DEFAULT_DECISION);
    // A trained model abstains less than a new region's (tfidf-lr-14): "none" must beat its best area by more.
    expect(DEFAULT_DECISION.noneOverBest).toBeGreaterThan(few.noneOverBest);
    expect(DEFAULT_DECISION.abstainBelow).toBeLessThan(few.abstainBelow);
    // The two thresholds are on different scales (decision.ts): the trained model's weights are
    // regularised far less (lambda 5e-5 against 1e-3) and the evidence it sums runs several times larger.
    expect(few.abstainBelowEvidence).not.toBe(DEFAULT_DECISION.abstainBelowEvidence);
  });

  it('is what a model of the pack alone is fitted and decides with; the trained model keeps the defaults', () => {
    const cold = trainMatcher({ ...toTrainingData(loadSeedData()), examples: [] });
    const { logistic } = DEFAULT_CONFIG;
    expect(snapshotMatcher(cold).config.decision).toEqual(decisionFor(DEFAULT_DECISION, 0));
    expect(snapshotMatcher(cold).config.logistic.lambda).toBe(logistic.fewExamplesLambda);
    expect(snapshotMatcher(matcher).config.decision).toEqual(DEFAULT_DECISION);
    expect(snapshotMatcher(matcher).config.logistic.lambda).toBe(logistic.lambda);
    expect(logistic.fewExamplesLambda).toBeGreaterThan(logistic.lambda);
    // It keeps the features seen in one training text, which a trained model drops (tfidf.ts DEFAULT_TFIDF).
    expect(snapshotMatcher(cold).config.tfidf.minDocumentFrequency).toBe(1);
    expect(snapshotMatcher(matcher).config.tfidf.minDocumentFrequency).toBe(DEFAULT_TFIDF.minDocumentFrequency);
    expect(DEFAULT_TFIDF.minDocumentFrequency).toBe(2);
    const token = (...features: string[]) => ({ surface: features[0] ?? '', features });
    const space = FeatureSpace.fit([[token('w:sensor', 'w:larm')], [token('w:sensor')]], DEFAULT_TFIDF);
    expect(space.featureId('w:sensor')).toBeDefined();
    expect(space.featureId('w:larm')).toBeUndefined();
    // Generic prose whose best area has a little evidence: without the evidence check the cold model
    // would suggest that area; with it, it abstains.
    const need = 'Ungdomar behöver sommarjobb.';
    const { areas, none, evidence } = cold.probabilities(need);
    const best = areas.indexOf(Math.max(...areas));
    expect(evidence[best]).toBeGreaterThan(0);
    expect(evidence[best]).toBeLessThan(DEFAULT_DECISION.fewExamples.abstainBelowEvidence);
    const ranked = [...areas].sort((a, b) => b - a);
    expect(decide(ranked, none, { ...DEFAULT_DECISION, abstainBelowEvidence: 0 }, evidence[best]).abstain).toBe(false);
    expect(cold.classify(need).abstain).toBe(true);
  });
});
