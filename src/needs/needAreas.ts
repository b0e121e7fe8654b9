// A need's current areas: a person's correction when there is one, else the classifier's suggestion.
import { insertRows } from '../db/bulkInsert.js';
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
  await replaceCurrentAreasOf(tx, [{ needId, areas }]);
}

/** The same for many needs at once (routing an import's batch): two statements. */
export async function replaceCurrentAreasOf(tx: Tx, needs: readonly { needId: number; areas: readonly AreaSlug[] }[]): Promise<void> {
  if (needs.length === 0) return;
  await tx.needArea.deleteMany({ where: { needId: { in: needs.map((n) => n.needId) } } });
  const data = needs.flatMap(({ needId, areas }) => [...new Set(areas)].map((areaSlug) => ({ needId, areaSlug })));
  await insertRows(tx, 'NeedArea', ['needId', 'areaSlug'], data);
}
