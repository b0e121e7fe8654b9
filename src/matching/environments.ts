// Ranks innovation environments for a classified need: area membership weighted by the
// need's area scores, plus text similarity between the need and what the environment does
// (offer, role and its curated focus terms), plus a little for each term the two share by name.
// Within an area every environment ties on area fit, so the text decides; the focus terms are
// there because one-sentence offers share few words with real needs. The reason is data
// (EnvironmentReason): the focus terms the need speaks of, as written in the profile (an offer's
// words count for the ranking but are not named: they are fragments, verbs and project names as
// often as topics), whether it coordinates the area (the seed data's `coordinates` field), and its
// other focus terms; src/needs/blocks words it per locale. A coordinator of the need's area wins a near
// tie. Cross-cutting environments (no areas, or marked cross-cutting: incubators, business support, a science
// park) are suggested only when no specific environment fits: none reaches the threshold, or the
// area is only weakly suggested and no environment shares a term with the need.
// Pure and deterministic; the environments' texts are analysed once per array (reference data).
import type { AreaSlug, Classification, EnvironmentProfile, EnvironmentReason, RankedEnvironment } from './types.js';
import { TextAnalyser, isWordFeature, type AnalysedToken } from './text/features.js';
import { foldDiacritics } from './text/normalise.js';

/** A specific environment needs at least this score to be suggested at all. */
const SPECIFIC_FIT_THRESHOLD = 0.25;
/** Below this area fit a specific environment also needs a term in common with the need: a weakly
 *  suggested area alone (a library's volunteers at 0.39 for a technology area) does not make Agtech relevant. */
const FIRM_AREA_FIT = 0.5;
const AREA_WEIGHT = 0.75;
const TEXT_WEIGHT = 0.25;
/** Added per further suggested area an environment also works with (a two-area need, a two-area environment). */
const SECOND_AREA_BONUS = 0.1;
/** Added for the coordinator of the area the environment is matched on: decides near ties only. */
const COORDINATOR_BONUS = 0.015;
/** At most this many shared terms go into a reason (a renderer shows fewer). */
const REASON_TERMS = 5;
/** Added per term the need and the environment share (up to TERM_EVIDENCE_MAX): a named term is firmer evidence than n-gram overlap. */
const TERM_EVIDENCE = 0.03;
const TERM_EVIDENCE_MAX = 3;
/** A term's word meets a need's compound as its head ("markfuktsensorer" ~ "sensorer", "fallarm" ~ "larm")
 *  when the term's stem has at least this many letters, and as its first part ("biogasanläggning" ~ "biogas") at MIN_COMPOUND_START. */
const MIN_COMPOUND_HEAD = 4;
const MIN_COMPOUND_START = 6;
/** A word of an offer that this share of the environments also use ("företag", "kommuner") is no reason to name one of them. */
const COMMON_WORD_SHARE = 0.25;

const analyser = new TextAnalyser();

interface Bag {
  tokens: AnalysedToken[];
  counts: Map<string, number>;
}

/** `binary`: a feature counts once however often the text repeats it (an offer and a focus term both saying "sensorer"). */
function bagOf(text: string, binary = false): Bag {
  const tokens = analyser.analyse(text);
  const counts = new Map<string, number>();
  for (const token of tokens) for (const f of token.features) counts.set(f, binary ? 1 : (counts.get(f) ?? 0) + 1);
  return { tokens, counts };
}

/** A readable term the environment can be named for, with the word features it needs in a need. */
interface Term {
  label: string;
  /** A curated focus term (named in reasons), not a word of the offer (counts, but is not named). */
  focus: boolean;
  /** Per word of the term: its word features (stem, glosses); each word must be met. */
  words: string[][];
}

interface EnvironmentText {
  bag: Bag;
  /** Focus terms first (curated, readable), then the words of the offer. */
  terms: Term[];
}

interface Prepared {
  texts: EnvironmentText[];
  idf: (feature: string) => number;
  /** Per environment, the length of its idf-weighted vector (the same for every need). */
  norms: number[];
}

function termsOf(environment: EnvironmentProfile, common: (feature: string) => boolean): Term[] {
  const terms: Term[] = [];
  const seen = new Set<string>();
  const add = (label: string, tokens: AnalysedToken[], focus: boolean): void => {
    const words = tokens.map((t) => t.features.filter(isWordFeature)).filter((w) => w.length > 0);
    const key = foldDiacritics(label);
    if (words.length === 0 || seen.has(key)) return;
    seen.add(key);
    terms.push({ label, words, focus });
  };
  for (const focus of environment.focus) add(focus.trim(), analyser.analyse(focus), true);
  // Not the role: "koordinator för Smarta, säkra … system" restates the area the reason already names.
  for (const token of analyser.analyse(environment.offer)) {
    const word = token.features[0];
    if (word !== undefined && !common(word)) add(token.surface, [token], false);
  }
  return terms;
}

