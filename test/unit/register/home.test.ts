// The App Home as a use case (NeedsHome.load) on a real SQLite file, with a stub for which team
// channels a person is in: areas follow the channels unless chosen, lists page by HOME_PAGE with
// "more", counts start at the Swedish new year.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelsConfig } from '../../../src/channels/channelsConfig.js';
import { clampPages, FIRST_PAGES, HOME_LIST_MAX, HOME_PAGE, NeedsHome, startOfYear, type Membership } from '../../../src/register/home.js';
import { NeedRegister } from '../../../src/register/registerRepository.js';
import { ensureSearchIndex } from '../../../src/needs/store/searchIndex.js';
import { UserPreferences } from '../../../src/register/preferencesRepository.js';
import { SHIPPED_SLUGS } from '../../support/shippedMatcher.js';
import { createTestDb, type TestDb } from '../../support/testDb.js';
import { addRegisterNeed, type RegisterNeedSpec } from './registerFixtures.js';

const channels: ChannelsConfig = {
  intake: 'C0INTAKE',
  teams: [
    { channel: 'C0LOGIST', areas: ['logistik'], weeklySummary: true },
    { channel: 'C0IOT', areas: ['uppkopplade'], weeklySummary: false },
    { channel: 'C0MIXED', areas: ['material', 'uppkopplade'], weeklySummary: false },
    { channel: 'C0REGION', areas: 'all', weeklySummary: true },
  ],
  admins: [],
  areas: [...SHIPPED_SLUGS],
};

/** Who sits in which channel, and what was asked. */
class StubMembership implements Membership {
  readonly calls: { userId: string; channelIds: string[] }[] = [];
  constructor(private readonly members: Record<string, string[]>) {}
  channelsOf(userId: string, channelIds: readonly string[]): Promise<string[]> {
    this.calls.push({ userId, channelIds: [...channelIds] });
    return Promise.resolve((this.members[userId] ?? []).filter((c) => channelIds.includes(c)));
  }
}

let t: TestDb;
let preferences: UserPreferences;
let membership: StubMembership;
let home: NeedsHome;
const NOW = new Date('2026-06-10T10:00:00Z');

beforeAll(async () => {
  t = await createTestDb();
  await ensureSearchIndex(t.db);
  preferences = new UserPreferences(t.db);
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await t.db.need.deleteMany();
  await t.db.userPreference.deleteMany();
  membership = new StubMembership({
    U0ME: ['C0LOGIST', 'C0MIXED', 'C0INTAKE'], // intake is no team channel
    U0REGION: ['C0REGION'],
    U0IOT: ['C0IOT'],
  });
  home = new NeedsHome({ register: new NeedRegister(t.db), preferences, channels, membership });
});

const add = (spec: RegisterNeedSpec) => addRegisterNeed(t, spec);
const ids = (items: readonly { id: number }[]) => items.map((i) => i.id);
const day = (n: number) => new Date(Date.UTC(2026, 4, n, 10)).toISOString(); // May 2026

describe('NeedsHome.load: areas', () => {
  it('defaults to the areas of the team channels the person is in, and lists what waits there', async () => {
    const logistik = await add({ title: 'logistik', areas: ['logistik'], recordedAt: day(2) });
    const material = await add({ title: 'material', areas: ['material'], recordedAt: day(1) });
    await add({ title: 'visualisering', areas: ['visualisering'], recordedAt: day(3) });

    const data = await home.load('U0ME', FIRST_PAGES, NOW);
    expect(data.waiting.areas).toEqual(['uppkopplade', 'logistik', 'material']); // in the pack's order
    expect(data.waiting.followsChannels).toBe(true);
    expect(ids(data.waiting.items)).toEqual([material, logistik]); // oldest first
    expect(membership.calls).toEqual([{ userId: 'U0ME', channelIds: ['C0LOGIST', 'C0IOT', 'C0MIXED', 'C0REGION'] }]);
  });

  it('gives every area to a member of an `areas: all` channel, and none to someone in no team channel', async () => {
    expect((await home.load('U0REGION', FIRST_PAGES, NOW)).waiting.areas).toEqual([...SHIPPED_SLUGS]);
    const outsider = await home.load('U0OUTSIDER', FIRST_PAGES, NOW);
    expect(outsider.waiting).toMatchObject({ areas: [], followsChannels: true, items: [], more: false });
  });

  it('uses chosen areas instead of the channels, without asking Slack', async () => {
    const visual = await add({ title: 'visualisering', areas: ['visualisering'] });
    await add({ title: 'logistik', areas: ['logistik'] });
    await preferences.setAreas('U0ME', ['visualisering']);
    const data = await home.load('U0ME', FIRST_PAGES, NOW);
    expect(data.waiting).toMatchObject({ areas: ['visualisering'], followsChannels: false });
    expect(ids(data.waiting.items)).toEqual([visual]);
    expect(membership.calls).toEqual([]);
  });

  it('keeps "no areas chosen" apart from following the channels', async () => {
    await add({ title: 'logistik', areas: ['logistik'] });
    await preferences.setAreas('U0ME', []);
    const data = await home.load('U0ME', FIRST_PAGES, NOW);
    expect(data.waiting).toMatchObject({ areas: [], followsChannels: false, items: [], more: false });
  });

  it('areasOf says the same as load', async () => {
    expect(await home.areasOf('U0IOT')).toEqual({ areas: ['uppkopplade'], followsChannels: true });
    await preferences.setAreas('U0IOT', ['material']);
    expect(await home.areasOf('U0IOT')).toEqual({ areas: ['material'], followsChannels: false });
  });
});

