// Benchmark (not a test): the weekly summaries of 20 channels over 100,000 needs. Prints figures.
//   npx tsx test/bench/summary.bench.ts [needs=100000] [weeks=104]
// The needs are spread over `weeks` weeks before the reported week (default: two years), and a
// second run puts all of them in the last eight weeks (the worst case for the grouped queries).
// Timed: loadWeeklySummary for every channel (all counting is GROUP BY/COUNT in SQLite). The
// chart is rendered at send time in the outbox sender; its cost per channel is printed apart.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { sqliteFilePath } from '../../src/platform/db/client.js';
import type { AreaSlug } from '../../src/matching/types.js';
import { weeklySummaryMessage } from '../../src/weekly-summary/messages.js';
import { renderChartPng } from '../../src/weekly-summary/messages.js';
import { addWeeks, parseIsoWeek, weekRange } from '../../src/platform/isoWeek.js';
import { forgetSharedCounts, sqlTime } from '../../src/weekly-summary/summaryRepository.js';
import { loadWeeklySummary } from '../../src/weekly-summary/weeklySummary.js';
import { createTestDb, type TestDb } from '../support/testDb.js';
import { SHIPPED_SLUGS } from '../support/shippedMatcher.js';

const TZ = 'Europe/Stockholm';
const WEEK = parseIsoWeek('2026-W47');

/** 20 channels: the five areas alone, the ten pairs, four triples and one `all`. */
function channels(): { channelId: string; areas: AreaSlug[] | 'all' }[] {
  const out: { channelId: string; areas: AreaSlug[] | 'all' }[] = [];
  SHIPPED_SLUGS.forEach((a) => out.push({ channelId: `C0${a.slice(0, 6).toUpperCase()}`, areas: [a] }));
  for (let i = 0; i < SHIPPED_SLUGS.length; i++)
    for (let j = i + 1; j < SHIPPED_SLUGS.length; j++) out.push({ channelId: `C0P${i}${j}`, areas: [SHIPPED_SLUGS[i]!, SHIPPED_SLUGS[j]!] });
  for (let i = 0; i < 4; i++) out.push({ channelId: `C0T${i}`, areas: [SHIPPED_SLUGS[i]!, SHIPPED_SLUGS[i + 1]!, SHIPPED_SLUGS[(i + 2) % 5]!] });
  out.push({ channelId: 'C0ALL', areas: 'all' });
  return out;
}

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function bulkInsert(t: TestDb, count: number, weeks: number): void {
  const sqlite = new Database(sqliteFilePath(t.url));
  sqlite.pragma('journal_mode = WAL');
  const random = rng(42);
  const municipalityIds = [...t.municipalityIds.values()];
  const { end } = weekRange(WEEK, TZ);
  const from = weekRange(addWeeks(WEEK, -(weeks - 1)), TZ).start.getTime();
  const span = end.getTime() - from;
  const insertNeed = sqlite.prepare(
    `INSERT INTO Need (municipalityId, title, description, contactUserId, recordedByUserId, source, status, claimedByUserId, claimedAt, resolvedAt, recordedAt, routedAt, abstained, correctedAreas, modelVersion)
     VALUES (?, ?, 'Beskrivning', 'U0C', 'U0R', 'import', ?, ?, ?, ?, ?, ?, ?, ?, 'bench')`,
  );
  const insertClass = sqlite.prepare(
    `INSERT INTO NeedClassification (needId, areaSlug, score, rank, suggested, terms, modelVersion) VALUES (?, ?, ?, ?, ?, '', 'bench')`,
  );
  const insertPost = sqlite.prepare(
    `INSERT INTO SuggestionPost (needId, channelId, reason, messageTs, state, createdAt) VALUES (?, ?, 'area', ?, 'posted', ?)`,
  );
  const insertFeedback = sqlite.prepare(`INSERT INTO Feedback (needId, userId, kind, channelId, createdAt) VALUES (?, ?, ?, ?, ?)`);
  const insertEvent = sqlite.prepare(`INSERT INTO NeedEvent (needId, kind, detail, at) VALUES (?, 'recategorised', ?, ?)`);
  const chans = channels();
  sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      const recorded = new Date(from + Math.floor(random() * span));
      const r = random();
      const status = r < 0.6 ? 'open' : r < 0.85 ? 'claimed' : 'resolved';
      const later = (days: number) => sqlTime(new Date(Math.min(end.getTime() - 1, recorded.getTime() + random() * days * 86_400_000)));
      const claimedAt = status === 'open' ? null : later(10);
      const resolvedAt = status === 'resolved' ? later(20) : null;
      const abstain = random() < 0.1;
      const first = SHIPPED_SLUGS[Math.floor(random() * 5)]!;
      const second = random() < 0.3 ? SHIPPED_SLUGS[Math.floor(random() * 5)]! : null;
      const corrected = random() < 0.03 ? SHIPPED_SLUGS[Math.floor(random() * 5)]! : null;
      const { lastInsertRowid } = insertNeed.run(
        municipalityIds[Math.floor(random() * municipalityIds.length)]!,
        `Behov ${i}`,
        status,
        claimedAt ? 'U0T' : null,
        claimedAt,
        resolvedAt,
        sqlTime(recorded),
        sqlTime(recorded),
        abstain ? 1 : 0,
        corrected,
      );
      const id = Number(lastInsertRowid);
      insertClass.run(id, first, 0.8, 1, abstain ? 0 : 1);
      if (second && second !== first) insertClass.run(id, second, 0.6, 2, abstain ? 0 : 1);
      const channel = chans[Math.floor(random() * chans.length)]!.channelId;
      insertPost.run(id, channel, `1700000000.${String(i).padStart(6, '0')}`, sqlTime(recorded));
      if (random() < 0.4) insertFeedback.run(id, 'U1', random() < 0.8 ? 'up' : 'down', channel, later(7));
      if (random() < 0.05) insertEvent.run(id, first, later(7));
    }
  })();
  sqlite.pragma('optimize');
  sqlite.close();
}

