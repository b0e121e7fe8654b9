// NeedService.recordNeeds / routeNeeds — the import's batch path — against real databases (a
// SQLite file; PostgreSQL too when TEST_POSTGRES_URL is set): a batch is recorded and routed
// exactly as the same needs one at a time would be; a row seen before or twice in the batch is one
// need; needs of one batch find each other as similar; a need routed by someone else in the middle
// of a batch is not routed twice; two instances recording the same rows at once make one need each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../../src/platform/db/client.js';
import type { Matcher } from '../../../src/matching/types.js';
import { MatcherProvider } from '../../../src/training/matcherProvider.js';
import type { NeedInput } from '../../../src/needs/needInput.js';
import { NeedService, type RecordMeta } from '../../../src/record-need/recordNeed.js';
import { SimilarNeeds } from '../../../src/needs/similarNeedsIndex.js';
import { testDatabases } from '../../support/postgres.js';
import { TEST_CHANNELS } from '../../support/testApp.js';
import { type TestDb } from '../../support/testDb.js';
import { trainOnce } from '../../support/templates.js';
import { SHIPPED_REGION } from '../../support/shippedMatcher.js';

const NOW = new Date('2027-03-14T09:00:00Z');
const TEXTS = [
  ['Digital tvilling av centrum', 'Vi vill visualisera nya detaljplaner i en 3D-modell av centrum för medborgardialog.'],
  ['Sensorer i VA-nätet', 'Uppkopplade sensorer i ledningsnätet ska larma om läckor och mäta flöden i realtid.'],
  ['Samordnad varudistribution', 'Samordnad varudistribution till kommunens kök och förskolor med färre transporter.'],
  ['Kulturnatten', 'Vi planerar programmet för kulturnatten och söker fler föreningar som vill delta.'],
] as const;

