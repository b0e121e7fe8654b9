// Benchmark (not a test): exporting 100,000 needs as CSV, XLSX and JSON lines. Prints figures.
//   npx tsx test/bench/export.bench.ts [needs=100000]
// Seeds a migrated SQLite file fast (better-sqlite3 in one transaction: needs, classifications,
// posts, feedback, history, two suggested environments each), then times writeExport to a file per
// format and samples resident memory and heap while it runs (peak: garbage included). "Flat" shows
// as the export of 100,000 needs peaking about where the one of 10,000 does, and the heap being
// back where it started after a full GC. Run with `node --max-old-space-size=64 --import tsx …`
// to see all three formats finish within a 64 MiB heap (slower: the collector works hard).
import { statSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import Database from 'better-sqlite3';
import { sqliteFilePath } from '../../src/platform/db/client.js';
import { EXPORT_FORMATS, type ExportFormat, FILE_EXTENSIONS, writeExport } from '../../src/export/exportNeeds.js';
import { areaNamesOf } from '../../src/export/exportSupport.js';
import { loadVocabulary } from '../../src/export/cli.js';
import { createTestDb, type TestDb } from '../support/testDb.js';
import { runIfMain } from './runIfMain.js';
import { bulkInsert } from './summary.bench.js';

const MiB = 1024 * 1024;

/** A full garbage collection, so that what is left is what the export holds on to. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

function addEnvironments(t: TestDb): void {
  const sqlite = new Database(sqliteFilePath(t.url));
  const envs = (sqlite.prepare('SELECT id FROM InnovationEnvironment ORDER BY id').all() as { id: number }[]).map((e) => e.id);
  const insert = sqlite.prepare(`INSERT INTO NeedEnvironment (needId, environmentId, rank, score, reason) VALUES (?, ?, ?, 0.5, 'bench')`);
  const ids = (sqlite.prepare('SELECT id FROM Need').all() as { id: number }[]).map((n) => n.id);
  sqlite.transaction(() => {
    for (const id of ids) {
      insert.run(id, envs[id % envs.length]!, 1);
      insert.run(id, envs[(id + 1) % envs.length]!, 2);
    }
  })();
  sqlite.close();
}

async function exportOnce(
  t: TestDb,
  format: ExportFormat,
): Promise<{ ms: number; rows: number; bytes: number; peakRss: number; peakHeap: number; heapBefore: number; heapAfter: number }> {
  const vocabulary = await loadVocabulary(t.db);
  const file = path.join(t.dir, `export.${FILE_EXTENSIONS[format]}`);
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);
  const started = performance.now();
  const { rows } = await writeExport(
    t.db,
    { format, locale: 'sv', areaName: areaNamesOf(vocabulary.areas, 'sv'), areas: vocabulary.areas.map((a) => a.slug) },
    createWriteStream(file),
  );
  const ms = performance.now() - started;
  clearInterval(sampler);
  collectGarbage();
  return { ms, rows, bytes: statSync(file).size, peakRss, peakHeap, heapBefore, heapAfter: process.memoryUsage().heapUsed };
}

export async function main(): Promise<void> {
  const count = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 100_000);
  const small = await createTestDb();
  const large = await createTestDb();
  try {
    let started = performance.now();
    bulkInsert(small, Math.round(count / 10), 104);
    bulkInsert(large, count, 104);
    addEnvironments(small);
    addEnvironments(large);
    console.log(
      `seeded ${count.toLocaleString('en')} (and ${Math.round(count / 10).toLocaleString('en')}) needs in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const base = process.memoryUsage();
    console.log(`before exporting: rss ${(base.rss / MiB).toFixed(0)} MiB, heap ${(base.heapUsed / MiB).toFixed(0)} MiB`);
    for (const format of EXPORT_FORMATS) {
      for (const [label, t] of [
        [`${Math.round(count / 10)}`, small],
        [`${count}`, large],
      ] as const) {
        started = performance.now();
        const r = await exportOnce(t, format);
        console.log(
          `${format.padEnd(4)} ${label.padStart(6)} needs: ${(r.ms / 1000).toFixed(2)} s, ${(r.bytes / MiB).toFixed(1)} MiB written, ` +
            `peak rss ${(r.peakRss / MiB).toFixed(0)} MiB, heap ${(r.heapBefore / MiB).toFixed(0)} → peak ${(r.peakHeap / MiB).toFixed(0)} → ${(r.heapAfter / MiB).toFixed(0)} MiB after GC (${r.rows} rows)`,
        );
      }
    }
  } finally {
    await small.close();
    await large.close();
  }
}

runIfMain(import.meta.url, main);
