// Global middleware: an Events API delivery whose event_id was already handled is dropped.
// Slack retries up to 3 times (x-slack-retry-num) and Socket Mode may redeliver. A listener whose
// effect is a database change marks the event in that change's transaction (the reaction
// listeners, through FeedbackService); any other event is marked once its listener has finished.
// Nothing is marked when the listener fails, so Slack's retry gets another chance.
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Db } from '../db/client.js';
import { isDeliveryHandled, markDelivery } from '../db/processedEvents.js';

/** The envelope's event id, or null for anything that is no Events API delivery. */
export function eventIdOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const id = (body as { event_id?: unknown }).event_id;
  return typeof id === 'string' && id.length > 0 ? id : null;
}

export function dedupeEvents(db: Db): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next, logger }) => {
    const eventId = eventIdOf(body);
    if (!eventId) return next();
    if (await isDeliveryHandled(db, eventId)) {
      logger.debug(`event ${eventId} already processed; ignoring the redelivery`);
      return;
    }
    await next();
    await markDelivery(db, eventId);
  };
}
