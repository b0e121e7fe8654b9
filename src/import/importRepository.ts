// Looking an imported row up by its key (Need.submissionKey), for the dry run's "already there".
import type { Db } from '../platform/db/client.js';

export async function needIdBySubmissionKey(db: Db, key: string): Promise<number | null> {
  const need = await db.need.findUnique({ where: { submissionKey: key }, select: { id: true } });
  return need?.id ?? null;
}
