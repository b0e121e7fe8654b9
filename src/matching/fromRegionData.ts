// Adapts a region pack's data (loaded by src/region) to the matcher's TrainingData.
import type { AreaProfile, AreaSlug, EnvironmentProfile, LabelledExample, TrainingData } from './types.js';
import { CORPUS_EXAMPLE_WEIGHT } from './model/examples.js';

export interface SeedAreaLike {
  slug: AreaSlug;
  name: string;
  description: string;
  keywords: readonly string[];
}

export interface SeedNeedLike {
  text: string;
  title?: string | undefined;
  areas: readonly AreaSlug[];
}

export interface SeedEnvironmentLike {
  name: string;
  areas: readonly AreaSlug[];
  cross_cutting: boolean;
  offer: string;
  role?: string | undefined;
  focus: readonly string[];
  coordinates?: readonly AreaSlug[] | undefined;
}

export interface ToTrainingDataOptions {
  /** Also train on each need's title alone: titles are short, like many needs typed in Slack. */
  titlesAsExamples: boolean;
  /** Also train on each sentence of a need alone (short needs say one thing). */
  sentencesAsExamples: boolean;
}

// Both measured worse (macro-F1 in cross-validation and on short styled needs fell by 0.02–0.05),
// as if the short fragments taught the model words out of context; kept as options to re-measure.
export const DEFAULT_TO_TRAINING: ToTrainingDataOptions = { titlesAsExamples: false, sentencesAsExamples: false };

/** Environments as the ranker sees them, numbered in file order (the app uses database ids). */
export function toEnvironmentProfiles(environments: readonly SeedEnvironmentLike[]): EnvironmentProfile[] {
  return environments.map((e, i) => ({
    id: i + 1,
    name: e.name,
    areas: [...e.areas],
    crossCutting: e.cross_cutting,
    offer: e.offer,
    role: e.role ?? null,
    focus: [...e.focus],
    coordinates: [...(e.coordinates ?? [])],
  }));
}

export function toAreaProfiles(areas: readonly SeedAreaLike[]): AreaProfile[] {
  return areas.map((a) => ({ slug: a.slug, name: a.name, description: a.description, keywords: [...a.keywords] }));
}

export function toLabelledExamples(needs: readonly SeedNeedLike[], options: ToTrainingDataOptions = DEFAULT_TO_TRAINING): LabelledExample[] {
  const out: LabelledExample[] = [];
  for (const need of needs) {
    const title = need.title?.trim();
    out.push({ text: title ? `${title}. ${need.text}` : need.text, areas: [...need.areas] });
    if (options.titlesAsExamples && title) out.push({ text: title, areas: [...need.areas] });
    if (options.sentencesAsExamples) {
      const parts = need.text.split(/(?<=[.!?])\s+/).filter((s) => s.trim().length > 0);
      if (parts.length > 1) for (const part of parts) out.push({ text: part, areas: [...need.areas] });
    }
  }
  return out;
}

/** A pack's matcher phrases (matcher.yml), as TrainingData carries them. */
export interface PhrasesLike {
  phrases: Readonly<Record<AreaSlug, readonly string[]>>;
  none: readonly string[];
}

export function toPhrases(phrases: PhrasesLike | undefined): TrainingData['phrases'] {
  return phrases ? { areas: phrases.phrases, none: phrases.none } : undefined;
}

export function toTrainingData(
  seed: {
    areas: readonly SeedAreaLike[];
    labelledNeeds: readonly SeedNeedLike[];
    /** Real public passages (the pack's corpus), trained on at CORPUS_EXAMPLE_WEIGHT. */
    corpus?: readonly SeedNeedLike[];
    phrases?: PhrasesLike | undefined;
    region?: { language: 'sv' | 'en' };
    /** Unlabelled background text (TrainingData.background). */
    background?: readonly string[];
  },
  options: ToTrainingDataOptions = DEFAULT_TO_TRAINING,
): TrainingData {
  const phrases = toPhrases(seed.phrases);
  return {
    areas: toAreaProfiles(seed.areas),
    examples: [
      ...toLabelledExamples(seed.labelledNeeds, options),
      ...toLabelledExamples(seed.corpus ?? [], options).map((e) => ({ ...e, weight: CORPUS_EXAMPLE_WEIGHT })),
    ],
    ...(phrases ? { phrases } : {}),
    ...(seed.region?.language === 'en' ? { language: 'en' as const } : {}),
    ...(seed.background?.length ? { background: seed.background } : {}),
  };
}
