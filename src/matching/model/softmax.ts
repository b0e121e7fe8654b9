// Multinomial (softmax) logistic regression over sparse TF-IDF vectors: the outputs compete for one
// probability mass, as in the scikit-learn anchor, instead of each output learning "this or not" on
// its own (logistic.ts). Same SGD as logistic.ts (its sgdVisits schedule and hot loops), with one
// weight scale for L2: the penalty shrinks all outputs alike.
// A sample with several positive outputs spreads its target evenly over them; a person's "not these"
// (feedback) is the loss −log(1 − Σ p over those outputs), so it pushes mass away without saying where.
import type { SparseVector } from './sparse.js';
import { accumulateDots, applyGradients, LinearModel, sgdVisits, type LogisticOptions } from './logistic.js';

export interface SoftmaxTrainingSet {
  vectors: readonly SparseVector[];
  /** n × K: the target distribution of each sample (rows sum to 1, or to 0 for a sample with only negatives). */
  targets: Float64Array;
  /** n: the weight of each sample's target term; 0 ignores it. */
  weights: Float64Array;
  /** n × K: the weight of the "not this output" term of each sample's explicit negatives; 0 elsewhere. */
  negatives: Float64Array;
  outputs: number;
}

export function trainSoftmax(set: SoftmaxTrainingSet, dimensions: number, seed: number, options: LogisticOptions): LinearModel {
  const K = set.outputs;
  const n = set.vectors.length;
  const weights = new Float64Array(dimensions * K);
  const bias = new Float64Array(K);
  let scale = 1;
  const dots = new Float64Array(K);
  const p = new Float64Array(K);
  const gradients = new Float64Array(K);
  const { lambda } = options;
  for (const { sample, learningRate } of sgdVisits(n, seed, options)) {
    const { indices, values } = set.vectors[sample]!;
    accumulateDots(indices, values, weights, K, dots);
    let max = -Infinity;
    for (let k = 0; k < K; k++) {
      p[k] = bias[k]! + scale * dots[k]!;
      if (p[k]! > max) max = p[k]!;
    }
    let sum = 0;
    for (let k = 0; k < K; k++) sum += p[k] = Math.exp(p[k]! - max);
    for (let k = 0; k < K; k++) p[k]! /= sum;
    const row = sample * K;
    const w = set.weights[sample]!;
    let negativeMass = 0;
    let negativeWeight = 0;
    for (let k = 0; k < K; k++) {
      if (set.negatives[row + k]! > 0) {
        negativeMass += p[k]!;
        negativeWeight = Math.max(negativeWeight, set.negatives[row + k]!);
      }
    }
    const notNegative = Math.max(1e-12, 1 - negativeMass);
    for (let k = 0; k < K; k++) {
      // Cross-entropy: p − target. "Not these": p_k (1[k ∈ N] − q) / (1 − q), q the mass on N.
      let gradient = w * (p[k]! - set.targets[row + k]!);
      if (negativeWeight > 0) gradient += (negativeWeight * p[k]! * ((set.negatives[row + k]! > 0 ? 1 : 0) - negativeMass)) / notNegative;
      gradients[k] = gradient;
      bias[k]! -= learningRate * gradient;
    }
    scale *= 1 - learningRate * lambda;
    for (let k = 0; k < K; k++) gradients[k] = (learningRate * gradients[k]!) / scale;
    applyGradients(indices, values, weights, K, gradients);
    if (scale < 1e-6) {
      for (let j = 0; j < weights.length; j++) weights[j]! *= scale;
      scale = 1;
    }
  }
  for (let j = 0; j < weights.length; j++) weights[j]! *= scale;
  return new LinearModel(weights, bias, K, 'softmax');
}
