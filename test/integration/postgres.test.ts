// DATABASE_URL=postgresql://… end to end, against a real PostgreSQL server: the real app (migrated
// from prisma/migrations-postgres, seeded, PrismaPg adapter) takes /need → stores, classifies and
// posts the need, stores a 👍, and its weekly summary figures (raw SQL) equal SQLite's.
// Opt-in, as it needs a server where the user may create databases. Example:
//   TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/test npx vitest run test/integration/postgres.test.ts
// Every database used here is a throwaway one (behovsbryggan_test_<random>), dropped afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelsConfig } from '../../src/channels/channelsConfig.js';
import { dialectOf } from '../../src/platform/db/client.js';
import { searchQueryGroups } from '../../src/matching/index.js';
import { NeedRegister } from '../../src/register/registerRepository.js';
import { ensureSearchIndex } from '../../src/needs/store/searchIndex.js';
import { isoWeekOf, parseIsoWeek } from '../../src/platform/isoWeek.js';
import type { WeeklySummary } from '../../src/weekly-summary/weeklySummary.js';
import { loadWeeklySummary } from '../../src/weekly-summary/weeklySummary.js';
import { FakeSlack } from '../support/fakeSlack.js';
import { createPostgresTestDb, createThrowawayDatabase, postgresUrl, type ThrowawayDatabase } from '../support/postgres.js';
import { needSubmissionPayload, postCommand, postEvent, postInteraction, reactionEnvelope } from '../support/slackRequests.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { addNeed, createTestDb, type TestDb } from '../support/testDb.js';
import { addRegisterNeed } from '../unit/register/registerFixtures.js';

const HOME_CARE_NEED =
  'Hemtjänsten i Kinda vill ha sensorer och trygghetslarm som larmar när en brukare ramlar, uppkopplade mot våra digitala lås och tillsyn på natten.';

