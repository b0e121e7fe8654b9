// The health check's repository: the reads and the one write GET /healthz makes, in plain values.
// Deadlines and what counts as healthy are decided in platform/health.ts.
import type { Db } from './client.js';

/** Writes the HealthProbe row: proves the database takes a write, not only a read. */
export async function writeHealthProbe(db: Db, at: Date): Promise<void> {
  await db.healthProbe.upsert({ where: { id: 1 }, create: { id: 1, checkedAt: at }, update: { checkedAt: at } });
}

/** Names of the migrations Prisma recorded as applied (finished, not rolled back). */
export async function appliedMigrations(db: Db): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ migration_name: string }[]>(
    'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
  );
  return rows.map((r) => r.migration_name);
}

export function countOutboxWithStatus(db: Db, status: 'pending' | 'failed'): Promise<number> {
  return db.outboxMessage.count({ where: { status } });
}

/** When the pending row that has been due the longest at `at` became due; null when none is due. */
export async function oldestDueOutboxAt(db: Db, at: Date): Promise<Date | null> {
  const oldest = await db.outboxMessage.findFirst({
    where: { status: 'pending', nextAttemptAt: { lte: at } },
    orderBy: { nextAttemptAt: 'asc' },
    select: { nextAttemptAt: true },
  });
  return oldest ? oldest.nextAttemptAt : null;
}
