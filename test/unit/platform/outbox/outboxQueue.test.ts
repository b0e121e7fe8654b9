// enqueueMany against a real SQLite file: the rows it writes are the rows enqueue writes, and an
// item already queued — even one that has been sent — is left as it is, never queued twice.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enqueue, enqueueMany } from '../../../../src/platform/outbox/outboxQueue.js';
import { createTestDb, type TestDb } from '../../../support/testDb.js';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.close();
});

const AT = new Date('2027-03-14T09:00:00.000Z');
const columns = ({ id: _id, createdAt: _c, ...row }: Record<string, unknown>) => row;

describe('enqueueMany', () => {
  it('writes the same rows as enqueue, one by one', async () => {
    await t.db.$transaction((tx) =>
      enqueueMany(
        tx,
        [
          { kind: 'suggestion', suggestionId: 7, channelId: 'C0IOT' },
          { kind: 'confirmation', needId: 3 },
        ],
        AT,
      ),
    );
    const many = (await t.db.outboxMessage.findMany({ orderBy: { id: 'asc' } })).map(columns);
    await t.db.outboxMessage.deleteMany();
    await t.db.$transaction(async (tx) => {
      await enqueue(tx, { kind: 'suggestion', suggestionId: 7, channelId: 'C0IOT' }, AT);
      await enqueue(tx, { kind: 'confirmation', needId: 3 }, AT);
    });
    const single = (await t.db.outboxMessage.findMany({ orderBy: { id: 'asc' } })).map(columns);
    expect(many).toEqual(single);
    expect(many.map((r) => [r.dedupeKey, r.lane, r.payload, r.status])).toEqual([
      ['suggestion:7', 'channel:C0IOT', '{"suggestionId":7,"channelId":"C0IOT"}', 'pending'],
      ['confirmation:need:3', 'confirmation:3', '{"needId":3}', 'pending'],
    ]);
  });

  it('leaves an item already queued (here: sent) alone, and queues each new key once', async () => {
    await t.db.$transaction((tx) => enqueueMany(tx, [{ kind: 'suggestion', suggestionId: 1, channelId: 'C0IOT' }], AT));
    await t.db.outboxMessage.updateMany({ data: { status: 'sent', attempts: 1 } });
    await t.db.$transaction((tx) =>
      enqueueMany(
        tx,
        [
          { kind: 'suggestion', suggestionId: 1, channelId: 'C0IOT' },
          { kind: 'suggestion', suggestionId: 2, channelId: 'C0IOT' },
          { kind: 'suggestion', suggestionId: 2, channelId: 'C0IOT' },
        ],
        AT,
      ),
    );
    const rows = await t.db.outboxMessage.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.dedupeKey, r.status, r.attempts])).toEqual([
      ['suggestion:1', 'sent', 1],
      ['suggestion:2', 'pending', 0],
    ]);
  });
});
