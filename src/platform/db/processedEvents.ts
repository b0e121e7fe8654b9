// Remembers which Slack deliveries were handled, so retries, Socket Mode redeliveries and replays
// are processed once. A delivery whose effect is a database change is marked in the transaction
// of that change (markDelivery with the transaction): if the change fails or the process dies,
// nothing is marked and Slack's retry gets another chance.
import type { Db, Tx } from './client.js';
import { Prisma } from '../../generated/prisma/client.js';

/** Whether the delivery was already handled (a read: the mark itself comes with the effect). */
export async function isDeliveryHandled(db: Db, key: string): Promise<boolean> {
  return (await db.processedEvent.findUnique({ where: { eventId: key }, select: { eventId: true } })) !== null;
}

/**
 * Marks the delivery as handled; false when it already was (a duplicate delivery). One statement
 * that cannot fail on the key: inside a transaction, a concurrent duplicate waits for this one's
 * commit and then finds it marked, and the transaction goes on unharmed (PostgreSQL aborts a
 * transaction after any failed statement, so a caught unique violation would not do).
 */
export async function markDelivery(db: Db | Tx, key: string, now: Date = new Date()): Promise<boolean> {
  const inserted = await db.$executeRaw(
    Prisma.sql`INSERT INTO "ProcessedEvent" ("eventId", "receivedAt") VALUES (${key}, ${now}) ON CONFLICT ("eventId") DO NOTHING`,
  );
  return inserted === 1;
}

/** Drops ids older than Slack's retry window (hours), keeping the table small. */
export async function pruneProcessedEvents(db: Db, olderThan: Date): Promise<number> {
  return (await db.processedEvent.deleteMany({ where: { receivedAt: { lt: olderThan } } })).count;
}
