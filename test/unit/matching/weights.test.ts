import { beforeAll, describe, expect, it } from 'vitest';
import { loadSeedData } from '../../../src/region/regionPack.js';
import { FEEDBACK_EXAMPLE_WEIGHT, toTrainingData, trainMatcher, type TrainedMatcher, type TrainingData } from '../../../src/matching/index.js';
import { buildExamples } from '../../../src/matching/model/examples.js';
import { SHIPPED_SLUGS } from '../../support/shippedMatcher.js';

let data: TrainingData;

beforeAll(() => {
  data = toTrainingData(loadSeedData());
});

describe('example weights', () => {
  it('default to 1 and scale the labelled weight, including "not these" feedback', () => {
    const examples = buildExamples({
      areas: data.areas,
      examples: [
        { text: 'a', areas: ['logistik'] },
        { text: 'b', areas: ['logistik'], weight: 3 },
        { text: 'c', areas: [], negativeAreas: ['material'], weight: 2 },
        { text: 'd', areas: [], weight: 0 },
      ],
    });
    expect(examples.filter((e) => e.labelled).map((e) => e.weight)).toEqual([1, 3, 2, 0]);
  });

  it('refuse negative and non-finite weights', () => {
    for (const weight of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => buildExamples({ areas: data.areas, examples: [{ text: 'x', areas: [], weight }] })).toThrow(RangeError);
    }
  });

  // A need the shipped model puts in the wrong area (visualisering, for the cameras); a person says uppkopplade.
  const corrected = 'kameror som räknar besökare i simhallen';
  const k = SHIPPED_SLUGS.indexOf('uppkopplade'); // the pack's order: the model's outputs
  const models = new Map<number, TrainedMatcher>();
  /** The shipped data plus the correction at `weight` (each weight trained once). */
  const withCorrection = (weight: number): TrainedMatcher => {
    let model = models.get(weight);
    if (!model) {
      model = trainMatcher({ ...data, examples: [...data.examples, { text: corrected, areas: ['uppkopplade'], weight }] });
      models.set(weight, model);
    }
    return model;
  };
  const top = (model: TrainedMatcher) => model.classify(corrected).ranked[0]!.slug;

  it('make a heavier correction pull harder, and are part of the model version', () => {
    const light = withCorrection(1);
    const heavy = withCorrection(5);
    expect(heavy.probabilities(corrected).areas[k]!).toBeGreaterThan(light.probabilities(corrected).areas[k]!);
    expect(heavy.version).not.toBe(light.version);
  });

  it('give a person’s feedback at least the pull of a shipped labelled need: after retraining, the corrected need is classified as corrected', () => {
    expect(top(withCorrection(0))).toBe('visualisering'); // weight 0: the correction is ignored, the model is wrong
    const feedback = withCorrection(FEEDBACK_EXAMPLE_WEIGHT);
    expect(top(feedback)).toBe('uppkopplade');
    expect(feedback.probabilities(corrected).areas[k]!).toBeGreaterThanOrEqual(withCorrection(1).probabilities(corrected).areas[k]!);
  });
});
