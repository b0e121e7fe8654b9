// The production build as an installer runs it: `node dist/index.js` (what `npm start` execs) as
// its own process against a fake Slack, on a migrated SQLite file.
//   - start to ready: spawn → first 200 from /healthz (5 starts, median; target ≤ 2 s): restarts, so
//     each loads the matcher its predecessor cached (MATCHER_CACHE_DIR, here in the bench's folder);
//     also shown, without a target: one start that trains (no cached matcher) and its VmRSS;
//   - resident memory (VmRSS) of the bot's process 5 s after /healthz first answered (≤ 200 MiB),
//     and 5 s after 1,000 needs were recorded and routed (≤ 220 MiB);
//   - /need acks against a bare Bolt app in its own process, in the same run (target ≤ 1.2×).
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadSeedData } from '../../src/region/regionPack.js';
import { needModal } from '../../src/needs/blocks/needModal.js';
import { encodeNeedModalMetadata } from '../../src/needs/blocks/needModal.js';
import { ensureBuilt, freePort, httpAppEnv, ROOT } from '../support/appProcess.js';
import { FakeSlack } from '../support/fakeSlack.js';
import { runIfMain } from './runIfMain.js';
import { needSubmissionPayload, nextViewId, postCommand, postInteraction, SIGNING_SECRET } from '../support/slackRequests.js';
import { tempDir } from '../support/testApp.js';

const STARTS = 5;
const NEEDS = 1_000;
const BURSTS = [50, 200] as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mib = (kb: number) => `${(kb / 1024).toFixed(0)} MiB`;

function vmRssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

async function untilHealthy(port: number, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}`);
    const status = await fetch(`http://127.0.0.1:${port}/healthz`)
      .then((r) => r.status)
      .catch(() => 0);
    if (status === 200) return;
    await sleep(10); // a bench polls: the figure is the time to ready
  }
  throw new Error('the app never became healthy');
}

/** Exactly what `npm start` execs (package.json's start script), without npm around it. */
function startCommand(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const words = pkg.scripts.start.replace(/^exec\s+/, '').split(/\s+/);
  if (words[0] !== 'node') throw new Error(`unexpected start script: ${pkg.scripts.start}`);
  return words.slice(1);
}