describe.skipIf(!postgresUrl)('PostgreSQL (DATABASE_URL=postgresql://…)', () => {
  describe('the app', () => {
    let fake: FakeSlack;
    let database: ThrowawayDatabase;
    let app: TestApp;

    beforeAll(async () => {
      fake = await FakeSlack.start();
      database = await createThrowawayDatabase();
      app = await startTestApp(fake, { databaseUrl: database.url, retrainDebounceMs: 60_000 });
    });
    afterAll(async () => {
      // Each is unset if beforeAll failed before creating it.
      await (app as TestApp | undefined)?.stop();
      await (database as ThrowawayDatabase | undefined)?.drop();
      await (fake as FakeSlack | undefined)?.stop();
    });

    it('migrates, seeds and answers /healthz', async () => {
      expect(dialectOf(app.server.db)).toBe('postgresql');
      expect(await app.server.db.municipality.count()).toBe(13);
      expect(await app.server.db.strengthArea.count()).toBe(5);
      const health = await fetch(`${app.baseUrl}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ ok: true, database: { ok: true }, migrations: { ok: true }, outbox: { ok: true, failed: 0 } });
    });

    it('stores, classifies and posts a /need, stores a 👍 once, and counts it in the weekly summary', async () => {
      fake.reset();
      const res = await postCommand(app.baseUrl, { text: '', channelId: 'C0TYPED', userId: 'U0STAFF' });
      expect(res.status).toBe(200);
      await fake.waitForCalls('views.open', 1);
      const view = fake.callsOf('views.open')[0]!.args.view as { private_metadata: string };
      const kinda = await app.server.db.municipality.findUniqueOrThrow({ where: { name: 'Kinda' } });

      const submitted = await postInteraction(
        app.baseUrl,
        needSubmissionPayload({ municipalityId: String(kinda.id), description: HOME_CARE_NEED, sector: 'hemtjanst' }, view.private_metadata),
      );
      expect(submitted.status).toBe(200);
      expect(await submitted.text()).toBe(''); // an empty ack closes the modal

      await fake.waitFor(
        (calls) => calls.filter((c) => c.method === 'chat.postMessage').length >= 2 && calls.some((c) => c.method === 'chat.postEphemeral'),
        'posts and confirmation',
      );
      const need = await app.server.db.need.findFirstOrThrow({ include: { classifications: true, municipality: true } });
      expect(need.municipality.name).toBe('Kinda');
      expect(need.recordedByUserId).toBe('U0STAFF');
      expect(need.abstained).toBe(false);
      expect(need.routedAt).toBeInstanceOf(Date);
      expect(Math.abs(need.recordedAt.getTime() - Date.now())).toBeLessThan(60_000); // timestamp(3) round-trips as UTC
      expect(need.classifications).toHaveLength(5);
      expect(need.classifications.find((c) => c.suggested && c.rank === 1)?.areaSlug).toBe('uppkopplade');

      const postedChannels = fake.callsOf('chat.postMessage').map((c) => c.args.channel);
      expect(postedChannels).toContain('C0IOT');
      expect(postedChannels).toContain('C0REGION');
      expect(postedChannels).not.toContain('C0INTAKE');
      expect(new Set(postedChannels).size).toBe(postedChannels.length);
      const message = fake.callsOf('chat.postMessage').find((c) => c.args.channel === 'C0IOT')!;
      expect(JSON.stringify(message.args.blocks)).toContain('Smarta, säkra och robusta uppkopplade produkter och system');
      expect(String(fake.callsOf('chat.postEphemeral')[0]!.args.text)).toContain('<#C0IOT>');
      await app.server.settled();
      expect(await app.server.db.suggestionPost.count({ where: { state: 'posted', messageTs: { not: null } } })).toBe(postedChannels.length);

      // 👍 in the team channel: stored once, every copy updated.
      const post = await app.server.db.suggestionPost.findUniqueOrThrow({ where: { needId_channelId: { needId: need.id, channelId: 'C0IOT' } } });
      const react = async (type: 'reaction_added' | 'reaction_removed', reaction: string, eventId: string, headers?: Record<string, string>) => {
        const r = await postEvent(app.baseUrl, reactionEnvelope({ type, reaction, userId: 'U0ALICE', channel: 'C0IOT', ts: post.messageTs!, eventId }), {
          headers,
        });
        expect(r.status).toBe(200);
      };
      await react('reaction_added', '+1', 'EvPG1');
      await app.server.settled();
      expect(await app.server.db.feedback.count({ where: { needId: need.id, kind: 'up' } })).toBe(1);
      const feedback = await app.server.db.feedback.findFirstOrThrow({ where: { needId: need.id, kind: 'up' } });
      expect(feedback).toMatchObject({ userId: 'U0ALICE', channelId: 'C0IOT' });
      const updatesOf = (channel: string) => fake.callsOf('chat.update').filter((c) => c.args.channel === channel);
      await fake.waitFor(
        () => updatesOf('C0IOT').some((c) => JSON.stringify(c.args.blocks).includes(':+1: 1 · :-1: 0 i <#C0IOT>')) && updatesOf('C0REGION').length >= 1,
        'updates of both copies',
      );
      // A Slack retry of the same event (the dedupe insert hits PostgreSQL's unique index) and a
      // second 👍 from the same person change nothing.
      await react('reaction_added', '+1', 'EvPG1', { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
      await react('reaction_added', 'thumbsup', 'EvPG2');
      await react('reaction_added', 'raising_hand', 'EvPG3'); // a marker: once stored, the two before are handled
      await app.server.settled();
      expect(await app.server.db.feedback.count({ where: { needId: need.id, kind: 'claim' } })).toBe(1);
      expect(await app.server.db.feedback.count({ where: { needId: need.id, kind: 'up' } })).toBe(1);
      expect(await app.server.db.processedEvent.count({ where: { eventId: { in: ['EvPG1', 'EvPG2', 'EvPG3'] } } })).toBe(3);

      // This week's summary, from the raw SQL on PostgreSQL.
      const week = isoWeekOf(need.recordedAt, 'Europe/Stockholm');
      const iot = await loadWeeklySummary(app.server.db, { channelId: 'C0IOT', areas: ['uppkopplade'], week, timezone: 'Europe/Stockholm' });
      expect(iot.newNeeds.total).toBe(1);
      expect(iot.newNeeds.byMunicipality.map((m) => [m.label, m.count])).toEqual([['Kinda', 1]]);
      expect(iot.newNeeds.shown.map((n) => [n.id, n.area, n.recordedAt.getTime()])).toEqual([[need.id, 'uppkopplade', need.recordedAt.getTime()]]);
      expect(iot.newNeeds.shown[0]?.link).toMatch(/^https:\/\/slack\.com\/archives\/C0IOT\/p\d+$/);
      expect(iot.claimed).toBe(1);
      expect(iot.feedback).toEqual({ up: 1, down: 0, recategorised: 0 });
      const region = await loadWeeklySummary(app.server.db, { channelId: 'C0REGION', areas: 'all', week, timezone: 'Europe/Stockholm' });
      expect(region.newNeeds.total).toBe(1);
      expect(region.feedback).toEqual({ up: 0, down: 0, recategorised: 0 }); // the 👍 was in C0IOT
    });
  });

  describe('weekly summary figures', () => {
    let pg: TestDb;
    let sqlite: TestDb;
    const TZ = 'Europe/Stockholm';

    beforeAll(async () => {
      pg = await createPostgresTestDb();
      sqlite = await createTestDb();
      for (const t of [sqlite, pg]) await addScenario(t);
    });
    afterAll(async () => {
      // Each is unset if beforeAll failed before creating it.
      await (pg as TestDb | undefined)?.close();
      await (sqlite as TestDb | undefined)?.close();
    });

    const channels: [string, ChannelsConfig['teams'][number]['areas']][] = [
      ['C0LOGIST', ['logistik']],
      ['C0IOT', ['uppkopplade']],
      ['C0VISUAL', ['visualisering']],
      ['C0REGION', 'all'],
      ['C0MIXED', ['uppkopplade', 'logistik']],
    ];
    const weeks = ['2026-W47', '2026-W48', '2026-W46', '2026-W44', '2026-W43', '2026-W13'];

    it('gives the same figures on PostgreSQL as on SQLite, for every channel and week', async () => {
      expect(dialectOf(pg.db)).toBe('postgresql');
      expect(dialectOf(sqlite.db)).toBe('sqlite');
      for (const week of weeks) {
        for (const [channelId, areas] of channels) {
          const scope = { channelId, areas, week: parseIsoWeek(week), timezone: TZ };
          const [onSqlite, onPg] = await Promise.all([loadWeeklySummary(sqlite.db, scope), loadWeeklySummary(pg.db, scope)]);
          expect(comparable(onPg), `${channelId} ${week}`).toEqual(comparable(onSqlite));
        }
      }
    });

    it('has the expected figures for the week with data (2026-W47)', async () => {
      const s = await loadWeeklySummary(pg.db, { channelId: 'C0LOGIST', areas: ['logistik'], week: parseIsoWeek('2026-W47'), timezone: TZ });
      expect(s.newNeeds.total).toBe(4);
      expect(s.newNeeds.average).toBe(1.25);
      expect(s.newNeeds.byMunicipality.map((m) => [m.label, m.count, m.average])).toEqual([
        ['Linköping', 2, 1],
        ['Motala', 1, 0.25],
        ['Ydre', 1, 0],
      ]);
      expect(s.newNeeds.shown.map((n) => n.title)).toEqual(['n3', 'n8', 'n2', 'n1']);
      expect(s.newNeeds.shown.find((n) => n.title === 'n1')?.link).toBe('https://slack.com/archives/C0LOGIST/p1700000001000100');
      expect(s.waiting.total).toBe(3);
      expect(s.waiting.shown.map((n) => n.title)).toEqual(['b', 'c', 'd']);
      expect(s.claimed).toBe(1);
      expect(s.resolved).toBe(1);
      expect(s.feedback).toEqual({ up: 2, down: 1, recategorised: 1 });
      expect(s.trend.points.reduce((sum, p) => sum + p.count, 0)).toBe(10);
      const march = await loadWeeklySummary(pg.db, { channelId: 'C0VISUAL', areas: ['visualisering'], week: parseIsoWeek('2026-W13'), timezone: TZ });
      expect(march.newNeeds.total).toBe(2); // the DST week, cut at Stockholm midnight
      const region = await loadWeeklySummary(pg.db, { channelId: 'C0REGION', areas: 'all', week: parseIsoWeek('2026-W47'), timezone: TZ });
      expect(Object.fromEntries(region.newNeeds.byArea.map((a) => [a.key, a.count]))).toEqual({
        visualisering: 0,
        uppkopplade: 1,
        miljonytta: 1,
        logistik: 3,
        material: 0,
        none: 2, // the abstained n5 and n9, corrected to "no area fits"
      });
      expect(region.newNeeds.total).toBe(7);
    });
  });

  describe('needs register search', () => {
    let pg: TestDb;

    beforeAll(async () => {
      pg = await createPostgresTestDb();
    });
    afterAll(async () => {
      await (pg as TestDb | undefined)?.close(); // unset if beforeAll failed
    });

    it('creates the GIN index idempotently and finds needs by stem, compound head and ranking', async () => {
      expect(dialectOf(pg.db)).toBe('postgresql');
      expect(await ensureSearchIndex(pg.db)).toEqual({ rebuilt: false });
      expect(await ensureSearchIndex(pg.db)).toEqual({ rebuilt: false });
      const [index] = await pg.db.$queryRawUnsafe<{ n: bigint | number }[]>(
        `SELECT COUNT(*) AS n FROM pg_indexes WHERE tablename = 'Need' AND indexname = 'need_search_text_idx'`,
      );
      expect(Number(index!.n)).toBe(1);

      // The better match is the older one, so ranking (not recency) has to put it first.
      const pipes = await addRegisterNeed(pg, {
        title: 'Läckor i VA-nätet',
        description: 'Läckor i VA-nätet',
        municipality: 'Norrköping',
        recordedAt: '2026-01-10T10:00:00Z',
      });
      const water = await addRegisterNeed(pg, {
        title: 'Vattenläckorna hittas för sent',
        description: 'Vi upptäcker vattenläckorna först när gatan sätter sig.',
        recordedAt: '2026-02-10T10:00:00Z',
      });
      const charging = await addRegisterNeed(pg, {
        title: 'Fler laddplatser i centrum',
        description: 'Laddplatser för elbilar saknas.',
        recordedAt: '2026-03-10T10:00:00Z',
      });
      const withdrawn = await addRegisterNeed(pg, { title: 'Läckor i simhallens tak', status: 'withdrawn', recordedAt: '2026-04-10T10:00:00Z' });
      const register = new NeedRegister(pg.db);
      const search = async (query: string, filter = {}) => (await register.search(searchQueryGroups(query), filter, 10)).map((n) => n.id);

      const leaks = await search('läcka');
      expect(leaks).toContain(pipes);
      expect(leaks).toContain(water);
      expect(leaks).not.toContain(charging);
      expect(leaks).not.toContain(withdrawn);
      expect(await search('vattenläcka')).toEqual([water]);
      expect(await search('laddplats')).toEqual([charging]);
      expect(await search('giraff')).toEqual([]);
      expect(await search('läcka', { municipalityId: pg.municipalityIds.get('Norrköping') })).toEqual([pipes]);
      expect(await search('läcka', { status: 'withdrawn' })).toEqual([withdrawn]);
      // No need has all three words, so any may match: two matched words beat one.
      expect(await search('läckor VA-nätet giraff')).toEqual([pipes, water]);
      // Query syntax in terms is not syntax.
      expect(await register.search(["'", '&', '|', '!', ':*', '(', 'lack)'], {}, 10).then((r) => r.map((n) => n.id).sort((a, b) => a - b))).toEqual([
        pipes,
        water,
      ]);

      // An edit is found by its new words, not its old.
      await pg.db.need.update({ where: { id: charging }, data: { searchText: 'skyfall oversvamning' } });
      expect(await search('skyfall')).toEqual([charging]);
      expect(await search('laddplats')).toEqual([]);
    });
  });
});

/** A summary with need ids replaced by titles (ids are per database). */
function comparable(summary: WeeklySummary): unknown {
  const need = ({ id: _id, ...rest }: WeeklySummary['newNeeds']['shown'][number]) => rest;
  return {
    ...summary,
    newNeeds: { ...summary.newNeeds, shown: summary.newNeeds.shown.map(need) },
    waiting: { ...summary.waiting, shown: summary.waiting.shown.map(need) },
  };
}

/** The data of the weekly-summary integration test (test/integration/weeklySummary.test.ts), titled by key. */
async function addScenario(t: TestDb): Promise<void> {
  const ids: Record<string, number> = {};
  const add = async (key: string, spec: Omit<Parameters<typeof addNeed>[1], 'title'>) => {
    ids[key] = await addNeed(t, { ...spec, title: key });
  };
  // Reported week 2026-W47: Monday 16 – Sunday 22 November (Stockholm).
  await add('n1', { municipality: 'Linköping', areas: ['logistik'], recordedAt: '2026-11-16T08:00:00Z', posts: { C0LOGIST: '1700000001.000100' } });
  await add('n2', {
    municipality: 'Linköping',
    areas: ['logistik', 'uppkopplade'],
    recordedAt: '2026-11-18T10:00:00Z',
    posts: { C0REGION: '1700000002.000200' },
  });
  await add('n3', { municipality: 'Motala', areas: ['uppkopplade', 'logistik'], recordedAt: '2026-11-20T10:00:00Z' });
  await add('n4', { municipality: 'Norrköping', areas: ['miljonytta'], recordedAt: '2026-11-22T22:30:00Z' }); // Sunday 23:30
  await add('n5', { municipality: 'Kinda', areas: [], recordedAt: '2026-11-17T10:00:00Z' }); // abstained
  await add('n8', { municipality: 'Ydre', areas: ['uppkopplade'], correctedAreas: 'logistik', recordedAt: '2026-11-19T10:00:00Z' });
  await add('n9', { municipality: 'Boxholm', areas: ['material'], correctedAreas: '', recordedAt: '2026-11-19T11:00:00Z' }); // corrected to none
  await add('n6', { municipality: 'Linköping', areas: ['logistik'], recordedAt: '2026-11-22T23:30:00Z' }); // Monday 00:30, W48
  await add('a', { municipality: 'Linköping', areas: ['logistik'], recordedAt: '2026-10-16T10:00:00Z', claimedAt: '2026-11-17T10:00:00Z' });
  await add('b', { municipality: 'Motala', areas: ['logistik'], recordedAt: '2026-10-25T22:30:00Z' }); // Sun 23:30 CET, W43
  await add('c', { municipality: 'Linköping', areas: ['logistik'], recordedAt: '2026-10-25T23:30:00Z' }); // Mon 00:30 CET, W44
  await add('d', { municipality: 'Linköping', areas: ['logistik'], recordedAt: '2026-11-08T23:00:00Z' }); // exactly 14 days before W47 ends
  await add('e', { municipality: 'Linköping', areas: ['logistik'], recordedAt: '2026-11-09T00:00:00Z' }); // 13 days 23 h
  await add('f', { municipality: 'Linköping', areas: ['logistik'], recordedAt: '2026-11-15T22:59:00Z', resolvedAt: '2026-11-20T10:00:00Z' }); // Sun 23:59, W46
  for (const [i, recordedAt] of ['2026-03-22T22:50:00Z', '2026-03-22T23:10:00Z', '2026-03-29T21:30:00Z', '2026-03-29T22:30:00Z'].entries()) {
    await add(`m${i}`, { municipality: 'Vadstena', areas: ['visualisering'], recordedAt, resolvedAt: '2026-04-20T10:00:00Z' });
  }
  const feedback = (needId: number, userId: string, kind: string, channelId: string, createdAt: string) =>
    t.db.feedback.create({ data: { needId, userId, kind, channelId, createdAt: new Date(createdAt) } });
  await feedback(ids.n1!, 'U1', 'up', 'C0LOGIST', '2026-11-17T09:00:00Z');
  await feedback(ids.n1!, 'U2', 'up', 'C0LOGIST', '2026-11-18T09:00:00Z');
  await feedback(ids.n3!, 'U1', 'down', 'C0LOGIST', '2026-11-21T09:00:00Z');
  await feedback(ids.n3!, 'U3', 'claim', 'C0LOGIST', '2026-11-21T09:00:00Z');
  await feedback(ids.n2!, 'U4', 'up', 'C0REGION', '2026-11-18T09:00:00Z');
  await feedback(ids.n2!, 'U5', 'up', 'C0LOGIST', '2026-11-23T09:00:00Z'); // W48
  await t.db.needEvent.create({ data: { needId: ids.n8!, kind: 'recategorised', detail: 'logistik', userId: 'U1', at: new Date('2026-11-19T12:00:00Z') } });
}
