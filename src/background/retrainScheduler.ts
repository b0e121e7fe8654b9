// Debounced background retraining: a burst of feedback causes one retrain, after the burst.
import type { Logger } from '../logger.js';

/** Asks for a retrain: what a change to the training data calls, by name. */
export interface RetrainRequest {
  request(): void;
}

export class RetrainScheduler implements RetrainRequest {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(
    /** Retrains and says which model version it made (logged). */
    private readonly retrain: () => Promise<{ version: string }>,
    private readonly logger: Logger,
    private readonly debounceMs = 5_000,
  ) {}

  /** Asks for a retrain once things have been quiet for `debounceMs`. */
  request(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(), this.debounceMs);
    this.timer.unref();
  }

  isIdle(): boolean {
    return !this.timer && !this.running;
  }

  /** A retrain is running right now (a debounced one still waiting does not count). */
  isRunning(): boolean {
    return this.running !== null;
  }

  /** Resolves when the retrain running now (if any) has finished. */
  async finished(): Promise<void> {
    await this.running;
  }

  /** Resolves when no retrain is waiting or running (tests, shutdown). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    this.notifyIdle();
  }

  private run(): void {
    this.timer = null;
    this.running = this.retrain()
      .then((matcher) => this.logger.info({ modelVersion: matcher.version }, 'matcher retrained from feedback'))
      .catch((error: unknown) => this.logger.error({ err: error }, 'retraining the matcher failed'))
      .finally(() => {
        this.running = null;
        if (this.again && !this.stopped) {
          this.again = false;
          this.request();
        } else {
          this.notifyIdle();
        }
      });
  }

  private notifyIdle(): void {
    if (this.timer || this.running) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
