// Exactly-once posting on top of an API without idempotency keys. Every channel post the outbox
// makes carries message metadata naming its outbox row (OUTBOX_EVENT_TYPE, the row's dedupe key).
// When an earlier attempt's outcome is unknown — the process died between Slack's answer and our
// bookkeeping, or the answer was lost in a 5xx or a dropped connection — the channel's recent
// history (conversations.history from that attempt on; scopes channels:history, groups:history)
// is searched first, and a post found there is adopted instead of posting again.
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../logger.js';
import type { OutboxRow } from '../outbox/outboxWorker.js';
import { toOutboxError } from './outboxErrors.js';

/** The metadata event type of every message the outbox posts. */
export const OUTBOX_EVENT_TYPE = 'behovsbryggan_outbox_post';

/** Message metadata tying a post to its outbox row. */
export function outboxMetadata(row: Pick<OutboxRow, 'dedupeKey'>) {
  return { event_type: OUTBOX_EVENT_TYPE, event_payload: { outbox_key: row.dedupeKey } };
}

interface HistoryMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
  files?: { id?: string }[];
}

const HISTORY_PAGES = 5;

/**
 * Looks in the channel's history, from a minute before `since`, for a message that `matches`;
 * its ts, or null. A failed lookup (no scope, not a member) is logged and treated as "not found":
 * posting again then risks a duplicate, which is better than never posting.
 */
export async function findEarlierPost(
  deps: { client: WebClient; logger: Logger },
  channel: string,
  since: Date,
  matches: (message: HistoryMessage) => boolean,
): Promise<string | null> {
  let cursor: string | undefined;
  try {
    for (let page = 0; page < HISTORY_PAGES; page++) {
      const result = await deps.client.conversations.history({
        channel,
        oldest: String(Math.floor(since.getTime() / 1000) - 60),
        include_all_metadata: true,
        limit: 200,
        ...(cursor ? { cursor } : {}),
      });
      const found = (result.messages ?? []).find((m) => matches(m as HistoryMessage));
      if (found?.ts) return found.ts;
      // Slack says "no more pages" with an empty cursor.
      const next = result.response_metadata?.next_cursor;
      cursor = next === '' ? undefined : next;
      if (!cursor) break;
    }
  } catch (error) {
    const outboxError = toOutboxError(error);
    if (outboxError.failure !== 'permanent') throw outboxError; // rate limited or Slack down: look again later
    deps.logger.warn({ channel, error: outboxError.message }, 'could not check the channel history for an earlier post; posting again');
  }
  return null;
}

export const isOutboxPost = (key: string) => (message: HistoryMessage) =>
  message.metadata?.event_type === OUTBOX_EVENT_TYPE && message.metadata.event_payload?.outbox_key === key;
