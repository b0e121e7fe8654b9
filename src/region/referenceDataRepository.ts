// Keeps the region pack's reference data current in the database, on every start. A database
// belongs to one region: the pack's slug is stored on first start, and a pack of another region is
// refused before anything is written. Strength areas (by slug, in the pack's order; an area the
// pack no longer has is retired, kept for the needs that name it), municipalities and innovation
// environments (by name), with the
// environments' areas (with which of them they coordinate) and focus terms, are inserted or updated from the files; rows that already
// match are not written. Environments no longer in the file are left alone (needs may refer to
// them) and reported. The shipped labelled needs become training examples once, by their key
// "seed:<id>": an existing example is never overwritten, and feedback examples ("need:<id>") are
// never touched. Everything happens in one transaction, so a start sees the old data or the new.
import { z } from 'zod';
import type { SeedData } from './regionPack.js';
import type { Db, Tx } from '../platform/db/client.js';
import type { AreaSlug } from '../matching/types.js';
import { isAreaSlug } from '../needs/needAreas.js';
import { insertRows, insertRowsReturning } from '../platform/db/bulkInsert.js';
import { required } from '../required.js';

// A Record, not an interface, so that Object.values() knows its values are numbers.
export type SyncCounts = Record<'areas' | 'municipalities' | 'environments', number>;

/** The database belongs to another region than the pack: nothing was written. */
export class RegionMismatchError extends Error {}

/** An area the pack no longer has: retired now (kept for history), and how many needs are tagged with it. */
export interface RetiredArea {
  slug: AreaSlug;
  needs: number;
}

export interface SyncResult {
  /** Areas retired by this sync because the pack no longer lists them. */
  retiredAreas: RetiredArea[];
  /** Rows inserted: reference data new in the files, and training examples seeded. */
  created: SyncCounts & { trainingExamples: number };
  /** Existing rows whose fields (or, for environments, areas) changed in the files. */
  updated: SyncCounts;
  /** Environments in the database that the file no longer lists (kept, not deleted). */
  unlistedEnvironments: string[];
}

/** True when the sync wrote anything. */
export function syncChangedAnything(result: SyncResult): boolean {
  return [...Object.values(result.created), ...Object.values(result.updated)].some((n) => n > 0) || result.retiredAreas.length > 0;
}

const lines = (terms: readonly string[]): string => terms.map((t) => t.trim()).join('\n');

// The first start of a PostgreSQL database inserts a few hundred rows; more than the 5 s default.
const TRANSACTION_TIMEOUT_MS = 60_000;

/** The ids of the examples inserted (RETURNING gives PostgreSQL's integers, SQLite's maybe as bigint). */
const insertedIds = z.array(z.object({ id: z.coerce.number().int(), key: z.string() }));

