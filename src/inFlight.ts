// Counts work in progress (requests being handled after their ack), so that shutdown and tests can
// wait for it to end instead of guessing how long it takes.
export class InFlight {
  private count = 0;
  private waiters: (() => void)[] = [];

  async track<T>(work: Promise<T>): Promise<T> {
    this.count++;
    try {
      return await work;
    } finally {
      this.count--;
      if (this.count === 0) for (const resolve of this.waiters.splice(0)) resolve();
    }
  }

  isIdle(): boolean {
    return this.count === 0;
  }

  idle(): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
