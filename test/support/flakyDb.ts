// A database client whose next few calls of one method fail with a given error before they reach
// the database: how a test makes a transaction lose a race at a chosen moment, on a real database.
import { createDb, type Db } from '../../src/platform/db/client.js';

export interface FlakyDb {
  db: Db;
  /** How many calls failed so far. */
  failed(): number;
}

/**
 * A client of its own on `url` (so createDb knows its dialect) whose next `failures` calls of
 * `$transaction`, or of `<model>.create`, reject with `error`. Disconnect it when done.
 */
export async function flakyDb(
  url: string,
  method: '$transaction' | `${'need' | 'weeklySummaryClaim'}.create`,
  error: unknown,
  failures: number,
): Promise<FlakyDb> {
  const db = await createDb(url);
  let left = failures;
  let failed = 0;
  const wrap =
    (real: (...args: unknown[]) => Promise<unknown>) =>
    (...args: unknown[]): Promise<unknown> => {
      if (left === 0) return real(...args);
      left -= 1;
      failed += 1;
      return rejectWith(error);
    };
  if (method === '$transaction') {
    Object.defineProperty(db, '$transaction', { value: wrap(db.$transaction.bind(db) as (...args: unknown[]) => Promise<unknown>) });
  } else {
    const model = method.split('.')[0] as 'need' | 'weeklySummaryClaim';
    const delegate = db[model];
    const create = wrap(delegate.create.bind(delegate) as (...args: unknown[]) => Promise<unknown>);
    Object.defineProperty(db, model, {
      value: new Proxy(delegate, { get: (target, p, r) => (p === 'create' ? create : (Reflect.get(target, p, r) as unknown)) }),
    });
  }
  return { db, failed: () => failed };
}

/** A promise that rejects with `error` exactly as given: a database's own failure, which a catch hands on as `unknown`. */
export function rejectWith(error: unknown): Promise<never> {
  // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- deliberately passes a caught failure on unchanged (typed unknown, as every caught value is) so the code under test sees the database's own error, whatever its class
  return Promise.reject(error);
}

/** The error a real write fails with (a test's way to get a database's own unique violation). */
export function failureOf(write: Promise<unknown>): Promise<unknown> {
  return write.then(
    () => {
      throw new Error('expected the write to fail');
    },
    (error: unknown) => error,
  );
}
