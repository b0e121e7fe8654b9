// Benchmark (not a test): `import` of a 10,000-row workshop CSV into a seeded SQLite file, through
// the CLI command itself: every row validated, recorded, classified and its posts queued in the
// outbox (not sent). Prints the time (whole command, and the rows alone), rows per second, and
// RSS/heap before, every 1,000 rows and after, and the heap still live after a full GC — which
// should stay flat (rows are streamed; only the similar-needs index grows, by design).
//   npx tsx test/bench/import.bench.ts [rows=10000] [--postgres]
// --postgres: into a throwaway database on TEST_POSTGRES_URL instead of a SQLite file.
// Target (issue 12): 10,000 rows ≤ 30 s, memory flat.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { openDatabase } from '../../src/cli/database.js';
import { runImportCommand } from '../../src/import/cli.js';
import type { CliIo } from '../../src/cli/index.js';
import { parseConfig } from '../../src/config.js';
import { TEST_CHANNELS } from '../support/testApp.js';
import { createPostgresTestDb, postgresUrl } from '../support/postgres.js';
import { createTestDb } from '../support/testDb.js';
import { runIfMain } from './runIfMain.js';

const MUNICIPALITIES = [
  'Norrköping',
  'Linköpings kommun',
  'motala',
  'Finspång',
  'Mjölby',
  'Kinda',
  'Ydre',
  'Vadstena',
  'Söderköping',
  'Åtvidaberg',
  'Ödeshög',
  'Boxholm',
  'Valdemarsvik',
];
const TEXTS = [
  'Vi vill visualisera trafikflöden och nya detaljplaner i en 3D-modell av centrum för medborgardialog',
  'Uppkopplade sensorer i ledningsnätet ska larma om läckor och mäta flöden i realtid',
  'Samordnad varudistribution till kommunens kök och förskolor med färre transporter',
  'Återvinna byggmaterial från rivningar och hitta nya material med lägre klimatpåverkan',
  'Minska energianvändningen i skolornas ventilation och följa upp klimatnyttan',
  'Digitala larm i hemtjänsten som fungerar på landsbygden utan mobiltäckning',
];
const SECTORS = ['Samhällsbyggnad och planering', 'va', 'Måltider', 'miljo', 'Fastigheter', 'hemtjanst', ''];

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** A full garbage collection, so that "live" is what the import holds on to (~50 ms each, counted in the time). */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

function memory(label: string): void {
  const before = process.memoryUsage();
  collectGarbage();
  const live = process.memoryUsage().heapUsed;
  console.log(`  ${label.padEnd(14)} rss ${mb(before.rss).padStart(9)}  heap used ${mb(before.heapUsed).padStart(9)}  live after GC ${mb(live).padStart(8)}`);
}

// `rows=N` on the command line (read here, not as process.argv[2], which under run.ts is the bench's name).
export async function main(rows = Number(process.argv.find((a) => /^rows=\d+$/.test(a))?.split('=')[1] ?? 10_000)): Promise<void> {
  const onPostgres = process.argv.includes('--postgres');
  if (onPostgres && !postgresUrl) throw new Error('--postgres needs TEST_POSTGRES_URL (a server where the user may create databases)');
  const t = onPostgres ? await createPostgresTestDb() : await createTestDb();
  const dir = mkdtempSync(path.join(tmpdir(), 'behovsbryggan-import-bench-'));
  try {
    const file = path.join(dir, 'workshop.csv');
    const lines = ['kommun;rubrik;beskrivning;verksamhet;kontakt i kommunen;vår kontakt;datum'];
    for (let i = 0; i < rows; i++) {
      const text = TEXTS[i % TEXTS.length]!;
      const day = String(1 + (i % 28)).padStart(2, '0');
      lines.push(
        [
          MUNICIPALITIES[i % MUNICIPALITIES.length],
          '',
          `${text} (workshoprad ${i + 1}).`,
          SECTORS[i % SECTORS.length],
          i % 3 === 0 ? 'Anna Svensson, enhetschef' : '',
          'U0ALICE',
          `2027-02-${day}`,
        ].join(';'),
      );
    }
    writeFileSync(file, `\ufeff${lines.join('\r\n')}\r\n`);
    console.log(`${rows} rows, ${mb(Buffer.byteLength(lines.join('\r\n')))} of CSV, ${onPostgres ? 'PostgreSQL (a throwaway database)' : `SQLite ${t.url}`}`);
    // Figures from a busy machine are not comparable: say how busy it was.
    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${cpus().length} CPUs`,
    );
    const config = parseConfig({
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: 'bench-signing-secret-0123456789',
      DATABASE_URL: t.url,
      LOG_LEVEL: 'silent',
    });

    memory('before');
    let done = 0;
    let firstRowAt = 0;
    const io: CliIo = {
      stdout: () => {
        done++;
        if (done === 1) firstRowAt = performance.now();
        if (done % 1000 === 0) memory(`${done} rows`);
      },
      stderr: (line) => console.log(`  stderr: ${line}`),
      readText: () => '',
    };
    const started = performance.now();
    const code = await runImportCommand([file, '--source', 'Bench workshop'], io, {
      loadConfig: () => config,
      loadChannels: () => TEST_CHANNELS,
      openDatabase: (url) => openDatabase(url),
      now: () => new Date('2027-03-14T09:00:00Z'),
    });
    const ended = performance.now();
    memory('after');
    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} at the end`,
    );
    const needs = await t.db.need.count();
    const queued = await t.db.outboxMessage.count({ where: { status: 'pending' } });
    const seconds = (ended - started) / 1000;
    const rowSeconds = (ended - firstRowAt) / 1000;
    console.log(`exit ${code}; ${needs} needs, ${queued} posts queued`);
    console.log(
      `whole command ${seconds.toFixed(1)} s (open, train the matcher, import); the rows alone ${rowSeconds.toFixed(1)} s = ${(rows / rowSeconds).toFixed(0)} rows/s`,
    );
    console.log(`target ≤ 30 s for 10,000 rows: ${seconds <= 30 ? 'met' : 'NOT met'}`);

    const again = performance.now();
    done = 0;
    await runImportCommand(
      [file],
      {
        ...io,
        stdout: () => {
          done++;
        },
      },
      { loadConfig: () => config, loadChannels: () => TEST_CHANNELS, openDatabase: (url) => openDatabase(url), now: () => new Date('2027-03-14T09:00:00Z') },
    );
    console.log(`the same file again: ${((performance.now() - again) / 1000).toFixed(1)} s, ${(await t.db.need.count()) - needs} new needs`);
  } finally {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

runIfMain(import.meta.url, main);