describe('NeedsHome.load: lists and counts', () => {
  it('shows a page and says there is more when one more exists', async () => {
    const made: number[] = [];
    for (let i = 1; i <= HOME_PAGE + 1; i++) made.push(await add({ title: `n${i}`, recordedBy: 'U0ME', areas: ['logistik'], recordedAt: day(i) }));
    const data = await home.load('U0ME', FIRST_PAGES, NOW);
    expect(data.mine.items).toHaveLength(HOME_PAGE);
    expect(data.mine.more).toBe(true);
    expect(ids(data.mine.items)).toEqual(made.slice(1).reverse()); // newest first
    expect(data.waiting.items).toHaveLength(HOME_PAGE);
    expect(data.waiting.more).toBe(true);
    expect(ids(data.waiting.items)).toEqual(made.slice(0, HOME_PAGE)); // oldest first
    expect(data.latest).toMatchObject({ more: true, filter: {} });
    expect(data.latest.items).toHaveLength(HOME_PAGE);

    const second = await home.load('U0ME', { mine: 2 * HOME_PAGE, waiting: HOME_PAGE, latest: 2 * HOME_PAGE }, NOW);
    expect(second.mine.items).toHaveLength(HOME_PAGE + 1);
    expect(second.mine.more).toBe(false);
    expect(second.waiting.more).toBe(true);
    expect(second.latest.more).toBe(false);
    expect(second.pages).toEqual({ mine: 16, waiting: 8, latest: 16 });
  });

  it('says no more when exactly a page exists', async () => {
    for (let i = 1; i <= HOME_PAGE; i++) await add({ title: `n${i}`, recordedBy: 'U0ME', recordedAt: day(i) });
    const data = await home.load('U0ME', FIRST_PAGES, NOW);
    expect(data.mine.items).toHaveLength(HOME_PAGE);
    expect(data.mine.more).toBe(false);
  });

  it('clamps the pages it was asked for and says which it used', async () => {
    const data = await home.load('U0ME', { mine: 1000, waiting: -3, latest: 9 }, NOW);
    expect(data.pages).toEqual({ mine: HOME_LIST_MAX, waiting: HOME_PAGE, latest: 2 * HOME_PAGE });
  });

  it('applies the stored filter to the latest needs and hands it on', async () => {
    await add({ title: 'open', recordedAt: day(1) });
    const claimed = await add({ title: 'claimed', status: 'claimed', claimedBy: 'U0T', recordedAt: day(2) });
    await preferences.setFilter('U0ME', { status: 'claimed' });
    const data = await home.load('U0ME', FIRST_PAGES, NOW);
    expect(data.latest.filter).toEqual({ status: 'claimed' });
    expect(ids(data.latest.items)).toEqual([claimed]);
  });

  it('counts needs resolved since the new year in Stockholm', async () => {
    await add({ title: 'this year', status: 'resolved', resolvedAt: '2025-12-31T23:00:00Z' }); // 00:00 on 1 January
    await add({ title: 'last year', status: 'resolved', resolvedAt: '2025-12-31T22:59:00Z' }); // 23:59 on 31 December
    await add({ title: 'open' });
    expect((await home.load('U0ME', FIRST_PAGES, NOW)).counts).toEqual({ open: 1, claimed: 0, resolvedSince: 1 });
  });
});

describe('clampPages', () => {
  it.each([
    [0, HOME_PAGE],
    [-5, HOME_PAGE],
    [1, HOME_PAGE],
    [HOME_PAGE, HOME_PAGE],
    [HOME_PAGE + 1, 2 * HOME_PAGE],
    [2 * HOME_PAGE, 2 * HOME_PAGE],
    [HOME_LIST_MAX - 1, HOME_LIST_MAX],
    [HOME_LIST_MAX, HOME_LIST_MAX],
    [HOME_LIST_MAX + 1, HOME_LIST_MAX],
    [1e9, HOME_LIST_MAX],
  ])('rounds %d up to whole pages within the list maximum: %d', (asked, shown) => {
    expect(clampPages({ mine: asked, waiting: asked, latest: asked })).toEqual({ mine: shown, waiting: shown, latest: shown });
  });

  it('keeps the lists apart', () => {
    expect(clampPages({ mine: 8, waiting: 16, latest: 24 })).toEqual({ mine: 8, waiting: 16, latest: 24 });
  });
});

describe('startOfYear', () => {
  it.each([
    ['2026-06-10T10:00:00Z', '2025-12-31T23:00:00.000Z'],
    ['2026-01-01T00:30:00Z', '2025-12-31T23:00:00.000Z'], // 01:30 on New Year's Day in Stockholm
    ['2025-12-31T23:00:00Z', '2025-12-31T23:00:00.000Z'], // the very instant
    ['2025-12-31T22:59:59Z', '2024-12-31T23:00:00.000Z'], // still 2025 in Stockholm
    ['2026-12-31T23:30:00Z', '2026-12-31T23:00:00.000Z'], // already 2027 in Stockholm
    ['2026-07-01T00:00:00Z', '2025-12-31T23:00:00.000Z'], // summer time does not matter
  ])('of %s is %s', (now, start) => {
    expect(startOfYear(new Date(now)).toISOString()).toBe(start);
  });
});