function startApp(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, startCommand(), { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const BARE_BOLT = `
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
const app = new App({ token: 'xoxb-bench', logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
  receiver: new HTTPReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET, endpoints: '/slack/events', processBeforeResponse: false, logLevel: LogLevel.ERROR }) });
const view = JSON.parse(process.env.MODAL);
app.command('/need', async ({ ack, client, command }) => {
  await ack();
  await client.views.open({ trigger_id: command.trigger_id, view });
});
await app.start(Number(process.env.PORT));
console.log('ready');
`;

async function ackBurst(baseUrl: string, size: number): Promise<number[]> {
  const acks: number[] = [];
  await Promise.all(
    Array.from({ length: size }, async (_, i) => {
      const t0 = performance.now();
      const res = await postCommand(baseUrl, { text: `behov ${i}` });
      await res.arrayBuffer();
      acks.push(performance.now() - t0);
    }),
  );
  return acks.sort((a, b) => a - b);
}

const p = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

export async function main(): Promise<void> {
  ensureBuilt();
  const fake = await FakeSlack.start();
  const dir = tempDir('bench-production-');
  const channelsFile = path.join(dir, 'channels.yml');
  writeFileSync(channelsFile, 'intake: C0INTAKE\nteams:\n  - channel: C0IOT\n    areas: [uppkopplade]\n  - channel: C0REGION\n    areas: all\n');
  const port = await freePort();
  const env = httpAppEnv({
    token: 'xoxb-bench',
    port,
    databaseUrl: `file:${path.join(dir, 'bench.db')}`,
    slackApiUrl: fake.url,
    channelsFile,
    logLevel: 'warn',
    matcherCacheDir: path.join(dir, 'matcher-cache'),
  });
  try {
    // A first start migrates and seeds; the measured starts find a migrated database.
    let child = startApp(env);
    await untilHealthy(port, child);
    await stop(child);

    // A start that trains: nothing cached (a new installation, or changed training data or code).
    rmSync(path.join(dir, 'matcher-cache'), { recursive: true, force: true });
    const coldStarted = performance.now();
    child = startApp(env);
    await untilHealthy(port, child);
    const coldStart = performance.now() - coldStarted;
    await sleep(5_000);
    const rssCold = vmRssKb(child.pid!);
    await stop(child);

    const startTimes: number[] = [];
    for (let i = 0; i < STARTS; i++) {
      const t0 = performance.now();
      child = startApp(env);
      await untilHealthy(port, child);
      startTimes.push(performance.now() - t0);
      if (i < STARTS - 1) await stop(child);
    }
    startTimes.sort((a, b) => a - b);
    await sleep(5_000);
    const rssIdle = vmRssKb(child.pid!);

    // /need acks: the app and a bare Bolt app (opening the same modal), each in its own process,
    // interleaved.
    const boltPort = await freePort();
    const modal = needModal({
      locale: 'sv',
      municipalities: loadSeedData().municipalities.map((m, i) => ({ id: i + 1, name: m.name })),
      initialDescription: 'behov',
      initialContactUserId: 'U0STAFF',
      privateMetadata: encodeNeedModalMetadata({ channelId: 'C0TYPED', source: 'slash_command' }),
    });
    const bolt = spawn(process.execPath, ['--input-type=module', '-e', BARE_BOLT], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        SLACK_API_URL: fake.url,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        PORT: String(boltPort),
        MODAL: JSON.stringify(modal),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise((resolve) => bolt.stdout.once('data', resolve));
    const app = `http://127.0.0.1:${port}`;
    const bare = `http://127.0.0.1:${boltPort}`;
    for (const url of [app, bare]) await ackBurst(url, 20); // warm-up
    const results: string[] = [];
    for (const size of BURSTS) {
      const runs: { app: number[]; bare: number[] }[] = [];
      for (let r = 0; r < 5; r++)
        runs.push(
          r % 2 === 0
            ? { app: await ackBurst(app, size), bare: await ackBurst(bare, size) }
            : { bare: await ackBurst(bare, size), app: await ackBurst(app, size) },
        );
      const median = (pick: (run: { app: number[]; bare: number[] }) => number[]) => pick([...runs].sort((x, y) => p(pick(x), 0.99) - p(pick(y), 0.99))[2]!);
      const a = median((run) => run.app);
      const b = median((run) => run.bare);
      results.push(
        `  /need ${String(size).padStart(3)} at once (5 runs, median by p99): app p50 ${p(a, 0.5).toFixed(1)} ms p99 ${p(a, 0.99).toFixed(1)} ms | bare Bolt, same modal: p50 ${p(b, 0.5).toFixed(1)} ms p99 ${p(b, 0.99).toFixed(1)} ms | ratio p50 ${(p(a, 0.5) / p(b, 0.5)).toFixed(2)}× p99 ${(p(a, 0.99) / p(b, 0.99)).toFixed(2)}× (target ≤ 1.2×)`,
      );
    }
    await stop(bolt);

    // 1,000 needs through the real endpoint, then wait until every one is routed.
    const db = new Database(path.join(dir, 'bench.db'), { readonly: true });
    const kinda = String((db.prepare("SELECT id FROM Municipality WHERE name = 'Kinda'").get() as { id: number }).id);
    const metadata = encodeNeedModalMetadata({ channelId: 'C0TYPED', source: 'slash_command' });
    for (let batch = 0; batch < NEEDS / 50; batch++) {
      await Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          const res = await postInteraction(
            app,
            needSubmissionPayload(
              { municipalityId: kinda, description: `Hemtjänsten vill ha trygghetslarm och sensorer (${batch * 50 + i})` },
              metadata,
              'U0STAFF',
              nextViewId(),
            ),
          );
          await res.arrayBuffer();
        }),
      );
    }
    while ((db.prepare('SELECT COUNT(*) AS n FROM Need WHERE routedAt IS NULL').get() as { n: number }).n > 0) await sleep(100);
    db.close();
    await sleep(5_000);
    const rssAfterNeeds = vmRssKb(child.pid!);
    await stop(child);

    console.log(`production build (node ${startCommand().join(' ')}), ${STARTS} starts on a migrated SQLite file`);
    console.log(
      `  start to ready: median ${startTimes[Math.floor(STARTS / 2)]!.toFixed(0)} ms (min ${startTimes[0]!.toFixed(0)}, max ${startTimes.at(-1)!.toFixed(0)}; target ≤ 2000 ms)`,
    );
    console.log(`  VmRSS 5 s after ready: ${mib(rssIdle)} (target ≤ 200 MiB)`);
    console.log(`  a start that trains the matcher (none cached): ready in ${coldStart.toFixed(0)} ms, VmRSS 5 s after ready ${mib(rssCold)} (no target)`);
    console.log(`  VmRSS 5 s after ${NEEDS} needs recorded and routed: ${mib(rssAfterNeeds)} (target ≤ 220 MiB)`);
    for (const line of results) console.log(line);
  } finally {
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

runIfMain(import.meta.url, main);
