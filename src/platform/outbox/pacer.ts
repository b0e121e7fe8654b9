// Token buckets for the outbox: each send takes one token from each of its buckets (its lane's,
// and e.g. a per-method one), a bucket refills one token per interval up to its burst, and a 429
// pauses the buckets until Slack's Retry-After. Pure bookkeeping over a clock; no timers.

export interface BucketSpec {
  key: string;
  /** Tokens a quiet bucket holds: how many sends may go at once after a pause. */
  burst: number;
  /** One token comes back per interval. */
  intervalMs: number;
}

interface BucketState {
  spec: BucketSpec;
  tokens: number;
  /** When `tokens` was last brought up to date. */
  at: number;
  pausedUntil: number;
}

export class Pacer {
  private readonly buckets = new Map<string, BucketState>();

  /** Epoch ms at which every bucket in `specs` has a token (≤ now: at once). */
  readyAt(specs: readonly BucketSpec[], now: number): number {
    let ready = now;
    for (const spec of specs) ready = Math.max(ready, this.bucketReadyAt(spec, now));
    return ready;
  }

  /** Takes a token from each bucket; call only when readyAt(specs) ≤ now. */
  take(specs: readonly BucketSpec[], now: number): void {
    for (const spec of specs) {
      const state = this.refreshed(spec, now);
      state.tokens = Math.max(0, state.tokens - 1);
    }
  }

  /** Slack said "come back later": nothing goes through these buckets before `until`. */
  pause(specs: readonly BucketSpec[], until: number, now: number): void {
    for (const spec of specs) {
      const state = this.refreshed(spec, now);
      state.pausedUntil = Math.max(state.pausedUntil, until);
      // One send may go when the pause ends; the bucket refills from there.
      state.tokens = 1;
    }
  }

  /** Keys of buckets that cannot give a token at `now`, with the time each can. */
  blocked(now: number): Map<string, number> {
    const out = new Map<string, number>();
    for (const [key, state] of [...this.buckets]) {
      const at = this.bucketReadyAt(state.spec, now);
      if (at > now) out.set(key, at);
      // A full, unpaused bucket carries no information: forget it so the map stays small.
      else if (state.tokens >= state.spec.burst) this.buckets.delete(key);
    }
    return out;
  }

  private bucketReadyAt(spec: BucketSpec, now: number): number {
    const state = this.refreshed(spec, now);
    if (state.pausedUntil > now) return state.pausedUntil;
    if (state.tokens >= 1) return now;
    return state.at + (1 - state.tokens) * spec.intervalMs;
  }

  private refreshed(spec: BucketSpec, now: number): BucketState {
    let state = this.buckets.get(spec.key);
    if (!state) {
      state = { spec, tokens: spec.burst, at: now, pausedUntil: 0 };
      this.buckets.set(spec.key, state);
      return state;
    }
    state.spec = spec;
    // Paused buckets refill only from the end of the pause.
    const from = Math.max(state.at, Math.min(now, state.pausedUntil));
    if (now > from) state.tokens = Math.min(spec.burst, state.tokens + (now - from) / spec.intervalMs);
    state.at = now;
    return state;
  }
}
