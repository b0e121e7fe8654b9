// The needs register on a real, migrated and seeded SQLite file: counts, "Mina behov", what waits
// in a person's areas, the latest needs with filters, and search through the FTS5 index (kept in
// step by triggers, rebuilt by ensureSearchIndex when it is not).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { searchIndexText, searchQueryGroups } from '../../../src/matching/index.js';
import { NeedRegister, type NeedListItem } from '../../../src/register/registerRepository.js';
import { ensureSearchIndex, fillMissingSearchText } from '../../../src/needs/store/searchIndex.js';
import { createTestDb, type TestDb } from '../../support/testDb.js';
import { addRegisterNeed, type RegisterNeedSpec } from './registerFixtures.js';

let t: TestDb;
let register: NeedRegister;

beforeAll(async () => {
  t = await createTestDb();
  expect(await ensureSearchIndex(t.db)).toEqual({ rebuilt: false }); // a fresh database is in step
  register = new NeedRegister(t.db);
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await t.db.need.deleteMany();
});

const add = (spec: RegisterNeedSpec) => addRegisterNeed(t, spec);
const ids = (items: readonly { id: number }[]) => items.map((i) => i.id);
const municipalityId = (name: string) => t.municipalityIds.get(name)!;
// As /need search asks: each word by any of its alternatives (its stem, its English gloss).
const search = (query: string, filter = {}, limit = 10) => register.search(searchQueryGroups(query), filter, limit);
const indexedRows = async () => Number((await t.db.$queryRawUnsafe<{ n: bigint | number }[]>('SELECT COUNT(*) AS n FROM NeedSearch'))[0]!.n);

describe('counts', () => {
  it('counts open and claimed needs now, and needs resolved since the given instant; withdrawn ones nowhere', async () => {
    const since = new Date('2025-12-31T23:00:00Z');
    await add({ title: 'a', status: 'open' });
    await add({ title: 'b', status: 'open' });
    await add({ title: 'c', status: 'claimed', claimedBy: 'U0TAKER' });
    await add({ title: 'd', status: 'resolved', resolvedAt: since }); // exactly at the start: counted
    await add({ title: 'e', status: 'resolved', resolvedAt: '2025-12-31T22:59:59Z' }); // last year
    await add({ title: 'f', status: 'withdrawn' });
    expect(await register.counts(since)).toEqual({ open: 2, claimed: 1, resolvedSince: 1 });
  });

  it('is all zeros on an empty register', async () => {
    expect(await register.counts(new Date('2026-01-01T00:00:00Z'))).toEqual({ open: 0, claimed: 0, resolvedSince: 0 });
  });
});

