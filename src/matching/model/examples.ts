// Builds the weighted training set: area profiles (name, description sentences, each
// keyword), the pack's phrases, and the labelled examples. Outputs are the region's areas in the
// pack's order, followed by "none".
import type { AreaSlug, TrainingData } from '../types.js';

/** The model's outputs: one per area (the pack's order), then "none". */
export interface Outputs {
  slugs: readonly AreaSlug[];
  /** The index of "none" (= the number of areas). */
  none: number;
  count: number;
}

export function outputsOf(data: Pick<TrainingData, 'areas'>): Outputs {
  const slugs = data.areas.map((a) => a.slug);
  return { slugs, none: slugs.length, count: slugs.length + 1 };
}

export interface WeightedExample {
  text: string;
  /** Outputs this example is positive for. Empty with `onlyNegative` = feedback saying "not these". */
  positives: number[];
  /** Outputs explicitly negative with extra weight (feedback). */
  explicitNegatives: number[];
  /** When true, only explicitNegatives are trained (the rest is unknown). */
  onlyNegative: boolean;
  weight: number;
  /** True for examples from TrainingData.examples (labelled needs, feedback); false for area profiles and phrases. */
  labelled: boolean;
}

/** A labelled example that says what its text is (not feedback saying only "not these", not weighed 0). */
export function saysWhatItIs(e: WeightedExample): boolean {
  return e.labelled && !e.onlyNegative && e.weight > 0;
}

export interface ExampleWeights {
  profile: number;
  labelled: number;
  /** Extra weight of a person's "not this area". */
  feedbackNegative: number;
  /** Positives of output k are weighted (negatives_k / positives_k) ^ this; 0 = no balancing (measured: no gain). */
  balanceExponent: number;
}

export const DEFAULT_EXAMPLE_WEIGHTS: ExampleWeights = { profile: 1, labelled: 1, feedbackNegative: 2, balanceExponent: 0 };

/**
 * Weight of a training example that came from people's feedback on a real need (TrainingExample
 * source 'feedback': a correction, a 👍 or a claim) relative to a shipped labelled need; callers
 * set it as LabelledExample.weight. Measured with test/bench/learningCurve.bench.ts --tune (10
 * shuffles not used for the reported figures), weights 1, 2, 3, 5, 8: 1 was best or tied in all
 * four scenarios and the lift fell as the weight grew (after 50 corrections, hit@1 lift at 1 / 3 / 8:
 * cold start +0.038 / +0.025 / −0.013, styled needs −0.013 / −0.020 / −0.030, mistakes only
 * +0.017 / +0.013 / −0.007; at 8 one shuffle's model collapsed). The model already fits every
 * training example (each corrected need is classified as corrected after retraining at weight 1),
 * so more weight cannot make a correction stick better; it only bends the boundary towards a few
 * needs. Kept as a constant so feedback can be re-weighted when real feedback says otherwise.
 * tfidf-lr-5 trains on the real-passage corpus too (954 examples instead of 329), and a single
 * correction at weight 1 no longer carried its own need: the probe of
 * test/unit/matching/weights.test.ts (visitor-counting cameras, corrected to another area) stayed
 * in its first area, 0.71 against 0.67; at 1.5 it moved (0.86), at 2 clearly (0.94). So 2, until the
 * learning-curve tuning above is run again on the larger training set.
 */
export const FEEDBACK_EXAMPLE_WEIGHT = 2;

/**
 * Weight of a real public passage of the pack's corpus (corpus/*.jsonl) relative to a written
 * labelled need. Measured on the development data (5-fold CV on the corpus; public-needs.jsonl;
 * styled needs), macro-F1: 0.5 → 0.818 / 0.847 / 0.917, 1 → 0.828 / 0.862 / 0.919, 2 → 0.826 /
 * 0.829 / 0.904 (with the decision thresholds of tfidf-lr-5): 1.
 */
export const CORPUS_EXAMPLE_WEIGHT = 1;

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.:;])\s+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function buildExamples(data: TrainingData, weights: ExampleWeights = DEFAULT_EXAMPLE_WEIGHTS): WeightedExample[] {
  const outputs = outputsOf(data);
  const areaOutput = (slug: AreaSlug): number => {
    const index = outputs.slugs.indexOf(slug);
    if (index < 0) throw new RangeError(`example labelled with "${slug}", which is not one of the areas`);
    return index;
  };
  const out: WeightedExample[] = [];
  const add = (text: string, positives: number[], weight: number): void => {
    out.push({ text, positives, explicitNegatives: [], onlyNegative: false, weight, labelled: false });
  };
  for (const area of data.areas) {
    const output = [areaOutput(area.slug)];
    add(area.name, output, weights.profile);
    for (const sentence of sentences(area.description)) add(sentence, output, weights.profile);
    for (const keyword of area.keywords) add(keyword, output, weights.profile);
    for (const phrase of data.phrases?.areas[area.slug] ?? []) add(phrase, output, weights.profile);
  }
  for (const phrase of data.phrases?.none ?? []) add(phrase, [outputs.none], weights.profile);
  for (const example of data.examples) {
    const negatives = (example.negativeAreas ?? []).map(areaOutput);
    const onlyNegative = example.areas.length === 0 && negatives.length > 0;
    const positives = example.areas.length > 0 ? example.areas.map(areaOutput) : onlyNegative ? [] : [outputs.none];
    const weight = example.weight ?? 1;
    if (!Number.isFinite(weight) || weight < 0) throw new RangeError(`example weight must be finite and ≥ 0, got ${weight}`);
    out.push({ text: example.text, positives, explicitNegatives: negatives, onlyNegative, weight: weights.labelled * weight, labelled: true });
  }
  return out;
}
