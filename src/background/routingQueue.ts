// Routes recorded needs in the background, one at a time, so that classifying and queueing posts
// never sits between a submission and its ack: 500 submissions at once each wait for one insert,
// not for 499 routings. A routing that fails is tried again with backoff; needs recorded by a
// process that stopped before routing them are picked up at start.
import type { Logger } from '../logger.js';

/** Hands a recorded need to background routing: what recording a need calls, by name. */
export interface RouteLater {
  routeLater(needId: number): void;
}

/** What the queue routes with (NeedService). */
export interface NeedRouter {
  routeNeed(needId: number): Promise<unknown>;
  /** Needs recorded but not routed yet (at start: what the last process left). */
  unroutedNeedIds(): Promise<number[]>;
}

export interface RoutingQueueDeps {
  logger: Logger;
  /** Resolves when routing may go on (the Slack layer lets pending acks go first). */
  yieldTo?: () => Promise<void>;
  /** First retry delay after a failed routing; doubles up to a minute. */
  retryDelayMs?: number;
}

const MAX_RETRY_DELAY_MS = 60_000;

export class RoutingQueue implements RouteLater {
  private router: NeedRouter | null = null;
  private readonly queue = new Set<number>();
  private readonly failures = new Map<number, number>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private running: Promise<void> | null = null;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly deps: RoutingQueueDeps) {}

  /**
   * Starts routing with `router` (built after the queue, since recording hands needs to the queue),
   * beginning with the needs left unrouted by an earlier run and whatever was handed in meanwhile.
   */
  async start(router: NeedRouter): Promise<number> {
    this.router = router;
    const pending = await router.unroutedNeedIds();
    // All queued before the first runs, so a need handed in meanwhile and left over is routed once.
    if (!this.stopped) for (const id of pending) this.queue.add(id);
    this.kick();
    return pending.length;
  }

  routeLater(needId: number): void {
    if (this.stopped) return;
    this.queue.add(needId);
    this.kick();
  }

  /** Runs the queue unless it runs already or has no router yet. */
  private kick(): void {
    if (this.router === null || this.queue.size === 0) return;
    const router = this.router;
    this.running ??= this.run(router).finally(() => {
      this.running = null;
      if (this.queue.size > 0 && !this.stopped) this.kick();
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

  private async run(router: NeedRouter): Promise<void> {
    while (!this.stopped) {
      const next = this.queue.values().next();
      if (next.done) return;
      const needId = next.value;
      this.queue.delete(needId);
      await this.deps.yieldTo?.();
      try {
        await router.routeNeed(needId);
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
      this.routeLater(needId);
    }, delay);
    timer.unref();
    this.retryTimers.add(timer);
  }

  private notifyIdle(): void {
    if (!this.isIdle()) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