function documentFrequencies(bags: readonly Bag[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const bag of bags) for (const f of bag.counts.keys()) df.set(f, (df.get(f) ?? 0) + 1);
  return df;
}

// The environments are reference data, passed as the same array need after need: analyse once.
const preparedCache = new WeakMap<readonly EnvironmentProfile[], Prepared>();

function prepare(environments: readonly EnvironmentProfile[]): Prepared {
  const cached = preparedCache.get(environments);
  if (cached) return cached;
  const bags = environments.map((e) => bagOf(`${e.offer} ${e.role ?? ''} ${e.focus.join('. ')}`, true));
  const df = documentFrequencies(bags);
  const common = (feature: string): boolean => (df.get(feature) ?? 0) > Math.max(2, COMMON_WORD_SHARE * bags.length);
  const texts = environments.map((e, i) => ({ bag: bags[i] ?? bagOf(''), terms: termsOf(e, common) }));
  // idf over the environments' own texts, so what every offer says ("företag", "-ing") weighs little.
  const idf = (feature: string): number => Math.log((1 + bags.length) / (1 + (df.get(feature) ?? 0))) + 1;
  const norms = bags.map((bag) => Math.sqrt([...bag.counts].reduce((sum, [f, c]) => sum + (c * idf(f)) ** 2, 0)));
  const prepared = { texts, idf, norms };
  preparedCache.set(environments, prepared);
  return prepared;
}

/** The need's idf-weighted vector: its length, and each feature's weight (computed once per need, used for every environment). */
interface NeedVector {
  weights: Map<string, number>;
  norm: number;
}

function needVectorOf(need: Bag, idf: (feature: string) => number): NeedVector {
  const weights = new Map<string, number>();
  let sum = 0;
  for (const [f, c] of need.counts) {
    const w = c * idf(f);
    weights.set(f, w);
    sum += w * w;
  }
  return { weights, norm: Math.sqrt(sum) };
}

function cosine(need: NeedVector, environment: Bag, environmentNorm: number, idf: (feature: string) => number): number {
  if (need.norm === 0 || environmentNorm === 0) return 0;
  let dot = 0;
  for (const [f, w] of need.weights) {
    const other = environment.counts.get(f);
    if (other !== undefined) dot += w * other * idf(f);
  }
  return dot / (need.norm * environmentNorm);
}

/** The need's word features, and what of its stems a term's word can meet as a compound's part. */
interface NeedWords {
  features: Set<string>;
  /** Endings of the need's stems that a term's word meets as the compound's head (its stem without the first two letters). */
  heads: Set<string>;
  /** Beginnings of the need's stems that a longer term word meets as the compound's first part. */
  starts: Set<string>;
}

function needWordsOf(need: Bag): NeedWords {
  const features = new Set<string>();
  for (const token of need.tokens) for (const f of token.features) if (isWordFeature(f)) features.add(f);
  // Precomputed so that a term's word is checked with two lookups, not against every stem:
  // a term word f meets stem s (longer than f) as its head when s ends with f minus its first two
  // letters (at least MIN_COMPOUND_HEAD of them), and as its start when s starts with f (f at least
  // MIN_COMPOUND_START + 2 letters long).
  const heads = new Set<string>();
  const starts = new Set<string>();
  for (const s of features) {
    for (let length = MIN_COMPOUND_HEAD; length <= s.length - 3; length++) heads.add(s.slice(s.length - length));
    for (let length = MIN_COMPOUND_START + 2; length <= s.length - 1; length++) starts.add(s.slice(0, length));
  }
  return { features, heads, starts };
}

/** A word of a term is met by the same stem in the need, or as the head or start of a compound there. */
function wordMet(word: readonly string[], need: NeedWords): boolean {
  return word.some(
    (f) =>
      need.features.has(f) || (f.length - 2 >= MIN_COMPOUND_HEAD && need.heads.has(f.slice(2))) || (f.length - 2 >= MIN_COMPOUND_START && need.starts.has(f)),
  );
}