describe('mine', () => {
  it('lists needs I recorded, am "Vår kontakt" for or took, newest first, with why they are mine', async () => {
    const recorded = await add({ title: 'recorded', recordedBy: 'U0ME', recordedAt: '2026-05-01T10:00:00Z' });
    const contact = await add({ title: 'contact', ourContact: 'U0ME', recordedAt: '2026-05-02T10:00:00Z' });
    const claimed = await add({ title: 'claimed', status: 'claimed', claimedBy: 'U0ME', recordedAt: '2026-05-03T10:00:00Z' });
    const both = await add({ title: 'both', recordedBy: 'U0ME', ourContact: 'U0ME', recordedAt: '2026-05-04T10:00:00Z' });
    await add({ title: 'withdrawn', recordedBy: 'U0ME', status: 'withdrawn', recordedAt: '2026-05-05T10:00:00Z' });
    await add({ title: 'theirs', recordedBy: 'U0OTHER', ourContact: 'U0OTHER', claimedBy: 'U0OTHER', recordedAt: '2026-05-06T10:00:00Z' });

    const mine = await register.mine('U0ME', 10);
    expect(mine.map((m) => [m.id, m.roles])).toEqual([
      [both, ['recorded', 'ourContact']],
      [claimed, ['claimed']],
      [contact, ['ourContact']],
      [recorded, ['recorded']],
    ]);
  });

  it('pages with limit and offset', async () => {
    const made: number[] = [];
    for (let day = 1; day <= 5; day++) made.push(await add({ title: `n${day}`, recordedBy: 'U0ME', recordedAt: `2026-05-0${day}T10:00:00Z` }));
    expect(ids(await register.mine('U0ME', 2))).toEqual([made[4], made[3]]);
    expect(ids(await register.mine('U0ME', 2, 2))).toEqual([made[2], made[1]]);
    expect(ids(await register.mine('U0ME', 2, 4))).toEqual([made[0]]);
  });

  it('pages through the three roles as one list, newest first, each need once', async () => {
    // Recorded, contact and claimed interleave in time; one need is mine twice over.
    const at = (day: number) => `2026-05-${String(day).padStart(2, '0')}T10:00:00Z`;
    const n1 = await add({ title: 'n1', recordedBy: 'U0ME', recordedAt: at(1) });
    const n2 = await add({ title: 'n2', ourContact: 'U0ME', recordedAt: at(2) });
    const n3 = await add({ title: 'n3', status: 'claimed', claimedBy: 'U0ME', recordedAt: at(3) });
    const n4 = await add({ title: 'n4', recordedBy: 'U0ME', ourContact: 'U0ME', recordedAt: at(4) });
    const n5 = await add({ title: 'n5', ourContact: 'U0ME', recordedAt: at(5) });
    const n6 = await add({ title: 'n6', status: 'claimed', claimedBy: 'U0ME', recordedAt: at(6) });
    expect(ids(await register.mine('U0ME', 2))).toEqual([n6, n5]);
    expect(ids(await register.mine('U0ME', 2, 2))).toEqual([n4, n3]);
    expect(ids(await register.mine('U0ME', 2, 4))).toEqual([n2, n1]);
    expect(ids(await register.mine('U0ME', 10, 3))).toEqual([n3, n2, n1]);
  });

  it('gives the list fields: title, municipality name, current areas, status, recordedAt, link', async () => {
    const id = await add({
      title: 'Läckor i VA-nätet',
      municipality: 'Norrköping',
      areas: ['uppkopplade', 'miljonytta'],
      recordedBy: 'U0ME',
      recordedAt: '2026-04-01T08:00:00Z',
      posts: { C0IOT: '1700000001.000100' },
    });
    const [item] = await register.mine('U0ME', 1);
    expect({ ...item, areas: [...item!.areas].sort() }).toEqual({
      id,
      title: 'Läckor i VA-nätet',
      municipality: 'Norrköping',
      areas: ['miljonytta', 'uppkopplade'],
      status: 'open',
      recordedAt: new Date('2026-04-01T08:00:00Z'),
      link: 'https://slack.com/archives/C0IOT/p1700000001000100',
      roles: ['recorded'],
    });
  });

  it('is empty for someone with no needs', async () => {
    await add({ title: 'theirs', recordedBy: 'U0OTHER' });
    expect(await register.mine('U0NOBODY', 10)).toEqual([]);
  });
});

