// claimWeeklySummary against real databases (a SQLite file; PostgreSQL too when TEST_POSTGRES_URL
// is set): two instances claiming one channel's week at once queue one summary; only the claim's
// own key means "taken", and a conflict on any other key is run again and loses nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../../src/platform/db/client.js';
import { claimWeeklySummary, type ClaimRequest } from '../../../src/weekly-summary/weeklySummary.js';
import { failureOf, flakyDb } from '../../support/flakyDb.js';
import { testDatabases } from '../../support/postgres.js';
import { type TestDb } from '../../support/testDb.js';

describe.each(testDatabases)('weekly summary claims on %s', (_name, open) => {
  let t: TestDb;
  let other: Db;
  let week = 0;
  const opened: Db[] = [];
  beforeAll(async () => {
    t = await open();
    other = await createDb(t.url);
  }, 60_000);
  afterAll(async () => {
    for (const db of opened) await db.$disconnect();
    await other.$disconnect();
    await t.close();
  });
  const request = (): ClaimRequest => ({
    channelId: 'C0LOGIST',
    isoWeek: `2027-W${String(++week).padStart(2, '0')}`,
    areas: ['logistik'],
    timezone: 'Europe/Stockholm',
    source: 'scheduled',
  });
  const queued = (r: ClaimRequest) => t.db.outboxMessage.count({ where: { dedupeKey: `weekly_summary:${r.channelId}:${r.isoWeek}` } });

  it('lets one of two instances claiming at the same instant queue the summary', async () => {
    for (let i = 0; i < 10; i++) {
      const r = request();
      const claimed = await Promise.all([claimWeeklySummary(t.db, { ...r, source: 'scheduled' }), claimWeeklySummary(other, { ...r, source: 'catch_up' })]);
      expect(claimed.sort()).toEqual([false, true]);
      expect(await queued(r)).toBe(1);
    }
  });

  it('runs the claim again when it lost a race on another key, and queues the summary', async () => {
    const taken = request();
    await claimWeeklySummary(t.db, taken);
    // A real violation of the outbox's key: not the claim's, so not "taken".
    const conflict = await failureOf(
      t.db.outboxMessage.create({ data: { dedupeKey: `weekly_summary:${taken.channelId}:${taken.isoWeek}`, kind: 'weekly_summary', payload: '{}' } }),
    );
    const flaky = await flakyDb(t.url, '$transaction', conflict, 1);
    opened.push(flaky.db);
    const r = request();
    expect(await claimWeeklySummary(flaky.db, r)).toBe(true);
    expect(flaky.failed()).toBe(1);
    expect(await queued(r)).toBe(1);
    expect(await t.db.weeklySummaryClaim.count({ where: { channelId: r.channelId, isoWeek: r.isoWeek } })).toBe(1);
  });

  it('says "taken" for the claim’s own key, at once', async () => {
    const r = request();
    expect(await claimWeeklySummary(t.db, r)).toBe(true);
    expect(await claimWeeklySummary(other, r)).toBe(false);
    expect(await queued(r)).toBe(1);
  });
});
