// db/bulkInsert.ts against real databases — a SQLite file, and PostgreSQL when TEST_POSTGRES_URL
// is set: every table it writes is read back through Prisma with the values it was given (types,
// dates, booleans, a mapped column, text with quotes and newlines), a batch larger than one
// statement's parameters is split and complete, RETURNING gives the generated ids, and a
// duplicate key fails the statement as Prisma's own insert would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows, insertRowsReturning } from '../../../../src/platform/db/bulkInsert.js';
import { isUniqueViolation } from '../../../../src/platform/db/errors.js';
import { testDatabases } from '../../../support/postgres.js';
import { type TestDb } from '../../../support/testDb.js';

describe.each(testDatabases)('bulk inserts on %s', (_name, open) => {
  let t: TestDb;
  let municipalityId: number;
  beforeAll(async () => {
    t = await open();
    municipalityId = t.municipalityIds.get('Motala')!;
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  const needRow = (key: string) => ({
    municipalityId,
    title: `Rubrik "${key}" med 'citat'`,
    description: 'Rad ett\nrad två; DROP TABLE "Need"; --',
    sector: null,
    municipalContact: 'Anna Ek',
    ourContactUserId: 'U0ALICE',
    recordedByUserId: 'U0STAFF',
    originChannelId: null,
    source: 'import',
    submissionKey: key,
    searchText: 'rubrik citat',
    recordedAt: new Date('2027-02-03T12:00:00.000Z'),
    sourceLabel: 'Workshop',
    status: 'open',
  });
  const NEED_COLUMNS = Object.keys(needRow('x')) as (keyof ReturnType<typeof needRow>)[];

  it('writes needs (the mapped contact column included) and returns their ids', async () => {
    const returned = await insertRowsReturning(t.db, 'Need', NEED_COLUMNS, [needRow('bulk:a'), needRow('bulk:b')], ['id', 'submissionKey', 'ourContactUserId']);
    expect(returned.map((r) => r.submissionKey).sort()).toEqual(['bulk:a', 'bulk:b']);
    expect(returned.every((r) => r.ourContactUserId === 'U0ALICE')).toBe(true);
    const stored = await t.db.need.findMany({ where: { submissionKey: { in: ['bulk:a', 'bulk:b'] } }, orderBy: { id: 'asc' } });
    expect(stored.map((n) => n.id)).toEqual(returned.map((r) => Number(r.id)).sort((a, b) => a - b));
    expect(stored[0]).toMatchObject({
      title: 'Rubrik "bulk:a" med \'citat\'',
      description: 'Rad ett\nrad två; DROP TABLE "Need"; --',
      ourContactUserId: 'U0ALICE',
      municipalContact: 'Anna Ek',
      recordedAt: new Date('2027-02-03T12:00:00.000Z'),
      status: 'open',
      routedAt: null,
    });
    // Dates written raw compare with dates written by Prisma.
    expect(
      await t.db.need.count({
        where: { submissionKey: { startsWith: 'bulk:' }, recordedAt: { gte: new Date('2027-02-03T11:59:59Z'), lt: new Date('2027-02-03T12:00:01Z') } },
      }),
    ).toBe(2);
  });

  it('fails on a duplicate key the way Prisma does (a unique violation), writing nothing of the statement', async () => {
    const before = await t.db.need.count();
    const failed = await insertRows(t.db, 'Need', NEED_COLUMNS, [needRow('bulk:c'), needRow('bulk:a')]).catch((error: unknown) => error);
    expect(isUniqueViolation(failed)).toBe(true);
    expect(await t.db.need.count()).toBe(before);
  });

  it('writes the routing tables, splitting a batch too large for one statement', async () => {
    const ids = (
      await insertRowsReturning(
        t.db,
        'Need',
        NEED_COLUMNS,
        Array.from({ length: 90 }, (_, i) => needRow(`many:${i}`)),
        ['id'],
      )
    ).map((r) => Number(r.id));
    const at = new Date('2027-02-04T08:30:00.250Z');
    // 90 × 89 = 8,010 rows of 5 columns: 40,050 parameters, more than SQLite takes in one statement (32,766).
    const pairs = ids.flatMap((needId, i) =>
      ids.filter((other) => other !== needId).map((similarNeedId, j) => ({ needId, similarNeedId, rank: j + 1, score: i / 100, foundAt: at })),
    );
    await insertRows(t.db, 'NeedSimilar', ['needId', 'similarNeedId', 'rank', 'score', 'foundAt'], pairs);
    expect(await t.db.needSimilar.count({ where: { needId: { in: ids } } })).toBe(8_010);
    expect(await t.db.needSimilar.findFirst({ where: { needId: ids[7]!, rank: 1 } })).toMatchObject({ score: 0.07, foundAt: at });

    const needId = ids[0]!;
    await insertRows(
      t.db,
      'NeedClassification',
      ['needId', 'areaSlug', 'score', 'rank', 'suggested', 'terms', 'modelVersion'],
      [
        { needId, areaSlug: 'logistik', score: 0.8125, rank: 1, suggested: true, terms: 'transport\nleverans', modelVersion: 'v1' },
        { needId, areaSlug: 'material', score: 0.1, rank: 2, suggested: false, terms: '', modelVersion: 'v1' },
      ],
    );
    expect(await t.db.needClassification.findMany({ where: { needId }, orderBy: { rank: 'asc' } })).toEqual([
      { needId, areaSlug: 'logistik', score: 0.8125, rank: 1, suggested: true, terms: 'transport\nleverans', modelVersion: 'v1' },
      { needId, areaSlug: 'material', score: 0.1, rank: 2, suggested: false, terms: '', modelVersion: 'v1' },
    ]);
    await insertRows(t.db, 'NeedArea', ['needId', 'areaSlug'], [{ needId, areaSlug: 'logistik' }]);
    expect(await t.db.needArea.findMany({ where: { needId } })).toEqual([{ needId, areaSlug: 'logistik' }]);

    const environment = await t.db.innovationEnvironment.findFirstOrThrow();
    await insertRows(
      t.db,
      'NeedEnvironment',
      ['needId', 'environmentId', 'rank', 'score', 'reason', 'reasonData'],
      [{ needId, environmentId: environment.id, rank: 1, score: 0.5, reason: '', reasonData: '{"kind":"area"}' }],
    );
    expect(await t.db.needEnvironment.findMany({ where: { needId } })).toEqual([
      { needId, environmentId: environment.id, rank: 1, score: 0.5, reason: '', reasonData: '{"kind":"area"}' },
    ]);

    const posts = await insertRowsReturning(
      t.db,
      'SuggestionPost',
      ['needId', 'channelId', 'reason', 'state', 'createdAt'],
      [{ needId, channelId: 'C0LOGIST', reason: 'area', state: 'pending', createdAt: at }],
      ['id', 'channelId'],
    );
    expect(await t.db.suggestionPost.findUniqueOrThrow({ where: { id: Number(posts[0]!.id) } })).toMatchObject({
      needId,
      channelId: 'C0LOGIST',
      state: 'pending',
      createdAt: at,
      messageTs: null,
    });

    await insertRows(
      t.db,
      'OutboxMessage',
      ['dedupeKey', 'kind', 'lane', 'payload', 'status', 'generation', 'attempts', 'nextAttemptAt', 'createdAt'],
      [
        {
          dedupeKey: 'bulk:outbox',
          kind: 'suggestion',
          lane: 'channel:C0LOGIST',
          payload: '{"suggestionId":1}',
          status: 'pending',
          generation: 0,
          attempts: 0,
          nextAttemptAt: at,
          createdAt: at,
        },
      ],
    );
    // The worker's query finds it due at its time, and not before.
    expect(await t.db.outboxMessage.count({ where: { dedupeKey: 'bulk:outbox', status: 'pending', nextAttemptAt: { lte: at } } })).toBe(1);
    expect(await t.db.outboxMessage.count({ where: { dedupeKey: 'bulk:outbox', nextAttemptAt: { lt: at } } })).toBe(0);
  });

  it('does nothing for no rows', async () => {
    await expect(insertRows(t.db, 'NeedArea', ['needId', 'areaSlug'], [])).resolves.toBeUndefined();
    await expect(insertRowsReturning(t.db, 'Need', NEED_COLUMNS, [], ['id'])).resolves.toEqual([]);
  });
});
