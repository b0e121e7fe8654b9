// The matcher's public contract. Everything in src/matching is pure and synchronous:
// no Slack, no database, no file I/O. Callers load data and pass it in.

/** A strength area's key, as the region pack names it (lowercase ASCII and "-"). */
export type AreaSlug = string;

/** A strength area as the matcher needs it (name/description/keywords feed training). */
export interface AreaProfile {
  slug: AreaSlug;
  name: string;
  description: string;
  keywords: string[];
}

/** One labelled text. `areas` empty means "none of the areas fits". `negativeAreas` are
 *  areas a person explicitly said do NOT fit (feedback 👎); they may be empty. When `areas` is
 *  empty but `negativeAreas` is not, the example only says "not these" (it is not a "none"
 *  example): it trains those areas' scores down and leaves the rest alone. */
export interface LabelledExample {
  text: string;
  areas: AreaSlug[];
  negativeAreas?: AreaSlug[];
  /** How much this example counts in training relative to a shipped labelled need; default 1.
   *  A person's feedback on a real need gets FEEDBACK_EXAMPLE_WEIGHT. Must be finite and ≥ 0 (0 ignores
   *  it); weights of 8 and more made SGD training unstable in the learning-curve bench. */
  weight?: number;
}

export interface TrainingData {
  /** The region's areas, in the pack's order: the model's outputs follow it (then "none"). */
  areas: AreaProfile[];
  examples: LabelledExample[];
  /** The region's language (its stemmer); Swedish when absent. */
  language?: 'sv' | 'en';
  /** The pack's phrases for each area's problems and for "none" (matcher.yml), if any. */
  phrases?: { areas: Readonly<Record<AreaSlug, readonly string[]>>; none: readonly string[] };
  /**
   * Unlabelled public text of ordinary business, in the region's language: how common a word is there tells a model
   * of few labelled examples which of its few texts' words are everyday prose (MatcherConfig.fewExamplesBackground).
   */
  background?: readonly string[];
}

export interface AreaScore {
  slug: AreaSlug;
  /** Calibrated 0–1, comparable across needs. */
  score: number;
  /** Readable terms (as written in the text, not stems) that drove this area's score. */
  terms: string[];
}

export interface Classification {
  /** All five areas, best first. */
  ranked: AreaScore[];
  /** The areas suggested for this need (0, 1 or 2), best first. Empty when abstaining. */
  suggested: AreaScore[];
  /** True when no area is a clear match ("Ingen tydlig matchning"). */
  abstain: boolean;
  modelVersion: string;
}

export interface Matcher {
  readonly version: string;
  classify(text: string): Classification;
}

/** An innovation environment as the ranker needs it. `areas` empty = serves every area. */
export interface EnvironmentProfile {
  id: number;
  name: string;
  areas: AreaSlug[];
  crossCutting: boolean;
  offer: string;
  role?: string | null;
  /** What it is actually good for, in a need's words ("trygghetslarm", "bygglogistik"); may be empty. */
  focus: string[];
  /** The areas it is the region's coordinator of (a field of the seed data); a subset of `areas`. */
  coordinates: AreaSlug[];
}

/**
 * Why an environment is suggested, as data: the Slack layer words it per locale (and leaves out
 * what the message already says). Terms and focus words are the environment's own curated focus
 * terms as written in its profile, never stems; nothing here is locale text.
 * - `sharedTerms`: the need speaks of some of the environment's focus terms (`terms`, best first).
 * - `coordinator`: no focus term in common, but it coordinates the area it is matched on.
 * - `area`: no focus term in common; it works in the area it is matched on.
 * - `crossCutting`: a broad support organisation, suggested because nothing specific fits;
 *   `terms` are focus terms it shares with the need, if any.
 * `focus` is the rest of its focus terms (those not in `terms`), in the profile's order, so a
 * renderer can say what the environment does and what sets two suggestions apart.
 */
export type EnvironmentReason =
  | { kind: 'sharedTerms'; area: AreaSlug; terms: string[]; coordinator: boolean; focus: string[] }
  | { kind: 'coordinator'; area: AreaSlug; focus: string[] }
  | { kind: 'area'; area: AreaSlug; focus: string[] }
  | { kind: 'crossCutting'; terms: string[]; focus: string[] };

export interface RankedEnvironment {
  id: number;
  name: string;
  score: number;
  /** Why this environment is suggested (structured; rendered per locale in src/needs/blocks). */
  reason: EnvironmentReason;
}
