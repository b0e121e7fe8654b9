// Weekly summaries against a real SQLite file (migrated and seeded), a fixed clock and a local
// fake Slack Web API: the figures, the week boundaries in Stockholm time, exactly-once posting
// under concurrent runs and restarts, catch-up after downtime, Slack failures, the chart and the CLI.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { WebClient } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelsConfig } from '../../src/channels/channelsConfig.js';
import { runSummary, type SummaryCliEnv } from '../../src/weekly-summary/cli.js';
import { type Config, parseConfig } from '../../src/config.js';
import type { Db } from '../../src/platform/db/client.js';
import { createLogger } from '../../src/logger.js';
import { OutboxWorker } from '../../src/platform/outbox/outboxWorker.js';
import { createSlackOutboxSender } from '../../src/platform/outbox/sendFunctions.js';
import { runDueSummaries, startWeeklySummaries } from '../../src/weekly-summary/schedule.js';
import type { ClaimResult } from '../../src/weekly-summary/weeklySummary.js';
import { formatIsoWeek, parseIsoWeek, weekRange } from '../../src/platform/isoWeek.js';
import { loadWeeklySummary } from '../../src/weekly-summary/weeklySummary.js';
import { reportedWeekAt, weekDueAt } from '../../src/weekly-summary/schedule.js';
import { FakeSlack } from '../support/fakeSlack.js';
import { startTestApp, TEST_CHANNELS, tempDir } from '../support/testApp.js';
import { addNeed, createTestDb, type TestDb } from '../support/testDb.js';
import { pngSize } from '../unit/weekly-summary/fixtures.js';

const TZ = 'Europe/Stockholm';
const W47 = parseIsoWeek('2026-W47');
/** Monday 2026-11-23 08:00 in Stockholm: W47's summary is due. */
const DUE_W47 = new Date('2026-11-23T07:00:00Z');
const logger = createLogger('silent');
const execFileAsync = promisify(execFile);

let fake: FakeSlack;
beforeAll(async () => {
  fake = await FakeSlack.start();
});
afterAll(async () => {
  await fake.stop();
});

function configFor(t: TestDb): Config {
  return parseConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: 'test-signing-secret-0123456789',
    DATABASE_URL: t.url,
    SLACK_API_URL: fake.url,
    LOG_LEVEL: 'silent',
  });
}

