// A deadline for the database work of one request. The ack path (a view submission must be
// answered within Slack's 3 s) runs its writes under a deadline; the SQLite adapter stops waiting
// for a busy database when it passes, so the listener can answer "kunde inte sparas" in time and
// nothing is stored after the person was told it was not.
import { AsyncLocalStorage } from 'node:async_hooks';

const deadlines = new AsyncLocalStorage<number>();

/** Runs `work` with every database call inside it giving up at `Date.now() + ms`. */
export function withDbDeadline<T>(ms: number, work: () => PromiseLike<T>): Promise<T> {
  // Awaited inside the context: Prisma's query promises are lazy and run when first awaited.
  return deadlines.run(Date.now() + ms, async () => await work());
}

/** The deadline (epoch ms) of the current request, if it has one. */
export function currentDbDeadline(): number | undefined {
  return deadlines.getStore();
}

/** The database stayed busy (locked by another connection) until the deadline. */
export class DbBusyError extends Error {
  constructor(waitedMs: number) {
    super(`the database stayed busy for ${waitedMs} ms`);
    this.name = 'DbBusyError';
  }
}