describe('waitingIn', () => {
  it('lists open, unclaimed needs in any of the areas, oldest first, each once', async () => {
    const newer = await add({ title: 'newer', areas: ['logistik'], recordedAt: '2026-03-01T10:00:00Z' });
    const older = await add({ title: 'older', areas: ['uppkopplade', 'logistik'], recordedAt: '2026-02-01T10:00:00Z' });
    const material = await add({ title: 'material', areas: ['material'], recordedAt: '2026-04-01T10:00:00Z' });
    await add({ title: 'open but taken', areas: ['logistik'], claimedBy: 'U0TAKER', recordedAt: '2026-01-01T10:00:00Z' });
    await add({ title: 'claimed', areas: ['logistik'], status: 'claimed', claimedBy: 'U0TAKER', recordedAt: '2026-01-02T10:00:00Z' });
    await add({ title: 'resolved', areas: ['logistik'], status: 'resolved', resolvedAt: '2026-05-01T10:00:00Z', recordedAt: '2026-01-03T10:00:00Z' });
    await add({ title: 'withdrawn', areas: ['logistik'], status: 'withdrawn', recordedAt: '2026-01-04T10:00:00Z' });
    await add({ title: 'no area', areas: [], recordedAt: '2026-01-05T10:00:00Z' });

    expect(ids(await register.waitingIn(['logistik'], 10))).toEqual([older, newer]);
    expect(ids(await register.waitingIn(['logistik', 'uppkopplade', 'material'], 10))).toEqual([older, newer, material]);
    expect(ids(await register.waitingIn(['material'], 10))).toEqual([material]);
    expect(await register.waitingIn(['visualisering'], 10)).toEqual([]);
  });

  it('is empty for no areas at all', async () => {
    await add({ title: 'x', areas: ['logistik'] });
    expect(await register.waitingIn([], 10)).toEqual([]);
  });

  it('breaks ties by id and pages with limit and offset', async () => {
    const same = '2026-03-01T10:00:00Z';
    const a = await add({ title: 'a', areas: ['logistik'], recordedAt: same });
    const b = await add({ title: 'b', areas: ['logistik'], recordedAt: same });
    const c = await add({ title: 'c', areas: ['logistik'], recordedAt: same });
    expect(ids(await register.waitingIn(['logistik'], 2))).toEqual([a, b]);
    expect(ids(await register.waitingIn(['logistik'], 2, 2))).toEqual([c]);
  });
});

describe('latest', () => {
  let l1: number, l2: number, l3: number, l4: number, l5: number;
  beforeEach(async () => {
    l1 = await add({ title: 'l1', municipality: 'Linköping', areas: ['logistik'], recordedAt: '2026-05-01T10:00:00Z' });
    l2 = await add({ title: 'l2', municipality: 'Norrköping', areas: ['material'], status: 'claimed', claimedBy: 'U0T', recordedAt: '2026-05-02T10:00:00Z' });
    l3 = await add({
      title: 'l3',
      municipality: 'Linköping',
      areas: ['material'],
      status: 'resolved',
      resolvedAt: '2026-05-10T10:00:00Z',
      recordedAt: '2026-05-03T10:00:00Z',
    });
    l4 = await add({ title: 'l4', municipality: 'Linköping', areas: ['logistik'], status: 'withdrawn', recordedAt: '2026-05-04T10:00:00Z' });
    l5 = await add({ title: 'l5', municipality: 'Motala', areas: [], recordedAt: '2026-05-05T10:00:00Z' });
  });

  it('lists every need but withdrawn ones, newest first', async () => {
    expect(ids(await register.latest({}, 10))).toEqual([l5, l3, l2, l1]);
  });

  it('filters by municipality, area and status, alone and together', async () => {
    expect(ids(await register.latest({ municipalityId: municipalityId('Linköping') }, 10))).toEqual([l3, l1]);
    expect(ids(await register.latest({ area: 'material' }, 10))).toEqual([l3, l2]);
    expect(ids(await register.latest({ status: 'open' }, 10))).toEqual([l5, l1]);
    expect(ids(await register.latest({ status: 'claimed' }, 10))).toEqual([l2]);
    expect(ids(await register.latest({ municipalityId: municipalityId('Linköping'), area: 'logistik' }, 10))).toEqual([l1]);
    expect(ids(await register.latest({ municipalityId: municipalityId('Ydre') }, 10))).toEqual([]);
  });

  it('shows withdrawn needs only when status "withdrawn" is asked for', async () => {
    expect(ids(await register.latest({ status: 'withdrawn' }, 10))).toEqual([l4]);
    expect(ids(await register.latest({ status: 'withdrawn', municipalityId: municipalityId('Linköping'), area: 'logistik' }, 10))).toEqual([l4]);
    expect(ids(await register.latest({ status: 'withdrawn', area: 'material' }, 10))).toEqual([]);
  });

  it('pages with limit and offset', async () => {
    expect(ids(await register.latest({}, 2))).toEqual([l5, l3]);
    expect(ids(await register.latest({}, 2, 2))).toEqual([l2, l1]);
  });

  it('links to the first posted copy; a queued, unposted one is no link', async () => {
    const posted = await add({ title: 'posted', recordedAt: '2026-06-01T10:00:00Z', posts: { C0LOGIST: '1700000001.000100', C0REGION: '1700000002.000200' } });
    const queued = await add({ title: 'queued', recordedAt: '2026-06-02T10:00:00Z', posts: { C0LOGIST: null } });
    const [q, p] = await register.latest({}, 2);
    expect([q!.id, q!.link]).toEqual([queued, null]);
    expect([p!.id, p!.link]).toEqual([posted, 'https://slack.com/archives/C0LOGIST/p1700000001000100']);
    expect((await register.latest({}, 10)).find((i) => i.id === l1)!.link).toBeNull();
  });
});

