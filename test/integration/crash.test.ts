// Killed at the worst moment: the app runs as a real process, a burst of submissions comes in, and
// the fake Slack kills the process (SIGKILL) right after it has posted a suggestion but before its
// answer reaches the app — the window where the post exists and the outbox row still says "not
// sent". After a restart on the same database: every acked need is stored and posted, and every
// suggestion is in its channel exactly once.
import { rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { encodeNeedModalMetadata } from '../../src/needs/blocks/needModal.js';
import { type AppProcess, exitWithin, killAll, spawnApp, startHttpApp, untilOnOutput, waitHealthy } from '../support/appProcess.js';
import { FakeSlack } from '../support/fakeSlack.js';
import { needSubmissionPayload, nextViewId, postInteraction } from '../support/slackRequests.js';
import { municipalityIdInFile } from '../support/sqliteFile.js';
import { tempDir } from '../support/testApp.js';

const SUBMISSIONS = 10;
const KILL_AT_POST = 4;

let fake: FakeSlack;
let dir: string;

beforeAll(async () => {
  fake = await FakeSlack.start();
  dir = tempDir('behovsbryggan-crash-');
});
afterEach(() => killAll());
afterAll(async () => {
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Waits until /healthz reports no pending outbox row (and none failed), checking whenever the app writes a log line. */
async function outboxEmpty(run: AppProcess, port: number, timeoutMs = 90_000): Promise<void> {
  let failed: number | null = null;
  await untilOnOutput(
    run,
    async () => {
      const report = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { outbox: { pending: number | null; failed: number | null } };
      failed = report.outbox.failed;
      return report.outbox.pending === 0;
    },
    'an empty outbox',
    timeoutMs,
  );
  expect(failed).toBe(0);
}

describe('SIGKILL between Slack’s answer and the bookkeeping', () => {
  it('posts every acked need, each suggestion exactly once, after a restart', async () => {
    const dbFile = path.join(dir, 'crash.db');
    const {
      app: first,
      env,
      port,
    } = await startHttpApp({
      dir,
      databaseUrl: `file:${dbFile}`,
      channelsYaml: 'intake: C0INTAKE\nteams:\n  - channel: C0IOT\n    areas: [uppkopplade]\n  - channel: C0REGION\n    areas: all\n',
      token: 'xoxb-crash-test',
      slackApiUrl: fake.url,
    });
    const kinda = municipalityIdInFile(dbFile);

    // The sixth post reaches Slack (it is in the channel's history), then the process dies
    // before Slack's answer arrives.
    let posts = 0;
    fake.onCall('chat.postMessage', async () => {
      posts += 1;
      if (posts !== KILL_AT_POST) return;
      first.child.kill('SIGKILL');
      await first.exited;
    });
    const metadata = encodeNeedModalMetadata({ channelId: 'C0TYPED', source: 'slash_command' });
    const results = await Promise.all(
      Array.from({ length: SUBMISSIONS }, async (_, i) => {
        const viewId = nextViewId();
        const payload = needSubmissionPayload(
          { municipalityId: kinda, description: `Hemtjänsten vill ha sensorer och trygghetslarm som larmar när en brukare ramlar (nr ${i}).` },
          metadata,
          'U0STAFF',
          viewId,
        );
        try {
          const res = await postInteraction(`http://127.0.0.1:${port}`, payload);
          return { viewId, acked: res.status === 200 && (await res.text()) === '' };
        } catch {
          return { viewId, acked: false }; // the connection died with the process
        }
      }),
    );
    expect(await exitWithin(first, 20_000)).not.toBe('timeout');
    expect(first.child.signalCode).toBe('SIGKILL');
    fake.onCall('chat.postMessage', null);
    const acked = results.filter((r) => r.acked).map((r) => `view:${r.viewId}`);
    expect(acked.length).toBeGreaterThan(0);

    // Debug logs: the app writes a line per send, which is what the wait below wakes on.
    const second: AppProcess = spawnApp({ ...env, LOG_LEVEL: 'debug' });
    await waitHealthy(second, port);
    await outboxEmpty(second, port);
    const db = new Database(dbFile, { readonly: true });
    try {
      const stored = new Set((db.prepare('SELECT submissionKey AS k FROM Need').all() as { k: string }[]).map((r) => r.k));
      for (const key of acked) expect(stored.has(key), `acked ${key} was lost`).toBe(true);
      const suggestions = db.prepare('SELECT id, channelId, messageTs FROM SuggestionPost').all() as {
        id: number;
        channelId: string;
        messageTs: string | null;
      }[];
      expect(suggestions.length).toBeGreaterThanOrEqual(stored.size * 2);
      for (const s of suggestions) {
        const copies = fake.messagesWithMetadata(s.channelId, 'outbox_key', `suggestion:${s.id}`);
        expect(copies, `suggestion ${s.id} in ${s.channelId}`).toHaveLength(1);
        expect(s.messageTs).toBe(copies[0]!.ts);
      }
      // The post whose answer was lost was found in the history, not made again.
      expect(fake.callsOf('conversations.history').length).toBeGreaterThanOrEqual(1);
    } finally {
      db.close();
    }
    second.child.kill('SIGTERM');
    expect(await exitWithin(second, 15_000)).toBe(0);
  }, 120_000);
});