/**
 * Three timed passes over the 20 channels, each starting cold (the week's grouped counts are not
 * reused from the pass before: the first channel of a pass computes them, the other 19 reuse them,
 * as in a Monday run). Also one pass with nothing reused at all (each channel recomputes: sends
 * spread out further than the reuse window). Reports the median and the no-reuse figure.
 */
async function measure(t: TestDb, label: string): Promise<{ median: number; noReuse: number }> {
  const chans = channels();
  const one = async (c: (typeof chans)[number]) => {
    const s = await loadWeeklySummary(t.db, { ...c, week: WEEK, timezone: TZ });
    weeklySummaryMessage(s, 'sv');
    return s.newNeeds.total;
  };
  await one(chans[0]!); // warm-up: query planning, page cache
  const passes: number[] = [];
  let totalNew = 0;
  for (let pass = 0; pass < 3; pass++) {
    forgetSharedCounts(t.db);
    const started = performance.now();
    totalNew = 0;
    for (const c of chans) totalNew += await one(c);
    passes.push(performance.now() - started);
  }
  const started = performance.now();
  for (const c of chans) {
    forgetSharedCounts(t.db);
    await one(c);
  }
  const noReuse = performance.now() - started;
  passes.sort((a, b) => a - b);
  const median = passes[1]!;
  console.log(
    `${label}: 20 channel summaries in ${median.toFixed(0)} ms (median of 3 cold passes: ${passes.map((p) => p.toFixed(0)).join(', ')} ms); ` +
      `without reusing the grouped counts: ${noReuse.toFixed(0)} ms; new needs over all channels: ${totalNew}`,
  );
  return { median, noReuse };
}

export interface SummaryBenchResult {
  spreadMs: number;
  spreadNoReuseMs: number;
  concentratedMs: number;
  concentratedNoReuseMs: number;
  chartMs: number;
}

export async function main(options: { needs?: number; weeks?: number } = {}): Promise<SummaryBenchResult> {
  const count = options.needs ?? 100_000;
  const weeks = options.weeks ?? 104;
  console.log(`weekly summary benchmark: ${count} needs, 20 channels, reported week 2026-W47`);

  const spread = await createTestDb();
  let spread_: { median: number; noReuse: number };
  let chartMs: number;
  try {
    let started = performance.now();
    bulkInsert(spread, count, weeks);
    console.log(`seeded ${count} needs over ${weeks} weeks in ${(performance.now() - started).toFixed(0)} ms`);
    spread_ = await measure(spread, `spread over ${weeks} weeks`);
    const all = await loadWeeklySummary(spread.db, { channelId: 'C0ALL', areas: 'all', week: WEEK, timezone: TZ });
    await renderChartPng(all, 'sv'); // warm-up: loads vega and the fonts
    started = performance.now();
    const png = await renderChartPng(all, 'sv');
    chartMs = performance.now() - started;
    console.log(`chart (rendered at send time, per channel): ${chartMs.toFixed(0)} ms, ${png.length} bytes`);
  } finally {
    await spread.close();
  }

  const concentrated = await createTestDb();
  let concentrated_: { median: number; noReuse: number };
  try {
    bulkInsert(concentrated, count, 8);
    concentrated_ = await measure(concentrated, 'all in the last 8 weeks (worst case)');
  } finally {
    await concentrated.close();
  }
  const worst = Math.max(spread_.median, concentrated_.median);
  console.log(`budget 2000 ms for 20 channels: ${worst <= 2000 ? 'within' : 'OVER'} (worst median ${worst.toFixed(0)} ms)`);
  return {
    spreadMs: spread_.median,
    spreadNoReuseMs: spread_.noReuse,
    concentratedMs: concentrated_.median,
    concentratedNoReuseMs: concentrated_.noReuse,
    chartMs,
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [needs, weeks] = process.argv.slice(2).map(Number);
  // A missing, zero or non-numeric argument means the default.
  const given = (n: number | undefined): number | undefined => (n === undefined || n === 0 || Number.isNaN(n) ? undefined : n);
  await main({ needs: given(needs), weeks: given(weeks) });
}
