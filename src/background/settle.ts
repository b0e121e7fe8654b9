// When the app has nothing left to do right now: what tests and a graceful stop await instead of
// polling or sleeping. One part's work can create another's (a routed need queues posts, a post's
// feedback asks for a retrain), so the parts are awaited in turn until all are quiet at once.
import type { InFlight } from '../inFlight.js';
import type { OutboxWorker } from '../platform/outbox/outboxWorker.js';
import type { RetrainScheduler } from './retrainScheduler.js';
import type { RoutingQueue } from './routingQueue.js';

export interface BackgroundWork {
  inFlight: InFlight;
  routing: RoutingQueue;
  retraining: RetrainScheduler;
  outbox: OutboxWorker;
}

/**
 * No request being handled, no need waiting to be routed, no retrain running, no post due. Work
 * scheduled for later (a debounced retrain, a retry after backoff) is not waited for.
 */
export async function settled({ inFlight, routing, retraining, outbox }: BackgroundWork): Promise<void> {
  for (;;) {
    await inFlight.idle();
    await routing.idle();
    await retraining.finished();
    await outbox.idle();
    if (inFlight.isIdle() && routing.isIdle() && !retraining.isRunning() && outbox.isIdle()) return;
  }
}

/** Settled, and no post pending at all: retries after backoff included. */
export async function drained(work: BackgroundWork): Promise<void> {
  await settled(work);
  await work.outbox.drained();
}