function outboxWorker(db: Db): OutboxWorker {
  const client = new WebClient('xoxb-test-token', { slackApiUrl: fake.url, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
  return new OutboxWorker({
    db,
    logger,
    send: createSlackOutboxSender({ db, client, locale: 'sv', intakeChannel: TEST_CHANNELS.intake, logger }),
    pollIntervalMs: 60_000,
    baseDelayMs: 10,
  });
}

/** Slack calls that put a summary in a channel: the upload's completion, or a one-line message. */
interface SummaryPost {
  channel: string;
  kind: 'chart' | 'line';
  args: Record<string, unknown>;
}
function summaryPosts(): SummaryPost[] {
  return fake.calls.flatMap((c): SummaryPost[] => {
    if (c.method === 'files.completeUploadExternal') return [{ channel: String(c.args.channel_id), kind: 'chart', args: c.args }];
    if (c.method === 'chat.postMessage') return [{ channel: String(c.args.channel), kind: 'line', args: c.args }];
    return [];
  });
}

const SUMMARY_CHANNELS = TEST_CHANNELS.teams.filter((t) => t.weeklySummary).map((t) => t.channel); // VISUAL, IOT, LOGIST, REGION

describe('the figures', () => {
  let t: TestDb;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestDb();
    // Reported week 2026-W47: Monday 16 – Sunday 22 November (Stockholm).
    ids.n1 = await addNeed(t, {
      municipality: 'Linköping',
      areas: ['logistik'],
      recordedAt: '2026-11-16T08:00:00Z',
      title: 'Samlastning av varor',
      posts: { C0LOGIST: '1700000001.000100' },
    });
    ids.n2 = await addNeed(t, {
      municipality: 'Linköping',
      areas: ['logistik', 'uppkopplade'],
      recordedAt: '2026-11-18T10:00:00Z',
      title: 'Spårning av hjälpmedel',
      posts: { C0REGION: '1700000002.000200' },
    });
    ids.n3 = await addNeed(t, { municipality: 'Motala', areas: ['uppkopplade', 'logistik'], recordedAt: '2026-11-20T10:00:00Z' });
    ids.n4 = await addNeed(t, { municipality: 'Norrköping', areas: ['miljonytta'], recordedAt: '2026-11-22T22:30:00Z' }); // Sunday 23:30
    ids.n5 = await addNeed(t, { municipality: 'Kinda', areas: [], recordedAt: '2026-11-17T10:00:00Z' }); // abstained
    ids.n8 = await addNeed(t, { municipality: 'Ydre', areas: ['uppkopplade'], correctedAreas: 'logistik', recordedAt: '2026-11-19T10:00:00Z' });
    // Just outside W47 on both sides.
    ids.n6 = await addNeed(t, { municipality: 'Linköping', areas: ['logistik'], recordedAt: '2026-11-22T23:30:00Z' }); // Monday 00:30, W48
    // The four weeks before (W43–W46) and one more for the chart (W42).
    ids.a = await addNeed(t, { municipality: 'Linköping', areas: ['logistik'], recordedAt: '2026-10-16T10:00:00Z', claimedAt: '2026-11-17T10:00:00Z' });
    ids.b = await addNeed(t, { municipality: 'Motala', areas: ['logistik'], recordedAt: '2026-10-25T22:30:00Z', title: 'Äldst väntande' }); // Sun 23:30 CET, W43
    ids.c = await addNeed(t, { municipality: 'Linköping', areas: ['logistik'], recordedAt: '2026-10-25T23:30:00Z' }); // Mon 00:30 CET, W44
    ids.d = await addNeed(t, { municipality: 'Linköping', areas: ['logistik'], recordedAt: '2026-11-08T23:00:00Z' }); // exactly 14 days before W47 ends
    ids.e = await addNeed(t, { municipality: 'Linköping', areas: ['logistik'], recordedAt: '2026-11-09T00:00:00Z' }); // 13 days 23 h
    ids.f = await addNeed(t, { municipality: 'Linköping', areas: ['logistik'], recordedAt: '2026-11-15T22:59:00Z', resolvedAt: '2026-11-20T10:00:00Z' }); // Sun 23:59, W46
    // The March DST week (W13: 23–29 March, 167 h).
    for (const recordedAt of ['2026-03-22T22:50:00Z', '2026-03-22T23:10:00Z', '2026-03-29T21:30:00Z', '2026-03-29T22:30:00Z']) {
      await addNeed(t, { municipality: 'Vadstena', areas: ['visualisering'], recordedAt, resolvedAt: '2026-04-20T10:00:00Z' });
    }
    // Feedback and history.
    const feedback = (needId: number, userId: string, kind: string, channelId: string, createdAt: string) =>
      t.db.feedback.create({ data: { needId, userId, kind, channelId, createdAt: new Date(createdAt) } });
    await feedback(ids.n1, 'U1', 'up', 'C0LOGIST', '2026-11-17T09:00:00Z');
    await feedback(ids.n1, 'U2', 'up', 'C0LOGIST', '2026-11-18T09:00:00Z');
    await feedback(ids.n3, 'U1', 'down', 'C0LOGIST', '2026-11-21T09:00:00Z');
    await feedback(ids.n3, 'U3', 'claim', 'C0LOGIST', '2026-11-21T09:00:00Z');
    await feedback(ids.n2, 'U4', 'up', 'C0REGION', '2026-11-18T09:00:00Z');
    await feedback(ids.n2, 'U5', 'up', 'C0LOGIST', '2026-11-23T09:00:00Z'); // W48
    await t.db.needEvent.create({ data: { needId: ids.n8, kind: 'recategorised', detail: 'logistik', userId: 'U1', at: new Date('2026-11-19T12:00:00Z') } });
  });
  afterAll(async () => {
    await t.close();
  });

  const load = (channelId: string, areas: ChannelsConfig['teams'][number]['areas'], week = W47) =>
    loadWeeklySummary(t.db, { channelId, areas, week, timezone: TZ });

  it('counts new needs per municipality and area with the change against the four weeks before', async () => {
    const s = await load('C0LOGIST', ['logistik']);
    expect(s.newNeeds.total).toBe(4);
    expect(s.newNeeds.average).toBe(1.25); // W43: 1, W44: 1, W45: 0, W46: 3
    expect(s.newNeeds.byMunicipality.map((m) => [m.label, m.count, m.average])).toEqual([
      ['Linköping', 2, 1],
      ['Motala', 1, 0.25],
      ['Ydre', 1, 0],
    ]);
    expect(s.newNeeds.byArea.map((a) => [a.key, a.count, a.average])).toEqual([['logistik', 4, 1.25]]);
    // Newest first; the corrected Ydre need is in, the W48 need is not.
    expect(s.newNeeds.shown.map((n) => n.id)).toEqual([ids.n3, ids.n8, ids.n2, ids.n1]);
    expect(s.newNeeds.shown.find((n) => n.id === ids.n1)?.link).toBe('https://slack.com/archives/C0LOGIST/p1700000001000100');
    expect(s.newNeeds.shown.find((n) => n.id === ids.n2)?.link).toBe('https://slack.com/archives/C0REGION/p1700000002000200');
    expect(s.claimed).toBe(1);
    expect(s.resolved).toBe(1);
    expect(s.feedback).toEqual({ up: 2, down: 1, recategorised: 1 });
    // Eight weeks for the chart, W40–W47; they add up to every need in the window.
    expect(s.trend.weeks[0]).toBe('2026-W40');
    expect(s.trend.weeks.at(-1)).toBe('2026-W47');
    expect(s.trend.points.reduce((sum, p) => sum + p.count, 0)).toBe(10);
  });

  it('makes the numbers add up in an all-areas channel, with needs without an area apart', async () => {
    const s = await load('C0REGION', 'all');
    expect(s.newNeeds.total).toBe(6);
    const sum = (xs: { count: number }[]) => xs.reduce((a, x) => a + x.count, 0);
    expect(sum(s.newNeeds.byMunicipality)).toBe(6);
    expect(sum(s.newNeeds.byArea)).toBe(6);
    expect(Object.fromEntries(s.newNeeds.byArea.map((a) => [a.key, a.count]))).toEqual({
      visualisering: 0,
      uppkopplade: 1,
      miljonytta: 1,
      logistik: 3,
      material: 0,
      none: 1,
    });
    expect(s.feedback).toEqual({ up: 1, down: 0, recategorised: 1 });
    const iot = await load('C0IOT', ['uppkopplade']);
    expect(iot.newNeeds.shown.map((n) => n.id).sort()).toEqual([ids.n2, ids.n3].sort()); // n8 was corrected away
  });

  it('lists needs open and unclaimed for 14 days or more, oldest first', async () => {
    const s = await load('C0LOGIST', ['logistik']);
    // a is claimed, f is resolved, e is an hour short of 14 days.
    expect(s.waiting.total).toBe(3);
    expect(s.waiting.shown.map((n) => n.id)).toEqual([ids.b, ids.c, ids.d]);
    expect(s.waiting.shown[0]?.title).toBe('Äldst väntande');
  });

  it('cuts weeks at midnight Stockholm time, DST weeks included', async () => {
    expect((await load('C0LOGIST', ['logistik'], parseIsoWeek('2026-W43'))).newNeeds.total).toBe(1); // b, Sunday 25 Oct 23:30
    expect((await load('C0LOGIST', ['logistik'], parseIsoWeek('2026-W44'))).newNeeds.total).toBe(1); // c, Monday 26 Oct 00:30
    expect((await load('C0LOGIST', ['logistik'], parseIsoWeek('2026-W46'))).newNeeds.total).toBe(3); // d, e, f (Sunday 23:59)
    expect((await load('C0LOGIST', ['logistik'], parseIsoWeek('2026-W48'))).newNeeds.total).toBe(1); // n6, Monday 00:30
    const march = await load('C0VISUAL', ['visualisering'], parseIsoWeek('2026-W13'));
    expect(march.newNeeds.total).toBe(2); // Mon 23 Mar 00:10 CET and Sun 29 Mar 23:30 CEST
    expect(march.end.getTime() - march.start.getTime()).toBe(167 * 3600_000);
  });
});

