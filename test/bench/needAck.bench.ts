// How fast does `/need` answer Slack, next to a bare Bolt app doing only ack + views.open?
//
// Both run in this process in HTTP mode against the same kind of local FakeSlack, and get bursts of
// 50 and 200 concurrent, correctly signed `/need` requests. For each burst: p50/p99/max time from
// sending a request to its HTTP response (the ack Slack waits for, 3 s budget), and the time from
// the burst's start until every views.open reached the fake Web API (the trigger_id's 3 s budget).
// Each burst runs 3 times after a warm-up; the run with the median p99 is reported. Then the
// resident memory after start and after recording 1,000 needs through the real HTTP endpoint.
//
// The load generator, the app and the fake Slack share one event loop, as they would share a small
// VM's cores; the ratio to bare Bolt is the figure to watch (target: ≤ 1.2×).
import { spawnSync } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { loadSeedData } from '../../src/region/regionPack.js';
import { needModal } from '../../src/needs/blocks/needModal.js';
import { encodeNeedModalMetadata } from '../../src/needs/blocks/needModal.js';
import { FakeSlack } from '../support/fakeSlack.js';
import { needSubmissionPayload, postCommand, postInteraction, SIGNING_SECRET } from '../support/slackRequests.js';
import { startTestApp } from '../support/testApp.js';

const BURSTS = [50, 200] as const;
const RUNS = 3;
const WARMUP = 20;
const NEEDS = 1000;
const NEED_BATCH = 50;

interface Target {
  name: string;
  baseUrl: string;
  fake: FakeSlack;
  stop(): Promise<void>;
}

interface BurstResult {
  /** p99 of every run of this burst size (the reported run is the median of these). */
  p99Runs?: number[];
  ackMs: number[];
  p50: number;
  p99: number;
  max: number;
  allViewsOpenMs: number;
  failures: number;
}

const MINIMAL_MODAL: ModalView = {
  type: 'modal',
  callback_id: 'need_modal',
  title: { type: 'plain_text', text: 'Nytt behov' },
  submit: { type: 'plain_text', text: 'Spara' },
  blocks: [
    {
      type: 'input',
      block_id: 'description',
      label: { type: 'plain_text', text: 'Beskrivning' },
      element: { type: 'plain_text_input', action_id: 'value', multiline: true },
    },
  ],
};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

