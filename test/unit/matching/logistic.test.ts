import { describe, expect, it } from 'vitest';
import { DEFAULT_LOGISTIC, trainLogistic, type TrainingSet } from '../../../src/matching/model/logistic.js';
import type { SparseVector } from '../../../src/matching/model/sparse.js';

// Two outputs, three texts of output 0 to one of output 1. Feature 0 marks output 0, feature 1 output 1; feature 2 is
// in every text, so it is as common among each output's positives as among its negatives.
const K = 2;
const vector = (features: number[]): SparseVector => ({
  indices: Int32Array.from(features),
  values: Float64Array.from(features, () => 1 / Math.sqrt(features.length)),
});

function toySet(): TrainingSet {
  const outputs = Array.from({ length: 40 }, (_, i) => (i % 4 === 3 ? 1 : 0));
  const targets = new Uint8Array(outputs.length * K);
  outputs.forEach((output, i) => (targets[i * K + output] = 1));
  return { vectors: outputs.map((output) => vector([output, 2])), targets, weights: new Float64Array(outputs.length * K).fill(1), outputs: K };
}

const weightOf = (model: ReturnType<typeof trainLogistic>, feature: number, output: number) => model.weights[feature * K + output]!;

describe('trainLogistic with naive Bayes scaling (NBSVM)', () => {
  it('keeps a feature both sides use as often near zero weight, and still learns the features that tell the outputs apart', () => {
    const plain = trainLogistic(toySet(), 3, 7, DEFAULT_LOGISTIC);
    const scaled = trainLogistic(toySet(), 3, 7, { ...DEFAULT_LOGISTIC, naiveBayes: { share: 1, smoothing: 0.05 } });
    // Without the scaling the shared feature takes a share of each output's bias, as large as the bias's own.
    for (const output of [0, 1]) {
      expect(Math.abs(weightOf(plain, 2, output))).toBeGreaterThan(0.1);
      expect(Math.abs(weightOf(scaled, 2, output))).toBeLessThan(Math.abs(weightOf(plain, 2, output)) / 100);
    }
    expect(weightOf(scaled, 0, 0)).toBeGreaterThan(1);
    expect(weightOf(scaled, 1, 0)).toBeLessThan(-1);
    expect(scaled.decision(vector([1, 2]))[1]!).toBeGreaterThan(0);
  });

  it('at share 0 is the plain model', () => {
    const plain = trainLogistic(toySet(), 3, 7, DEFAULT_LOGISTIC);
    const none = trainLogistic(toySet(), 3, 7, { ...DEFAULT_LOGISTIC, naiveBayes: { share: 0, smoothing: 0.05 } });
    expect(none.weights).toEqual(plain.weights);
    expect(none.bias).toEqual(plain.bias);
  });
});
