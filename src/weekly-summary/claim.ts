// Exactly once per (channel, ISO week): whoever inserts the WeeklySummaryClaim row posts the
// summary. The claim and its outbox row are written in one transaction, so either both exist (and
// the outbox sends, with retries, until Slack has it) or neither does. A second app instance, a
// restart or a manual `summary --post` hits the primary key and queues nothing.
import type { Db } from '../platform/db/client.js';
import { retryOnConflict, UNIQUE_KEYS, violatesUniqueKey } from '../platform/db/errors.js';
import type { AreaSlug } from '../matching/types.js';
import { enqueue } from '../platform/outbox/outboxQueue.js';

export type ClaimSource = 'scheduled' | 'catch_up' | 'cli';

export interface ClaimRequest {
  channelId: string;
  isoWeek: string;
  areas: AreaSlug[] | 'all';
  timezone: string;
  source: ClaimSource;
  now?: Date;
}

export function encodeAreas(areas: AreaSlug[] | 'all'): string {
  return areas === 'all' ? 'all' : areas.join(',');
}

export function decodeAreas(text: string): AreaSlug[] | 'all' {
  return text === 'all' ? 'all' : (text.split(',').filter(Boolean) as AreaSlug[]);
}

/**
 * True when this call claimed the week for the channel (and queued its post); false if it was
 * taken. Only the claim's own key means "taken"; any other conflict runs the claim again.
 */
export async function claimWeeklySummary(db: Db, request: ClaimRequest): Promise<boolean> {
  const now = request.now ?? new Date();
  const claim = async () => {
    await db.$transaction(async (tx) => {
      await tx.weeklySummaryClaim.create({
        data: {
          channelId: request.channelId,
          isoWeek: request.isoWeek,
          areas: encodeAreas(request.areas),
          timezone: request.timezone,
          source: request.source,
          claimedAt: now,
        },
      });
      await enqueue(tx, { kind: 'weekly_summary', channelId: request.channelId, isoWeek: request.isoWeek });
    });
    return true;
  };
  return retryOnConflict(claim, { ownKeys: [UNIQUE_KEYS.weeklySummaryClaim] }).catch((error: unknown) => {
    if (violatesUniqueKey(error, UNIQUE_KEYS.weeklySummaryClaim)) return false;
    throw error;
  });
}
