// GET /healthz: can the app do its job? Not "does SELECT 1 answer" — a read-only file or a full
// disk still answers that. Each part is checked with its own deadline, so the whole answer comes
// within a second even when the database hangs:
// - database: a write (the HealthProbe row) commits;
// - migrations: every shipped migration is recorded as applied;
// - outbox: no post has been due for longer than OUTBOX_STUCK_AFTER_MS (Slack down, a stuck worker).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from './db/client.js';
import { withDbDeadline } from './db/deadline.js';
import { appliedMigrations, countOutboxWithStatus, oldestDueOutboxAt, writeHealthProbe } from './db/healthQueries.js';

/** Each part's answer must come within this; the whole response well inside a second. */
const PART_DEADLINE_MS = 700;
export const OUTBOX_STUCK_AFTER_MS = 10 * 60_000;

export interface HealthPart {
  ok: boolean;
  detail?: string;
}

export interface HealthReport {
  ok: boolean;
  database: HealthPart;
  migrations: HealthPart & { pending?: string[] };
  outbox: HealthPart & { pending: number | null; failed: number | null; oldestDueSeconds: number | null };
}

export interface HealthDeps {
  db: Db;
  /** Names of the migrations this version ships (prisma/migrations*). */
  expectedMigrations: readonly string[];
  now?: () => Date;
}

class PartTimeout extends Error {}

async function withinDeadline<T>(work: () => PromiseLike<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PartTimeout()), PART_DEADLINE_MS);
  });
  try {
    return await Promise.race([withDbDeadline(PART_DEADLINE_MS, work), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const problem = (error: unknown): string =>
  error instanceof PartTimeout
    ? `no answer within ${PART_DEADLINE_MS} ms`
    : ((error instanceof Error ? error.message : String(error)).split('\n').filter(Boolean).at(-1) ?? 'failed');

export function createHealthCheck(deps: HealthDeps): () => Promise<HealthReport> {
  const now = deps.now ?? (() => new Date());
  const database = async (): Promise<HealthPart> => {
    try {
      const at = now();
      await withinDeadline(() => writeHealthProbe(deps.db, at));
      return { ok: true };
    } catch (error) {
      return { ok: false, detail: `cannot write: ${problem(error)}` };
    }
  };
  const migrations = async (): Promise<HealthReport['migrations']> => {
    try {
      const applied = new Set(await withinDeadline(() => appliedMigrations(deps.db)));
      const pending = deps.expectedMigrations.filter((name) => !applied.has(name));
      return pending.length === 0 ? { ok: true } : { ok: false, detail: 'migrations not applied', pending };
    } catch (error) {
      return { ok: false, detail: problem(error) };
    }
  };
  const outbox = async (): Promise<HealthReport['outbox']> => {
    try {
      const at = now();
      const [pending, failed, oldestDue] = await withinDeadline(() =>
        Promise.all([countOutboxWithStatus(deps.db, 'pending'), countOutboxWithStatus(deps.db, 'failed'), oldestDueOutboxAt(deps.db, at)]),
      );
      const oldestDueMs = oldestDue ? at.getTime() - oldestDue.getTime() : null;
      const stuck = oldestDueMs !== null && oldestDueMs > OUTBOX_STUCK_AFTER_MS;
      return {
        ok: !stuck,
        ...(stuck ? { detail: `a post has been due for ${Math.round(oldestDueMs / 60_000)} minutes` } : {}),
        pending,
        failed,
        oldestDueSeconds: oldestDueMs === null ? null : Math.round(oldestDueMs / 1000),
      };
    } catch (error) {
      return { ok: false, detail: problem(error), pending: null, failed: null, oldestDueSeconds: null };
    }
  };
  return async () => {
    const [db, migrated, queue] = await Promise.all([database(), migrations(), outbox()]);
    return { ok: db.ok && migrated.ok && queue.ok, database: db, migrations: migrated, outbox: queue };
  };
}

/** The HTTP handler: 200 with the report when every part is fine, 503 with it otherwise. */
export function healthRoute(check: () => Promise<HealthReport>) {
  return async (_req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const report = await check();
    res.writeHead(report.ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(report));
  };
}
