// trainMatcher: TF-IDF features → one-vs-rest logistic regression (five areas + "none")
// → decision rules. Pure and deterministic: the same data and config give the same model
// and the same version string.
import { AREA_SLUGS, type AreaScore, type Classification, type Matcher, type TrainingData } from './types.js';
import { DEFAULT_PIPELINE, TextAnalyser, type PipelineOptions } from './text/features.js';
import { DEFAULT_TFIDF, FeatureSpace, type TfidfOptions } from './model/tfidf.js';
import { DEFAULT_LOGISTIC, sigmoid, trainLogistic, type LinearModel, type LogisticOptions } from './model/logistic.js';
import { buildExamples, DEFAULT_EXAMPLE_WEIGHTS, NONE_OUTPUT, OUTPUTS, type ExampleWeights } from './model/examples.js';
import { decide, DEFAULT_DECISION, type DecisionOptions } from './model/decision.js';
import { topTermsPerOutput } from './model/explain.js';
import { shortHash } from './random.js';

/** Bump when features, training or decisions change meaning, so versions of old models differ. */
export const ALGORITHM_VERSION = 'tfidf-lr-1';

export interface MatcherConfig {
  pipeline: PipelineOptions;
  tfidf: TfidfOptions;
  logistic: LogisticOptions;
  decision: DecisionOptions;
  exampleWeights: ExampleWeights;
  /** Terms shown per area in explanations. */
  termsPerArea: number;
}

export const DEFAULT_CONFIG: MatcherConfig = {
  pipeline: DEFAULT_PIPELINE,
  tfidf: DEFAULT_TFIDF,
  logistic: DEFAULT_LOGISTIC,
  decision: DEFAULT_DECISION,
  exampleWeights: DEFAULT_EXAMPLE_WEIGHTS,
  termsPerArea: 4,
};

/** Extends Matcher with what evaluation and the benchmark need to see. */
export interface TrainedMatcher extends Matcher {
  /** Per-area probabilities (AREA_SLUGS order) and the "none" probability, without decisions. */
  probabilities(text: string): { areas: number[]; none: number };
  /** Approximate bytes held by the model (vocabulary, idf and weights). */
  approximateBytes(): number;
  readonly featureCount: number;
}

export function trainMatcher(data: TrainingData, config: MatcherConfig = DEFAULT_CONFIG): TrainedMatcher {
  const version = modelVersion(data, config);
  const analyser = new TextAnalyser(config.pipeline);
  const examples = buildExamples(data, config.exampleWeights);
  const analysed = examples.map((example) => analyser.analyse(example.text));
  const space = FeatureSpace.fit(analysed, config.tfidf);
  const vectors = analysed.map((tokens) => space.vectorise(tokens));
  const targets = new Uint8Array(examples.length * OUTPUTS);
  const weights = new Float64Array(examples.length * OUTPUTS);
  examples.forEach((example, i) => {
    for (let k = 0; k < OUTPUTS; k++) {
      if (!example.onlyNegative) weights[i * OUTPUTS + k] = example.weight;
    }
    for (const k of example.positives) targets[i * OUTPUTS + k] = 1;
    for (const k of example.explicitNegatives) {
      targets[i * OUTPUTS + k] = 0;
      weights[i * OUTPUTS + k] = example.weight * config.exampleWeights.feedbackNegative;
    }
  });
  balancePositives(targets, weights, config.exampleWeights.balanceExponent);
  const seed = parseInt(version.slice(-8), 16) >>> 0;
  const model = trainLogistic({ vectors, targets, weights, outputs: OUTPUTS }, space.size, seed, config.logistic);
  return new LogisticMatcher(version, analyser, space, model, config);
}

/** A short hash of the algorithm, config and training data, independent of the order of the areas. */
function modelVersion(data: TrainingData, config: MatcherConfig): string {
  const areas = [...data.areas].sort((a, b) => AREA_SLUGS.indexOf(a.slug) - AREA_SLUGS.indexOf(b.slug));
  return `${ALGORITHM_VERSION}-${shortHash(JSON.stringify({ areas, examples: data.examples, config }))}`;
}

/** Up-weights each output's positives so rare areas are not drowned by their negatives. */
function balancePositives(targets: Uint8Array, weights: Float64Array, exponent: number): void {
  if (exponent === 0) return;
  for (let k = 0; k < OUTPUTS; k++) {
    let positives = 0;
    let negatives = 0;
    for (let j = k; j < weights.length; j += OUTPUTS) {
      if ((weights[j] ?? 0) === 0) continue;
      if (targets[j] === 1) positives++;
      else negatives++;
    }
    if (positives === 0) continue;
    const factor = Math.pow(negatives / positives, exponent);
    for (let j = k; j < weights.length; j += OUTPUTS) {
      if (targets[j] === 1) weights[j] = (weights[j] ?? 0) * factor;
    }
  }
}

class LogisticMatcher implements TrainedMatcher {
  constructor(
    readonly version: string,
    private readonly analyser: TextAnalyser,
    private readonly space: FeatureSpace,
    private readonly model: LinearModel,
    private readonly config: MatcherConfig,
  ) {}

  get featureCount(): number {
    return this.space.size;
  }

  probabilities(text: string): { areas: number[]; none: number } {
    const vector = this.space.vectorise(this.analyser.analyse(text));
    const scores = this.model.decision(vector);
    return {
      areas: AREA_SLUGS.map((_, k) => sigmoid(scores[k] ?? 0)),
      none: sigmoid(scores[NONE_OUTPUT] ?? 0),
    };
  }

  classify(text: string): Classification {
    const tokens = this.analyser.analyse(text);
    const idsPerToken = this.space.idsOf(tokens);
    const { vector, counts } = this.space.vectoriseIds(idsPerToken);
    const scores = this.model.decision(vector);
    const terms = topTermsPerOutput(
      tokens.map((t) => t.surface),
      idsPerToken,
      vector,
      counts,
      this.model,
      AREA_SLUGS.length,
      this.config.termsPerArea,
    );
    const ranked: AreaScore[] = AREA_SLUGS.map((slug, k) => ({
      slug,
      score: round(sigmoid(scores[k] ?? 0)),
      terms: terms[k] ?? [],
    })).sort((a, b) => b.score - a.score || AREA_SLUGS.indexOf(a.slug) - AREA_SLUGS.indexOf(b.slug));
    const none = sigmoid(scores[NONE_OUTPUT] ?? 0);
    const decision = decide(
      ranked.map((r) => r.score),
      none,
      this.config.decision,
    );
    return {
      ranked,
      suggested: ranked.slice(0, decision.suggestedCount),
      abstain: decision.abstain,
      modelVersion: this.version,
    };
  }

  approximateBytes(): number {
    return this.space.approximateBytes() + this.model.weights.byteLength + this.model.bias.byteLength;
  }
}

// Four decimals are plenty for display and keep JSON output stable.
function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
