// Global middleware: an Events API delivery whose event_id was already handled is dropped.
// Slack retries up to 3 times (x-slack-retry-num) and Socket Mode may redeliver.
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Db } from '../../db/client.js';
import { claimEvent, releaseEvent } from '../../db/processedEvents.js';

function eventIdOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const id = (body as { event_id?: unknown }).event_id;
  return typeof id === 'string' && id.length > 0 ? id : null;
}

export function dedupeEvents(db: Db): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next, logger }) => {
    const eventId = eventIdOf(body);
    if (!eventId) return next();
    if (!(await claimEvent(db, eventId))) {
      logger.debug(`event ${eventId} already processed; ignoring the redelivery`);
      return;
    }
    try {
      await next();
    } catch (error) {
      await releaseEvent(db, eventId);
      throw error;
    }
  };
}
