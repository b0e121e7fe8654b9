// `npm run bench [-- name…]`: runs every test/bench/*.bench.ts (or those whose file name contains
// one of the given names), one after another, by importing it and awaiting its exported main().
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));

async function run(): Promise<void> {
  const filters = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const files = readdirSync(BENCH_DIR)
    .filter((file) => file.endsWith('.bench.ts'))
    .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
    .sort();
  if (files.length === 0) {
    console.error(`no benchmarks in ${BENCH_DIR}${filters.length ? ` matching ${filters.join(', ')}` : ''}`);
    process.exitCode = 1;
    return;
  }
  const failed: string[] = [];
  for (const file of files) {
    const name = file.replace(/\.bench\.ts$/, '');
    console.log(`\n=== ${name} (${new Date().toISOString()}, node ${process.version}) ${'='.repeat(Math.max(0, 40 - name.length))}`);
    const started = performance.now();
    try {
      const mod = (await import(pathToFileURL(path.join(BENCH_DIR, file)).href)) as { main?: () => Promise<void> };
      if (typeof mod.main !== 'function') throw new Error(`${file} does not export main()`);
      await mod.main();
      console.log(`--- ${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    } catch (error) {
      failed.push(name);
      // Keep it readable: some errors (FakeSlack timeouts) carry every recorded call.
      const text = error instanceof Error ? `${error.message.slice(0, 600)}\n${error.stack?.split('\n').slice(1, 6).join('\n') ?? ''}` : String(error);
      console.error(`--- ${name} FAILED: ${text}`);
    }
  }
  if (failed.length > 0) {
    console.error(`\n${failed.length} benchmark(s) failed: ${failed.join(', ')}`);
    process.exitCode = 1;
  }
}

await run();
// Servers and timers the benches left behind must not keep the process alive.
process.exit();
