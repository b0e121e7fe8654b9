// The routing queue: one need at a time, a failed routing tried again, needs left by an earlier
// run picked up at start, and routing giving way while requests wait for their ack.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.js';
import { RoutingQueue } from '../../../src/needs/routingQueue.js';
import { PendingAcks } from '../../../src/slack/pendingAcks.js';

const logger = createLogger('silent');

describe('RoutingQueue', () => {
  it('routes queued and left-over needs one at a time, and says when it is idle', async () => {
    const routed: number[] = [];
    let running = 0;
    let maxRunning = 0;
    const queue = new RoutingQueue({
      route: async (id) => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((resolve) => setImmediate(resolve));
        routed.push(id);
        running--;
      },
      pending: async () => [1, 2],
      logger,
    });
    expect(await queue.start()).toBe(2);
    queue.add(3);
    queue.add(3); // queued twice, routed once
    await queue.idle();
    expect(routed).toEqual([1, 2, 3]);
    expect(maxRunning).toBe(1);
    expect(queue.isIdle()).toBe(true);
  });

  it('tries a failed routing again after a delay, and is not idle until it succeeded', async () => {
    let attempts = 0;
    const queue = new RoutingQueue({
      route: async () => {
        attempts++;
        if (attempts < 3) throw new Error('database busy');
      },
      pending: async () => [],
      logger,
      retryDelayMs: 1,
    });
    queue.add(7);
    await queue.idle();
    expect(attempts).toBe(3);
  });

  it('waits while a request waits for its ack', async () => {
    const acks = new PendingAcks();
    const acked = acks.begin();
    const routed: number[] = [];
    const queue = new RoutingQueue({ route: async (id) => void routed.push(id), pending: async () => [], logger, yieldTo: () => acks.whenQuiet(0, 60_000) });
    queue.add(1);
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(routed).toEqual([]);
    acked();
    await queue.idle();
    expect(routed).toEqual([1]);
  });

  it('gives way for a bounded time only', async () => {
    const acks = new PendingAcks();
    acks.begin(); // never acked
    const routed: number[] = [];
    const queue = new RoutingQueue({ route: async (id) => void routed.push(id), pending: async () => [], logger, yieldTo: () => acks.whenQuiet(0, 20) });
    queue.add(1);
    await queue.idle();
    expect(routed).toEqual([1]);
  });
});
