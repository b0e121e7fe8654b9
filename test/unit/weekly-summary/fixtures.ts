// For the weekly-summary tests: a PNG's size and an empty weekly summary to fill in. The database
// (createTestDb, addNeed) is in test/support/testDb.ts.
import { parseIsoWeek, weekRange } from '../../../src/platform/isoWeek.js';
import type { WeeklySummary } from '../../../src/weekly-summary/weeklySummary.js';
import { SHIPPED_AREA_NAMES } from '../../support/shippedMatcher.js';

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
