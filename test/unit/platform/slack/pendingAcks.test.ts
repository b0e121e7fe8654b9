// Background work waits for a quiet moment: no request waiting for its ack and none arrived for
// a while — bounded, so a steady stream cannot starve it.
import { describe, expect, it } from 'vitest';
import { PendingAcks } from '../../../../src/platform/slack/pendingAcks.js';

describe('PendingAcks.whenQuiet', () => {
  it('is quiet at once when nothing arrived', async () => {
    let quiet = false;
    await new PendingAcks().whenQuiet(1_000, 60_000).then(() => (quiet = true));
    expect(quiet).toBe(true);
  });

  it('waits for the pending ack, then for the quiet period after the last arrival', async () => {
    const acks = new PendingAcks();
    const end = acks.begin();
    let quiet = false;
    const waiting = acks.whenQuiet(50, 60_000).then(() => (quiet = true));
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(quiet).toBe(false);
    end();
    await waiting;
    expect(quiet).toBe(true);
  });

  it('gives up waiting at the bound', async () => {
    const acks = new PendingAcks();
    acks.begin(); // never acked
    const outcome = await Promise.race([
      acks.whenQuiet(10, 30).then(() => 'went on'),
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), 10_000)),
    ]);
    expect(outcome).toBe('went on');
  });

  it('counts an ack once, however often it is called', async () => {
    const acks = new PendingAcks();
    const end = acks.begin();
    const other = acks.begin();
    end();
    end();
    let quiet = false;
    const waiting = acks.whenQuiet(0, 60_000).then(() => (quiet = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(quiet).toBe(false); // the second request is still pending
    other();
    await waiting;
    expect(quiet).toBe(true);
  });
});
