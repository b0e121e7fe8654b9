import { describe, expect, it } from 'vitest';
import { DEFAULT_LOGISTIC, sigmoid } from '../../../src/matching/model/logistic.js';
import { trainSoftmax, type SoftmaxTrainingSet } from '../../../src/matching/model/softmax.js';
import type { SparseVector } from '../../../src/matching/model/sparse.js';

// Three outputs; feature f marks output f, feature 3 is shared noise. Twelve samples per output.
const K = 3;
const vector = (features: number[]): SparseVector => ({
  indices: Int32Array.from(features),
  values: Float64Array.from(features, () => 1 / Math.sqrt(features.length)),
});

function toySet(extra: { features: number[]; negatives: number[] }[] = []): SoftmaxTrainingSet {
  const samples = Array.from({ length: 36 }, (_, i) => ({ features: i % 2 === 0 ? [i % K] : [i % K, 3], output: i % K }));
  const n = samples.length + extra.length;
  const targets = new Float64Array(n * K);
  const weights = new Float64Array(n);
  const negatives = new Float64Array(n * K);
  samples.forEach(({ output }, i) => {
    targets[i * K + output] = 1;
    weights[i] = 1;
  });
  extra.forEach(({ negatives: outputs }, j) => {
    for (const k of outputs) negatives[(samples.length + j) * K + k] = 2;
  });
  return { vectors: [...samples.map((s) => vector(s.features)), ...extra.map((e) => vector(e.features))], targets, weights, negatives, outputs: K };
}

/** The model's probabilities: its per-output log-odds back through the sigmoid. */
const probabilities = (model: ReturnType<typeof trainSoftmax>, features: number[]) => [...model.decision(vector(features))].map(sigmoid);

describe('trainSoftmax', () => {
  it('learns which output each feature marks, with probabilities that share one mass', () => {
    const model = trainSoftmax(toySet(), 4, 7, DEFAULT_LOGISTIC);
    for (let output = 0; output < K; output++) {
      const p = probabilities(model, [output, 3]);
      expect(p.indexOf(Math.max(...p))).toBe(output);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    }
    expect(model.link).toBe('softmax');
  });

  it('moves mass away from the outputs a person said are wrong, without naming the right one', () => {
    const without = probabilities(trainSoftmax(toySet(), 4, 7, DEFAULT_LOGISTIC), [3]);
    const corrected = Array.from({ length: 12 }, () => ({ features: [3], negatives: [0] }));
    const withNotThese = probabilities(trainSoftmax(toySet(corrected), 4, 7, DEFAULT_LOGISTIC), [3]);
    expect(withNotThese[0]!).toBeLessThan(without[0]! - 0.1);
  });

  it('is deterministic for a seed', () => {
    const a = trainSoftmax(toySet(), 4, 11, DEFAULT_LOGISTIC);
    const b = trainSoftmax(toySet(), 4, 11, DEFAULT_LOGISTIC);
    expect(a.weights).toEqual(b.weights);
    expect(a.bias).toEqual(b.bias);
  });
});
