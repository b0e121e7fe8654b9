// The region pack in the database: the first start stores the region, and a pack of another region
// is refused before anything is written; an edited pack is synced — an area dropped from it is
// retired (kept for the needs that carry it, left out of the region's areas) and the sync says how
// many needs carry it; an area that comes back is active again. On SQLite and, when
// TEST_POSTGRES_URL is set, PostgreSQL.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../../src/platform/db/client.js';
import { applyPendingMigrations } from '../../../src/platform/db/migrate.js';
import { loadAreas, RegionMismatchError, syncReferenceData } from '../../../src/region/referenceDataRepository.js';
import { loadRegionPack } from '../../../src/region/regionPack.js';
import { createThrowawayDatabase, postgresUrl } from '../../support/postgres.js';
import { migratedSqliteFile } from '../../support/templates.js';

const ENGLISH = fileURLToPath(new URL('../../fixtures/regions/english', import.meta.url));
const JONKOPING = fileURLToPath(new URL('../../../regions/jonkoping', import.meta.url));

interface EmptyDb {
  db: Db;
  close(): Promise<void>;
}

async function sqlite(): Promise<EmptyDb> {
  const dir = mkdtempSync(path.join(tmpdir(), 'region-sync-'));
  const file = path.join(dir, 'test.db');
  await migratedSqliteFile(file);
  const db = await createDb(`file:${file}`);
  return {
    db,
    close: async () => {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgres(): Promise<EmptyDb> {
  const database = await createThrowawayDatabase();
  await applyPendingMigrations(database.url);
  const db = await createDb(database.url);
  return {
    db,
    close: async () => {
      await db.$disconnect();
      await database.drop();
    },
  };
}

const databases: [string, () => Promise<EmptyDb>][] = [
  ['SQLite', sqlite],
  ...(postgresUrl ? [['PostgreSQL', postgres] as [string, () => Promise<EmptyDb>]] : []),
];

const open: EmptyDb[] = [];
const packs: string[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
  for (const dir of packs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The English test pack without its `digital-health` area (and the one environment of it). */
function packWithoutDigitalHealth(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pack-'));
  packs.push(dir);
  cpSync(ENGLISH, dir, { recursive: true });
  const edit = (file: string, change: (text: string) => string) => writeFileSync(path.join(dir, file), change(readFileSync(path.join(dir, file), 'utf8')));
  edit('strength-areas.yml', (t) => t.slice(0, t.indexOf('  - slug: digital-health')) + t.slice(t.indexOf('  - slug: agri-food')));
  edit('innovation-environments.yml', (t) => t.slice(0, t.indexOf('  - name: CareTech Lab')) + t.slice(t.indexOf('  - name: Food Chain Centre')));
  edit('matcher.yml', (t) => t.replace(/ {2}digital-health: .*\n/, ''));
  return dir;
}

describe.each(databases)('the region in the database (%s)', (_name, emptyDb) => {
  it('stores the region on the first sync, keeps the pack’s order, and refuses another region’s pack', async () => {
    const t = await emptyDb();
    open.push(t);
    await syncReferenceData(t.db, loadRegionPack(ENGLISH));
    expect(await t.db.region.findMany({ select: { slug: true, name: true } })).toEqual([{ slug: 'fenland-test', name: 'Fenland Test Region' }]);
    expect((await loadAreas(t.db)).map((a) => [a.slug, a.shortName])).toEqual([
      ['clean-energy', 'Clean energy'],
      ['digital-health', 'Digital health and care'],
      ['agri-food', 'Agri-food and logistics'],
    ]);
    const before = await t.db.municipality.count();
    const refused = syncReferenceData(t.db, loadRegionPack(JONKOPING));
    await expect(refused).rejects.toBeInstanceOf(RegionMismatchError);
    await expect(refused).rejects.toThrow(
      "this database belongs to Fenland Test Region (fenland-test), not to Region Jönköpings län (jonkoping): use that region's pack (REGION_PACK) or another DATABASE_URL",
    );
    expect(await t.db.municipality.count()).toBe(before); // nothing of Jönköping written
  });

  it('refuses a database from before regions were stored whose areas are none of the pack’s', async () => {
    const t = await emptyDb();
    open.push(t);
    await syncReferenceData(t.db, loadRegionPack(ENGLISH));
    await t.db.region.deleteMany(); // as a database of an older version: areas, no region
    await expect(syncReferenceData(t.db, loadRegionPack(JONKOPING))).rejects.toBeInstanceOf(RegionMismatchError);
    await syncReferenceData(t.db, loadRegionPack(ENGLISH)); // its own pack: taken, and the region stored
    expect(await t.db.region.count()).toBe(1);
  });

  it('retires an area the pack drops, says how many needs carry it, and brings it back when the pack does', async () => {
    const t = await emptyDb();
    open.push(t);
    await syncReferenceData(t.db, loadRegionPack(ENGLISH));
    const municipality = await t.db.municipality.findFirstOrThrow();
    const need = await t.db.need.create({
      data: { municipalityId: municipality.id, title: 'Falls at night', description: 'Sensors for residents who fall at night.', source: 'slash_command' },
    });
    await t.db.needArea.create({ data: { needId: need.id, areaSlug: 'digital-health' } });

    const dropped = await syncReferenceData(t.db, loadRegionPack(packWithoutDigitalHealth()));
    expect(dropped.retiredAreas).toEqual([{ slug: 'digital-health', needs: 1 }]);
    expect((await loadAreas(t.db)).map((a) => a.slug)).toEqual(['clean-energy', 'agri-food']);
    expect(await t.db.needArea.count({ where: { areaSlug: 'digital-health' } })).toBe(1); // the need keeps its history
    expect((await syncReferenceData(t.db, loadRegionPack(packWithoutDigitalHealth()))).retiredAreas).toEqual([]); // said once

    const back = await syncReferenceData(t.db, loadRegionPack(ENGLISH));
    expect(back.retiredAreas).toEqual([]);
    expect((await loadAreas(t.db)).map((a) => a.slug)).toEqual(['clean-energy', 'digital-health', 'agri-food']);
  });
});
