// One-vs-rest logistic regression over sparse TF-IDF vectors, trained by SGD with L2
// regularisation (Bottou's "optimal" learning-rate schedule and the weight-scale trick so
// each update touches only the features present). All K outputs are updated in one pass
// over a sample's features. Deterministic: the sample order comes from a seeded shuffle.
import { seededRandom, shuffled } from '../random.js';
import type { SparseVector } from './sparse.js';

export interface LogisticOptions {
  /** L2 strength. */
  lambda: number;
  /** L2 strength of a model trained on few labelled examples (matcher.ts, decision.ts fewExamples): a new region's. */
  fewExamplesLambda: number;
  /** Total sample visits to aim for; epochs = clamp(budget / n, minEpochs, maxEpochs). */
  updateBudget: number;
  minEpochs: number;
  maxEpochs: number;
  initialLearningRate: number;
  /** Over this final share of the updates the learning rate falls linearly towards 0, so the
   *  weights settle instead of ending wherever the last samples pushed them; 0 = off. */
  annealShare: number;
  /** 'softmax': the outputs share one probability mass (softmax.ts); absent: one-vs-rest. */
  loss?: 'softmax';
  /**
   * One-vs-rest only: each output reads a feature scaled by how unevenly its positives and negatives use it, the
   * naive Bayes log-count ratio of NBSVM (Wang & Manning 2012). Absent: every feature alike.
   */
  naiveBayes?: NaiveBayesScaling;
}

/**
 * Output k reads feature j at s_jk = (1 − share) + share · |r_jk| / mean|r_k|, r_jk = log((p_jk / ‖p_k‖₁) / (q_jk / ‖q_k‖₁)),
 * p and q the weighted feature sums of k's positives and negatives plus `smoothing`. Scaling a feature by s is the same
 * as an L2 penalty of λ / s² on its weight: words that tell k's texts apart are shrunk less, words both sides use more.
 * Measured after tfidf-lr-18 and not kept (`npm run bench -- matcherExperiments --only=nbscale`): a small smoothing
 * gains on Slack-style text, a large one on real passages from unseen families, and every setting loses public-needs-2
 * by 0.02–0.04 (docs/matcher.md, "Naive Bayes feature scaling").
 */
export interface NaiveBayesScaling {
  smoothing: number;
  share: number;
}

export const DEFAULT_LOGISTIC: LogisticOptions = {
  // tfidf-lr-2 (329 written needs; macro-F1, 3 × 5-fold CV / the 150 out-of-style public passages):
  // 3e-5 0.890 / 0.746, 1e-4 0.893 / 0.741, 3e-4 0.894 / 0.752, 1e-3 0.895 / 0.758, 3e-3 0.883 / 0.723,
  // 1e-2 0.827 / 0.511; 1e-3 was chosen on CV (flat from 1e-4 to 1e-3).
  // tfidf-lr-8 (1,217 written needs and 709 real passages, two views; development data only,
  // `npm run bench -- matcherExperiments --only=regularisation`): leave one Slack writer out (nine) /
  // CV real / public-needs / slack-dev, 1e-3 0.831 / 0.805 / 0.839 / 0.930; 3e-4 0.858 / 0.819 /
  // 0.857 / 0.942; 1e-4 0.861 / 0.820 / 0.838 / 0.938. With six times the data the weights need
  // less shrinking; 3e-4 is within 0.003 of 1e-4 on the writers and does not lose public-needs.
  // tfidf-lr-9 (1,477 written needs by eleven outside writers and others, 1,007 real passages; the
  // same bench): leave one writer out (eleven) / CV real / public-needs / public-needs-2, 3e-4 0.867 /
  // 0.809 / 0.855 / 0.818; 1e-4 0.872 / 0.809 / 0.848 / 0.831; 5e-5 0.879 / 0.813 / 0.859 / 0.844;
  // 2e-5 0.878 / 0.811 / 0.853 / 0.813 (slack-dev 0.930–0.934 for all four). The penalty is per
  // update, so its weight against the data falls as the data grows: the optimum keeps moving down.
  // tfidf-lr-10 (1,619 and 1,230; twelve writers), measured again: 1e-4 / 5e-5 / 2e-5 0.877 / 0.880 /
  // 0.883 on the writers, CV real 0.801 / 0.803 / 0.802, within the seed's spread: 5e-5 kept.
  lambda: 5e-5,
  // The cold model (the pack's texts alone) lost at 3e-4 (cold public-needs 0.760 → 0.708, the
  // bench's last row): a few dozen short texts need the stronger prior.
  fewExamplesLambda: 1e-3,
  updateBudget: 60_000,
  minEpochs: 3,
  maxEpochs: 60,
  initialLearningRate: 0.5,
  // Measured: without annealing, 10 of the 107 styled needs changed suggestion with the shuffle
  // seed alone (which follows the model version, so every retrain after one 👍 reshuffled them);
  // with 0.3, 2 of 107; 5 × 5-fold CV macro-F1 0.893–0.896 → 0.899 (0.5 and 1.0: about the same).
  annealShare: 0.3,
};

