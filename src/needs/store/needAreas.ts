// NeedArea: a need's current areas kept beside it, so lists by area need no reasoning over
// corrections (the rule itself is in ../needAreas.ts).
import { insertRows } from '../../platform/db/bulkInsert.js';
import type { Tx } from '../../platform/db/client.js';
import type { AreaSlug } from '../../matching/types.js';

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
