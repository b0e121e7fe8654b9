// The start-up sync of reference data (src/region/syncReferenceData.ts): a fresh database gets everything; a later
// start with changed seed files updates areas, municipalities and environments (focus, areas) in
// place; training examples from the labelled needs are seeded once and never overwritten; feedback
// examples are untouched; environments dropped from the file stay (needs may refer to them).
// Runs on SQLite, and on PostgreSQL too when TEST_POSTGRES_URL is set.
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { createDb, type Db } from '../../../src/platform/db/client.js';
import { applyPendingMigrations } from '../../../src/platform/db/migrate.js';
import { loadAreas, RegionMismatchError, syncChangedAnything, syncReferenceData } from '../../../src/region/referenceDataRepository.js';
import { DEFAULT_SEED_DIR, loadSeedData, type SeedData } from '../../../src/region/regionPack.js';
import { migratedSqliteFile } from '../../support/templates.js';

const postgresUrl = process.env.TEST_POSTGRES_URL;

interface TestDatabase {
  db: Db;
  close(): Promise<void>;
}

async function sqliteDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), 'behovsbryggan-sync-'));
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

/** A throwaway database on the TEST_POSTGRES_URL server, dropped on close. */
async function postgresDatabase(): Promise<TestDatabase> {
  const { PrismaPg } = await import('@prisma/adapter-pg');
  const admin = await new PrismaPg({ connectionString: postgresUrl! }).connect();
  const name = `behovsbryggan_test_${randomBytes(6).toString('hex')}`;
  await admin.executeScript(`CREATE DATABASE "${name}"`);
  const url = new URL(postgresUrl!);
  url.pathname = `/${name}`;
  await applyPendingMigrations(url.toString());
  const db = await createDb(url.toString());
  return {
    db,
    close: async () => {
      await db.$disconnect();
      try {
        await admin.executeScript(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await admin.dispose();
      }
    },
  };
}

/** A copy of the shipped seed directory with innovation-environments.yml (and municipalities.yml) edited. */
interface EnvironmentJson {
  focus: string[];
  name: string;
  areas: string[];
  coordinates?: string[];
}

function editedSeedDir(edit: (environments: EnvironmentJson[]) => void, population?: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'behovsbryggan-seed-'));
  cpSync(DEFAULT_SEED_DIR, dir, { recursive: true });
  const file = path.join(dir, 'innovation-environments.yml');
  const doc = parseDocument(readFileSync(file, 'utf8'));
  const json = doc.toJS() as { environments: EnvironmentJson[] };
  edit(json.environments);
  writeFileSync(file, JSON.stringify(json)); // JSON is YAML
  if (population !== undefined) {
    const mfile = path.join(dir, 'municipalities.yml');
    const m = parseDocument(readFileSync(mfile, 'utf8')).toJS() as { municipalities: { population: number }[] };
    m.municipalities[0]!.population = population;
    writeFileSync(mfile, JSON.stringify(m));
  }
  return dir;
}

const variants: [string, () => Promise<TestDatabase>, boolean][] = [
  ['SQLite', sqliteDatabase, true],
  ['PostgreSQL', postgresDatabase, Boolean(postgresUrl)],
];