describe.each(testDatabases)('batch routing on %s', (_name, open) => {
  let t: TestDb;
  let matchers: MatcherProvider;
  let serial = 0;
  beforeAll(async () => {
    t = await open();
    matchers = await MatcherProvider.create(t.db, SHIPPED_REGION, trainOnce); // the shipped data's model, trained once per run
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  const service = (extra: Partial<ConstructorParameters<typeof NeedService>[0]> = {}) =>
    new NeedService({ db: t.db, matchers, channels: TEST_CHANNELS, now: () => NOW, ...extra });
  const row = (
    municipality: string,
    [title, description]: readonly [string, string],
    key = `test:${++serial}`,
  ): { input: NeedInput; meta: RecordMeta & { submissionKey: string } } => ({
    input: { municipalityId: t.municipalityIds.get(municipality)!, title, description, sector: null, municipalContact: null, ourContactUserId: 'U0ALICE' },
    meta: { recordedByUserId: 'U0STAFF', originChannelId: null, source: 'import', submissionKey: key, sourceLabel: 'Workshop' },
  });
  /** Everything routing wrote about a need, without its ids. */
  async function routingOf(needId: number) {
    const need = await t.db.need.findUniqueOrThrow({
      where: { id: needId },
      include: {
        classifications: { orderBy: { rank: 'asc' } },
        currentAreas: { orderBy: { areaSlug: 'asc' } },
        environments: { orderBy: { rank: 'asc' } },
        suggestions: { orderBy: { id: 'asc' } },
      },
    });
    const queued = await t.db.outboxMessage.findMany({
      where: { OR: [{ dedupeKey: `confirmation:need:${needId}` }, ...need.suggestions.map((s) => ({ dedupeKey: `suggestion:${s.id}` }))] },
      orderBy: { id: 'asc' },
    });
    return {
      routedAt: need.routedAt,
      abstained: need.abstained,
      modelVersion: need.modelVersion,
      classifications: need.classifications.map(({ needId: _, ...c }) => c),
      areas: need.currentAreas.map((a) => a.areaSlug),
      environments: need.environments.map(({ needId: _, ...e }) => e),
      posts: need.suggestions.map((s) => [s.channelId, s.reason, s.state]),
      queued: queued.map((q) => [q.kind, q.lane, q.status, q.payload.replace(/\d+/g, 'N')]),
    };
  }

  it('records and routes a batch exactly as one need at a time', async () => {
    const rows = TEXTS.map((text, i) => row(['Motala', 'Kinda', 'Ydre', 'Boxholm'][i]!, text));
    const batch = await service().recordNeeds(rows);
    expect(batch.map((n) => n.created)).toEqual([true, true, true, true]);
    const routed = await service().routeNeeds(batch.map((n) => n.id));
    expect([...routed.values()].every((r) => r.routed)).toBe(true);

    const single: number[] = [];
    for (const r of TEXTS.map((text, i) => row(['Motala', 'Kinda', 'Ydre', 'Boxholm'][i]!, text))) {
      const need = await service().recordNeed(r.input, r.meta);
      await service().routeNeed(need.id);
      single.push(need.id);
    }
    for (let i = 0; i < TEXTS.length; i++) expect(await routingOf(batch[i]!.id)).toEqual(await routingOf(single[i]!));
    // The contents, not only their sameness: the twin goes to visualisation, the culture night nowhere in particular.
    expect((await routingOf(batch[0]!.id)).posts.map(([channel]) => channel)).toEqual(['C0VISUAL', 'C0REGION']);
    expect((await routingOf(batch[3]!.id)).posts.map(([channel]) => channel)).toEqual(['C0INTAKE', 'C0REGION']);
    expect(routed.get(batch[1]!.id)?.channels).toEqual(['C0IOT', 'C0REGION']);
    // Imported needs have nobody waiting for a confirmation.
    expect((await routingOf(batch[0]!.id)).queued.map(([kind]) => kind)).toEqual(['suggestion', 'suggestion']);
    const stored = await t.db.need.findUniqueOrThrow({ where: { id: batch[0]!.id } });
    expect(stored).toMatchObject({
      title: TEXTS[0][0],
      source: 'import',
      sourceLabel: 'Workshop',
      recordedAt: NOW,
      ourContactUserId: 'U0ALICE',
      status: 'open',
    });
  });

  it('recognises a key recorded before and a key repeated in the batch, and routes a routed need never again', async () => {
    const before = row('Motala', TEXTS[1]);
    const [earlier] = await service().recordNeeds([before]);
    await service().routeNeeds([earlier!.id]);
    const again = row('Kinda', TEXTS[2]);
    const recorded = await service().recordNeeds([row('Motala', TEXTS[1], before.meta.submissionKey), again, row('Kinda', TEXTS[2], again.meta.submissionKey)]);
    expect(recorded.map((n) => [n.id, n.created])).toEqual([
      [earlier!.id, false],
      [recorded[1]!.id, true],
      [recorded[1]!.id, false],
    ]);
    const posts = await t.db.suggestionPost.count({ where: { needId: earlier!.id } });
    const routed = await service().routeNeeds(recorded.map((n) => n.id));
    expect(routed.get(earlier!.id)).toEqual({ routed: false, channels: [] });
    expect(routed.get(recorded[1]!.id)?.routed).toBe(true);
    expect(await t.db.suggestionPost.count({ where: { needId: earlier!.id } })).toBe(posts);
  });

  it('lets a need find an earlier need of the same batch from another municipality as similar, not one of its own', async () => {
    // Built before the batch arrives, as the bot builds it at start: the batch's needs reach it only by being routed.
    const similar = new SimilarNeeds(t.db);
    await similar.load();
    const text = ['Digital tillsyn i hemtjänsten', 'Digital tillsyn nattetid i hemtjänsten med kamera istället för besök som väcker brukaren.'] as const;
    const rows = [row('Vadstena', text), row('Vadstena', text, `other:${++serial}`), row('Ödeshög', text, `third:${++serial}`)];
    const recorded = await service({ similar }).recordNeeds(rows);
    await service({ similar }).routeNeeds(recorded.map((n) => n.id));
    const found = await t.db.needSimilar.findMany({ where: { needId: { in: recorded.map((n) => n.id) } }, orderBy: [{ needId: 'asc' }, { rank: 'asc' }] });
    expect(found.map((f) => [f.needId, f.similarNeedId])).toEqual([
      [recorded[2]!.id, recorded[0]!.id],
      [recorded[2]!.id, recorded[1]!.id],
    ]);
  });

  it('falls back to one at a time when a need of the batch is routed by someone else meanwhile: each routed once', async () => {
    const rows = [row('Finspång', TEXTS[0]), row('Finspång', TEXTS[1]), row('Finspång', TEXTS[2])];
    const recorded = await service().recordNeeds(rows);
    const other = service();
    let raced = false;
    // The similar-needs lookup runs between reading the batch and writing it: the other instance routes the second need then.
    const racing = {
      find: async (need: { id: number }) => {
        if (need.id === recorded[2]!.id && !raced) {
          raced = true;
          await other.routeNeed(recorded[1]!.id);
        }
        return [];
      },
      upsert: () => Promise.resolve(),
    };
    const routed = await service({ similar: racing }).routeNeeds(recorded.map((n) => n.id));
    expect(raced).toBe(true);
    expect(recorded.map((n) => routed.get(n.id)?.routed)).toEqual([true, false, true]);
    for (const need of recorded) {
      const posts = await t.db.suggestionPost.findMany({ where: { needId: need.id } });
      expect(posts.length).toBeGreaterThan(0);
      expect(new Set(posts.map((p) => p.channelId)).size).toBe(posts.length);
      expect(await t.db.needClassification.count({ where: { needId: need.id } })).toBe(5);
      expect(await t.db.outboxMessage.count({ where: { dedupeKey: { in: posts.map((p) => `suggestion:${p.id}`) } } })).toBe(posts.length);
    }
  });

  it('makes one need per row when two instances record the same rows at once', async () => {
    const second = await createDb(t.url);
    try {
      const rows = TEXTS.map((text) => row('Mjölby', text));
      const [a, b] = await Promise.all([
        service().recordNeeds(rows),
        new NeedService({ db: second, matchers, channels: TEST_CHANNELS, now: () => NOW }).recordNeeds(rows),
      ]);
      expect(a.map((n) => n.id)).toEqual(b.map((n) => n.id));
      expect(a.filter((n) => n.created).length + b.filter((n) => n.created).length).toBe(rows.length);
      expect(await t.db.need.count({ where: { submissionKey: { in: rows.map((r) => r.meta.submissionKey) } } })).toBe(rows.length);
    } finally {
      await second.$disconnect();
    }
  });

  it('routes the rest of a batch when one need cannot be written, keeping nothing of that one, which the next run routes', async () => {
    const rows = [row('Valdemarsvik', TEXTS[0]), row('Valdemarsvik', TEXTS[1]), row('Valdemarsvik', TEXTS[2])];
    const recorded = await service().recordNeeds(rows);
    // A matcher that answers the sensor need with an area no table knows: its classification insert
    // fails inside the transaction — first the batch's, then its own.
    const real = matchers.current();
    const broken: Matcher = {
      version: real.version,
      classify: (text) => {
        const c = real.classify(text);
        return text.startsWith(TEXTS[1][0]) ? { ...c, ranked: c.ranked.map((r, i) => (i === 0 ? { ...r, slug: 'unknown' } : r)) } : c;
      },
    };
    const failing = service({ matchers: { current: () => broken } as unknown as MatcherProvider });
    await expect(failing.routeNeeds(recorded.map((n) => n.id))).rejects.toThrow();
    const routedAt = async (id: number) => (await t.db.need.findUniqueOrThrow({ where: { id } })).routedAt;
    expect(await routedAt(recorded[0]!.id)).not.toBeNull();
    expect(await routedAt(recorded[1]!.id)).toBeNull();
    expect(await t.db.needClassification.count({ where: { needId: recorded[1]!.id } })).toBe(0);
    expect(await t.db.suggestionPost.count({ where: { needId: recorded[1]!.id } })).toBe(0);
    // In the bot the failed need goes to the background routing queue instead of failing the import.
    const handedOver: number[] = [];
    const inBot = service({ matchers: { current: () => broken } as unknown as MatcherProvider, routing: { routeLater: (id) => handedOver.push(id) } });
    const routed = await inBot.routeNeeds(recorded.map((n) => n.id));
    expect(handedOver).toEqual([recorded[1]!.id]);
    expect(recorded.map((n) => routed.get(n.id)?.routed)).toEqual([false, false, true]);
    // The next run, with a working matcher, routes it.
    expect((await service().routeNeeds([recorded[1]!.id])).get(recorded[1]!.id)?.routed).toBe(true);
    expect(await t.db.needClassification.count({ where: { needId: recorded[1]!.id } })).toBe(5);
  });
});
