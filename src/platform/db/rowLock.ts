// Changes to one need run one after another, whichever instance makes them: each takes the need's
// row lock first. Without it, two people's first 👍 at the same instant both build the need's
// training example from what they see, and the second write collides with the first.
import { Prisma } from '../../generated/prisma/client.js';
import type { Dialect, Tx } from './client.js';

/**
 * Locks the need's row until the transaction ends; its status, or null when there is no such need.
 * SQLite needs no lock: its single writer (and this app's adapter) runs one write transaction at a
 * time.
 */
export async function lockNeed(tx: Tx, dialect: Dialect, needId: number): Promise<{ status: string } | null> {
  if (dialect === 'sqlite') return tx.need.findUnique({ where: { id: needId }, select: { status: true } });
  const rows = await tx.$queryRaw<{ status: string }[]>(Prisma.sql`SELECT "status" FROM "Need" WHERE "id" = ${needId} FOR UPDATE`);
  return rows[0] ?? null;
}
