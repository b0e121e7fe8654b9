// The faults of issue 8 as figures: the real app against a FakeSlack that rate-limits, fails for
// minutes, or whose database file another process locks; and the app as a process killed mid-burst.
//   1. A 429 storm (Retry-After: 1) for STORM_S while needs come in: posts lost, time to drain.
//   2. Slack's per-channel limit (1 post/s, burst 3): 100 needs to the all-areas channel in 30 s —
//      429s provoked, rows failed, time until every post is out.
//   3. A 5xx outage for OUTAGE_S: time from Slack's recovery until the queue is empty.
//   4. The SQLite file locked by another connection for 10 s: how long /need, a submission and
//      /healthz take to be answered meanwhile.
//   5. SIGKILL in the middle of a burst of 100 submissions, three rounds: acked needs lost,
//      suggestions posted twice.
// `npm run bench -- faults` runs the full windows (2 minutes each); `-- --quick` shortens them.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { sqliteFilePath } from '../../src/platform/db/client.js';
import { encodeNeedModalMetadata } from '../../src/needs/blocks/needModal.js';
import { CHANNEL_POST_INTERVAL_MS } from '../../src/platform/slack/pacing.js';
import { type AppProcess, exitWithin, spawnApp, startHttpApp, untilOnOutput, waitHealthy } from '../support/appProcess.js';
import { FakeSlack } from '../support/fakeSlack.js';
import { needSubmissionPayload, nextViewId, postCommand, postInteraction } from '../support/slackRequests.js';
import { holdWriteLock, municipalityIdInFile, readFromFile } from '../support/sqliteFile.js';
import { startTestApp, tempDir, type TestApp } from '../support/testApp.js';
import { runIfMain } from './runIfMain.js';

const QUICK = process.argv.includes('--quick');
const STORM_S = QUICK ? 20 : 120;
const OUTAGE_S = QUICK ? 20 : 120;
const LOCK_S = 10;
const KILL_ROUNDS = 3;
const KILL_BURST = 100;

const DESCRIPTIONS = [
  'Hemtjänsten vill ha trygghetslarm och sensorer som larmar när en brukare ramlar på natten.',
  'Vi behöver samordna varutransporter till skolor och förskolor för att minska antalet leveranser.',
  'Kommunen vill visualisera den nya stadsdelen i 3D för medborgardialog innan detaljplanen.',
  'Reningsverket behöver minska energianvändningen och ta tillvara näringsämnen ur slammet.',
];
const METADATA = encodeNeedModalMetadata({ channelId: 'C0TYPED', source: 'slash_command' });
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function withApp<T>(work: (app: TestApp, fake: FakeSlack, kinda: string) => Promise<T>): Promise<T> {
  const fake = await FakeSlack.start();
  // The app's real backoff (5xx: 1 s doubling, capped at 30 s).
  const app = await startTestApp(fake, { baseDelayMs: 1_000 });
  try {
    const kinda = String((await app.server.db.municipality.findUniqueOrThrow({ where: { name: 'Kinda' } })).id);
    return await work(app, fake, kinda);
  } finally {
    await app.stop();
    await fake.stop();
  }
}

async function submit(app: TestApp, kinda: string, i: number): Promise<number> {
  return (await submitTimed(app, kinda, i)).ms;
}

async function submitTimed(app: TestApp, kinda: string, i: number): Promise<{ ms: number; refused: boolean; viewId: string }> {
  const t0 = performance.now();
  const viewId = nextViewId();
  const payload = needSubmissionPayload({ municipalityId: kinda, description: `${DESCRIPTIONS[i % DESCRIPTIONS.length]} (${i})` }, METADATA, 'U0STAFF', viewId);
  const res = await postInteraction(app.baseUrl, payload);
  const body = await res.text();
  return { ms: performance.now() - t0, refused: body.includes('"errors"'), viewId };
}

async function postsAndFailures(app: TestApp): Promise<{ posts: number; unposted: number; failed: number; pending: number }> {
  const db = app.server.db;
  return {
    posts: await db.suggestionPost.count({ where: { messageTs: { not: null } } }),
    unposted: await db.suggestionPost.count({ where: { messageTs: null } }),
    failed: await db.outboxMessage.count({ where: { status: 'failed' } }),
    pending: await db.outboxMessage.count({ where: { status: 'pending' } }),
  };
}

