// A migrated, seeded SQLite database in a temp directory for tests (and the benchmarks), and a
// compact way to add needs with areas, status and history.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createDb, type Db } from '../../src/platform/db/client.js';
import type { AreaSlug } from '../../src/matching/types.js';
import { seededSqliteFile } from './templates.js';

export interface TestDb {
  db: Db;
  url: string;
  dir: string;
  municipalityIds: Map<string, number>;
  close(): Promise<void>;
}

export async function createTestDb(dir = mkdtempSync(path.join(tmpdir(), 'behovsbryggan-db-'))): Promise<TestDb> {
  const file = path.join(dir, 'test.db');
  const url = `file:${file}`;
  await seededSqliteFile(file); // migrated and seeded: a copy of the template
  const db = await createDb(url);
  const municipalityIds = new Map((await db.municipality.findMany()).map((m) => [m.name, m.id]));
  return {
    db,
    url,
    dir,
    municipalityIds,
    close: async () => {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One database for the calling file or describe (opened in beforeAll, closed in afterAll): the lifecycle many test files repeated. */
export function useTestDb(): () => TestDb {
  let t: TestDb | undefined;
  beforeAll(async () => {
    t = await createTestDb();
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });
  return () => {
    if (!t) throw new Error('useTestDb: the database is opened in beforeAll; read it inside a hook or test');
    return t;
  };
}

export interface NeedSpec {
  municipality: string;
  /** Suggested areas, best first; [] = the matcher abstained. */
  areas: AreaSlug[];
  recordedAt: Date | string;
  title?: string;
  status?: 'open' | 'claimed' | 'resolved';
  claimedAt?: Date | string;
  resolvedAt?: Date | string;
  correctedAreas?: string;
  /** Posted suggestion messages: channel → ts. */
  posts?: Record<string, string>;
}

let counter = 0;

export async function addNeed(t: TestDb, spec: NeedSpec): Promise<number> {
  counter += 1;
  const municipalityId = t.municipalityIds.get(spec.municipality);
  if (municipalityId === undefined) throw new Error(`unknown municipality ${spec.municipality}`);
  const date = (d: Date | string | undefined) => (d === undefined ? null : new Date(d));
  const need = await t.db.need.create({
    data: {
      municipalityId,
      title: spec.title ?? `Behov ${counter}`,
      description: `Beskrivning av behov ${counter}`,
      ourContactUserId: 'U0CONTACT',
      recordedByUserId: 'U0STAFF',
      source: 'import',
      status: spec.status ?? (spec.resolvedAt ? 'resolved' : spec.claimedAt ? 'claimed' : 'open'),
      claimedByUserId: spec.claimedAt ? 'U0TAKER' : null,
      claimedAt: date(spec.claimedAt),
      resolvedAt: date(spec.resolvedAt),
      recordedAt: new Date(spec.recordedAt),
      routedAt: new Date(spec.recordedAt),
      abstained: spec.areas.length === 0,
      correctedAreas: spec.correctedAreas ?? null,
      modelVersion: 'test',
      classifications: {
        create: (['visualisering', 'uppkopplade', 'miljonytta', 'logistik', 'material'] as const).map((slug) => {
          const rank = spec.areas.indexOf(slug);
          return {
            areaSlug: slug,
            score: rank >= 0 ? 0.9 - rank * 0.1 : 0.1,
            rank: rank >= 0 ? rank + 1 : 10,
            suggested: rank >= 0,
            terms: '',
            modelVersion: 'test',
          };
        }),
      },
      suggestions: {
        create: Object.entries(spec.posts ?? {}).map(([channelId, ts]) => ({
          channelId,
          reason: 'area',
          messageTs: ts,
          state: 'posted',
          postedAt: new Date(spec.recordedAt),
        })),
      },
    },
  });
  return need.id;
}