export interface TrainingSet {
  vectors: readonly SparseVector[];
  /** n × K, 1 = positive, 0 = negative. */
  targets: Uint8Array;
  /** n × K, the weight of each (sample, output) term in the loss; 0 ignores it. */
  weights: Float64Array;
  outputs: number;
}

export class LinearModel {
  constructor(
    /** Feature-major: weights[feature * outputs + output]. */
    readonly weights: Float64Array,
    readonly bias: Float64Array,
    readonly outputs: number,
    /** How the linear scores become each output's log-odds: on their own, or through a softmax. */
    readonly link: 'logistic' | 'softmax' = 'logistic',
  ) {}

  /** Raw scores (log-odds) for each output. */
  decision(vector: SparseVector, out: Float64Array = new Float64Array(this.outputs)): Float64Array {
    const K = this.outputs;
    out.set(this.bias);
    const { indices, values } = vector;
    for (let i = 0; i < indices.length; i++) {
      const base = indices[i]! * K;
      const x = values[i]!;
      for (let k = 0; k < K; k++) out[k]! += x * this.weights[base + k]!;
    }
    return this.link === 'softmax' ? softmaxLogOdds(out) : out;
  }
}

/** In place: softmax logits z → each output's log-odds log(p_k / (1 − p_k)) = z_k − log Σ_{j≠k} e^{z_j}. */
function softmaxLogOdds(z: Float64Array): Float64Array {
  const logits = z.slice();
  for (let k = 0; k < z.length; k++) {
    let max = -Infinity;
    for (let j = 0; j < logits.length; j++) if (j !== k && logits[j]! > max) max = logits[j]!;
    let sum = 0;
    for (let j = 0; j < logits.length; j++) if (j !== k) sum += Math.exp(logits[j]! - max);
    z[k] = logits[k]! - (max + Math.log(sum));
  }
  return z;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export function trainLogistic(set: TrainingSet, dimensions: number, seed: number, options: LogisticOptions = DEFAULT_LOGISTIC): LinearModel {
  const K = set.outputs;
  const n = set.vectors.length;
  const weights = new Float64Array(dimensions * K);
  const bias = new Float64Array(K);
  const scale = new Float64Array(K).fill(1);
  const dots = new Float64Array(K);
  const gradients = new Float64Array(K);
  const { lambda } = options;
  const squaredScales = options.naiveBayes && naiveBayesSquaredScales(set, dimensions, options.naiveBayes);
  // Hot loop: indices come from the vectors and K from the set, hence the `!`s.
  for (const { sample, learningRate } of sgdVisits(n, seed, options)) {
    const { indices, values } = set.vectors[sample]!;
    accumulateDots(indices, values, weights, K, dots);
    const shrink = 1 - learningRate * lambda;
    const row = sample * K;
    for (let k = 0; k < K; k++) {
      const w = set.weights[row + k]!;
      const z = bias[k]! + scale[k]! * dots[k]!;
      const gradient = w === 0 ? 0 : (sigmoid(z) - set.targets[row + k]!) * w;
      bias[k]! -= learningRate * gradient;
      scale[k]! *= shrink;
      gradients[k] = (learningRate * gradient) / scale[k]!;
    }
    if (squaredScales) applyScaledGradients(indices, values, weights, K, gradients, squaredScales);
    else applyGradients(indices, values, weights, K, gradients);
    for (let k = 0; k < K; k++) {
      if (scale[k]! < 1e-6) rescale(weights, scale, k, K);
    }
  }
  for (let k = 0; k < K; k++) rescale(weights, scale, k, K);
  return new LinearModel(weights, bias, K);
}

/**
 * s² per (feature, output), feature-major like the weights. The model is fitted on the effective weights v = w·s
 * directly: the scores are unchanged, an SGD step on w moves v by s² times the plain step, and the L2 shrink is the same.
 */
function naiveBayesSquaredScales(set: TrainingSet, dimensions: number, { smoothing, share }: NaiveBayesScaling): Float64Array {
  const K = set.outputs;
  const positive = new Float64Array(dimensions * K);
  const negative = new Float64Array(dimensions * K);
  const mass = new Float64Array(dimensions);
  set.vectors.forEach(({ indices, values }, i) => {
    for (let k = 0; k < K; k++) {
      const w = set.weights[i * K + k]!;
      if (w === 0) continue;
      const sums = set.targets[i * K + k] === 1 ? positive : negative;
      for (let j = 0; j < indices.length; j++) sums[indices[j]! * K + k]! += w * values[j]!;
    }
    for (let j = 0; j < indices.length; j++) mass[indices[j]!]! += values[j]!;
  });
  const squared = new Float64Array(dimensions * K);
  for (let k = 0; k < K; k++) {
    let positiveTotal = 0;
    let negativeTotal = 0;
    for (let f = 0; f < dimensions; f++) {
      positiveTotal += positive[f * K + k]! + smoothing;
      negativeTotal += negative[f * K + k]! + smoothing;
    }
    const ratio = (f: number) => Math.abs(Math.log((positive[f * K + k]! + smoothing) / positiveTotal / ((negative[f * K + k]! + smoothing) / negativeTotal)));
    // The mean |r| over the features as the texts use them, so the scales average 1 and λ keeps its meaning.
    let weighted = 0;
    let total = 0;
    for (let f = 0; f < dimensions; f++) {
      weighted += mass[f]! * ratio(f);
      total += mass[f]!;
    }
    const meanRatio = total > 0 && weighted > 0 ? weighted / total : 1;
    for (let f = 0; f < dimensions; f++) {
      const s = 1 - share + (share * ratio(f)) / meanRatio;
      squared[f * K + k] = s * s;
    }
  }
  return squared;
}

/**
 * The SGD schedule both learners share (softmax.ts too): epochs = clamp(budget / n), each a seeded
 * shuffle of the samples, with Bottou's learning rate lr0 / (1 + lr0·λ·t) falling linearly to 0 over
 * the last `annealShare` of the visits.
 */
export function* sgdVisits(n: number, seed: number, options: LogisticOptions): Generator<{ sample: number; learningRate: number }> {
  const epochs = Math.max(options.minEpochs, Math.min(options.maxEpochs, Math.ceil(options.updateBudget / Math.max(1, n))));
  const random = seededRandom(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  const { lambda, initialLearningRate: lr0 } = options;
  const total = epochs * n;
  const annealFrom = total * (1 - options.annealShare);
  let t = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const sample of shuffled(order, random)) {
      const anneal = t > annealFrom ? (total - t) / (total - annealFrom) : 1;
      yield { sample, learningRate: (lr0 / (1 + lr0 * lambda * t++)) * anneal };
    }
  }
}