async function rateLimitStorm(): Promise<void> {
  await withApp(async (app, fake, kinda) => {
    fake.failFor(['chat.postMessage', 'chat.postEphemeral', 'chat.update'], { status: 429, retryAfterSeconds: 1 }, STORM_S * 1000);
    const started = Date.now();
    for (let i = 0; i < 30; i++) await submit(app, kinda, i);
    const recovery = started + STORM_S * 1000;
    await app.server.drained();
    const drained = Date.now();
    const state = await postsAndFailures(app);
    const firstAfter = fake.calls.find((c) => c.method === 'chat.postMessage' && c.at >= recovery);
    console.log(
      `1. 429 storm ${STORM_S} s (Retry-After 1), 30 needs: ${state.posts} posts out, ${state.unposted} never posted, ${state.failed} rows failed; first post ${s((firstAfter?.at ?? drained) - recovery)} after Slack recovered, queue empty after ${s(drained - recovery)} (30 posts to the all-areas channel at ~1/s); ${fake.callsOf('chat.postMessage').length} postMessage calls in all`,
    );
  });
}

async function perChannelLimit(): Promise<void> {
  await withApp(async (app, fake, kinda) => {
    fake.limitPostsPerChannel({ burst: 3, intervalMs: 1_000 });
    const started = Date.now();
    for (let i = 0; i < 100; i++) {
      await submit(app, kinda, i);
      const due = started + ((i + 1) * 30_000) / 100; // 100 needs spread over 30 s
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    }
    await app.server.drained();
    const state = await postsAndFailures(app);
    console.log(
      `2. per-channel limit 1/s (burst 3), 100 needs in 30 s: ${fake.rateLimited} 429s provoked, ${state.failed} rows failed, ${state.unposted} never posted; the all-areas channel got ${fake.history.get('C0REGION')?.length ?? 0} posts; all out ${s(Date.now() - started)} after the first need`,
    );
  });
}

async function serverErrorOutage(): Promise<void> {
  await withApp(async (app, fake, kinda) => {
    fake.failFor(['chat.postMessage', 'chat.postEphemeral', 'chat.update', 'conversations.history'], { status: 500 }, OUTAGE_S * 1000);
    const started = Date.now();
    for (let i = 0; i < 30; i++) await submit(app, kinda, i);
    const recovery = started + OUTAGE_S * 1000;
    await app.server.drained();
    const state = await postsAndFailures(app);
    const firstAfter = fake.calls.find((c) => c.method === 'chat.postMessage' && c.at >= recovery);
    console.log(
      `3. 500 outage ${OUTAGE_S} s, 30 needs: first post ${s((firstAfter?.at ?? Date.now()) - recovery)} after Slack recovered, queue empty after ${s(Date.now() - recovery)} (paced: 30 posts to the all-areas channel); ${state.failed} failed, ${state.unposted} never posted`,
    );
  });
}

async function lockedDatabase(): Promise<void> {
  await withApp(async (app, fake, kinda) => {
    const lock = holdWriteLock(sqliteFilePath(app.databaseUrl));
    const release = () => lock.release();
    const releaseTimer = setTimeout(release, LOCK_S * 1000);
    const timed = async (work: () => Promise<Response>) => {
      const t0 = performance.now();
      const res = await work();
      await res.text();
      return { ms: performance.now() - t0, status: res.status };
    };
    const commands: number[] = [];
    const submissions: number[] = [];
    const refusedViews: string[] = [];
    const health: number[] = [];
    const until = Date.now() + (LOCK_S - 1) * 1000;
    let i = 0;
    while (Date.now() < until) {
      const [c, sub, h] = await Promise.all([
        timed(() => postCommand(app.baseUrl, { text: 'låst' })),
        submitTimed(app, kinda, i++),
        timed(() => fetch(`${app.baseUrl}/healthz`)),
      ]);
      commands.push(c.ms);
      submissions.push(sub.ms);
      if (sub.refused) refusedViews.push(`view:${sub.viewId}`);
      health.push(h.ms);
    }
    clearTimeout(releaseTimer);
    release();
    await app.server.settled();
    const max = (xs: number[]) => Math.max(...xs).toFixed(0);
    const storedAnyway = await app.server.db.need.count({ where: { submissionKey: { in: refusedViews } } });
    console.log(
      `4. SQLite file locked ${LOCK_S} s: /need acked in ≤ ${max(commands)} ms, submissions answered in ≤ ${max(submissions)} ms, /healthz in ≤ ${max(health)} ms (${commands.length} rounds); ${refusedViews.length} submissions answered "kunde inte sparas", ${storedAnyway} of them stored anyway; ${await app.server.db.need.count()} needs stored in all; ${fake.callsOf('views.open').length} modals opened`,
    );
  });
}

