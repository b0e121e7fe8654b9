// Slack waits 3 s for an ack, then shows the person its own error; they submit again. Database
// work before an ack therefore gets a deadline well inside that: the SQLite adapter stops waiting
// for a busy file at the deadline (withDbDeadline), and a timer covers every other cause.
import { withDbDeadline } from '../db/deadline.js';

/** Database work before an ack must be done by then; the ack itself follows within ms. */
export const ACK_DB_DEADLINE_MS = 2_000;

export class AckDeadlineExceeded extends Error {
  constructor() {
    super(`database work before the ack took longer than ${ACK_DB_DEADLINE_MS} ms`);
  }
}

/** Runs `work` under the ack deadline; rejects with AckDeadlineExceeded when it is not done in time. */
export function beforeAck<T>(work: () => PromiseLike<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AckDeadlineExceeded()), ACK_DB_DEADLINE_MS + 100);
  });
  return Promise.race([withDbDeadline(ACK_DB_DEADLINE_MS, work), timeout]).finally(() => clearTimeout(timer));
}
