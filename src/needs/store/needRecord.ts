// What every journey that changes a need reads and writes of the need itself: who its people are
// (what permissions are decided on) and its history.
import type { Db, Tx } from '../../platform/db/client.js';
import type { NeedPeople } from '../permissions.js';

/** The need's status and people; null when there is no such need. */
export function needPeople(db: Db, needId: number): Promise<(NeedPeople & { status: string }) | null> {
  return db.need.findUnique({ where: { id: needId }, select: { status: true, recordedByUserId: true, ourContactUserId: true, claimedByUserId: true } });
}

/** One line of the need's history (its page shows them). */
export async function addNeedEvent(tx: Tx, event: { needId: number; kind: string; detail: string; userId: string; at: Date }): Promise<void> {
  await tx.needEvent.create({ data: event });
}
