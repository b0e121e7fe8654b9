// Token buckets over an explicit clock: bursts, refill, pauses after a 429, several buckets per send.
import { describe, expect, it } from 'vitest';
import { Pacer, type BucketSpec } from '../../../../src/platform/outbox/pacer.js';

const lane: BucketSpec = { key: 'channel:C0A', burst: 3, intervalMs: 1000 };
const method: BucketSpec = { key: 'method:chat.update', burst: 1, intervalMs: 5000 };

describe('Pacer', () => {
  it('lets a burst through, then one send per interval', () => {
    const pacer = new Pacer();
    for (let i = 0; i < 3; i++) {
      expect(pacer.readyAt([lane], 0)).toBe(0);
      pacer.take([lane], 0);
    }
    expect(pacer.readyAt([lane], 0)).toBe(1000);
    expect(pacer.readyAt([lane], 999)).toBe(1000);
    pacer.take([lane], 1000);
    expect(pacer.readyAt([lane], 1000)).toBe(2000);
    // Quiet for long: the bucket is full again, but never above its burst.
    for (let i = 0; i < 3; i++) pacer.take([lane], 60_000);
    expect(pacer.readyAt([lane], 60_000)).toBe(61_000);
  });

  it('waits for every bucket of a send', () => {
    const pacer = new Pacer();
    pacer.take([lane, method], 0);
    expect(pacer.readyAt([lane], 0)).toBe(0);
    expect(pacer.readyAt([lane, method], 0)).toBe(5000);
    expect([...pacer.blocked(0).keys()]).toEqual(['method:chat.update']);
  });

  it('pauses until Retry-After, then lets one send go and refills from there', () => {
    const pacer = new Pacer();
    pacer.pause([lane], 30_000, 0);
    expect(pacer.readyAt([lane], 10_000)).toBe(30_000);
    expect(pacer.blocked(10_000).get('channel:C0A')).toBe(30_000);
    expect(pacer.readyAt([lane], 30_000)).toBe(30_000);
    pacer.take([lane], 30_000);
    expect(pacer.readyAt([lane], 30_000)).toBe(31_000);
  });

  it('forgets buckets that are full again', () => {
    const pacer = new Pacer();
    pacer.take([lane], 0);
    expect(pacer.blocked(0).size).toBe(0);
    pacer.take([lane], 0);
    pacer.take([lane], 0);
    expect(pacer.blocked(0).size).toBe(1);
    expect(pacer.blocked(10_000).size).toBe(0);
  });
});
