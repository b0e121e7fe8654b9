import { beforeAll, describe, expect, it } from 'vitest';
import { loadSeedData } from '../../../src/seed/seedFiles.js';
import { AREA_SLUGS, FEEDBACK_EXAMPLE_WEIGHT, toTrainingData, trainMatcher, type TrainingData } from '../../../src/matching/index.js';
import { buildExamples } from '../../../src/matching/model/examples.js';

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

  it('make a heavier correction pull harder, and are part of the model version', () => {
    const text = 'kameror som räknar besökare i simhallen';
    const k = AREA_SLUGS.indexOf('uppkopplade');
    const train = (weight: number) => trainMatcher({ ...data, examples: [...data.examples, { text, areas: ['uppkopplade'], weight }] });
    const light = train(1);
    const heavy = train(5);
    expect(heavy.probabilities(text).areas[k]!).toBeGreaterThan(light.probabilities(text).areas[k]!);
    expect(heavy.version).not.toBe(light.version);
  });

  it('give feedback a weight of at least 1', () => {
    expect(FEEDBACK_EXAMPLE_WEIGHT).toBeGreaterThanOrEqual(1);
  });
});
