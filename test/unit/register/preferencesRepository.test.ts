// What a person chose in the App Home, on a real SQLite file: defaults, areas (or "follow my team
// channels"), the filters of "Senaste behoven", and rows an older version (or a hand) wrote badly.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UserPreferences } from '../../../src/register/preferencesRepository.js';
import { createTestDb, type TestDb } from '../../support/testDb.js';

let t: TestDb;
let preferences: UserPreferences;

beforeAll(async () => {
  t = await createTestDb();
  preferences = new UserPreferences(t.db);
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await t.db.userPreference.deleteMany();
});

const storeRow = (userId: string, areas: string | null, filters: string) => t.db.userPreference.create({ data: { userId, areas, filters } });

describe('UserPreferences', () => {
  it('gives the defaults to someone who never chose: follow the team channels, no filter', async () => {
    expect(await preferences.get('U0NEW')).toEqual({ areas: null, filter: {} });
    expect(await t.db.userPreference.count()).toBe(0); // reading writes nothing
  });

  it('keeps chosen areas, each once, and goes back to following the channels with null', async () => {
    await preferences.setAreas('U0ME', ['logistik', 'material', 'logistik']);
    expect(await preferences.get('U0ME')).toEqual({ areas: ['logistik', 'material'], filter: {} });
    await preferences.setAreas('U0ME', ['visualisering']);
    expect((await preferences.get('U0ME')).areas).toEqual(['visualisering']);
    await preferences.setAreas('U0ME', null);
    expect((await preferences.get('U0ME')).areas).toBeNull();
    expect(await t.db.userPreference.count()).toBe(1);
  });

  it('tells "no areas chosen" ([]) from "follow my channels" (null)', async () => {
    await preferences.setAreas('U0ME', []);
    expect((await preferences.get('U0ME')).areas).toEqual([]);
  });

  it('round-trips the filter, and keeps areas and filter apart', async () => {
    const filter = { municipalityId: 7, area: 'miljonytta', status: 'withdrawn' } as const;
    await preferences.setAreas('U0ME', ['logistik']);
    await preferences.setFilter('U0ME', filter);
    expect(await preferences.get('U0ME')).toEqual({ areas: ['logistik'], filter });
    await preferences.setFilter('U0ME', { status: 'open' });
    expect(await preferences.get('U0ME')).toEqual({ areas: ['logistik'], filter: { status: 'open' } });
    await preferences.setFilter('U0ME', {});
    expect((await preferences.get('U0ME')).filter).toEqual({});
  });

  it('sets a filter for someone with no row yet, following the channels', async () => {
    await preferences.setFilter('U0FRESH', { area: 'logistik' });
    expect(await preferences.get('U0FRESH')).toEqual({ areas: null, filter: { area: 'logistik' } });
  });

  it('keeps one person’s choices from another’s', async () => {
    await preferences.setAreas('U0A', ['logistik']);
    await preferences.setFilter('U0B', { status: 'claimed' });
    expect(await preferences.get('U0A')).toEqual({ areas: ['logistik'], filter: {} });
    expect(await preferences.get('U0B')).toEqual({ areas: null, filter: { status: 'claimed' } });
  });

  it.each([
    ['not JSON', '{municipalityId: 3'],
    ['JSON null', 'null'],
    ['a JSON array', '[1,2]'],
    ['a JSON string', '"open"'],
    ['an empty string', ''],
    ['wrong types', '{"municipalityId":"3","area":7,"status":true}'],
    ['an unknown area and status', '{"area":"rymdteknik","status":"archived"}'],
    ['a malformed area', '{"area":"Rymd teknik"}'],
    ['a negative municipality id', '{"municipalityId":-1}'],
  ])('reads a stored filter that is %s as no filter', async (_what, filters) => {
    await storeRow('U0OLD', 'logistik', filters);
    expect(await preferences.get('U0OLD')).toEqual({ areas: ['logistik'], filter: {} });
  });

  it('drops keys it does not know from a stored filter', async () => {
    await storeRow('U0OLD', null, '{"status":"open","sector":"hemtjanst","__proto__":{"x":1}}');
    const { filter } = await preferences.get('U0OLD');
    expect(filter).toEqual({ status: 'open' });
    expect(Object.keys(filter)).toEqual(['status']);
  });

  // The repository does not know the region's areas: it drops what is no slug at all (isAreaSlug).
  it('drops malformed or empty area slugs from a stored row', async () => {
    await storeRow('U0OLD', 'logistik,rymd_teknik,,material, visualisering,Logistik,-x', '{}');
    expect((await preferences.get('U0OLD')).areas).toEqual(['logistik', 'material']);
  });

  it('repairs a bad row when the person chooses again', async () => {
    await storeRow('U0OLD', 'rymdteknik', 'garbage');
    await preferences.setFilter('U0OLD', { area: 'material' });
    await preferences.setAreas('U0OLD', ['material']);
    expect(await preferences.get('U0OLD')).toEqual({ areas: ['material'], filter: { area: 'material' } });
  });
});
