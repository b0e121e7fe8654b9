// A need's current areas: a person's correction when there is one, else the classifier's suggestion.
// Pure; NeedArea, which keeps them beside the need, is written by store/needAreas.ts.
import type { AreaSlug } from '../matching/types.js';

/** The form of an area slug in a region pack (lowercase ASCII, "-"): what is stored is checked by it. */
export const AREA_SLUG_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
export const isAreaSlug = (slug: string): slug is AreaSlug => AREA_SLUG_PATTERN.test(slug);

export function parseCorrectedAreas(stored: string | null): AreaSlug[] | null {
  if (stored === null) return null;
  return stored.split(',').filter(isAreaSlug);
}

/** Stored in the region's order (`order`: the pack's areas), so the same choice is the same text. */
export function formatCorrectedAreas(areas: readonly AreaSlug[], order: readonly AreaSlug[]): string {
  const rank = (slug: AreaSlug) => (order.includes(slug) ? order.indexOf(slug) : order.length);
  return [...new Set(areas)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).join(',');
}

export function currentAreas(suggested: readonly string[], correctedAreas: string | null): AreaSlug[] {
  return parseCorrectedAreas(correctedAreas) ?? suggested.filter(isAreaSlug);
}