describe.each(variants)('syncReferenceData on %s', (_name, open, enabled) => {
  let database: TestDatabase;
  let shipped: SeedData;
  const dirs: string[] = [];

  beforeAll(async () => {
    if (!enabled) return;
    database = await open();
    shipped = loadSeedData();
  }, 60_000);
  afterAll(async () => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    await database.close();
  });

  const coordinators = async (): Promise<string[]> =>
    (await database.db.environmentArea.findMany({ where: { coordinator: true }, include: { environment: true } }))
      .map((a) => `${a.environment.name}:${a.areaSlug}`)
      .sort();

  const focusOf = async (name: string): Promise<string[]> => (await database.db.innovationEnvironment.findUniqueOrThrow({ where: { name } })).focus.split('\n');

  it.skipIf(!enabled)('seeds an empty database with everything the files ship', async () => {
    const result = await syncReferenceData(database.db, shipped);
    expect(result.created).toEqual({
      areas: shipped.areas.length,
      municipalities: shipped.municipalities.length,
      environments: shipped.environments.length,
      trainingExamples: shipped.labelledNeeds.length + shipped.corpus.length,
    });
    expect(result.updated).toEqual({ areas: 0, municipalities: 0, environments: 0 });
    expect(result.retiredAreas).toEqual([]);
    // The database now belongs to the pack's region.
    expect(await database.db.region.findMany({ select: { slug: true, name: true } })).toEqual([{ slug: 'ostergotland', name: 'Region Östergötland' }]);
    // The areas in the pack's order, with its short names.
    expect((await loadAreas(database.db)).map((a) => [a.slug, a.shortName, a.shortNameEn])).toEqual([
      ['visualisering', 'Visualisering', 'Visualisation'],
      ['uppkopplade', 'Uppkopplade system', 'Connected systems'],
      ['miljonytta', 'Miljönytta', 'Environmental benefit'],
      ['logistik', 'Logistik', 'Logistics'],
      ['material', 'Material', 'Materials'],
    ]);
    expect(await database.db.innovationEnvironment.count()).toBe(shipped.environments.length);
    expect(await focusOf('IoT World')).toContain('trygghetslarm');
    const iot = await database.db.innovationEnvironment.findUniqueOrThrow({ where: { name: 'IoT World' }, include: { areas: true } });
    expect(iot.areas.map((a) => a.areaSlug).sort()).toEqual(['logistik', 'uppkopplade']);
    // The coordinators come from the files' `coordinates` field, one flag per environment and area.
    expect(await coordinators()).toEqual([
      'Innovative Materials Arena (IMA):material',
      'Linköping Science Park:uppkopplade',
      'Norrköping Science Park:visualisering',
      'Norrköpings kommun, näringslivskontoret:logistik',
    ]);
  });

  it.skipIf(!enabled)('writes nothing on a second start with the same files', async () => {
    const result = await syncReferenceData(database.db, loadSeedData());
    expect(syncChangedAnything(result)).toBe(false);
    expect(await database.db.trainingExample.count()).toBe(shipped.labelledNeeds.length + shipped.corpus.length);
  });

  it.skipIf(!enabled)('on a start with changed files updates the rows in place and seeds no example twice', async () => {
    const db = database.db;
    // Feedback and a person's edit of a seeded example must survive the sync.
    await db.trainingExample.create({
      data: { key: 'need:4242', text: 'Sensorer i hemtjänsten', source: 'feedback', labels: { create: [{ areaSlug: 'uppkopplade', positive: true }] } },
    });
    const firstKey = `seed:${shipped.labelledNeeds[0]!.id}`;
    await db.trainingExample.update({ where: { key: firstKey }, data: { text: 'edited in the database' } });
    const iotBefore = await db.innovationEnvironment.findUniqueOrThrow({ where: { name: 'IoT World' } });
    const examplesBefore = await db.trainingExample.count();

    const dir = editedSeedDir((environments) => {
      const iot = environments.find((e) => e.name === 'IoT World')!;
      iot.focus.push('vattenmätare');
      iot.areas = ['uppkopplade'];
      environments.push({ ...iot, name: 'Ny testbädd', focus: ['drönare'], areas: ['logistik'] });
    }, 123_456);
    dirs.push(dir);
    const result = await syncReferenceData(db, loadSeedData(dir));

    expect(result.created).toEqual({ areas: 0, municipalities: 0, environments: 1, trainingExamples: 0 });
    expect(result.updated).toEqual({ areas: 0, municipalities: 1, environments: 1 });
    const iot = await db.innovationEnvironment.findUniqueOrThrow({ where: { name: 'IoT World' }, include: { areas: true } });
    expect(iot.id).toBe(iotBefore.id); // updated, not replaced: needs keep pointing at it
    expect(iot.focus.split('\n')).toContain('vattenmätare');
    expect(iot.areas.map((a) => a.areaSlug)).toEqual(['uppkopplade']);
    expect(await focusOf('Ny testbädd')).toEqual(['drönare']);
    expect((await db.municipality.findFirstOrThrow({ where: { name: shipped.municipalities[0]!.name } })).population).toBe(123_456);
    expect(await db.trainingExample.count()).toBe(examplesBefore);
    expect((await db.trainingExample.findUniqueOrThrow({ where: { key: firstKey } })).text).toBe('edited in the database');
    expect(await db.trainingExample.findUnique({ where: { key: 'need:4242' } })).not.toBeNull();
  });

  it.skipIf(!enabled)('keeps an environment the file no longer lists (a need may refer to it) and reports it', async () => {
    const db = database.db;
    const municipality = await db.municipality.findFirstOrThrow();
    const orphan = await db.innovationEnvironment.findUniqueOrThrow({ where: { name: 'Ny testbädd' } });
    const need = await db.need.create({
      data: {
        municipalityId: municipality.id,
        title: 'Drönare',
        description: 'Drönare som levererar prover',
        ourContactUserId: 'U1',
        recordedByUserId: 'U1',
        source: 'import',
      },
    });
    await db.needEnvironment.create({ data: { needId: need.id, environmentId: orphan.id, rank: 1, score: 0.5, reason: 'test' } });

    const result = await syncReferenceData(db, shipped); // back to the shipped files
    expect(result.unlistedEnvironments).toEqual(['Ny testbädd']);
    expect(await db.innovationEnvironment.findUnique({ where: { name: 'Ny testbädd' } })).not.toBeNull();
    expect(result.updated.environments).toBe(1); // IoT World back to its shipped focus and areas
    expect(await focusOf('IoT World')).not.toContain('vattenmätare');
    expect(await db.trainingExample.count({ where: { source: 'seed' } })).toBe(shipped.labelledNeeds.length);
  });

  it.skipIf(!enabled)('retires an area the pack drops, reporting its needs, and brings it back when the pack lists it again', async () => {
    const db = database.db;
    const municipality = await db.municipality.findFirstOrThrow();
    const need = await db.need.create({
      data: { municipalityId: municipality.id, title: 'Kompositer', description: 'Broar i kompositmaterial', recordedByUserId: 'U1', source: 'import' },
    });
    await db.needArea.create({ data: { needId: need.id, areaSlug: 'material' } });
    const withoutMaterial: SeedData = {
      ...shipped,
      areas: shipped.areas.filter((a) => a.slug !== 'material'),
      environments: shipped.environments.map((e) => ({
        ...e,
        areas: e.areas.filter((s) => s !== 'material'),
        coordinates: e.coordinates.filter((s) => s !== 'material'),
      })),
    };
    const dropped = await syncReferenceData(db, withoutMaterial);
    expect(dropped.retiredAreas).toEqual([{ slug: 'material', needs: 1 }]);
    expect(dropped.created.areas + dropped.updated.areas).toBe(0);
    // Kept for the needs that name it, but no longer one of the region's areas.
    expect((await db.strengthArea.findUniqueOrThrow({ where: { slug: 'material' } })).retiredAt).not.toBeNull();
    expect(await db.needArea.count({ where: { areaSlug: 'material' } })).toBe(1);
    expect((await loadAreas(db)).map((a) => a.slug)).toEqual(['visualisering', 'uppkopplade', 'miljonytta', 'logistik']);
    // Retired once: a later start with the same pack reports nothing.
    expect((await syncReferenceData(db, withoutMaterial)).retiredAreas).toEqual([]);

    const back = await syncReferenceData(db, shipped);
    expect(back.retiredAreas).toEqual([]);
    expect(back.updated.areas).toBe(1);
    expect((await db.strengthArea.findUniqueOrThrow({ where: { slug: 'material' } })).retiredAt).toBeNull();
    expect((await loadAreas(db)).map((a) => a.slug)).toEqual(['visualisering', 'uppkopplade', 'miljonytta', 'logistik', 'material']);
    await db.need.delete({ where: { id: need.id } });
  });

  it.skipIf(!enabled)('keeps the areas in the pack’s order when the pack reorders them', async () => {
    const reordered: SeedData = { ...shipped, areas: [...shipped.areas].reverse() };
    expect((await syncReferenceData(database.db, reordered)).updated.areas).toBe(4); // every position but the middle one
    expect((await loadAreas(database.db)).map((a) => a.slug)).toEqual(['material', 'logistik', 'miljonytta', 'uppkopplade', 'visualisering']);
    await syncReferenceData(database.db, shipped);
    expect((await loadAreas(database.db)).map((a) => a.slug)).toEqual([...shipped.areas.map((a) => a.slug)]);
  });

  it.skipIf(!enabled)('refuses another region’s pack before writing anything, naming the database’s region', async () => {
    const other: SeedData = { ...shipped, region: { ...shipped.region, slug: 'jonkoping', name: 'Region Jönköpings län' } };
    const areasBefore = await database.db.strengthArea.findMany({ orderBy: { slug: 'asc' } });
    const failed = syncReferenceData(database.db, other);
    await expect(failed).rejects.toBeInstanceOf(RegionMismatchError);
    await expect(failed).rejects.toThrow(/belongs to Region Östergötland \(ostergotland\), not to Region Jönköpings län \(jonkoping\)/);
    expect(await database.db.region.findMany({ select: { slug: true } })).toEqual([{ slug: 'ostergotland' }]);
    expect(await database.db.strengthArea.findMany({ orderBy: { slug: 'asc' } })).toEqual(areasBefore);
  });

  it.skipIf(!enabled)(
    'takes a database from before regions were stored as the pack’s when it holds the pack’s areas, and refuses one holding none of them',
    async () => {
      const own = await open();
      const foreign = await open();
      try {
        const area = (slug: string) => ({ slug, name: slug, nameEn: slug, description: 'd', keywords: '' });
        await own.db.strengthArea.create({ data: area('logistik') });
        await syncReferenceData(own.db, shipped);
        expect(await own.db.region.findMany({ select: { slug: true } })).toEqual([{ slug: 'ostergotland' }]);

        await foreign.db.strengthArea.create({ data: area('skog-tra') });
        await expect(syncReferenceData(foreign.db, shipped)).rejects.toThrow(RegionMismatchError);
        expect(await foreign.db.region.count()).toBe(0);
        expect((await foreign.db.strengthArea.findMany()).map((a) => a.slug)).toEqual(['skog-tra']);
      } finally {
        await own.close();
        await foreign.close();
      }
    },
    60_000,
  );

  it.skipIf(!enabled)('moves a coordinator flag when the files move it, and back', async () => {
    const db = database.db;
    const dir = editedSeedDir((environments) => {
      environments.find((e) => e.name === 'Innovative Materials Arena (IMA)')!.coordinates = [];
      environments.find((e) => e.name === 'Aerospace Cluster Sweden')!.coordinates = ['material'];
    });
    dirs.push(dir);
    const moved = await syncReferenceData(db, loadSeedData(dir));
    expect(moved.updated.environments).toBe(2);
    expect(await coordinators()).toContain('Aerospace Cluster Sweden:material');
    expect(await coordinators()).not.toContain('Innovative Materials Arena (IMA):material');
    const back = await syncReferenceData(db, shipped);
    expect(back.updated.environments).toBe(2);
    expect(await coordinators()).toContain('Innovative Materials Arena (IMA):material');
    expect(await coordinators()).not.toContain('Aerospace Cluster Sweden:material');
  });

  it.skipIf(!enabled)('seeds a labelled need whose id the data lists twice once, with its first text and labels', async () => {
    const first = { id: 'dup-1', text: 'Drönare som levererar prover mellan vårdcentraler', areas: ['logistik'] };
    const again = { ...first, text: 'a second line with the same id', areas: ['material'] };
    const before = await database.db.trainingExample.count();
    const result = await syncReferenceData(database.db, { ...shipped, labelledNeeds: [...shipped.labelledNeeds, first, again] });
    expect(result.created.trainingExamples).toBe(1);
    expect(await database.db.trainingExample.count()).toBe(before + 1);
    const seeded = await database.db.trainingExample.findUniqueOrThrow({ where: { key: 'seed:dup-1' }, include: { labels: true } });
    expect(seeded.text).toBe(first.text);
    expect(seeded.labels.map((l) => l.areaSlug)).toEqual(['logistik']);
  });
});
