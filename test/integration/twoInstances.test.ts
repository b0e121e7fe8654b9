// Two app instances on one PostgreSQL database and one fake Slack, as a deployment with two
// replicas behind Slack's request URL runs (issue 17). Slack hands each request to either instance
// and may send it again (a retry, a re-submitted modal, a replayed button press) to the other.
// - The race: two different people give a need its first 👍 at the same instant, one request
//   reaching each instance. Both reactions are stored and the message shows both.
// - Spread traffic: /need opened on one instance and submitted to the other (and re-sent to the
//   first), reactions and "Jag tar kontakt" on both, every delivery replayed to the other
//   instance; the weekly summary fired from both. Every need stored once, every post made once,
//   every 👍 counted, one summary per channel.
// - A real process killed (SIGKILL) mid-burst while it posts, the other instance serving on, the
//   killed one restarted: nothing acked is lost, nothing is posted twice.
// The in-process instances (startTestApp) let the test await each one's background work with
// settled(); the killed one is a child process (what `npm start` runs), awaited through its output.
// Opt-in like the other PostgreSQL suites:
//   TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/test npx vitest run test/integration/twoInstances.test.ts
import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelsConfig } from '../../src/channels/channelsConfig.js';
import { parseConfig } from '../../src/config.js';
import { messages } from '../../src/i18n/messages.js';
import { createLogger } from '../../src/logger.js';
import type { AreaSlug } from '../../src/matching/types.js';
import { SUGGESTION_ACTIONS } from '../../src/needs/blocks/suggestionMessage.js';
import { encodeNeedModalMetadata } from '../../src/needs/blocks/needModal.js';
import { runDueSummaries } from '../../src/weekly-summary/schedule.js';
import { formatIsoWeek } from '../../src/platform/isoWeek.js';
import { dueTimeFor, reportedWeekAt } from '../../src/weekly-summary/schedule.js';
import { exitWithin, killAll, spawnApp, startHttpApp, untilOnOutput, waitHealthy } from '../support/appProcess.js';
import { FakeSlack, type RecordedCall } from '../support/fakeSlack.js';
import { HOME_CARE_NEED, municipalityIdOf, openNeedModal } from '../support/needs.js';
import { createThrowawayDatabase, postgresUrl, type ThrowawayDatabase } from '../support/postgres.js';
import { buttonPayload, needSubmissionPayload, nextViewId, postEvent, postInteraction, reactionEnvelope, SIGNING_SECRET } from '../support/slackRequests.js';
import { startTestApp, TEST_CHANNELS, type TestApp, tempDir } from '../support/testApp.js';
import { addNeed, type TestDb } from '../support/testDb.js';

/**
 * Needs given two people's first 👍 at the same instant, one request to each instance. Before the
 * fix (the need's row lock in FeedbackService) one of the two was lost in 20 of 20 pairs, run after run.
 */
const UP_PAIRS = 20;
/**
 * Needs given a 👍 and a 🙋 by two people at the same instant: a claim is a first reaction too (2–4
 * of 4 lost before the fix). Two first 🙋 at once were not lost even then: both change the need's
 * status, and that UPDATE's row lock already put them one after the other.
 */
const MIXED_PAIRS = 4;

const AREA_CHANNELS: [AreaSlug, string][] = [
  ['visualisering', 'C0VISUAL'],
  ['uppkopplade', 'C0IOT'],
  ['miljonytta', 'C0GREEN'],
  ['logistik', 'C0LOGIST'],
  ['material', 'C0MATER'],
];
const SUMMARY_CHANNELS = TEST_CHANNELS.teams.filter((t) => t.weeklySummary).map((t) => t.channel);
const RETRY = { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } };

const sv = messages('sv').feedback;
const votes = (up: number, down: number, channel: string) => sv.votes(up, down, `<#${channel}>`);
const claimedBy = (userId: string) => sv.claimedBy(`<@${userId}>`);
const textOf = (call: RecordedCall) => JSON.stringify(call.args.blocks);

/** The channels file a child process reads: the same channels as the in-process instances. */
function channelsYaml(channels: ChannelsConfig): string {
  const teams = channels.teams.map(
    (t) => `  - channel: ${t.channel}\n    areas: ${t.areas === 'all' ? 'all' : `[${t.areas.join(', ')}]`}\n    weekly_summary: ${t.weeklySummary}\n`,
  );
  return `intake: ${channels.intake}\nteams:\n${teams.join('')}`;
}