export async function syncReferenceData(db: Db, data: SeedData): Promise<SyncResult> {
  return db.$transaction(
    async (tx) => {
      await claimRegion(tx, data);
      const result: SyncResult = {
        retiredAreas: [],
        created: { areas: 0, municipalities: 0, environments: 0, trainingExamples: 0 },
        updated: { areas: 0, municipalities: 0, environments: 0 },
        unlistedEnvironments: [],
      };

      const areas = new Map((await tx.strengthArea.findMany()).map((a) => [a.slug, a]));
      for (const [position, a] of data.areas.entries()) {
        const fields = {
          name: a.name,
          nameEn: a.name_en,
          shortName: a.short_name ?? null,
          shortNameEn: a.short_name_en ?? null,
          description: a.description.trim(),
          keywords: lines(a.keywords),
          position,
          retiredAt: null,
        };
        const existing = areas.get(a.slug);
        if (!existing) {
          await tx.strengthArea.create({ data: { slug: a.slug, ...fields } });
          result.created.areas++;
        } else if (Object.entries(fields).some(([k, v]) => existing[k as keyof typeof fields] !== v)) {
          await tx.strengthArea.update({ where: { slug: a.slug }, data: fields });
          result.updated.areas++;
        }
      }
      const listedAreas = new Set(data.areas.map((a) => a.slug));
      for (const area of areas.values()) {
        if (listedAreas.has(area.slug) || area.retiredAt !== null) continue;
        await tx.strengthArea.update({ where: { slug: area.slug }, data: { retiredAt: new Date() } });
        result.retiredAreas.push({ slug: area.slug, needs: await tx.needArea.count({ where: { areaSlug: area.slug } }) });
      }

      const municipalities = new Map((await tx.municipality.findMany()).map((m) => [m.name, m]));
      for (const m of data.municipalities) {
        const fields = { formalName: m.formal, population: m.population };
        const existing = municipalities.get(m.name);
        if (!existing) {
          await tx.municipality.create({ data: { name: m.name, ...fields } });
          result.created.municipalities++;
        } else if (existing.formalName !== fields.formalName || existing.population !== fields.population) {
          await tx.municipality.update({ where: { name: m.name }, data: fields });
          result.updated.municipalities++;
        }
      }

      const environments = new Map((await tx.innovationEnvironment.findMany({ include: { areas: true } })).map((e) => [e.name, e]));
      for (const env of data.environments) {
        const fields = {
          town: env.town,
          role: env.role ?? null,
          offer: env.offer,
          focus: lines(env.focus),
          crossCutting: env.cross_cutting,
          sourceUrl: env.source,
        };
        const existing = environments.get(env.name);
        if (!existing) {
          await tx.innovationEnvironment.create({
            data: {
              name: env.name,
              ...fields,
              areas: { create: env.areas.map((areaSlug) => ({ areaSlug, coordinator: env.coordinates.includes(areaSlug) })) },
            },
          });
          result.created.environments++;
          continue;
        }
        const current = new Set(existing.areas.map((a) => a.areaSlug));
        const wanted = new Set<string>(env.areas);
        const removed = [...current].filter((slug) => !wanted.has(slug));
        const added = [...wanted].filter((slug) => !current.has(slug));
        const coordinates = new Set<string>(env.coordinates);
        const recoordinated = existing.areas.filter((a) => wanted.has(a.areaSlug) && a.coordinator !== coordinates.has(a.areaSlug));
        const fieldsChanged = Object.entries(fields).some(([k, v]) => existing[k as keyof typeof fields] !== v);
        if (!fieldsChanged && removed.length === 0 && added.length === 0 && recoordinated.length === 0) continue;
        if (fieldsChanged) await tx.innovationEnvironment.update({ where: { id: existing.id }, data: fields });
        if (removed.length > 0) {
          await tx.environmentArea.deleteMany({ where: { environmentId: existing.id, areaSlug: { in: removed } } });
        }
        for (const areaSlug of added) {
          await tx.environmentArea.create({ data: { environmentId: existing.id, areaSlug, coordinator: coordinates.has(areaSlug) } });
        }
        for (const a of recoordinated) {
          await tx.environmentArea.update({
            where: { environmentId_areaSlug: { environmentId: existing.id, areaSlug: a.areaSlug } },
            data: { coordinator: coordinates.has(a.areaSlug) },
          });
        }
        result.updated.environments++;
      }
      const listed = new Set(data.environments.map((e) => e.name));
      result.unlistedEnvironments = [...environments.keys()].filter((name) => !listed.has(name)).sort();

      const seededKeys = new Set((await tx.trainingExample.findMany({ where: { key: { startsWith: 'seed:' } }, select: { key: true } })).map((e) => e.key));
      // The labelled needs ("seed:<id>") and the corpus of real passages ("corpus:<id>"), each once.
      const corpusKeys = new Set((await tx.trainingExample.findMany({ where: { key: { startsWith: 'corpus:' } }, select: { key: true } })).map((e) => e.key));
      const examples = [
        ...data.labelledNeeds.map((need) => ({ need, key: `seed:${need.id}`, source: 'seed', known: seededKeys })),
        ...data.corpus.map((need) => ({ need, key: `corpus:${need.id}`, source: 'corpus', known: corpusKeys })),
      ];
      // A new database seeds thousands of examples: one INSERT per chunk, not one per example.
      const now = new Date();
      const fresh = examples.filter(({ key, known }) => {
        if (known.has(key)) return false;
        known.add(key); // a duplicated id in the file is seeded once
        return true;
      });
      const ids = insertedIds.parse(
        await insertRowsReturning(
          tx,
          'TrainingExample',
          ['key', 'text', 'source', 'createdAt'],
          fresh.map(({ need, key, source }) => ({ key, text: need.title ? `${need.title}. ${need.text}` : need.text, source, createdAt: now })),
          ['id', 'key'],
        ),
      );
      const idOf = new Map(ids.map((row) => [row.key, row.id]));
      await insertRows(
        tx,
        'TrainingLabel',
        ['exampleId', 'areaSlug', 'positive'],
        fresh.flatMap(({ need, key }) => need.areas.map((areaSlug) => ({ exampleId: required(idOf.get(key), `the id of ${key}`), areaSlug, positive: true }))),
      );
      result.created.trainingExamples += fresh.length;
      return result;
    },
    { timeout: TRANSACTION_TIMEOUT_MS },
  );
}

