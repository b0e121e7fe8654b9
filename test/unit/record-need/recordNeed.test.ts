// NeedService.recordNeed against real databases (a SQLite file; PostgreSQL too when
// TEST_POSTGRES_URL is set): the same submission twice is one need (its key says "already
// stored"), and a conflict on any other key is run again instead of losing the need.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/platform/db/client.js';
import { MatcherProvider } from '../../../src/training/matcherProvider.js';
import { NeedService, type RecordMeta } from '../../../src/record-need/recordNeed.js';
import { failureOf, flakyDb } from '../../support/flakyDb.js';
import { testDatabases } from '../../support/postgres.js';
import { TEST_CHANNELS } from '../../support/testApp.js';
import { type TestDb } from '../../support/testDb.js';
import { trainOnce } from '../../support/templates.js';
import { SHIPPED_REGION } from '../../support/shippedMatcher.js';

describe.each(testDatabases)('recording a need on %s', (_name, open) => {
  let t: TestDb;
  let matchers: MatcherProvider;
  let serial = 0;
  const opened: Db[] = [];
  beforeAll(async () => {
    t = await open();
    matchers = await MatcherProvider.create(t.db, SHIPPED_REGION, trainOnce); // the shipped data's model, trained once per run
  }, 60_000);
  afterAll(async () => {
    for (const db of opened) await db.$disconnect();
    await t.close();
  });
  const input = () => ({
    municipalityId: t.municipalityIds.get('Kinda')!,
    title: 'Sensorer i VA-nätet',
    description: 'Larm om läckor.',
    sector: null,
    municipalContact: null,
    ourContactUserId: null,
  });
  const meta = (): RecordMeta => ({ recordedByUserId: 'U0STAFF', originChannelId: null, source: 'slash_command', submissionKey: `view:V${++serial}` });

  it('runs the write again when it lost a race on another key, and stores the need once', async () => {
    await t.db.trainingExample.create({ data: { key: 'race', text: 'x', source: 'test' } });
    const conflict = await failureOf(t.db.trainingExample.create({ data: { key: 'race', text: 'x', source: 'test' } }));
    const flaky = await flakyDb(t.url, 'need.create', conflict, 1);
    opened.push(flaky.db);
    const m = meta();
    const recorded = await new NeedService({ db: flaky.db, matchers, channels: TEST_CHANNELS }).recordNeed(input(), m);
    expect(flaky.failed()).toBe(1);
    expect(recorded.created).toBe(true);
    expect(await t.db.need.count({ where: { submissionKey: m.submissionKey! } })).toBe(1);
  });

  it('recognises the same submission again by its key', async () => {
    const service = new NeedService({ db: t.db, matchers, channels: TEST_CHANNELS });
    const m = meta();
    const first = await service.recordNeed(input(), m);
    const again = await service.recordNeed(input(), m);
    expect(first.created).toBe(true);
    expect(again).toEqual({ ...first, created: false });
    expect(await t.db.need.count({ where: { submissionKey: m.submissionKey! } })).toBe(1);
  });
});
