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
const REASON_TERMS = 3;

const analyser = new TextAnalyser();

interface Bag {
  tokens: AnalysedToken[];
  counts: Map<string, number>;
  norm: number;
}

function bagOf(text: string): Bag {
  const tokens = analyser.analyse(text);
  const counts = new Map<string, number>();
  for (const token of tokens) for (const f of token.features) counts.set(f, (counts.get(f) ?? 0) + 1);
  let norm = 0;
  for (const c of counts.values()) norm += c * c;
  return { tokens, counts, norm: Math.sqrt(norm) };
}

function cosine(a: Bag, b: Bag): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  let dot = 0;
  for (const [f, c] of a.counts) dot += c * (b.counts.get(f) ?? 0);
  return dot / (a.norm * b.norm);
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

export function rankEnvironments(
  text: string,
  classification: Classification,
  environments: EnvironmentProfile[],
  limit = 3,
): RankedEnvironment[] {
  const need = bagOf(text);
  const areaScore = new Map<AreaSlug, number>(classification.ranked.map((r) => [r.slug, r.score]));
  const suggested = new Set<AreaSlug>(classification.suggested.map((s) => s.slug));
  const termsOf = new Map<AreaSlug, string[]>(classification.ranked.map((r) => [r.slug, r.terms]));

  const scored = environments.map((environment) => {
    const offer = bagOf(`${environment.offer} ${environment.role ?? ''}`);
    const similarity = cosine(need, offer);
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
    const score = AREA_WEIGHT * bestFit + TEXT_WEIGHT * Math.min(1, 2 * similarity);
    return { environment, score, similarity, bestArea, shared: sharedWords(need, offer) };
  });

  const byScore = (a: { score: number; environment: EnvironmentProfile }, b: { score: number; environment: EnvironmentProfile }): number =>
    b.score - a.score || a.environment.id - b.environment.id;
  const specific = scored
    .filter((s) => !isCrossCutting(s.environment) && s.score >= SPECIFIC_FIT_THRESHOLD && !classification.abstain)
    .sort(byScore);
  const chosen =
    specific.length > 0
      ? specific
      : scored
          .filter((s) => isCrossCutting(s.environment))
          .map((s) => ({ ...s, score: TEXT_WEIGHT * Math.min(1, 2 * s.similarity) + 0.1 }))
          .sort(byScore);

  return chosen.slice(0, limit).map((s) => ({
    id: s.environment.id,
    name: s.environment.name,
    score: Math.round(s.score * 1000) / 1000,
    reason: reasonFor(s.environment, s.bestArea, s.shared, s.bestArea ? (termsOf.get(s.bestArea) ?? []) : []),
  }));
}

function reasonFor(environment: EnvironmentProfile, area: AreaSlug | undefined, shared: string[], needTerms: string[]): string {
  const terms = shared.length > 0 ? shared.slice(0, REASON_TERMS) : needTerms.slice(0, 2);
  if (isCrossCutting(environment) || area === undefined) {
    const base = 'Brett innovationsstöd oavsett område';
    return terms.length > 0 ? `${base}: ${terms.join(', ')}` : base;
  }
  const base = `Arbetar med ${AREA_NAMES_SV[area]}`;
  return terms.length > 0 ? `${base}: ${terms.join(', ')}` : base;
}