const ms = (n: number) => `${n.toFixed(1).padStart(7)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function burst(target: Target, size: number): Promise<BurstResult> {
  target.fake.reset();
  const started = performance.now();
  const ackMs: number[] = [];
  let failures = 0;
  const allOpened = target.fake.waitForCalls('views.open', size, 60_000).then(() => performance.now() - started);
  await Promise.all(
    Array.from({ length: size }, async (_, i) => {
      const t0 = performance.now();
      const res = await postCommand(target.baseUrl, { text: `behov ${i}`, triggerId: `trigger-${size}-${i}-${Math.random()}` });
      await res.arrayBuffer();
      ackMs.push(performance.now() - t0);
      if (res.status !== 200) failures += 1;
    }),
  );
  const allViewsOpenMs = await allOpened;
  const sorted = [...ackMs].sort((a, b) => a - b);
  return { ackMs, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1)!, allViewsOpenMs, failures };
}

async function warmUp(target: Target): Promise<void> {
  for (let i = 0; i < WARMUP; i++) await (await postCommand(target.baseUrl, { text: 'värm upp' })).arrayBuffer();
  await burst(target, 20);
}

/**
 * Runs each burst size RUNS times against every target, interleaved (A B C, then C B A, …) so that
 * drift in machine load (other processes, JIT, GC) spreads evenly; per target and size, returns the
 * run with the median p99.
 */
export async function measure(targets: Target[]): Promise<Map<string, Map<number, BurstResult>>> {
  for (const target of targets) await warmUp(target);
  const runs = new Map(targets.map((t) => [t.name, new Map<number, BurstResult[]>(BURSTS.map((size) => [size, []]))]));
  for (let r = 0; r < RUNS; r++) {
    for (const size of BURSTS) {
      const order = r % 2 === 0 ? targets : [...targets].reverse();
      for (const target of order)
        runs
          .get(target.name)!
          .get(size)!
          .push(await burst(target, size));
    }
  }
  const out = new Map<string, Map<number, BurstResult>>();
  for (const [name, bySize] of runs) {
    const medians = new Map<number, BurstResult>();
    for (const [size, results] of bySize) {
      results.sort((a, b) => a.p99 - b.p99);
      medians.set(size, { ...results[Math.floor(results.length / 2)]!, p99Runs: results.map((r) => r.p99) });
    }
    out.set(name, medians);
  }
  return out;
}

export async function startRealApp(): Promise<Target & { app: Awaited<ReturnType<typeof startTestApp>> }> {
  const fake = await FakeSlack.start();
  const app = await startTestApp(fake);
  return {
    name: 'Behovsbryggan',
    baseUrl: app.baseUrl,
    fake,
    app,
    stop: async () => {
      await app.stop();
      await fake.stop();
    },
  };
}

export async function startBareBolt(view: ModalView = MINIMAL_MODAL, name = 'bare Bolt'): Promise<Target> {
  const fake = await FakeSlack.start();
  const app = new App({
    token: 'xoxb-bench-token',
    logLevel: LogLevel.ERROR,
    receiver: new HTTPReceiver({ signingSecret: SIGNING_SECRET, endpoints: '/slack/events', processBeforeResponse: false, logLevel: LogLevel.ERROR }),
    clientOptions: { slackApiUrl: fake.url },
  });
  app.command('/need', async ({ ack, client, command }) => {
    await ack();
    await client.views.open({ trigger_id: command.trigger_id, view });
  });
  const server = (await app.start(0)) as Server;
  return {
    name,
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    fake,
    stop: async () => {
      await app.stop();
      await fake.stop();
    },
  };
}

export function report(name: string, results: Map<number, BurstResult>): void {
  for (const [size, r] of results) {
    console.log(
      `  ${name.padEnd(14)} burst ${String(size).padStart(3)}: ack p50 ${ms(r.p50)}  p99 ${ms(r.p99)}  max ${ms(r.max)}  | all views.open ${ms(r.allViewsOpenMs)}  | p99 of runs ${(r.p99Runs ?? []).map((v) => v.toFixed(0)).join('/')}${r.failures ? `  | ${r.failures} non-200!` : ''}`,
    );
  }
}

/** Drives NEEDS valid submissions through POST /slack/events, then waits for the outbox to drain. */
export async function recordNeeds(target: Awaited<ReturnType<typeof startRealApp>>): Promise<{ seconds: number; sends: number }> {
  const { fake } = target;
  const db = target.app.server.db;
  const municipalities = await db.municipality.findMany({ select: { id: true } });
  const metadata = encodeNeedModalMetadata({ channelId: 'C0TYPED', source: 'slash_command' });
  const texts = [
    'Hemtjänsten vill ha trygghetslarm och sensorer som larmar när en brukare ramlar på natten.',
    'Vi behöver samordna varutransporter till skolor och förskolor för att minska antalet leveranser.',
    'Kommunen vill visualisera den nya stadsdelen i 3D för medborgardialog innan detaljplanen.',
    'Vi vill ersätta plast i måltidsverksamheten med förnybara material som klarar diskmaskin.',
    'Reningsverket behöver minska energianvändningen och ta tillvara näringsämnen ur slammet.',
    'Vi har svårt att rekrytera socionomer och behöver fler sökande till våra lediga tjänster.',
  ];
  fake.reset();
  const started = performance.now();
  let failures = 0;
  for (let batch = 0; batch < NEEDS / NEED_BATCH; batch++) {
    await Promise.all(
      Array.from({ length: NEED_BATCH }, async (_, i) => {
        const n = batch * NEED_BATCH + i;
        const payload = needSubmissionPayload(
          { municipalityId: String(municipalities[n % municipalities.length]!.id), description: `${texts[n % texts.length]} (behov ${n})` },
          metadata,
        );
        const res = await postInteraction(target.baseUrl, payload);
        const body = await res.text();
        if (res.status !== 200 || body !== '') failures += 1;
      }),
    );
  }
  if (failures > 0) throw new Error(`${failures} of ${NEEDS} submissions were not accepted`);
  // Every need ends with one confirmation; then until no outbox row is pending (the last send's
  // row is marked sent just after the fake answered it, so poll the table briefly).
  await fake.waitFor((calls) => calls.filter((c) => c.method === 'chat.postEphemeral').length >= NEEDS, `${NEEDS} confirmations`, 600_000);
  const deadline = Date.now() + 60_000;
  while ((await db.outboxMessage.count({ where: { status: 'pending' } })) > 0) {
    if (Date.now() > deadline) throw new Error('the outbox did not drain within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const needs = await db.need.count();
  if (needs < NEEDS) throw new Error(`only ${needs} needs stored`);
  return { seconds: (performance.now() - started) / 1000, sends: fake.calls.length };
}

export async function main(): Promise<void> {
  const real = await startRealApp();
  const rssAfterStart = process.memoryUsage().rss;
  // The floor, and the same floor opening the app's own modal (13 municipalities, 20 sectors): how
  // much of any gap is the bigger views.open payload rather than the app's machinery.
  const sameModal = needModal({
    locale: 'sv',
    municipalities: loadSeedData().municipalities.map((m, i) => ({ id: i + 1, name: m.name })),
    initialDescription: 'behov',
    initialContactUserId: 'U0STAFF',
    privateMetadata: encodeNeedModalMetadata({ channelId: 'C0TYPED', source: 'slash_command' }),
  });
  const bare = await startBareBolt();
  const bareSame = await startBareBolt(sameModal, 'bare + modal');
  let results: Map<string, Map<number, BurstResult>>;
  try {
    results = await measure([real, bare, bareSame]);
  } finally {
    await Promise.all([real.stop(), bare.stop(), bareSame.stop()]);
  }
  const appResults = results.get(real.name)!;
  const bareResults = results.get(bare.name)!;
  const bareSameResults = results.get(bareSame.name)!;

  console.log(`/need time to ack, ${RUNS} interleaved runs per burst after ${WARMUP} warm-up requests + a burst of 20; median run by p99`);
  report(real.name, appResults);
  report(bare.name, bareResults);
  report(bareSame.name, bareSameResults);
  const ratios = (label: string, floor: Map<number, BurstResult>) => {
    console.log(`  ratio Behovsbryggan / ${label}:`);
    for (const size of BURSTS) {
      const a = appResults.get(size)!;
      const b = floor.get(size)!;
      const ratio = (x: number, y: number) => `${(x / y).toFixed(2)}×`;
      console.log(
        `    burst ${String(size).padStart(3)}: p50 ${ratio(a.p50, b.p50)}  p99 ${ratio(a.p99, b.p99)}  max ${ratio(a.max, b.max)}  all views.open ${ratio(a.allViewsOpenMs, b.allViewsOpenMs)}`,
      );
    }
  };
  ratios('bare Bolt (target ≤ 1.2×)', bareResults);
  ratios('bare Bolt opening the same modal', bareSameResults);

  // Memory in a fresh process (with --expose-gc), so neither the bursts nor other benches count.
  console.log(`memory (fresh child process: app + fake Slack + load generator; after a full GC)`);
  console.log(`  rss in this process after the first start (for reference): ${mb(rssAfterStart)}`);
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), MEMORY_FLAG], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (child.status !== 0) throw new Error(`memory run failed (${child.status}): ${child.stderr.slice(0, 2000)}`);
  process.stdout.write(child.stdout);
}

const MEMORY_FLAG = '--memory';

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Runs in the child: start, measure, record NEEDS needs, measure. */
async function memoryMain(): Promise<void> {
  const memoryApp = await startRealApp();
  try {
    gc();
    const afterStart = process.memoryUsage();
    const { seconds, sends } = await recordNeeds(memoryApp);
    gc();
    const afterNeeds = process.memoryUsage();
    console.log(`  rss after start:                 ${mb(afterStart.rss)}  (heap used ${mb(afterStart.heapUsed)})`);
    console.log(
      `  rss after recording ${NEEDS} needs:  ${mb(afterNeeds.rss)}  (heap used ${mb(afterNeeds.heapUsed)}; rss +${mb(afterNeeds.rss - afterStart.rss)}, heap +${mb(afterNeeds.heapUsed - afterStart.heapUsed)})`,
    );
    console.log(`  ${NEEDS} needs submitted in batches of ${NEED_BATCH}, outbox drained: ${seconds.toFixed(1)} s, ${sends} Web API calls`);
  } finally {
    await memoryApp.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  (process.argv.includes(MEMORY_FLAG) ? memoryMain() : main())
    .then(() => process.exit())
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
