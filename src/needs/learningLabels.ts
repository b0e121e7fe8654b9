// What people's reactions teach the matcher about one need. Pure: the need's areas and its
// feedback in, training labels out.
import type { AreaSlug } from '../matching/types.js';

export type FeedbackKind = 'up' | 'down' | 'claim' | 'resolved';

/** The areas a channel speaks for: its configured areas, every area, or none (intake). */
export type ChannelScope = AreaSlug[] | 'all' | 'none';

export interface FeedbackFact {
  kind: FeedbackKind;
  scope: ChannelScope;
}

export interface TrainingLabels {
  /** Areas confirmed to fit; empty together with `negative` empty means "no area fits". */
  positive: AreaSlug[];
  negative: AreaSlug[];
}

function spokenFor(scope: ChannelScope, needAreas: readonly AreaSlug[], kind: FeedbackKind): AreaSlug[] {
  if (scope === 'none') return [];
  // A 👍/👎 in the all-areas channel says "relevant to the region", not which area; a claim
  // there still confirms the need's areas.
  if (scope === 'all') return kind === 'claim' ? [...needAreas] : [];
  return needAreas.filter((area) => scope.includes(area));
}

/**
 * Labels for the need as a training example, or null when the feedback says nothing about areas.
 * A recategorisation is the strongest statement and replaces everything else; otherwise 👍 and
 * claims in an area's channel confirm that area, and 👎 there is evidence against it.
 */
export function trainingLabelsFor(
  suggestedAreas: readonly AreaSlug[],
  correctedAreas: readonly AreaSlug[] | null,
  feedback: readonly FeedbackFact[],
): TrainingLabels | null {
  if (correctedAreas !== null) return { positive: [...correctedAreas], negative: [] };
  const positive = new Set<AreaSlug>();
  const negative = new Set<AreaSlug>();
  for (const fact of feedback) {
    if (fact.kind === 'resolved') continue;
    const areas = spokenFor(fact.scope, suggestedAreas, fact.kind);
    for (const area of areas) (fact.kind === 'down' ? negative : positive).add(area);
  }
  for (const area of positive) negative.delete(area);
  if (positive.size === 0 && negative.size === 0) return null;
  return { positive: [...positive].sort(), negative: [...negative].sort() };
}