describe('search', () => {
  let pipes: number, water: number, charging: number, withdrawn: number;
  beforeEach(async () => {
    pipes = await add({ title: 'Läckor i VA-nätet', description: 'Läckor i VA-nätet', municipality: 'Norrköping', recordedAt: '2026-01-10T10:00:00Z' });
    water = await add({
      title: 'Vattenläckorna hittas för sent',
      description: 'Vi upptäcker vattenläckorna först när gatan sätter sig och källarna svämmar över, och då har vi förlorat mycket dricksvatten.',
      municipality: 'Linköping',
      recordedAt: '2026-02-10T10:00:00Z',
    });
    charging = await add({ title: 'Fler laddplatser i centrum', description: 'Laddplatser för elbilar saknas i centrum.', recordedAt: '2026-03-10T10:00:00Z' });
    withdrawn = await add({ title: 'Läckor i simhallens tak', description: 'Läckor i taket.', status: 'withdrawn', recordedAt: '2026-04-10T10:00:00Z' });
  });

  it('a word matches by any of its alternatives: "sensor" (stem sens, or sensor) finds "sensorer", also with another word', async () => {
    const sensors = await add({ title: 'Sensorer i hemtjänsten', description: 'Hemtjänsten vill ha sensorer som larmar.', recordedAt: '2026-05-10T10:00:00Z' });
    expect(searchQueryGroups('sensor')).toEqual([['sens', 'sensor']]);
    expect(ids(await search('sensor'))).toEqual([sensors]);
    expect(ids(await search('hemtjänst sensor'))).toEqual([sensors]);
    // Both words are still required when some need has both.
    expect(ids(await search('sensor läcka'))).not.toContain(charging);
  });

  it('finds "Läckor i VA-nätet" and "vattenläckorna" for "läcka", not unrelated or withdrawn needs', async () => {
    const found = ids(await search('läcka'));
    expect(found).toContain(pipes);
    expect(found).toContain(water);
    expect(found).not.toContain(charging);
    expect(found).not.toContain(withdrawn);
  });

  it('finds "vattenläckorna" for "vattenläcka" (and not mere läckor)', async () => {
    expect(ids(await search('vattenläcka'))).toEqual([water]);
  });

  // "leak" is glossed to "läcka läckage": the stem "lackag" of läckage alone is not the "lack" of
  // läcka/läckor/vattenläckorna (src/matching/text/lexicon.ts).
  it('finds the Swedish leaks for English "leak"', async () => {
    const found = ids(await search('leak'));
    expect(found).toContain(water);
    expect(found).toContain(pipes);
  });

  it('finds a need written in English by "leak" and by its Swedish gloss "läckage"', async () => {
    const english = await add({ title: 'Leak detection in water pipes', description: 'We find every leak too late.' });
    // "leak" is any of leak, läcka, läckage: the English need and the Swedish leaks alike.
    expect(ids(await search('leak')).sort((a, b) => a - b)).toEqual([pipes, water, english].sort((a, b) => a - b));
    expect(ids(await search('läckage'))).toEqual([english]);
  });

  it('finds nothing for an unrelated word, no terms or terms that are only query syntax', async () => {
    expect(await search('giraff')).toEqual([]);
    expect(await register.search([], {}, 10)).toEqual([]);
    expect(await register.search(['"', '*', ')', 'NEAR(', '^'], {}, 10)).toEqual([]);
    // Query syntax words are plain words: no need has "not", so any term may match, and "lack" does.
    expect(ids(await register.search(['NOT', 'lack', '"lack'], {}, 10)).sort((a, b) => a - b)).toEqual([pipes, water]);
  });

  it('applies the filter, and shows withdrawn needs only when asked for', async () => {
    expect(ids(await search('läcka', { municipalityId: municipalityId('Norrköping') }))).toEqual([pipes]);
    expect(ids(await search('läcka', { status: 'withdrawn' }))).toEqual([withdrawn]);
    expect(ids(await search('läcka', { municipalityId: municipalityId('Ydre') }))).toEqual([]);
  });

  it('ranks the better match first, whatever the age', async () => {
    // No need has all three words, so any may match: two matched words beat one.
    const rows = await search('läckor VA-nätet giraff');
    expect(ids(rows)).toEqual([pipes, water]);
    // One word: a short text that is about it beats a long one that mentions it (bm25).
    expect(ids(await search('läcka'))).toEqual([pipes, water]);
  });

  it('finds the matches within a filter however far down the whole ranking they are', async () => {
    // 250 short (better-ranked) leak needs in Linköping, one long one in Ydre: the Ydre need is
    // last in the ranking of all needs, and still the answer within Ydre.
    const linkoping = municipalityId('Linköping');
    const text = 'Läckor i VA-nätet';
    await t.db.need.createMany({
      data: Array.from({ length: 250 }, (_, i) => ({
        municipalityId: linkoping,
        title: text,
        description: text,
        recordedByUserId: 'U0STAFF',
        source: 'import',
        recordedAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
        searchText: searchIndexText(`${text}. ${text}`),
      })),
    });
    const title = 'Dricksvattnet i Ydre';
    const description = 'Vi har svårt att hitta läckor i ledningarna mellan byarna, och reservoarerna töms på nätterna när förbrukningen borde vara låg.';
    const ydre = await add({ title, description, municipality: 'Ydre', recordedAt: '2025-01-01T10:00:00Z' });
    expect(ids(await search('läcka', {}, 300)).at(-1)).toBe(ydre);
    expect(ids(await search('läcka', { municipalityId: municipalityId('Ydre') }))).toEqual([ydre]);
    expect(ids(await search('läcka', { municipalityId: municipalityId('Ydre') }, 1))).toEqual([ydre]);
    expect(await search('läcka', { municipalityId: linkoping }, 10)).toHaveLength(10);
  });

  it('keeps to the limit', async () => {
    expect(await search('läcka', {}, 1)).toHaveLength(1);
  });

  it('returns list items like the other lists', async () => {
    const [item] = await search('vattenläcka');
    expect(item).toMatchObject<Partial<NeedListItem>>({
      id: water,
      title: 'Vattenläckorna hittas för sent',
      municipality: 'Linköping',
      status: 'open',
      link: null,
    });
  });

  it('finds an edited need by its new words, not its old (the update trigger)', async () => {
    const title = 'Översvämningar vid skyfall';
    const description = 'Dagvattnet räcker inte till när det regnar kraftigt.';
    await t.db.need.update({ where: { id: charging }, data: { title, description, searchText: searchIndexText(`${title}. ${description}`) } });
    expect(ids(await search('skyfall'))).toEqual([charging]);
    expect(await search('laddplatser')).toEqual([]);
    expect(await indexedRows()).toBe(4); // replaced, not added
  });

  it('forgets a deleted need (the delete trigger)', async () => {
    await t.db.need.delete({ where: { id: pipes } });
    expect(ids(await search('läcka'))).toEqual([water]);
    expect(await indexedRows()).toBe(3);
  });

  it('indexes a new need at once (the insert trigger)', async () => {
    const id = await add({ title: 'Skyfall översvämmar gatorna' });
    expect(ids(await search('skyfall'))).toEqual([id]);
  });
});