describe('posting', () => {
  let t: TestDb;
  let config: Config;

  beforeEach(async () => {
    fake.reset();
    t = await createTestDb();
    config = configFor(t);
    await addNeed(t, { municipality: 'Linköping', areas: ['logistik'], recordedAt: '2026-11-18T10:00:00Z', posts: { C0LOGIST: '1700000001.000100' } });
    await addNeed(t, { municipality: 'Mjölby', areas: ['uppkopplade'], recordedAt: '2026-11-19T10:00:00Z' });
  });
  afterEach(async () => {
    await t.close();
  });

  async function drain(db: Db): Promise<void> {
    const worker = outboxWorker(db);
    await worker.start();
    await worker.drain();
    await worker.stop();
  }

  it('posts each summary channel exactly once under concurrent runs in another process and this one, and never again', async () => {
    const deps = { db: t.db, channels: TEST_CHANNELS, logger, config };
    // Another app instance (a separate process on the same SQLite file) and two runs here.
    const runner = fileURLToPath(new URL('../unit/weekly-summary/claimRunner.ts', import.meta.url));
    const instance = async (): Promise<ClaimResult[]> => {
      const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', runner, t.url, DUE_W47.toISOString(), JSON.stringify(TEST_CHANNELS)]);
      return JSON.parse(stdout) as ClaimResult[];
    };
    const runs = await Promise.all([instance(), runDueSummaries(deps, DUE_W47, false), runDueSummaries(deps, DUE_W47, false)]);
    const winners = runs
      .flat()
      .filter((r) => r.claimed)
      .map((r) => r.channel)
      .sort();
    expect(runs.flat()).toHaveLength(12);
    expect(winners).toEqual([...SUMMARY_CHANNELS].sort());
    expect(await t.db.weeklySummaryClaim.count()).toBe(4);
    expect(await t.db.outboxMessage.count({ where: { kind: 'weekly_summary' } })).toBe(4);

    await Promise.all([drain(t.db), drain(t.db)]);
    const posts = summaryPosts();
    expect(posts.map((p) => p.channel).sort()).toEqual([...SUMMARY_CHANNELS].sort());
    // Channels with needs get the report with its chart; the visualisation channel gets one line.
    expect(posts.find((p) => p.channel === 'C0VISUAL')).toMatchObject({ kind: 'line', args: { text: 'Inga nya behov och ingen aktivitet v. 47.' } });
    const logist = posts.find((p) => p.channel === 'C0LOGIST')!;
    expect(logist.kind).toBe('chart');
    const blocks = logist.args.blocks as { type: string; text?: { text: string } }[];
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(blocks)).toContain('<https://slack.com/archives/C0LOGIST/p1700000001000100|');
    expect(blocks[0]?.text?.text).toBe('Veckosammanfattning v. 47 (16 nov. – 22 nov. 2026)');
    // The chart: uploaded to the upload_url, a PNG of the expected size.
    expect(fake.callsOf('files.getUploadURLExternal')).toHaveLength(3);
    const fileId = (logist.args.files as { id: string }[])[0]!.id;
    expect(pngSize(fake.uploads.get(fileId)!)).toEqual({ width: 1200, height: 1000 });
    const claim = await t.db.weeklySummaryClaim.findUniqueOrThrow({ where: { channelId_isoWeek: { channelId: 'C0LOGIST', isoWeek: '2026-W47' } } });
    expect(claim.sentAt).not.toBeNull();
    expect(claim.fileId).toBe(fileId);

    // A restart later the same week, the other instance's timer, and a crash before the outbox row
    // was marked sent: nothing is posted twice.
    const callsBefore = fake.calls.length;
    expect((await runDueSummaries(deps, new Date('2026-11-25T10:00:00Z'), true)).every((r) => !r.claimed)).toBe(true);
    await t.db.outboxMessage.updateMany({ where: { kind: 'weekly_summary' }, data: { status: 'pending' } });
    await drain(t.db);
    expect(fake.calls.length).toBe(callsBefore);
  });

  it('retries a Slack failure through the outbox and posts once', async () => {
    fake.failNext('files.completeUploadExternal', { status: 503 });
    fake.failNext('chat.postMessage', { slackError: 'internal_error' });
    await runDueSummaries({ db: t.db, channels: TEST_CHANNELS, logger, config }, DUE_W47, false);
    const worker = outboxWorker(t.db);
    await worker.start();
    await fake.waitFor(
      (calls) =>
        calls.filter((c) => c.method === 'files.completeUploadExternal').length >= 4 && calls.filter((c) => c.method === 'chat.postMessage').length >= 2,
      '3 uploads + 1 line after one failure each',
      // Four charts rendered and sent: seconds on a loaded machine, so wait generously (event-driven).
      60_000,
    );
    await fake.waitFor(() => true, 'settle');
    await worker.stop();
    const rows = await t.db.outboxMessage.findMany({ where: { kind: 'weekly_summary' } });
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect(rows.map((r) => r.attempts).sort()).toEqual([1, 1, 2, 2]);
    expect(fake.callsOf('files.completeUploadExternal')).toHaveLength(4); // 1 failed + 3 posted
    expect(await t.db.weeklySummaryClaim.count({ where: { sentAt: null } })).toBe(0);
  }, 90_000);

  it('posts the figures without the chart where the app is not in the channel; the CLI re-sends a failed summary, still once', async () => {
    fake.failNext('chat.postMessage', { slackError: 'channel_not_found' }); // C0VISUAL's one-liner: permanent
    fake.failNext('files.completeUploadExternal', { slackError: 'not_in_channel' }); // C0IOT's chart
    await runDueSummaries({ db: t.db, channels: TEST_CHANNELS, logger, config }, DUE_W47, false);
    await drain(t.db);
    const iot = fake.callsOf('chat.postMessage').find((c) => c.args.channel === 'C0IOT')!;
    expect(JSON.stringify(iot.args.blocks)).toContain('bjud in appen till kanalen');
    expect(JSON.stringify(iot.args.blocks)).toContain('*Nya behov:* 1');
    const visual = await t.db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: 'weekly_summary:C0VISUAL:2026-W47' } });
    expect(visual).toMatchObject({ status: 'failed', lastError: 'slack: channel_not_found' });

    // The operator fixes the channel and posts again: only the failed one is sent.
    const out: string[] = [];
    const io = { stdout: (l: string) => out.push(l), stderr: (l: string) => out.push(`ERR ${l}`), readText: () => '' };
    const env: SummaryCliEnv = {
      loadConfig: () => config,
      loadConfigForDryRun: () => config,
      loadChannels: () => TEST_CHANNELS,
      now: () => new Date('2026-11-25T12:00:00Z'),
    };
    const before = summaryPosts().length;
    expect(await runSummary(['--week', '2026-W47', '--post'], io, env)).toBe(0);
    expect(out).toEqual([
      'C0VISUAL 2026-W47: posted (after an earlier failure)',
      'C0IOT 2026-W47: already posted (scheduled) — not posted again',
      'C0LOGIST 2026-W47: already posted (scheduled) — not posted again',
      'C0REGION 2026-W47: already posted (scheduled) — not posted again',
    ]);
    expect(
      summaryPosts()
        .slice(before)
        .map((p) => p.channel),
    ).toEqual(['C0VISUAL']);
  });

  it('catches up after downtime on start, for last week only', async () => {
    const worker = outboxWorker(t.db);
    await worker.start();
    try {
      // Down on Monday morning; started on Wednesday of the same week.
      const jobs = await startWeeklySummaries({
        config,
        db: t.db,
        channels: TEST_CHANNELS,
        logger,
        outbox: worker,
        now: () => new Date('2026-11-25T12:00:00Z'),
      });
      jobs.stop();
      await fake.waitFor(() => summaryPosts().length >= 4, '4 summaries');
      const claims = await t.db.weeklySummaryClaim.findMany();
      expect(claims.map((c) => [c.isoWeek, c.source])).toEqual(Array.from({ length: 4 }, () => ['2026-W47', 'catch_up']));

      // Down for all of the next week and more: W48 is posted late, W47 is not posted again.
      fake.reset();
      const later = await startWeeklySummaries({
        config,
        db: t.db,
        channels: TEST_CHANNELS,
        logger,
        outbox: worker,
        now: () => new Date('2026-12-02T12:00:00Z'),
      });
      later.stop();
      await fake.waitFor(() => summaryPosts().length >= 4, '4 summaries of W48');
      expect(await t.db.weeklySummaryClaim.count({ where: { isoWeek: '2026-W48' } })).toBe(4);
      expect(await t.db.weeklySummaryClaim.count({ where: { isoWeek: '2026-W47' } })).toBe(4);
    } finally {
      await worker.stop();
    }
  });

  it('schedules the run for Monday 08:00 Stockholm time (Tuesday after Easter Monday) and posts when it fires', async () => {
    let clock = new Date('2026-11-22T20:00:00Z'); // Sunday evening, W47 not over yet
    const timers: { at: Date; fn: () => Promise<void> }[] = [];
    const worker = outboxWorker(t.db);
    await worker.start();
    const jobs = await startWeeklySummaries({
      config,
      db: t.db,
      channels: TEST_CHANNELS,
      logger,
      outbox: worker,
      now: () => clock,
      timer: (at, _tz, fn) => {
        timers.push({ at, fn });
        return { stop: () => undefined };
      },
    });
    try {
      expect(await t.db.weeklySummaryClaim.count()).toBe(0); // nothing due yet, nothing to catch up on
      expect(timers.map((x) => x.at.toISOString())).toEqual(['2026-11-23T07:00:00.000Z']);
      clock = new Date('2026-11-23T06:59:59.990Z'); // the timer fires a hair early
      await timers[0]!.fn();
      await fake.waitFor(() => summaryPosts().length >= 4, '4 summaries');
      const claims = await t.db.weeklySummaryClaim.findMany();
      expect(claims.map((c) => [c.isoWeek, c.source])).toEqual(Array.from({ length: 4 }, () => ['2026-W47', 'scheduled']));
      expect(timers.map((x) => x.at.toISOString())).toEqual(['2026-11-23T07:00:00.000Z', '2026-11-30T07:00:00.000Z']);
    } finally {
      jobs.stop();
      await worker.stop();
    }
    // Easter 2027: Monday 29 March is annandag påsk (and summer time began on the 28th).
    const easter: Date[] = [];
    const later = await startWeeklySummaries({
      config,
      db: t.db,
      channels: TEST_CHANNELS,
      logger,
      outbox: worker,
      now: () => new Date('2027-03-27T12:00:00Z'),
      timer: (at) => {
        easter.push(at);
        return { stop: () => undefined };
      },
    });
    later.stop();
    expect(easter.map((d) => d.toISOString())).toEqual(['2027-03-30T06:00:00.000Z']);
  });

  it('never posts an older week late, and waits for a holiday Monday to pass', async () => {
    const deps = { db: t.db, channels: TEST_CHANNELS, logger, config };
    // First start two weeks after W47: only W48 is due (and W47 is skipped for good).
    const results = await runDueSummaries(deps, new Date('2026-12-02T12:00:00Z'), true);
    expect(new Set(results.map((r) => r.isoWeek))).toEqual(new Set(['2026-W48']));
    // Easter Monday 2027-03-29: not due until Tuesday 08:00.
    await addNeed(t, { municipality: 'Boxholm', areas: ['material'], recordedAt: '2027-03-24T10:00:00Z' });
    expect(await runDueSummaries(deps, new Date('2027-03-29T10:00:00Z'), false)).toEqual([]);
    const tuesday = await runDueSummaries(deps, new Date('2027-03-30T06:00:00Z'), false);
    expect(tuesday.filter((r) => r.claimed).map((r) => r.isoWeek)).toEqual(Array.from({ length: 4 }, () => '2027-W12'));
  });

  it('does not catch up on a brand-new install', async () => {
    const fresh = await createTestDb();
    try {
      const results = await runDueSummaries({ db: fresh.db, channels: TEST_CHANNELS, logger, config }, new Date('2026-11-25T12:00:00Z'), true);
      expect(results).toEqual([]);
      expect(await fresh.db.outboxMessage.count()).toBe(0);
    } finally {
      await fresh.close();
    }
  });

  it('CLI: --dry-run prints text and writes the chart; --post posts once per channel and week', async () => {
    const out: string[] = [];
    const io = { stdout: (l: string) => out.push(l), stderr: (l: string) => out.push(`ERR ${l}`), readText: () => '' };
    const env: SummaryCliEnv = {
      loadConfig: () => config,
      loadConfigForDryRun: () => config,
      loadChannels: () => TEST_CHANNELS,
      now: () => new Date('2026-11-25T12:00:00Z'),
    };
    const outDir = path.join(t.dir, 'charts');

    expect(await runSummary(['--week', '2026-W47', '--channel', 'C0LOGIST', '--dry-run', '--out', outDir], io, env)).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('### C0LOGIST (logistik) — 2026-W47');
    expect(text).toContain('Veckosammanfattning v. 47');
    expect(text).toContain('*Nya behov:* 1');
    const chartPath = /chart: (.+\.png)/.exec(text)?.[1];
    expect(chartPath && existsSync(chartPath)).toBe(true);
    expect(pngSize(readFileSync(chartPath!))).toEqual({ width: 1200, height: 1000 });
    expect(fake.calls).toHaveLength(0);
    expect(await t.db.weeklySummaryClaim.count()).toBe(0);

    out.length = 0;
    expect(await runSummary(['--week', '2026-W47', '--channel', 'C0LOGIST', '--channel', 'C0VISUAL', '--post'], io, env)).toBe(0);
    expect(out).toEqual(['C0LOGIST 2026-W47: posted', 'C0VISUAL 2026-W47: posted']);
    expect(
      summaryPosts()
        .map((p) => p.channel)
        .sort(),
    ).toEqual(['C0LOGIST', 'C0VISUAL']);

    out.length = 0;
    expect(await runSummary(['--week', '2026-W47', '--post'], io, env)).toBe(0);
    expect(out).toContain('C0LOGIST 2026-W47: already posted (cli) — not posted again');
    expect(out).toContain('C0IOT 2026-W47: posted');
    expect(summaryPosts()).toHaveLength(4);

    await expect(runSummary(['--week', '2026-48', '--dry-run'], io, env)).rejects.toThrow(/not an ISO week/);
    await expect(runSummary(['--week', '2026-W47'], io, env)).rejects.toThrow(/exactly one of --dry-run and --post/);
    await expect(runSummary(['--week', '2026-W47', '--channel', 'C0NOPE', '--dry-run'], io, env)).rejects.toThrow(/not a team channel/);
    await expect(runSummary(['--week', '2026-W48', '--post'], io, env)).rejects.toThrow(/2026-W48 is not over yet/);
  });
});