/** The environment's terms (focus first, as written there) that the need also speaks of. */
function sharedTerms(terms: readonly Term[], need: NeedWords): Term[] {
  const out: Term[] = [];
  const covered = new Set<string>();
  for (const term of terms) {
    if (!term.words.every((w) => wordMet(w, need))) continue;
    // The offer's "tvillingen" after the focus term "digital tvilling" says nothing new.
    const stems = term.words.map((w) => w[0] ?? '');
    if (stems.every((stem) => covered.has(stem))) continue;
    for (const stem of stems) covered.add(stem);
    out.push(term);
  }
  return out;
}

const isCrossCutting = (e: EnvironmentProfile): boolean => e.crossCutting || e.areas.length === 0;

/** The environment is the region's coordinator of this area (the seed data's `coordinates`). */
const coordinates = (environment: EnvironmentProfile, area: AreaSlug): boolean => environment.coordinates.includes(area);

interface Scored {
  environment: EnvironmentProfile;
  score: number;
  similarity: number;
  bestArea: AreaSlug | undefined;
  bestFit: number;
  shared: Term[];
}

export function rankEnvironments(text: string, classification: Classification, environments: EnvironmentProfile[], limit = 3): RankedEnvironment[] {
  const need = bagOf(text);
  const needWords = needWordsOf(need);
  const { texts, idf, norms } = prepare(environments);
  const needVector = needVectorOf(need, idf);
  const areaScore = new Map<AreaSlug, number>(classification.ranked.map((r) => [r.slug, r.score]));
  const suggested = new Set<AreaSlug>(classification.suggested.map((s) => s.slug));

  const scored: Scored[] = environments.map((environment, i) => {
    const own = texts[i];
    const similarity = own ? cosine(needVector, own.bag, norms[i] ?? 0, idf) : 0;
    // The environment's best area for this need; a suggested area counts in full, others half.
    let bestArea: AreaSlug | undefined;
    let bestFit = 0;
    for (const area of environment.areas) {
      const fit = (areaScore.get(area) ?? 0) * (suggested.has(area) ? 1 : 0.5);
      if (fit > bestFit) {
        bestFit = fit;
        bestArea = area;
      }
    }
    const alsoCovered = environment.areas.filter((a) => suggested.has(a) && a !== bestArea).length;
    const coordinator = bestArea !== undefined && suggested.has(bestArea) && coordinates(environment, bestArea) ? COORDINATOR_BONUS : 0;
    const shared = own ? sharedTerms(own.terms, needWords) : [];
    const score =
      AREA_WEIGHT * bestFit +
      TEXT_WEIGHT * Math.min(1, 2 * similarity) +
      TERM_EVIDENCE * Math.min(TERM_EVIDENCE_MAX, shared.length) +
      SECOND_AREA_BONUS * alsoCovered +
      coordinator;
    return { environment, score, similarity, bestArea, bestFit, shared };
  });

  const byScore = (a: Scored, b: Scored): number => b.score - a.score || a.environment.id - b.environment.id;
  const specific = classification.abstain
    ? []
    : scored
        .filter((s) => !isCrossCutting(s.environment) && s.score >= SPECIFIC_FIT_THRESHOLD && (s.bestFit >= FIRM_AREA_FIT || s.shared.length > 0))
        .sort(byScore);
  // Nothing specific fits: the broad support organisations, the most relevant offer first.
  const chosen =
    specific.length > 0
      ? specific
      : scored
          .filter((s) => isCrossCutting(s.environment))
          .map((s) => ({ ...s, score: 0.1 + TEXT_WEIGHT * Math.min(1, 2 * s.similarity) }))
          .sort(byScore);

  return chosen.slice(0, limit).map((s) => ({
    id: s.environment.id,
    name: s.environment.name,
    score: Math.round(s.score * 1000) / 1000,
    reason: reasonFor(s.environment, s.bestArea, s.shared),
  }));
}

/** Only shared focus terms are named, so the reason never claims more than the environment's own profile says. */
function reasonFor(environment: EnvironmentProfile, area: AreaSlug | undefined, shared: readonly Term[]): EnvironmentReason {
  const terms = shared
    .filter((t) => t.focus)
    .map((t) => t.label)
    .slice(0, REASON_TERMS);
  const named = new Set(terms.map(foldDiacritics));
  const focus = environment.focus.map((f) => f.trim()).filter((f) => f !== '' && !named.has(foldDiacritics(f)));
  if (isCrossCutting(environment) || area === undefined) return { kind: 'crossCutting', terms, focus };
  const coordinator = coordinates(environment, area);
  if (terms.length > 0) return { kind: 'sharedTerms', area, terms, coordinator, focus };
  return coordinator ? { kind: 'coordinator', area, focus } : { kind: 'area', area, focus };
}