describe('ensureSearchIndex', () => {
  it('is idempotent and leaves an index in step alone', async () => {
    const id = await add({ title: 'Läckor i VA-nätet' });
    expect(await ensureSearchIndex(t.db)).toEqual({ rebuilt: false });
    expect(await ensureSearchIndex(t.db)).toEqual({ rebuilt: false });
    expect(ids(await search('läcka'))).toEqual([id]);
  });

  it('rebuilds an index that lost its rows', async () => {
    const pipes = await add({ title: 'Läckor i VA-nätet' });
    const water = await add({ title: 'Vattenläckorna hittas för sent' });
    await t.db.$executeRawUnsafe('DELETE FROM NeedSearch');
    expect(await search('läcka')).toEqual([]); // search reads the index, nothing else
    expect(await ensureSearchIndex(t.db)).toEqual({ rebuilt: true });
    expect(ids(await search('läcka')).sort((a, b) => a - b)).toEqual([pipes, water]);
    expect(await indexedRows()).toBe(2);
    expect(await ensureSearchIndex(t.db)).toEqual({ rebuilt: false });
  });

  it('restores the triggers a table rebuild dropped, and indexes what came in meanwhile', async () => {
    await t.db.$executeRawUnsafe('DROP TRIGGER NeedSearch_insert');
    const missed = await add({ title: 'Skyfall översvämmar gatorna' });
    expect(await search('skyfall')).toEqual([]);
    expect(await ensureSearchIndex(t.db)).toEqual({ rebuilt: true });
    expect(ids(await search('skyfall'))).toEqual([missed]);
    const later = await add({ title: 'Skyfall i centrum' }); // the insert trigger is back
    expect(ids(await search('skyfall')).sort((a, b) => a - b)).toEqual([missed, later]);
  });
});

