// The routing queue: one need at a time, a failed routing tried again, needs left by an earlier
// run picked up at start, needs handed in before the start routed once it starts, and routing
// giving way while requests wait for their ack.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.js';
import { RoutingQueue } from '../../../src/background/routingQueue.js';
import { PendingAcks } from '../../../src/platform/slack/pendingAcks.js';

const logger = createLogger('silent');

/** A router that notes what it routed and has nothing left over. */
const recordingRouter = (routed: number[]) => ({
  routeNeed: (id: number) => {
    routed.push(id);
    return Promise.resolve();
  },
  unroutedNeedIds: () => Promise.resolve([]),
});

describe('RoutingQueue', () => {
  it('routes queued and left-over needs one at a time, and says when it is idle', async () => {
    const routed: number[] = [];
    let running = 0;
    let maxRunning = 0;
    const queue = new RoutingQueue({ logger });
    const router = {
      routeNeed: async (id: number) => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((resolve) => setImmediate(resolve));
        routed.push(id);
        running--;
      },
      unroutedNeedIds: () => Promise.resolve([1, 2]),
    };
    expect(await queue.start(router)).toBe(2);
    queue.routeLater(3);
    queue.routeLater(3); // queued twice, routed once
    await queue.idle();
    expect(routed).toEqual([1, 2, 3]);
    expect(maxRunning).toBe(1);
    expect(queue.isIdle()).toBe(true);
  });

  it('tries a failed routing again after a delay, and is not idle until it succeeded', async () => {
    let attempts = 0;
    const queue = new RoutingQueue({ logger, retryDelayMs: 1 });
    await queue.start({
      routeNeed: () => {
        attempts++;
        return attempts < 3 ? Promise.reject(new Error('database busy')) : Promise.resolve();
      },
      unroutedNeedIds: () => Promise.resolve([]),
    });
    queue.routeLater(7);
    await queue.idle();
    expect(attempts).toBe(3);
  });

  it('waits while a request waits for its ack', async () => {
    const acks = new PendingAcks();
    const acked = acks.begin();
    const routed: number[] = [];
    const queue = new RoutingQueue({ logger, yieldTo: () => acks.whenQuiet(0, 60_000) });
    await queue.start(recordingRouter(routed));
    queue.routeLater(1);
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(routed).toEqual([]);
    acked();
    await queue.idle();
    expect(routed).toEqual([1]);
  });

  it('keeps needs handed in before it started, and routes them once started, after the left-over ones', async () => {
    const routed: number[] = [];
    const queue = new RoutingQueue({ logger });
    queue.routeLater(5); // a submission acked before routing started
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(routed).toEqual([]);
    expect(queue.isIdle()).toBe(false);
    expect(
      await queue.start({
        routeNeed: (id: number) => {
          routed.push(id);
          return Promise.resolve();
        },
        unroutedNeedIds: () => Promise.resolve([4, 5]),
      }),
    ).toBe(2);
    await queue.idle();
    expect(routed).toEqual([5, 4]);
  });

  it('gives way for a bounded time only', async () => {
    const acks = new PendingAcks();
    acks.begin(); // never acked
    const routed: number[] = [];
    const queue = new RoutingQueue({ logger, yieldTo: () => acks.whenQuiet(0, 20) });
    await queue.start(recordingRouter(routed));
    queue.routeLater(1);
    await queue.idle();
    expect(routed).toEqual([1]);
  });
});
