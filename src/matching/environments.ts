// Ranks innovation environments for a classified need: area membership weighted by the
// need's area scores, plus text similarity between the need and the environment's offer and
// role. Cross-cutting environments (no areas, or marked cross-cutting: LEAD, Almi, science
// parks) are suggested only when no specific environment fits well.
import type { AreaSlug, Classification, EnvironmentProfile, RankedEnvironment } from './types.js';
import { TextAnalyser, isWordFeature, type AnalysedToken } from './text/features.js';
import { AREA_NAMES_SV } from './areaNames.js';

/** A specific environment needs at least this score to be suggested at all. */
const SPECIFIC_FIT_THRESHOLD = 0.25;
const AREA_WEIGHT = 0.75;
const TEXT_WEIGHT = 0.25;
/** Added per further suggested area an environment also works with (a two-area need, a two-area environment). */
const SECOND_AREA_BONUS = 0.1;
const REASON_TERMS = 3;

const analyser = new TextAnalyser();

interface Bag {
  tokens: AnalysedToken[];
  counts: Map<string, number>;
}

function bagOf(text: string): Bag {
  const tokens = analyser.analyse(text);
  const counts = new Map<string, number>();
  for (const token of tokens) for (const f of token.features) counts.set(f, (counts.get(f) ?? 0) + 1);
  return { tokens, counts };
}

/** idf over the environments' own texts, so what every offer says ("företag", "-ing") weighs little. */
function idfOf(bags: readonly Bag[]): (feature: string) => number {
  const df = new Map<string, number>();
  for (const bag of bags) for (const f of bag.counts.keys()) df.set(f, (df.get(f) ?? 0) + 1);
  return (feature) => Math.log((1 + bags.length) / (1 + (df.get(feature) ?? 0))) + 1;
}

function cosine(a: Bag, b: Bag, idf: (feature: string) => number): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (const [f, c] of a.counts) {
    const w = c * idf(f);
    normA += w * w;
    const other = b.counts.get(f);
    if (other !== undefined) dot += w * other * idf(f);
  }
  for (const [f, c] of b.counts) normB += (c * idf(f)) ** 2;
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

/** Words of the environment's text whose stem also occurs in the need, as written in the offer. */
function sharedWords(need: Bag, environment: Bag): string[] {
  const out: string[] = [];
  for (const token of environment.tokens) {
    const word = token.features.find(isWordFeature);
    if (word !== undefined && need.counts.has(word) && !out.includes(token.surface)) out.push(token.surface);
  }
  return out;
}

const isCrossCutting = (e: EnvironmentProfile): boolean => e.crossCutting || e.areas.length === 0;

interface Scored {
  environment: EnvironmentProfile;
  score: number;
  similarity: number;
  bestArea: AreaSlug | undefined;
  shared: string[];
}

export function rankEnvironments(
  text: string,
  classification: Classification,
  environments: EnvironmentProfile[],
  limit = 3,
): RankedEnvironment[] {
  const need = bagOf(text);
  const offers = environments.map((e) => bagOf(`${e.offer} ${e.role ?? ''}`));
  const idf = idfOf(offers);
  const areaScore = new Map<AreaSlug, number>(classification.ranked.map((r) => [r.slug, r.score]));
  const suggested = new Set<AreaSlug>(classification.suggested.map((s) => s.slug));

  const scored: Scored[] = environments.map((environment, i) => {
    const offer = offers[i] ?? bagOf('');
    const similarity = cosine(need, offer, idf);
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
    const score = AREA_WEIGHT * bestFit + TEXT_WEIGHT * Math.min(1, 2 * similarity) + SECOND_AREA_BONUS * alsoCovered;
    return { environment, score, similarity, bestArea, shared: sharedWords(need, offer) };
  });

  const byScore = (a: Scored, b: Scored): number => b.score - a.score || a.environment.id - b.environment.id;
  const specific = classification.abstain
    ? []
    : scored.filter((s) => !isCrossCutting(s.environment) && s.score >= SPECIFIC_FIT_THRESHOLD).sort(byScore);
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

/** "Arbetar med <område>: <words the offer shares with the need>"; only shared words, so the line never claims more than the offer says. */
function reasonFor(environment: EnvironmentProfile, area: AreaSlug | undefined, shared: string[]): string {
  const terms = shared.slice(0, REASON_TERMS);
  const base = isCrossCutting(environment) || area === undefined ? 'Brett innovationsstöd oavsett område' : `Arbetar med ${AREA_NAMES_SV[area]}`;
  return terms.length > 0 ? `${base}: ${terms.join(', ')}` : base;
}
