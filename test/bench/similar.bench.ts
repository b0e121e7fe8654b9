// Benchmark (prints figures; not a test): finding similar needs among 100,000 stored ones.
//   npx tsx test/bench/similar.bench.ts [needs=100000] [queries=1000]
// The stored needs are the matcher bench's synthetic needs (sentences of the shipped needs
// recombined, some in chat style, some folded), spread over the 13 municipalities; that makes
// many near-duplicates sharing rare words, the hard case for candidate gathering. Timed: one
// SimilarityIndex.similarTo per query (a fresh synthetic need, its own municipality excluded),
// as routing does it; also the build (what start-up costs), an upsert and a remove, and memory.
import { performance, PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { SIMILARITY_THRESHOLD, SimilarityIndex } from '../../src/matching/similar/similarityIndex.js';
import { loadSeedData } from '../../src/region/regionPack.js';
import { syntheticNeeds } from './matcher.bench.js';
import { runIfMain } from './runIfMain.js';

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;
const heapAndExternal = (): number => {
  collectGarbage();
  collectGarbage();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const ms = (value: number) => `${value.toFixed(2)} ms`;

export async function main(): Promise<void> {
  const count = Number(process.argv.find((a) => /^needs=\d+$/.test(a))?.split('=')[1] ?? 100_000);
  const queryCount = Number(process.argv.find((a) => /^queries=\d+$/.test(a))?.split('=')[1] ?? 1_000);
  const queries = syntheticNeeds(queryCount, 99);
  const before = heapAndExternal();
  let buildMs = 0;
  const index = new SimilarityIndex<number>();
  for (const need of loadSeedData().labelledNeeds) index.addBackground(`${need.title ?? ''}. ${need.text}`);
  // Generated in chunks so the texts do not stay in memory (the app keeps none either).
  for (let from = 0; from < count; from += 10_000) {
    const chunk = syntheticNeeds(Math.min(10_000, count - from), 7 + from);
    const started = performance.now();
    chunk.forEach((need, i) => index.upsert({ key: from + i + 1, group: (from + i) % 13, text: need.text }));
    buildMs += performance.now() - started;
  }
  const bytes = heapAndExternal() - before;
  console.log(
    `built an index of ${count.toLocaleString('en')} needs in ${(buildMs / 1000).toFixed(1)} s (${((buildMs * 1000) / count).toFixed(0)} µs per need); ~${(bytes / 1024 / 1024).toFixed(0)} MB (heap + typed arrays)`,
  );

  // Warm-up, then timed lookups.
  for (const q of queries.slice(0, 200)) index.similarTo(q.text, { excludeGroup: 0, limit: 3, threshold: SIMILARITY_THRESHOLD });
  // Garbage-collection pauses, to tell the index's own slow lookups from the process's pauses.
  const pauses: { start: number; end: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) pauses.push({ start: entry.startTime, end: entry.startTime + entry.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  const spans: { start: number; ms: number }[] = [];
  let found = 0;
  queries.forEach((q, i) => {
    const t0 = performance.now();
    const hits = index.similarTo(q.text, { excludeGroup: i % 13, limit: 3, threshold: SIMILARITY_THRESHOLD });
    spans.push({ start: t0, ms: performance.now() - t0 });
    found += hits.length;
  });
  await new Promise((resolve) => setTimeout(resolve, 50)); // let the observer deliver
  observer.disconnect();
  const times = spans.map((s) => s.ms).sort((a, b) => a - b);
  const slow = spans.filter((s) => s.ms > 20);
  const slowInGc = slow.filter((s) => pauses.some((p) => p.start < s.start + s.ms && p.end > s.start)).length;
  console.log(
    `lookups over 20 ms: ${slow.length} of ${queryCount}, ${slowInGc} of them during a garbage-collection pause (${pauses.length} pauses, longest ${ms(Math.max(0, ...pauses.map((p) => p.end - p.start)))})`,
  );
  console.log(
    `similarTo over ${count.toLocaleString('en')} needs, ${queryCount} lookups: p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}, p99 ${ms(percentile(times, 99))}, max ${ms(times.at(-1) ?? 0)} (target ≤ 20 ms); ${(found / queryCount).toFixed(2)} similar needs per lookup`,
  );

  // The inverted index gathers candidates from rare words only: how often does it miss what
  // scoring every stored need would have found?
  let agreed = 0;
  let exhaustiveHits = 0;
  let exhaustiveMs = 0;
  let fastScore = 0;
  let exactScore = 0;
  const checked = queries.slice(0, 20);
  checked.forEach((q, i) => {
    const fast = index.similarTo(q.text, { excludeGroup: i % 13, limit: 3, threshold: SIMILARITY_THRESHOLD });
    const t0 = performance.now();
    const exact = index.similarToExhaustive(q.text, { excludeGroup: i % 13, limit: 3, threshold: SIMILARITY_THRESHOLD });
    exhaustiveMs += performance.now() - t0;
    exhaustiveHits += exact.length;
    agreed += exact.filter((e) => fast.some((f) => f.key === e.key)).length;
    fastScore += fast.reduce((sum, h) => sum + h.score, 0);
    exactScore += exact.reduce((sum, h) => sum + h.score, 0);
  });
  console.log(
    `against scoring all ${count.toLocaleString('en')} needs (${ms(exhaustiveMs / checked.length)} per lookup), ${checked.length} lookups: the same needs in ${agreed} of ${exhaustiveHits} places (the synthetic needs have many near-ties); mean cosine of what the index returns ${(fastScore / Math.max(1, agreed + (exhaustiveHits - agreed))).toFixed(3)} vs ${(exactScore / Math.max(1, exhaustiveHits)).toFixed(3)} for the exact best`,
  );

  const upserts: number[] = [];
  const removes: number[] = [];
  queries.slice(0, 200).forEach((q, i) => {
    const t0 = performance.now();
    index.upsert({ key: count + i + 1, group: i % 13, text: q.text });
    upserts.push(performance.now() - t0);
    const t1 = performance.now();
    index.remove(1 + i * 7);
    removes.push(performance.now() - t1);
  });
  upserts.sort((a, b) => a - b);
  removes.sort((a, b) => a - b);
  console.log(
    `upsert (a need recorded or edited): p50 ${ms(percentile(upserts, 50))}, max ${ms(upserts.at(-1) ?? 0)}; remove (withdrawn): p50 ${ms(percentile(removes, 50))}, max ${ms(removes.at(-1) ?? 0)}`,
  );
}

runIfMain(import.meta.url, main);
