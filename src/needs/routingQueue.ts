// Routes recorded needs in the background, one at a time, so that classifying and queueing posts
// never sits between a submission and its ack: 500 submissions at once each wait for one insert,
// not for 499 routings. A routing that fails is tried again with backoff; needs recorded by a
// process that stopped before routing them are picked up at start.
import type { Logger } from '../logger.js';

export interface RoutingQueueDeps {
  route(needId: number): Promise<unknown>;
  /** Needs recorded but not routed yet (at start: what the last process left). */
  pending(): Promise<number[]>;
  logger: Logger;
  /** Resolves when routing may go on (the Slack layer lets pending acks go first). */
  yieldTo?: () => Promise<void>;
  /** First retry delay after a failed routing; doubles up to a minute. */
  retryDelayMs?: number;
}

const MAX_RETRY_DELAY_MS = 60_000;

export class RoutingQueue {
  private readonly queue = new Set<number>();
  private readonly failures = new Map<number, number>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private running: Promise<void> | null = null;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly deps: RoutingQueueDeps) {}

  /** Queues the needs left unrouted by an earlier run. */
  async start(): Promise<number> {
    const pending = await this.deps.pending();
    for (const id of pending) this.add(id);
    return pending.length;
  }

  add(needId: number): void {
    if (this.stopped) return;
    this.queue.add(needId);
    this.running ??= this.run().finally(() => {
      this.running = null;
      const next = this.queue.values().next();
      if (!next.done && !this.stopped) this.add(next.value);
      else this.notifyIdle();
    });
  }

  isIdle(): boolean {
    return this.running === null && this.queue.size === 0 && this.retryTimers.size === 0;
  }

  /** Resolves once nothing is queued, running or waiting for a retry. */
  idle(): Promise<void> {
    if (this.isIdle() || this.stopped) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    this.queue.clear();
    await this.running;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const next = this.queue.values().next();
      if (next.done) return;
      const needId = next.value;
      this.queue.delete(needId);
      await this.deps.yieldTo?.();
      try {
        await this.deps.route(needId);
        this.failures.delete(needId);
      } catch (error) {
        this.retryLater(needId, error);
      }
    }
  }

  private retryLater(needId: number, error: unknown): void {
    const failures = (this.failures.get(needId) ?? 0) + 1;
    this.failures.set(needId, failures);
    const delay = Math.min(MAX_RETRY_DELAY_MS, (this.deps.retryDelayMs ?? 1_000) * 2 ** (failures - 1));
    this.deps.logger.warn({ err: error, needId, failures, retryInMs: delay }, 'routing a need failed; will retry');
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      this.add(needId);
    }, delay);
    timer.unref();
    this.retryTimers.add(timer);
  }

  private notifyIdle(): void {
    if (!this.isIdle()) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
