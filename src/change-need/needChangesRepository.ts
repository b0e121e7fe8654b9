// The edit-and-withdraw journey's repository: what an owner's change to a need reads and writes, in
// plain objects. The rules (who may, which fields changed) are in needChanges.ts.
import type { Db, Tx } from '../platform/db/client.js';
import type { NeedInput } from '../needs/needInput.js';

/** The fields the edit form shows, as stored (the sector unchecked). */
export type StoredEditable = Omit<NeedInput, 'sector'> & { sector: string | null };

export function editableFields(db: Db, needId: number): Promise<StoredEditable | null> {
  return db.need.findUnique({
    where: { id: needId },
    select: { municipalityId: true, title: true, description: true, sector: true, municipalContact: true, ourContactUserId: true },
  });
}

/** What an edit is decided on: the stored fields, whether the need was routed, and its areas. */
export async function editFacts(
  tx: Tx,
  needId: number,
): Promise<StoredEditable & { routed: boolean; suggestedAreas: string[]; correctedAreas: string | null }> {
  const need = await tx.need.findUniqueOrThrow({
    where: { id: needId },
    select: {
      municipalityId: true,
      title: true,
      description: true,
      sector: true,
      municipalContact: true,
      ourContactUserId: true,
      routedAt: true,
      correctedAreas: true,
      classifications: { where: { suggested: true }, select: { areaSlug: true } },
    },
  });
  const { routedAt, classifications, ...fields } = need;
  return { ...fields, routed: routedAt !== null, suggestedAreas: classifications.map((c) => c.areaSlug) };
}

/** Writes the changed fields and the need's new search text. */
export async function writeEdit(tx: Tx, needId: number, changes: Partial<NeedInput>, searchText: string): Promise<void> {
  await tx.need.update({ where: { id: needId }, data: { ...changes, searchText } });
}

/** Marks the need withdrawn; false when it already was (or is gone). */
export async function markWithdrawn(tx: Tx, needId: number, at: Date): Promise<boolean> {
  return (await tx.need.updateMany({ where: { id: needId, status: { not: 'withdrawn' } }, data: { status: 'withdrawn', withdrawnAt: at } })).count > 0;
}

/** Deletes the need's training example (with its labels); true when there was one. */
export async function deleteTrainingExampleOf(tx: Tx, needId: number): Promise<boolean> {
  return (await tx.trainingExample.deleteMany({ where: { key: `need:${needId}` } })).count > 0;
}

export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(work);
}
