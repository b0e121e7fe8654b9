// Recognising database errors that are outcomes, not failures. A unique violation means "this is
// already recorded" only for the key that says so: the caller names that key, and a violation of
// any other key (another transaction wrote a row this one also meant to write) is a conflict to
// retry, never a reason to drop what the person did.
import { required } from '../../required.js';

/** A unique key as the schema declares it: the model's table and the key's fields, in order. */
export interface UniqueKey {
  table: string;
  fields: readonly string[];
  /** True for the table's primary key (PostgreSQL names it "<table>_pkey"). */
  primary?: boolean;
}

/** The unique keys whose violation some caller takes to mean "already recorded". */
export const UNIQUE_KEYS = {
  processedEvent: { table: 'ProcessedEvent', fields: ['eventId'], primary: true },
  feedback: { table: 'Feedback', fields: ['needId', 'userId', 'kind', 'scope'] },
  needSubmission: { table: 'Need', fields: ['submissionKey'] },
  weeklySummaryClaim: { table: 'WeeklySummaryClaim', fields: ['channelId', 'isoWeek'], primary: true },
} as const satisfies Record<string, UniqueKey>;

/** What a unique violation tells about its key; the parts a driver did not say are null. */
export interface UniqueViolation {
  table: string | null;
  fields: string[] | null;
  /** PostgreSQL's index or constraint name. */
  index: string | null;
}

interface DriverCause {
  kind?: unknown;
  table?: unknown;
  constraint?: { fields?: unknown; index?: unknown } | null;
  originalMessage?: unknown;
}

const stringArray = (value: unknown): string[] | null => (Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : null);

/** SQLite's own words: "UNIQUE constraint failed: Feedback.needId, Feedback.userId". */
function fromSqliteMessage(message: string): UniqueViolation | null {
  const list = /UNIQUE constraint failed: ([^\n]+)/.exec(message)?.[1];
  if (list === undefined) return null;
  const columns = list.split(',').map((c) => c.trim().split('.'));
  const first = columns[0];
  // split() gives at least one part: the table of "Table.column", and each column's last part.
  const table = first?.length === 2 ? required(first[0], 'the table name') : null;
  return { table, fields: columns.map((c) => required(c.at(-1), 'the column name')), index: null };
}

/** PostgreSQL's own words: 'duplicate key value violates unique constraint "Feedback_…_key"'. */
function fromPostgresMessage(message: string): UniqueViolation | null {
  const index = /duplicate key value violates unique constraint "([^"]+)"/.exec(message)?.[1];
  return index === undefined ? null : { table: null, fields: null, index };
}

/**
 * The violated key when `error` is a unique violation (Prisma's P2002, or a raw query's P2010 whose
 * driver says UniqueConstraintViolation, or only the database's message), else null.
 */
export function uniqueViolationOf(error: unknown): UniqueViolation | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as { code?: unknown; message?: unknown; meta?: { driverAdapterError?: { cause?: DriverCause }; target?: unknown } };
  const cause = e.meta?.driverAdapterError?.cause;
  if (cause?.kind === 'UniqueConstraintViolation') {
    const fields = stringArray(cause.constraint?.fields);
    const index = typeof cause.constraint?.index === 'string' ? cause.constraint.index : null;
    return { table: typeof cause.table === 'string' ? cause.table : null, fields, index };
  }
  const message = typeof e.message === 'string' ? e.message : '';
  const fromMessage = fromSqliteMessage(message) ?? fromPostgresMessage(message);
  if (fromMessage) return fromMessage;
  if (e.code === 'P2002') return { table: null, fields: stringArray(e.meta?.target), index: null };
  return null;
}

/** Any unique violation, whichever key (for callers that re-check everything themselves). */
export function isUniqueViolation(error: unknown): boolean {
  return uniqueViolationOf(error) !== null;
}

const sameFields = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((f, i) => f === b[i]);

/** PostgreSQL's default name of the key's index, as Prisma's migrations create it. */
export const postgresIndexName = (key: UniqueKey): string => (key.primary ? `${key.table}_pkey` : `${key.table}_${key.fields.join('_')}_key`);

/** True only when `error` is a violation of `key`: the one conflict that means "already recorded". */
export function violatesUniqueKey(error: unknown, key: UniqueKey): boolean {
  const violation = uniqueViolationOf(error);
  if (!violation) return false;
  if (violation.index !== null) return violation.index === postgresIndexName(key);
  if (violation.fields === null) return false; // a key we cannot tell is not ours to swallow
  return (violation.table === null || violation.table === key.table) && sameFields(violation.fields, key.fields);
}

/**
 * A write that lost a race with another transaction and may succeed when run again: a unique
 * violation (the caller has already ruled out its own key), a serialization failure or a deadlock
 * (Prisma's P2034; PostgreSQL's 40001 and 40P01). SQLite's busy database is waited out by the
 * adapter itself (sqliteAdapter.ts).
 */
export function isRetryableConflict(error: unknown): boolean {
  if (uniqueViolationOf(error)) return true;
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; message?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; kind?: unknown } } } };
  if (e.code === 'P2034') return true;
  const cause = e.meta?.driverAdapterError?.cause;
  if (cause?.originalCode === '40001' || cause?.originalCode === '40P01') return true;
  if (cause?.kind === 'TransactionWriteConflict') return true;
  return typeof e.message === 'string' && /could not serialize access|deadlock detected/i.test(e.message);
}

/** How often a transaction that lost a race is run again before its error is let through. */
export const CONFLICT_ATTEMPTS = 4;

export interface ConflictRetry {
  /** The caller's own keys: their violation is an outcome ("already recorded"), thrown at once. */
  ownKeys?: readonly UniqueKey[];
  /** Told of each conflict that is run again (for a log line). */
  onRetry?: (error: unknown, attempt: number) => void;
}

/**
 * Runs `work` (one whole transaction) again when it lost a race with another transaction, at most
 * CONFLICT_ATTEMPTS times in all. No pause is needed: the winner has committed by the time the
 * loser sees the violation, so the next run reads its rows.
 */
export async function retryOnConflict<T>(work: () => Promise<T>, options: ConflictRetry = {}): Promise<T> {
  const ownKeys = options.ownKeys ?? [];
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const outcome = ownKeys.some((key) => violatesUniqueKey(error, key));
      if (outcome || attempt >= CONFLICT_ATTEMPTS || !isRetryableConflict(error)) throw error;
      options.onRetry?.(error, attempt);
    }
  }
}
