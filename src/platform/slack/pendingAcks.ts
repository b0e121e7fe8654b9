// Counts Slack requests that are waiting for their ack, and when the last one arrived. Background
// work that competes for the same event loop (routing needs) waits for a quiet moment, so that a
// burst of 500 submissions is answered first and classified afterwards — but never longer than a
// bound, so that a steady stream of requests cannot starve it.
export class PendingAcks {
  private pending = 0;
  private lastArrival = 0;
  private waiters: (() => void)[] = [];

  /** A request arrived; call the returned function once it is acked (extra calls do nothing). */
  begin(): () => void {
    this.pending++;
    this.lastArrival = Date.now();
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.pending--;
      if (this.pending === 0) for (const resolve of this.waiters.splice(0)) resolve();
    };
  }

  /**
   * Resolves once no request waits for its ack and none arrived for `quietMs` — or after
   * `maxWaitMs` at the latest.
   */
  async whenQuiet(quietMs: number, maxWaitMs: number): Promise<void> {
    const deadline = Date.now() + maxWaitMs;
    for (;;) {
      const now = Date.now();
      if (now >= deadline) return;
      if (this.pending > 0) await this.nextIdle(deadline - now);
      else {
        const quietFor = now - this.lastArrival;
        if (quietFor >= quietMs) return;
        await sleep(Math.min(quietMs - quietFor, deadline - now));
      }
    }
  }

  private nextIdle(maxWaitMs: number): Promise<void> {
    return new Promise((resolve) => {
      const waiter = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve();
      }, maxWaitMs);
      timer.unref();
      this.waiters.push(waiter);
    });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
