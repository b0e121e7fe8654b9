// A need's current areas: a person's correction when there is one, else the classifier's suggestion.
import type { Tx } from '../db/client.js';
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

/** Keeps NeedArea (the current areas, for lists by area) in step, inside the caller's transaction. */
export async function replaceCurrentAreas(tx: Tx, needId: number, areas: readonly AreaSlug[]): Promise<void> {
  await tx.needArea.deleteMany({ where: { needId } });
  if (areas.length > 0) await tx.needArea.createMany({ data: [...new Set(areas)].map((areaSlug) => ({ needId, areaSlug })) });
}