describe.skipIf(!postgresUrl)('two app instances on one PostgreSQL database and one Slack', () => {
  let fake: FakeSlack;
  let database: ThrowawayDatabase;
  let a: TestApp;
  let b: TestApp;
  let dir: string;

  beforeAll(async () => {
    dir = tempDir('behovsbryggan-two-');
    fake = await FakeSlack.start();
    database = await createThrowawayDatabase();
    // At the same moment, on an empty database: both migrate and seed, and both must start (the
    // loser of a race on a seeded row runs the sync again; before, it stopped on StrengthArea_pkey).
    [a, b] = await Promise.all([startTestApp(fake, { databaseUrl: database.url }), startTestApp(fake, { databaseUrl: database.url })]);
    expect(await a.server.db.municipality.count()).toBe(13);
  }, 60_000);
  afterEach(() => killAll());
  afterAll(async () => {
    // Each is unset if beforeAll failed before creating it.
    await (a as TestApp | undefined)?.stop();
    await (b as TestApp | undefined)?.stop();
    await (database as ThrowawayDatabase | undefined)?.drop();
    await (fake as FakeSlack | undefined)?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Waits until neither in-process instance has anything left to do now. */
  async function settle(...apps: TestApp[]): Promise<void> {
    await Promise.all(apps.map((app) => app.server.settled()));
  }

  /** The last chat.update of one copy of a suggestion. */
  function lastUpdate(channel: string, ts: string): string | null {
    const update = fake
      .callsOf('chat.update')
      .filter((c) => c.args.channel === channel && c.args.ts === ts)
      .at(-1);
    return update ? textOf(update) : null;
  }

  async function pendingOutboxRows(): Promise<number> {
    return a.server.db.outboxMessage.count({ where: { status: { not: 'sent' } } });
  }

  /** Every suggestion post of the needs is in its channel exactly once, at the ts stored for it. */
  async function expectPostedOnce(needIds: number[]): Promise<number> {
    const posts = await a.server.db.suggestionPost.findMany({ where: { needId: { in: needIds } } });
    for (const post of posts) {
      const copies = fake.messagesWithMetadata(post.channelId, 'outbox_key', `suggestion:${post.id}`);
      expect(
        copies.map((m) => m.ts),
        `suggestion ${post.id} of need ${post.needId} in ${post.channelId}`,
      ).toEqual([post.messageTs]);
    }
    return posts.length;
  }

  it('counts both of two people’s first reactions given at the same instant, one request reaching each instance', async () => {
    // The needs as posted suggestions (one copy each, spread over the area channels), straight
    // into the database: this test is about the reactions, not the posting.
    const fixtures: TestDb = {
      db: a.server.db,
      url: database.url,
      dir: '',
      municipalityIds: new Map((await a.server.db.municipality.findMany()).map((m) => [m.name, m.id])),
      close: () => Promise.resolve(),
    };
    const now = new Date();
    const second = Math.floor(now.getTime() / 1000);
    const needs: { needId: number; channel: string; ts: string; mixed: boolean }[] = [];
    for (let i = 0; i < UP_PAIRS + MIXED_PAIRS; i++) {
      const [area, channel] = AREA_CHANNELS[i % AREA_CHANNELS.length]!;
      const ts = `${second}.${String(900000 + i)}`;
      const needId = await addNeed(fixtures, { municipality: 'Kinda', areas: [area], recordedAt: now.toISOString(), posts: { [channel]: ts } });
      needs.push({ needId, channel, ts, mixed: i >= UP_PAIRS });
    }

    // Sending waits while the pairs come in, so each message is updated once, after them (Slack's
    // chat.update pace, ~50 a minute, would otherwise make this test wait for an update per pair).
    await Promise.all([a.server.outbox.stop(), b.server.outbox.stop()]);
    try {
      for (const need of needs) {
        const react = (app: TestApp, userId: string, reaction: string) =>
          postEvent(app.baseUrl, reactionEnvelope({ type: 'reaction_added', reaction, userId, channel: need.channel, ts: need.ts }));
        const acks = await Promise.all([react(a, 'U0ALICE', '+1'), react(b, 'U0BOB', need.mixed ? 'raising_hand' : '+1')]);
        expect(acks.map((r) => r.status)).toEqual([200, 200]);
      }
      await settle(a, b);
    } finally {
      await Promise.all([a.server.outbox.start(), b.server.outbox.start()]);
    }

    const feedback = await a.server.db.feedback.findMany({ where: { needId: { in: needs.map((n) => n.needId) } } });
    const expected = (need: (typeof needs)[number]) => ['U0ALICE:up', need.mixed ? 'U0BOB:claim' : 'U0BOB:up'];
    const lost = needs.flatMap((need) => {
      const stored = feedback.filter((f) => f.needId === need.needId).map((f) => `${f.userId}:${f.kind}`);
      const missing = expected(need).filter((e) => !stored.includes(e));
      return missing.length > 0 ? [`need ${need.needId} lost ${missing.join(', ')}`] : [];
    });
    const lostUp = needs.filter((n) => !n.mixed && lost.some((l) => l.startsWith(`need ${n.needId} `))).length;
    const lostMixed = needs.filter((n) => n.mixed && lost.some((l) => l.startsWith(`need ${n.needId} `))).length;
    expect(lost, `${lostUp} of ${UP_PAIRS} 👍+👍 pairs and ${lostMixed} of ${MIXED_PAIRS} 👍+🙋 pairs lost a person's reaction`).toEqual([]);
    expect(feedback).toHaveLength(2 * needs.length);
    // Each need's 🙋 claimed it once (one status change in its history), and each became a training example.
    for (const need of needs.filter((n) => n.mixed)) {
      const stored = await a.server.db.need.findUniqueOrThrow({ where: { id: need.needId } });
      expect([stored.status, stored.claimedByUserId], `need ${need.needId}`).toEqual(['claimed', 'U0BOB']);
      const history = await a.server.db.needEvent.findMany({ where: { needId: need.needId, kind: 'status' } });
      expect(
        history.map((h) => h.detail),
        `status history of need ${need.needId}`,
      ).toEqual(['open→claimed']);
    }
    expect(await a.server.db.trainingExample.count({ where: { key: { in: needs.map((n) => `need:${n.needId}`) } } })).toBe(needs.length);

    // Both instances send again: every message shows both reactions.
    await settle(a, b);
    expect(await pendingOutboxRows()).toBe(0);
    const wrong = needs.flatMap((need) => {
      const text = lastUpdate(need.channel, need.ts);
      const want = need.mixed ? [votes(1, 0, need.channel), claimedBy('U0BOB')] : [votes(2, 0, need.channel)];
      return text !== null && want.every((w) => text.includes(w)) ? [] : [`need ${need.needId} in ${need.channel}: ${text ?? 'never updated'}`];
    });
    expect(wrong, 'messages not showing both reactions').toEqual([]);
  }, 60_000);

  it('spreads /need, reactions and buttons over both instances; replays to the other instance change nothing; the weekly summary fired from both is posted once per channel', async () => {
    const NEEDS = 4;
    const first = (i: number) => (i % 2 === 0 ? a : b);
    const other = (i: number) => (i % 2 === 0 ? b : a);
    const ephemeralBefore = fake.callsOf('chat.postEphemeral').length;

    // /need on one instance, the modal's submission on the other, and the same submission re-sent
    // to the first at the same moment (a person pressing Spara again, Slack re-sending).
    const kinda = await municipalityIdOf(a);
    const submissions: { viewId: string; payload: unknown; opener: TestApp; submitter: TestApp }[] = [];
    for (let i = 0; i < NEEDS; i++) {
      const metadata = await openNeedModal(first(i), fake);
      const viewId = nextViewId();
      const payload = needSubmissionPayload({ municipalityId: kinda, description: `${HOME_CARE_NEED} (spridd ${i})` }, metadata, 'U0STAFF', viewId);
      submissions.push({ viewId, payload, opener: first(i), submitter: other(i) });
    }
    const acks = await Promise.all(
      submissions
        .flatMap((s) => [postInteraction(s.submitter.baseUrl, s.payload), postInteraction(s.opener.baseUrl, s.payload)])
        .map(async (r) => {
          const res = await r;
          return `${res.status} ${await res.text()}`;
        }),
    );
    expect(acks).toEqual(Array(2 * NEEDS).fill('200 '));
    await settle(a, b);

    const needs = await a.server.db.need.findMany({ where: { submissionKey: { in: submissions.map((s) => `view:${s.viewId}`) } }, orderBy: { id: 'asc' } });
    expect(needs.map((n) => n.submissionKey).sort()).toEqual(submissions.map((s) => `view:${s.viewId}`).sort());
    expect(needs.every((n) => n.routedAt !== null)).toBe(true);
    const needIds = needs.map((n) => n.id);
    expect(await expectPostedOnce(needIds)).toBeGreaterThanOrEqual(2 * NEEDS); // C0IOT and C0REGION at least
    expect(fake.callsOf('chat.postEphemeral').length - ephemeralBefore).toBe(NEEDS); // one confirmation each
    const copies = await a.server.db.suggestionPost.findMany({ where: { needId: { in: needIds } } });
    const copy = (needId: number, channel: string) => {
      const post = copies.find((p) => p.needId === needId && p.channelId === channel);
      if (!post?.messageTs) throw new Error(`need ${needId} was not posted in ${channel}`);
      return { id: post.id, channel, ts: post.messageTs };
    };

    // Reactions and presses in rounds (one person's change per need at a time; the simultaneous
    // case is the test above), every delivery sent to one instance and re-sent to the other at
    // the same moment. Sending waits meanwhile, so each message is updated once at the end.
    await Promise.all([a.server.outbox.stop(), b.server.outbox.stop()]);
    try {
      const react = (
        type: 'reaction_added' | 'reaction_removed',
        reaction: string,
        userId: string,
        at: { channel: string; ts: string },
        to: TestApp,
        eventId: string,
      ) => {
        const envelope = reactionEnvelope({ type, reaction, userId, channel: at.channel, ts: at.ts, eventId });
        const replayTo = to === a ? b : a;
        return Promise.all([postEvent(to.baseUrl, envelope), postEvent(replayTo.baseUrl, envelope, RETRY)]);
      };
      const round = async (deliveries: Promise<Response[]>[]) => {
        expect((await Promise.all(deliveries)).flat().map((r) => r.status)).toEqual(Array(deliveries.length * 2).fill(200));
        await settle(a, b);
      };
      const tag = Math.random().toString(36).slice(2, 8);
      const ev = (name: string, i: number) => `Ev2I${tag}${name}${i}`;
      // 1: Alice's 👍 in the area channel.
      await round(needIds.map((id, i) => react('reaction_added', '+1', 'U0ALICE', copy(id, 'C0IOT'), first(i), ev('alice', i))));
      // 2: Bob's 👍 there, and Carol's in the regional channel.
      await round(
        needIds.flatMap((id, i) => [
          react('reaction_added', '+1', 'U0BOB', copy(id, 'C0IOT'), other(i), ev('bob', i)),
          react('reaction_added', '+1', 'U0CAROL', copy(id, 'C0REGION'), first(i), ev('carol', i)),
        ]),
      );
      // 3: Carol takes hers back; then Slack retries her 👍 once more, late, to the other instance.
      await round(needIds.map((id, i) => react('reaction_removed', '+1', 'U0CAROL', copy(id, 'C0REGION'), other(i), ev('carolundo', i))));
      const lateRetries = await Promise.all(
        needIds.map((id, i) =>
          postEvent(
            other(i).baseUrl,
            reactionEnvelope({
              type: 'reaction_added',
              reaction: '+1',
              userId: 'U0CAROL',
              channel: 'C0REGION',
              ts: copy(id, 'C0REGION').ts,
              eventId: ev('carol', i),
            }),
            {
              headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' },
            },
          ),
        ),
      );
      expect(lateRetries.map((r) => r.status)).toEqual(Array(NEEDS).fill(200));
      await settle(a, b);
      // 4: Dave presses "Jag tar kontakt"; the same press (same action_ts) reaches the other instance
      // too. The button toggles, so a replay handled twice would withdraw his claim.
      const claimPress = (needId: number) => {
        const { id, ts } = copy(needId, 'C0IOT');
        return buttonPayload({ actionId: SUGGESTION_ACTIONS.claim, value: String(id), userId: 'U0DAVE', channel: 'C0IOT', messageTs: ts });
      };
      const press = (needId: number, to: TestApp) => {
        const payload = claimPress(needId);
        return Promise.all([postInteraction(to.baseUrl, payload), postInteraction((to === a ? b : a).baseUrl, payload)]);
      };
      await round(needIds.map((id, i) => press(id, first(i))));
      // …and on the first need he presses again (a new press): that does withdraw it.
      const again = await postInteraction(other(0).baseUrl, claimPress(needIds[0]!));
      expect(again.status).toBe(200);
      await settle(a, b);
    } finally {
      await Promise.all([a.server.outbox.start(), b.server.outbox.start()]);
    }

    const feedback = await a.server.db.feedback.findMany({ where: { needId: { in: needIds } } });
    const byNeed = (needId: number) =>
      feedback
        .filter((f) => f.needId === needId)
        .map((f) => `${f.userId}:${f.kind}:${f.channelId}`)
        .sort();
    for (const [i, id] of needIds.entries()) {
      const want = ['U0ALICE:up:C0IOT', 'U0BOB:up:C0IOT', ...(i === 0 ? [] : ['U0DAVE:claim:C0IOT'])];
      expect(byNeed(id), `feedback on need ${id}`).toEqual(want);
      const stored = await a.server.db.need.findUniqueOrThrow({ where: { id } });
      expect([stored.status, stored.claimedByUserId], `need ${id}`).toEqual(i === 0 ? ['open', null] : ['claimed', 'U0DAVE']);
      const history = await a.server.db.needEvent.findMany({ where: { needId: id, kind: 'status' }, orderBy: { id: 'asc' } });
      expect(
        history.map((h) => h.detail),
        `status history of need ${id}`,
      ).toEqual(i === 0 ? ['open→claimed', 'claimed→open'] : ['open→claimed']);
    }

    // Both send again: every copy's last update shows the two 👍, and Dave where he claimed.
    await settle(a, b);
    expect(await pendingOutboxRows()).toBe(0);
    for (const [i, id] of needIds.entries()) {
      for (const channel of ['C0IOT', 'C0REGION']) {
        const text = lastUpdate(channel, copy(id, channel).ts) ?? 'never updated';
        expect(text, `need ${id} in ${channel}`).toContain(votes(2, 0, 'C0IOT'));
        expect(text, `need ${id} in ${channel}`).not.toContain(votes(1, 0, 'C0REGION')); // Carol's 👍 is gone
        if (i === 0) expect(text, `need ${id} in ${channel}`).not.toContain(claimedBy('U0DAVE'));
        else expect(text, `need ${id} in ${channel}`).toContain(claimedBy('U0DAVE'));
      }
    }
    expect(await expectPostedOnce(needIds)).toBeGreaterThanOrEqual(2 * NEEDS);

    // Monday morning: both instances' schedulers fire at the due time, twice each.
    const config = parseConfig({
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      DATABASE_URL: database.url,
      SLACK_API_URL: fake.url,
      LOG_LEVEL: 'silent',
    });
    const clock = new Date();
    const week = reportedWeekAt(clock, config.summary.timezone);
    const at = new Date(Math.max(clock.getTime(), dueTimeFor(week, config.summary).getTime()));
    const logger = createLogger('silent');
    const fire = (app: TestApp) => runDueSummaries({ db: app.server.db, channels: TEST_CHANNELS, logger, config }, at, false);
    const runs = await Promise.all([fire(a), fire(b), fire(a), fire(b)]);
    const winners = runs
      .flat()
      .filter((r) => r.claimed)
      .map((r) => r.channel)
      .sort();
    expect(winners).toEqual([...SUMMARY_CHANNELS].sort());
    a.server.outbox.wake();
    b.server.outbox.wake();
    await settle(a, b);
    expect(await pendingOutboxRows()).toBe(0);
    const isoWeek = formatIsoWeek(week);
    for (const channel of TEST_CHANNELS.teams.map((t) => t.channel)) {
      const posted =
        fake.messagesWithMetadata(channel, 'outbox_key', `weekly_summary:${channel}:${isoWeek}`).length +
        fake.callsOf('files.completeUploadExternal').filter((c) => c.args.channel_id === channel).length;
      expect(posted, `weekly summaries in ${channel}`).toBe(SUMMARY_CHANNELS.includes(channel) ? 1 : 0);
    }
    expect(await a.server.db.weeklySummaryClaim.count({ where: { isoWeek, sentAt: { not: null } } })).toBe(SUMMARY_CHANNELS.length);
  }, 60_000);

  it('loses and doubles nothing when one instance is killed (SIGKILL) mid-burst and restarted while the other serves on', async () => {
    // The second instance is now a real process, so it can die for real.
    await b.stop();
    const token = 'xoxb-killed-instance';
    // Every step logs a line (debug): what the waits below wake on.
    const {
      app: child,
      env,
      port,
    } = await startHttpApp({ dir, databaseUrl: database.url, channelsYaml: channelsYaml(TEST_CHANNELS), token, slackApiUrl: fake.url, logLevel: 'debug' });
    const childUrl = `http://127.0.0.1:${port}`;

    // It dies right after its first post reached Slack, before Slack's answer reached it.
    const killed = { key: null as string | null };
    fake.onCall('chat.postMessage', async (call) => {
      if (call.token !== token || killed.key !== null) return;
      killed.key = String((call.args.metadata as { event_payload?: { outbox_key?: string } } | undefined)?.event_payload?.outbox_key);
      child.child.kill('SIGKILL');
      await child.exited;
    });
    const historyBefore = fake.callsOf('conversations.history').length;

    const kinda = await municipalityIdOf(a);
    const metadata = encodeNeedModalMetadata({ channelId: 'C0TYPED', source: 'slash_command' });
    let counter = 0;
    const newSubmission = () => {
      counter += 1;
      const viewId = nextViewId();
      return {
        viewId,
        payload: needSubmissionPayload({ municipalityId: kinda, description: `${HOME_CARE_NEED} (omstart ${counter})` }, metadata, 'U0STAFF', viewId),
      };
    };
    /** Sends a submission; a request the dead instance cannot take is sent to the other (Slack's retry). */
    const submit = async (s: ReturnType<typeof newSubmission>, url: string) => {
      for (const target of [url, a.baseUrl]) {
        try {
          const res = await postInteraction(target, s.payload);
          if (res.status === 200 && (await res.text()) === '') return target;
        } catch {
          // the connection died with the process, or nobody listens: try the other instance
        }
      }
      throw new Error(`no instance took the submission of ${s.viewId}`);
    };

    // Wave 1 on both instances at once; the child posts its share after the burst and dies.
    const wave1 = Array.from({ length: 4 }, newSubmission);
    const wave1Targets = await Promise.all(wave1.map((s, i) => submit(s, i % 2 === 0 ? a.baseUrl : childUrl)));
    expect(await exitWithin(child, 30_000), 'the child was not killed at its first post').not.toBe('timeout');
    expect(child.child.signalCode).toBe('SIGKILL');
    expect(killed.key).toMatch(/^suggestion:\d+$/);
    fake.onCall('chat.postMessage', null);

    // Wave 2 while it is down: what was meant for it reaches the other instance, and the
    // submissions it had acked are re-sent there too (same view ids).
    const wave2 = Array.from({ length: 2 }, newSubmission);
    await Promise.all(wave2.map((s, i) => submit(s, i % 2 === 0 ? a.baseUrl : childUrl)));
    await Promise.all(wave1.filter((_, i) => wave1Targets[i] === childUrl).map((s) => submit(s, a.baseUrl)));
    await a.server.settled();

    // What the dead process was sending stays leased to it for the outbox's lease (60 s) before any
    // instance sends it; the test lets that minute pass at once. The survivor is settled, so the
    // leases left are the dead one's.
    const leased = await a.server.db.outboxMessage.findMany({ where: { status: 'pending', lockedUntil: { gt: new Date() } } });
    expect(leased.map((r) => r.dedupeKey)).toContain(killed.key);
    await a.server.db.outboxMessage.updateMany({ where: { id: { in: leased.map((r) => r.id) } }, data: { lockedUntil: new Date(Date.now() - 1_000) } });

    const restarted = spawnApp(env);
    await waitHealthy(restarted, port);
    // Wave 3 on both again.
    const wave3 = Array.from({ length: 2 }, newSubmission);
    await Promise.all(wave3.map((s, i) => submit(s, i % 2 === 0 ? a.baseUrl : childUrl)));
    const keys = [...wave1, ...wave2, ...wave3].map((s) => `view:${s.viewId}`);

    const needsOf = () => a.server.db.need.findMany({ where: { submissionKey: { in: keys } }, orderBy: { id: 'asc' } });
    // Done: every need routed (the restarted one routes what it had acked), every post sent.
    const allSent = async () => {
      const needs = await needsOf();
      return needs.length === keys.length && needs.every((n) => n.routedAt !== null) && (await pendingOutboxRows()) === 0;
    };
    // The survivor may do the work instead of the restarted child, writing nothing to its output:
    // wake on each Slack call too, once the survivor has finished what it was doing.
    const slackCallSettled = async () => {
      await fake.nextCall();
      await a.server.settled();
    };
    await a.server.settled();
    await untilOnOutput(restarted, allSent, 'every need routed and every post sent', undefined, slackCallSettled);

    const needs = await needsOf();
    expect(needs.map((n) => n.submissionKey).sort()).toEqual([...keys].sort()); // each stored once
    const needIds = needs.map((n) => n.id);
    expect(await expectPostedOnce(needIds)).toBeGreaterThanOrEqual(2 * keys.length);
    // The post whose answer was lost was found in the channel's history, not made again.
    expect(fake.callsOf('conversations.history').length).toBeGreaterThan(historyBefore);

    // After the restart, on both: Erik's 👍 through the survivor, retried to the restarted one;
    // Anna's "Jag tar kontakt" through the restarted one, the same press then replayed to the
    // survivor (a toggle: handled twice, it would withdraw her claim).
    const posts = await a.server.db.suggestionPost.findMany({ where: { needId: { in: needIds }, channelId: 'C0IOT' }, orderBy: { id: 'asc' } });
    const reacted = posts.slice(0, 3);
    for (const post of reacted) {
      const erik = reactionEnvelope({ type: 'reaction_added', reaction: '+1', userId: 'U0ERIK', channel: 'C0IOT', ts: post.messageTs! });
      expect((await postEvent(a.baseUrl, erik)).status).toBe(200);
      await a.server.settled();
      expect((await postEvent(childUrl, erik, RETRY)).status).toBe(200);
      const anna = buttonPayload({
        actionId: SUGGESTION_ACTIONS.claim,
        value: String(post.id),
        userId: 'U0ANNA',
        channel: 'C0IOT',
        messageTs: post.messageTs!,
      });
      expect((await postInteraction(childUrl, anna)).status).toBe(200);
      const claimed = async () => (await a.server.db.need.findUniqueOrThrow({ where: { id: post.needId } })).claimedByUserId === 'U0ANNA';
      await untilOnOutput(restarted, claimed, `Anna's claim of need ${post.needId}`, undefined, slackCallSettled);
      expect((await postInteraction(a.baseUrl, anna)).status).toBe(200);
      await a.server.settled();
    }
    const updated = async () =>
      (await pendingOutboxRows()) === 0 &&
      reacted.every((p) => [votes(1, 0, 'C0IOT'), claimedBy('U0ANNA')].every((want) => (lastUpdate('C0IOT', p.messageTs!) ?? '').includes(want)));
    await a.server.settled();
    await untilOnOutput(restarted, updated, 'the updates showing Erik’s 👍 and Anna’s claim', undefined, slackCallSettled);
    for (const post of reacted) {
      const feedback = await a.server.db.feedback.findMany({ where: { needId: post.needId } });
      expect(feedback.map((f) => `${f.userId}:${f.kind}`).sort(), `feedback on need ${post.needId}`).toEqual(['U0ANNA:claim', 'U0ERIK:up']);
      const stored = await a.server.db.need.findUniqueOrThrow({ where: { id: post.needId } });
      expect([stored.status, stored.claimedByUserId], `need ${post.needId}`).toEqual(['claimed', 'U0ANNA']);
    }
    expect(await a.server.db.outboxMessage.count({ where: { status: 'failed' } })).toBe(0);

    restarted.child.kill('SIGTERM');
    expect(await exitWithin(restarted, 15_000)).toBe(0);
  }, 120_000);
});