describe('the running app', () => {
  it('posts a summary missed while it was down when it starts again, and not after the next restart', async () => {
    fake.reset();
    const dir = tempDir();
    const now = new Date();
    const lastWeek = reportedWeekAt(now, TZ);
    // A need recorded mid last week (Stockholm), in a database from "before the downtime".
    const seeded = await createTestDb(dir);
    await addNeed(seeded, { municipality: 'Linköping', areas: ['logistik'], recordedAt: new Date(weekRange(lastWeek, TZ).start.getTime() + 3 * 86_400_000) });
    await seeded.db.$disconnect();
    const due = weekDueAt(now, { cron: '0 8 * * 1', timezone: TZ }) !== null;

    let app = await startTestApp(fake, { dir });
    try {
      if (due) {
        await fake.waitFor(() => summaryPosts().length >= 4, '4 summaries');
        expect(
          summaryPosts()
            .filter((p) => p.kind === 'chart')
            .map((p) => p.channel)
            .sort(),
        ).toEqual(['C0LOGIST', 'C0REGION']);
        expect(await app.server.db.weeklySummaryClaim.count({ where: { isoWeek: formatIsoWeek(lastWeek) } })).toBe(4);
      }
      await app.stop({ keepFiles: true });
      const before = summaryPosts().length;
      app = await startTestApp(fake, { dir });
      await app.server.outbox.drain();
      expect(summaryPosts().length).toBe(before);
    } finally {
      await app.stop();
    }
  });
});