describe('fillMissingSearchText', () => {
  it('fills needs with no searchText, in batches, and indexes them', async () => {
    const old = [
      await add({ title: 'Läckor i VA-nätet', noSearchText: true }),
      await add({ title: 'Vattenläckorna hittas för sent', noSearchText: true }),
      await add({ title: 'Läckande ventiler', description: 'Läckor i ventilerna.', noSearchText: true }),
    ];
    const indexed = await add({ title: 'Läckor i fjärrvärmen' });
    const before = await t.db.need.findUniqueOrThrow({ where: { id: indexed }, select: { searchText: true } });
    expect(ids(await search('läcka'))).toEqual([indexed]);

    expect(await fillMissingSearchText(t.db, searchIndexText, 2)).toBe(3);
    expect(await t.db.need.count({ where: { searchText: null } })).toBe(0);
    expect((await t.db.need.findUniqueOrThrow({ where: { id: old[0]! } })).searchText).toBe(searchIndexText('Läckor i VA-nätet. Ett behov från en kommun.'));
    expect(await t.db.need.findUniqueOrThrow({ where: { id: indexed }, select: { searchText: true } })).toEqual(before);
    expect(ids(await search('läcka')).sort((a, b) => a - b)).toEqual([...old, indexed].sort((a, b) => a - b));
    expect(await ensureSearchIndex(t.db)).toEqual({ rebuilt: false }); // the update trigger kept the index in step
    expect(await fillMissingSearchText(t.db, searchIndexText)).toBe(0);
  });
});
