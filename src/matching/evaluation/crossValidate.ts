// k-fold cross-validation on labelled needs. Out-of-fold probabilities are kept so that
// decision thresholds can be swept without retraining.
import type { AreaSlug, TrainingData } from '../types.js';
import { trainMatcher, DEFAULT_CONFIG, type MatcherConfig } from '../matcher.js';
import { decide, type DecisionOptions } from '../model/decision.js';
import {
  toAreaProfiles,
  toLabelledExamples,
  DEFAULT_TO_TRAINING,
  type SeedAreaLike,
  type SeedNeedLike,
  type ToTrainingDataOptions,
} from '../fromRegionData.js';
import { stratifiedFolds } from './folds.js';
import type { Prediction } from './metrics.js';

export interface OutOfFold {
  gold: readonly AreaSlug[];
  areas: number[];
  none: number;
  /** Each area's evidence (decision.ts abstainBelowEvidence); without it, evidence does not count. */
  evidence?: number[];
}

export interface CrossValidationInput {
  areas: readonly SeedAreaLike[];
  /** The pack's matcher phrases, trained on in every fold. */
  phrases?: TrainingData['phrases'];
  needs: readonly SeedNeedLike[];
  folds: number;
  seed?: number;
  config?: MatcherConfig;
  training?: ToTrainingDataOptions;
  /** Needs in every fold's training and never scored (so a figure on `needs` stays comparable as the training file grows). */
  alwaysTrain?: readonly SeedNeedLike[];
  onProgress?: (fold: number, folds: number) => void;
}

export function crossValidate(input: CrossValidationInput): OutOfFold[] {
  const { needs, folds } = input;
  const assignment = stratifiedFolds(needs, (need) => need.areas[0] ?? 'none', folds, input.seed ?? 42);
  const out = new Array<OutOfFold | undefined>(needs.length);
  const profiles = toAreaProfiles(input.areas);
  for (let fold = 0; fold < folds; fold++) {
    input.onProgress?.(fold, folds);
    const trainNeeds = [...needs.filter((_, i) => assignment[i] !== fold), ...(input.alwaysTrain ?? [])];
    const { phrases } = input;
    const data: TrainingData = {
      areas: profiles,
      examples: toLabelledExamples(trainNeeds, input.training ?? DEFAULT_TO_TRAINING),
      ...(phrases ? { phrases } : {}),
    };
    const matcher = trainMatcher(data, input.config ?? DEFAULT_CONFIG);
    needs.forEach((need, i) => {
      if (assignment[i] !== fold) return;
      const text = need.title ? `${need.title}. ${need.text}` : need.text;
      out[i] = { gold: need.areas, ...matcher.probabilities(text) };
    });
  }
  return out.map((o, i) => o ?? { gold: needs[i]?.areas ?? [], areas: profiles.map(() => 0), none: 1 });
}

/** Applies decision rules to stored probabilities, as classify does. */
export function predictionsFrom(outOfFold: readonly OutOfFold[], decision: DecisionOptions, slugs: readonly AreaSlug[]): Prediction[] {
  return outOfFold.map(({ gold, areas, none, evidence }) => {
    const ranked = slugs.map((slug, k) => ({ slug, p: areas[k] ?? 0, evidence: evidence?.[k] ?? Infinity })).sort((a, b) => b.p - a.p);
    const { suggestedCount } = decide(
      ranked.map((r) => r.p),
      none,
      decision,
      ranked[0]?.evidence,
    );
    return { gold, predicted: ranked.slice(0, suggestedCount).map((r) => r.slug) };
  });
}