async function killedMidBurst(): Promise<void> {
  const fake = await FakeSlack.start();
  const dir = tempDir('bench-kill-');
  try {
    let lost = 0;
    let doubled = 0;
    let ackedTotal = 0;
    let suggestionsTotal = 0;
    for (let round = 0; round < KILL_ROUNDS; round++) {
      fake.reset();
      const dbFile = path.join(dir, `round${round}.db`);
      const {
        app: first,
        env,
        port,
      } = await startHttpApp({
        dir,
        databaseUrl: `file:${dbFile}`,
        channelsYaml:
          'intake: C0INTAKE\nteams:\n  - channel: C0IOT\n    areas: [uppkopplade]\n  - channel: C0LOGIST\n    areas: [logistik]\n  - channel: C0REGION\n    areas: all\n',
        token: 'xoxb-bench',
        slackApiUrl: fake.url,
      });
      const kinda = municipalityIdInFile(dbFile);
      let posts = 0;
      const killAt = 10 + round * 15;
      fake.onCall('chat.postMessage', async () => {
        if (++posts !== killAt) return;
        first.child.kill('SIGKILL');
        await first.exited;
      });
      const acked: string[] = [];
      await Promise.all(
        Array.from({ length: KILL_BURST }, async (_, i) => {
          const viewId = nextViewId();
          const payload = needSubmissionPayload(
            { municipalityId: kinda, description: `${DESCRIPTIONS[i % DESCRIPTIONS.length]} (${i})` },
            METADATA,
            'U0STAFF',
            viewId,
          );
          try {
            const res = await postInteraction(`http://127.0.0.1:${port}`, payload);
            if (res.status === 200 && (await res.text()) === '') acked.push(`view:${viewId}`);
          } catch {
            // the process died with the request open
          }
        }),
      );
      await exitWithin(first, 20_000);
      fake.onCall('chat.postMessage', null);
      const second: AppProcess = spawnApp({ ...env, LOG_LEVEL: 'debug' });
      await waitHealthy(second, port);
      const outboxEmpty = async () =>
        ((await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { outbox: { pending: number } }).outbox.pending === 0;
      // Every need is posted to the region's channel, one lane paced at one post per
      // CHANNEL_POST_INTERVAL_MS: draining a burst of 100 takes close to two minutes by design.
      await untilOnOutput(second, outboxEmpty, 'an empty outbox', KILL_BURST * CHANNEL_POST_INTERVAL_MS + 60_000);
      const { stored, suggestions } = readFromFile(dbFile, (db) => ({
        stored: new Set((db.prepare('SELECT submissionKey AS k FROM Need').all() as { k: string }[]).map((r) => r.k)),
        suggestions: db.prepare('SELECT id, channelId FROM SuggestionPost').all() as { id: number; channelId: string }[],
      }));
      lost += acked.filter((k) => !stored.has(k)).length;
      doubled += suggestions.filter((p) => fake.messagesWithMetadata(p.channelId, 'outbox_key', `suggestion:${p.id}`).length > 1).length;
      ackedTotal += acked.length;
      suggestionsTotal += suggestions.length;
      second.child.kill('SIGTERM');
      await exitWithin(second, 15_000);
    }
    console.log(
      `5. SIGKILL mid-burst of ${KILL_BURST}, ${KILL_ROUNDS} rounds: ${ackedTotal} acked, ${lost} of them lost; ${suggestionsTotal} suggestions, ${doubled} posted twice`,
    );
  } finally {
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function main(): Promise<void> {
  console.log(`faults${QUICK ? ' (quick: shortened windows)' : ''}`);
  await lockedDatabase();
  await killedMidBurst();
  await perChannelLimit();
  await rateLimitStorm();
  await serverErrorOutage();
}

runIfMain(import.meta.url, main);
