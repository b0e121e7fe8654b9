// A need's current areas: a person's correction when there is one, else the classifier's suggestion.
// Pure; NeedArea, which keeps them beside the need, is written by store/needAreas.ts.
import { AREA_SLUGS, type AreaSlug } from '../matching/types.js';

export const isAreaSlug = (slug: string): slug is AreaSlug => (AREA_SLUGS as readonly string[]).includes(slug);

export function parseCorrectedAreas(stored: string | null): AreaSlug[] | null {
  if (stored === null) return null;
  return stored.split(',').filter(isAreaSlug);
}

export function formatCorrectedAreas(areas: readonly AreaSlug[]): string {
  return [...new Set(areas)].sort((a, b) => AREA_SLUGS.indexOf(a) - AREA_SLUGS.indexOf(b)).join(',');
}

export function currentAreas(suggested: readonly string[], correctedAreas: string | null): AreaSlug[] {
  return parseCorrectedAreas(correctedAreas) ?? suggested.filter(isAreaSlug);
}
