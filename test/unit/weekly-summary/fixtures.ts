// Shared by the weekly-summary tests and the benchmark: a migrated, seeded SQLite database in a
// temp directory, and a compact way to add needs with areas, status and history.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb, type Db } from '../../../src/platform/db/client.js';
import type { AreaSlug } from '../../../src/matching/types.js';
import { parseIsoWeek, weekRange } from '../../../src/platform/isoWeek.js';
import type { WeeklySummary } from '../../../src/weekly-summary/weeklySummary.js';
import { SHIPPED_AREA_NAMES } from '../../support/shippedMatcher.js';
import { seededSqliteFile } from '../../support/templates.js';

export interface TestDb {
  db: Db;
  url: string;
  dir: string;
  municipalityIds: Map<string, number>;
  close(): Promise<void>;
}

export async function createTestDb(dir = mkdtempSync(path.join(tmpdir(), 'behovsbryggan-summary-'))): Promise<TestDb> {
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

/** The PNG signature and the IHDR width/height. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!bytes.subarray(0, 8).equals(signature)) throw new Error('not a PNG (bad signature)');
  if (bytes.subarray(12, 16).toString('ascii') !== 'IHDR') throw new Error('not a PNG (no IHDR first)');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The weekly summary of C0LOGIST (logistik) for 2026-W47 in Stockholm time, with nothing in it: tests fill in what they show. */
export function weeklySummaryFixture(overrides: Partial<WeeklySummary> = {}): WeeklySummary {
  const timezone = 'Europe/Stockholm';
  const { start, end } = weekRange(parseIsoWeek('2026-W47'), timezone);
  return {
    channelId: 'C0LOGIST',
    isoWeek: '2026-W47',
    timezone,
    areas: ['logistik'],
    regionAreas: [...SHIPPED_AREA_NAMES],
    start,
    end,
    newNeeds: { total: 0, average: 0, byMunicipality: [], byArea: [{ key: 'logistik', label: 'logistik', count: 0, average: 0 }], shown: [] },
    waiting: { total: 0, shown: [] },
    claimed: 0,
    resolved: 0,
    feedback: { up: 0, down: 0, recategorised: 0 },
    trend: { weeks: [], points: [] },
    ...overrides,
  };
}
