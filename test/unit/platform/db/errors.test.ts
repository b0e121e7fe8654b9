// Which unique violation is which, read from real errors of both databases (a SQLite file;
// PostgreSQL too when TEST_POSTGRES_URL is set): each key that callers take for "already recorded"
// is told from every other; a conflict is run again, an outcome or a failure is not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from '../../../../src/platform/db/bulkInsert.js';
import type { Db } from '../../../../src/platform/db/client.js';
import {
  CONFLICT_ATTEMPTS,
  isRetryableConflict,
  retryOnConflict,
  UNIQUE_KEYS,
  type UniqueKey,
  uniqueViolationOf,
  violatesUniqueKey,
} from '../../../../src/platform/db/errors.js';
import { isDeliveryHandled, markDelivery, pruneProcessedEvents } from '../../../../src/platform/db/processedEvents.js';
import { failureOf, rejectWith } from '../../../support/flakyDb.js';
import { testDatabases } from '../../../support/postgres.js';
import { addNeed, type TestDb } from '../../../support/testDb.js';

describe.each(testDatabases)('unique violations on %s', (_name, open) => {
  let t: TestDb;
  let db: Db;
  const violations = new Map<string, unknown>();

  beforeAll(async () => {
    t = await open();
    db = t.db;
    const needId = await addNeed(t, { municipality: 'Kinda', areas: ['logistik'], recordedAt: '2027-01-04T09:00:00Z' });
    await db.need.update({ where: { id: needId }, data: { submissionKey: 'view:V1' } });
    const twice = async (name: string, write: () => Promise<unknown>) => {
      await write();
      violations.set(name, await failureOf(write()));
    };
    await twice('processedEvent', () => db.processedEvent.create({ data: { eventId: 'Ev1' } }));
    await twice('feedback', () => db.feedback.create({ data: { needId, userId: 'U1', kind: 'up', channelId: 'C1', scope: 'C1' } }));
    violations.set(
      'needSubmission',
      await failureOf(
        db.need.create({
          data: {
            municipalityId: t.municipalityIds.get('Kinda')!,
            title: 't',
            description: 'd',
            recordedByUserId: 'U1',
            source: 'slash_command',
            submissionKey: 'view:V1',
          },
        }),
      ),
    );
    await twice('weeklySummaryClaim', () =>
      db.weeklySummaryClaim.create({ data: { channelId: 'C1', isoWeek: '2027-W01', areas: 'all', timezone: 'UTC', source: 'cli' } }),
    );
    await twice('trainingExample', () => db.trainingExample.create({ data: { key: 'need:1', text: 'x', source: 'feedback' } }));
    await twice('outbox', () => db.outboxMessage.create({ data: { dedupeKey: 'suggestion:1', kind: 'suggestion', payload: '{}' } }));
    // A raw statement's violation (the bulk inserts) carries the key too.
    violations.set(
      'outboxRaw',
      await failureOf(insertRows(db, 'OutboxMessage', ['dedupeKey', 'kind', 'payload'], [{ dedupeKey: 'suggestion:1', kind: 'suggestion', payload: '{}' }])),
    );
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('tells each caller’s key from every other key', () => {
    const keys = Object.entries(UNIQUE_KEYS) as [string, UniqueKey][];
    for (const [name, error] of violations) {
      expect(uniqueViolationOf(error), name).not.toBeNull();
      expect(isRetryableConflict(error), name).toBe(true);
      for (const [keyName, key] of keys) expect(violatesUniqueKey(error, key), `${name} as ${keyName}`).toBe(name === keyName);
    }
  });

  it('marks a delivery once, without failing on the second mark', async () => {
    expect(await markDelivery(db, 'EvMARK')).toBe(true);
    expect(await markDelivery(db, 'EvMARK')).toBe(false);
    // In a transaction too: the transaction goes on and commits (PostgreSQL would abort it after a failed statement).
    const after = await db.$transaction(async (tx) => {
      const marked = await markDelivery(tx, 'EvMARK');
      await tx.processedEvent.create({ data: { eventId: 'EvAFTER' } });
      return marked;
    });
    expect(after).toBe(false);
    expect(await db.processedEvent.count({ where: { eventId: 'EvAFTER' } })).toBe(1);
  });

  it('writes the mark’s time as Prisma reads it, so marks are read back and pruned by age', async () => {
    // Two days ago, to the millisecond; the marks above were made now.
    const at = new Date(Date.now() - 2 * 86_400_000);
    expect(await markDelivery(db, 'EvOLD', at)).toBe(true);
    expect((await db.processedEvent.findUniqueOrThrow({ where: { eventId: 'EvOLD' } })).receivedAt).toEqual(at);
    expect(await pruneProcessedEvents(db, new Date(at.getTime() + 1))).toBe(1);
    expect(await isDeliveryHandled(db, 'EvOLD')).toBe(false);
    expect(await isDeliveryHandled(db, 'EvMARK')).toBe(true);
  });

  it('runs a conflict again, and gives up after the last attempt', async () => {
    const conflict = violations.get('trainingExample');
    let calls = 0;
    expect(
      await retryOnConflict(() => {
        calls += 1;
        return calls < 3 ? rejectWith(conflict) : Promise.resolve('done');
      }),
    ).toBe('done');
    expect(calls).toBe(3);

    calls = 0;
    await expect(
      retryOnConflict(() => {
        calls += 1;
        return rejectWith(conflict);
      }),
    ).rejects.toBe(conflict);
    expect(calls).toBe(CONFLICT_ATTEMPTS);
  });

  it('hands back the caller’s own key and any failure at once', async () => {
    for (const error of [violations.get('feedback'), new Error('connection lost')]) {
      let calls = 0;
      await expect(
        retryOnConflict(
          () => {
            calls += 1;
            return rejectWith(error);
          },
          { ownKeys: [UNIQUE_KEYS.feedback] },
        ),
      ).rejects.toBe(error);
      expect(calls).toBe(1);
    }
  });
});

describe('errors that are no unique violation', () => {
  it('are neither a key nor a conflict', () => {
    for (const error of [null, 'text', new Error('connection lost'), { code: 'P2025', message: 'Record not found' }]) {
      expect(uniqueViolationOf(error)).toBeNull();
      expect(isRetryableConflict(error)).toBe(false);
    }
  });

  it('counts a serialization failure or a deadlock as a conflict', () => {
    expect(isRetryableConflict({ code: 'P2034', message: 'Transaction failed due to a write conflict or a deadlock' })).toBe(true);
    expect(isRetryableConflict({ meta: { driverAdapterError: { cause: { originalCode: '40P01' } } } })).toBe(true);
    expect(isRetryableConflict(new Error('could not serialize access due to concurrent update'))).toBe(true);
  });
});
