// The posted copies of a need's suggestion message. The one way a change to needs reaches the
// channels: every posted copy of each need's message gets an update queued (re-rendered from the
// need's state when sent), in the change's own transaction.
import type { Db, Tx } from '../../platform/db/client.js';
import { enqueue } from '../../platform/outbox/outboxQueue.js';

/** Queues an update of every posted copy of the needs' messages; how many were queued. */
export async function queueMessageUpdates(tx: Tx, needIds: readonly number[], now: Date): Promise<number> {
  if (needIds.length === 0) return 0;
  const posts = await tx.suggestionPost.findMany({
    where: { needId: { in: [...needIds] }, messageTs: { not: null } },
    select: { id: true, channelId: true },
    orderBy: { id: 'asc' },
  });
  for (const post of posts) await enqueue(tx, { kind: 'suggestion_update', suggestionId: post.id, channelId: post.channelId }, now);
  return posts.length;
}

/** A suggestion went out as message `ts` (a post moved away while queued keeps its "moved" state). */
export async function markSuggestionPosted(db: Db, suggestionId: number, ts: string | null, wasPending: boolean): Promise<void> {
  await db.suggestionPost.update({ where: { id: suggestionId }, data: { messageTs: ts, postedAt: new Date(), ...(wasPending ? { state: 'posted' } : {}) } });
}
