// Remembers which Slack event ids were handled, so retries and Socket Mode redeliveries are
// processed once.
import type { Db } from './client.js';
import { isUniqueViolation } from './errors.js';

/** Records the event id; false when it was already recorded (a duplicate delivery). */
export async function claimEvent(db: Db, eventId: string): Promise<boolean> {
  try {
    await db.processedEvent.create({ data: { eventId } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Forgets a claim whose processing failed, so Slack's retry gets another chance. */
export async function releaseEvent(db: Db, eventId: string): Promise<void> {
  await db.processedEvent.deleteMany({ where: { eventId } });
}

/** Drops ids older than Slack's retry window (hours), keeping the table small. */
export async function pruneProcessedEvents(db: Db, olderThan: Date): Promise<number> {
  return (await db.processedEvent.deleteMany({ where: { receivedAt: { lt: olderThan } } })).count;
}