/**
 * Stores the pack's region on a database's first start; refuses another region's pack. A database
 * from before regions were stored is taken as the pack's if its areas are among the pack's.
 */
async function claimRegion(tx: Tx, data: SeedData): Promise<void> {
  const stored = await tx.region.findMany();
  const other = stored.find((r) => r.slug !== data.region.slug);
  if (other) {
    throw new RegionMismatchError(
      `this database belongs to ${other.name} (${other.slug}), not to ${data.region.name} (${data.region.slug}): use that region's pack (REGION_PACK) or another DATABASE_URL`,
    );
  }
  if (stored.length > 0) return;
  const slugs = new Set(data.areas.map((a) => a.slug));
  const existing = (await tx.strengthArea.findMany({ select: { slug: true } })).map((a) => a.slug);
  if (existing.length > 0 && !existing.some((slug) => slugs.has(slug))) {
    throw new RegionMismatchError(
      `this database holds another region's areas (${existing.join(', ')}), none of ${data.region.name}'s (${[...slugs].join(', ')}): use that region's pack (REGION_PACK) or another DATABASE_URL`,
    );
  }
  await tx.region.create({ data: { slug: data.region.slug, name: data.region.name } });
}

// The region's municipalities and strength areas as the app shows and matches them: the one place
// that reads them (the modal's list, the export's names, the import's names, the summary's names).

export interface MunicipalityName {
  id: number;
  name: string;
}

export interface AreaName {
  slug: AreaSlug;
  name: string;
  nameEn: string;
  /** For the chart's legend; the name when the pack gives none. */
  shortName: string;
  shortNameEn: string;
}

/** Every municipality, by name. */
export function loadMunicipalities(db: Db): Promise<MunicipalityName[]> {
  return db.municipality.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } });
}

/** The region's strength areas (not retired), in the pack's order. */
export async function loadAreas(db: Db): Promise<AreaName[]> {
  const rows = await db.strengthArea.findMany({
    where: { retiredAt: null },
    select: { slug: true, name: true, nameEn: true, shortName: true, shortNameEn: true },
    orderBy: [{ position: 'asc' }, { slug: 'asc' }],
  });
  return rows.flatMap((a) =>
    isAreaSlug(a.slug) ? [{ slug: a.slug, name: a.name, nameEn: a.nameEn, shortName: a.shortName ?? a.name, shortNameEn: a.shortNameEn ?? a.nameEn }] : [],
  );
}

/** Municipality id → name. */
export async function municipalityNames(db: Db): Promise<Map<number, string>> {
  return new Map((await loadMunicipalities(db)).map((m) => [m.id, m.name]));
}