// The two hot loops of training (softmax.ts uses them too). Six outputs (five areas + none) is the case that matters, so
// it gets an unrolled path with the sums in locals, about twice as fast as the general loop.
export function accumulateDots(indices: Int32Array, values: Float64Array, weights: Float64Array, K: number, dots: Float64Array): void {
  if (K === 6) {
    let d0 = 0,
      d1 = 0,
      d2 = 0,
      d3 = 0,
      d4 = 0,
      d5 = 0;
    for (let i = 0; i < indices.length; i++) {
      const base = indices[i]! * 6;
      const x = values[i]!;
      d0 += x * weights[base]!;
      d1 += x * weights[base + 1]!;
      d2 += x * weights[base + 2]!;
      d3 += x * weights[base + 3]!;
      d4 += x * weights[base + 4]!;
      d5 += x * weights[base + 5]!;
    }
    dots[0] = d0;
    dots[1] = d1;
    dots[2] = d2;
    dots[3] = d3;
    dots[4] = d4;
    dots[5] = d5;
    return;
  }
  dots.fill(0);
  for (let i = 0; i < indices.length; i++) {
    const base = indices[i]! * K;
    const x = values[i]!;
    for (let k = 0; k < K; k++) dots[k]! += x * weights[base + k]!;
  }
}

export function applyGradients(indices: Int32Array, values: Float64Array, weights: Float64Array, K: number, gradients: Float64Array): void {
  if (K === 6) {
    const g0 = gradients[0]!,
      g1 = gradients[1]!,
      g2 = gradients[2]!,
      g3 = gradients[3]!,
      g4 = gradients[4]!,
      g5 = gradients[5]!;
    for (let i = 0; i < indices.length; i++) {
      const base = indices[i]! * 6;
      const x = values[i]!;
      weights[base]! -= g0 * x;
      weights[base + 1]! -= g1 * x;
      weights[base + 2]! -= g2 * x;
      weights[base + 3]! -= g3 * x;
      weights[base + 4]! -= g4 * x;
      weights[base + 5]! -= g5 * x;
    }
    return;
  }
  for (let i = 0; i < indices.length; i++) {
    const base = indices[i]! * K;
    const x = values[i]!;
    for (let k = 0; k < K; k++) weights[base + k]! -= gradients[k]! * x;
  }
}

/** applyGradients with each (feature, output) step multiplied by its s² (naiveBayesSquaredScales). */
function applyScaledGradients(
  indices: Int32Array,
  values: Float64Array,
  weights: Float64Array,
  K: number,
  gradients: Float64Array,
  squaredScales: Float64Array,
): void {
  for (let i = 0; i < indices.length; i++) {
    const base = indices[i]! * K;
    const x = values[i]!;
    for (let k = 0; k < K; k++) weights[base + k]! -= gradients[k]! * x * squaredScales[base + k]!;
  }
}

/** Folds output k's scale factor back into its weights. */
function rescale(weights: Float64Array, scale: Float64Array, k: number, K: number): void {
  const s = scale[k] ?? 1;
  for (let j = k; j < weights.length; j += K) weights[j] = (weights[j] ?? 0) * s;
  scale[k] = 1;
}
