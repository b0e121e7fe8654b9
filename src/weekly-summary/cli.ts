// `summary --week 2026-W48 [--channel C…]… --dry-run [--out DIR]` prints each channel's weekly
// summary as readable text and writes its chart PNG (naming the path); it posts nothing.
// `summary --week 2026-W48 [--channel C…]… --post` posts now: it claims (channel, week) like the
// scheduler does — so it is still exactly once per channel and week — and drains the outbox once.
// A send that fails stays in the outbox; the running app retries it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { type ChannelsConfig, loadChannelsConfig, type TeamChannel } from '../channels/channelsConfig.js';
import { type Config, loadConfig, loadConfigWithoutSlack } from '../config.js';
import type { Db } from '../platform/db/client.js';
import { createLogger } from '../logger.js';
import { dedupeKeyOf } from '../platform/outbox/outboxQueue.js';
import { OutboxWorker } from '../platform/outbox/outboxWorker.js';
import { createSlackOutboxSender } from '../platform/outbox/sendFunctions.js';
import { slackPacing } from '../platform/slack/pacing.js';
import { prepareWeeklySummary, weeklySummaryText } from './messages.js';
import { formatIsoWeek, IsoWeekFormatError, parseIsoWeek, weekRange } from '../platform/isoWeek.js';
import { reportedWeekAt } from './schedule.js';
import { claimSummaries } from './weeklySummary.js';
import { findClaim } from './summaryRepository.js';
import { loadRegionPack } from '../region/regionPack.js';
import { outboxRowByKey, requeueFailedByKey } from '../platform/outbox/outboxRepository.js';
import { parseCommandArgs, UsageError } from '../cli/classify.js';
import { openDatabase } from '../cli/database.js';
import type { CliIo } from '../cli/index.js';

/** What the command reads from its surroundings; tests pass their own. */
export interface SummaryCliEnv {
  /** Config for --post (needs the bot token). */
  loadConfig(): Config;
  /** Config for --dry-run: Slack credentials are not needed to look. */
  loadConfigForDryRun(): Config;
  /** The channels file, checked against the region pack's areas. */
  loadChannels(config: Config, areas: readonly string[]): ChannelsConfig;
  now(): Date;
}

export const processSummaryEnv: SummaryCliEnv = {
  loadConfig,
  loadConfigForDryRun: loadConfigWithoutSlack,
  loadChannels: (config, areas) => loadChannelsConfig(config.channelsFile, areas),
  now: () => new Date(),
};

const HELP = [
  'usage: npm run cli -- summary [--week 2026-W48] [--channel C…]… --dry-run [--out DIR]',
  '       npm run cli -- summary [--week 2026-W48] [--channel C…]… --post',
  '',
  'The weekly summary of each channel with weekly_summary: true (or of the channels named).',
  '  --week     the ISO week (default: last week, the one the scheduled run reports on)',
  '  --channel  a team channel id from the channels file; repeat for more',
  '  --dry-run  print each summary as text and write its chart PNG (to --out, default the temp folder);',
  '             posts nothing',
  '  --post     post now, claiming (channel, week) as the scheduler does, so still exactly once per',
  '             channel and week; a send that fails stays in the outbox and the running app retries it',
].join('\n');

const summaryArgs = z
  .object({
    week: z.string().optional(),
    channel: z.array(z.string().regex(/^[CG][A-Z0-9]{2,}$/, 'channel must be a Slack channel id such as C0123ABCD')).default([]),
    'dry-run': z.boolean().default(false),
    post: z.boolean().default(false),
    out: z.string().min(1).optional(),
    positionals: z.array(z.string()).max(0, 'unexpected arguments'),
  })
  .refine((a) => a['dry-run'] !== a.post, { error: 'give exactly one of --dry-run and --post' });

export async function runSummary(args: string[], io: CliIo, env: SummaryCliEnv = processSummaryEnv): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(HELP);
    return 0;
  }
  const opts = parseCommandArgs(
    args,
    {
      week: { type: 'string' },
      channel: { type: 'string', multiple: true },
      'dry-run': { type: 'boolean' },
      post: { type: 'boolean' },
      out: { type: 'string' },
    },
    summaryArgs,
  );
  const config = opts.post ? env.loadConfig() : env.loadConfigForDryRun();
  const timezone = config.summary.timezone;
  let week;
  try {
    week = opts.week ? parseIsoWeek(opts.week) : reportedWeekAt(env.now(), timezone);
  } catch (error) {
    if (error instanceof IsoWeekFormatError) throw new UsageError(error.message);
    throw error;
  }
  const { end } = weekRange(week, timezone);
  if (opts.post && end.getTime() > env.now().getTime()) {
    // Posting now would claim the week for good, and the Monday run would then skip it.
    throw new UsageError(`${formatIsoWeek(week)} is not over yet (it ends ${end.toISOString()}); use --dry-run to look at it`);
  }
  const pack = loadRegionPack(config.regionPack); // read once: the channels and the database
  const channels = env.loadChannels(
    config,
    pack.areas.map((a) => a.slug),
  );
  const teams = selectTeams(channels, opts.channel);
  if (teams.length === 0) {
    io.stderr('no channel has weekly_summary: true in the channels file (or name one with --channel)');
    return 1;
  }

  const db = await openDatabase(config.databaseUrl, pack);
  try {
    return opts.post ? await post(db, config, channels, teams, week, io) : await dryRun(db, config, teams, week, opts.out ?? tmpdir(), io);
  } finally {
    await db.$disconnect();
  }
}

/** The summary channels, or the named team channels (named ones need not have weekly_summary). */
function selectTeams(channels: ChannelsConfig, named: string[]): TeamChannel[] {
  if (named.length === 0) return channels.teams.filter((t) => t.weeklySummary);
  return named.map((id) => {
    const team = channels.teams.find((t) => t.channel === id);
    if (!team) throw new UsageError(`${id} is not a team channel in the channels file`);
    return team;
  });
}

async function dryRun(db: Db, config: Config, teams: TeamChannel[], week: ReturnType<typeof parseIsoWeek>, outDir: string, io: CliIo): Promise<number> {
  const isoWeek = formatIsoWeek(week);
  mkdirSync(outDir, { recursive: true });
  for (const team of teams) {
    const prepared = await prepareWeeklySummary(db, { channelId: team.channel, areas: team.areas, week, timezone: config.summary.timezone }, config.locale);
    const claim = await findClaim(db, team.channel, isoWeek);
    const areas = team.areas === 'all' ? 'all' : team.areas.join(', ');
    io.stdout(`### ${team.channel} (${areas}) — ${isoWeek}${claim ? ` — already ${claim.sentAt ? 'posted' : 'claimed'} (${claim.source})` : ''}`);
    io.stdout(weeklySummaryText(prepared.message));
    if (prepared.chart) {
      const file = path.resolve(outDir, `summary-${team.channel}-${isoWeek}.png`);
      writeFileSync(file, prepared.chart);
      io.stdout(`chart: ${file}`);
    } else if (prepared.chartError) {
      io.stdout(`chart: could not be rendered (${prepared.chartError})`);
    } else {
      io.stdout('chart: none (empty week)');
    }
    io.stdout('');
  }
  return 0;
}

async function post(db: Db, config: Config, channels: ChannelsConfig, teams: TeamChannel[], week: ReturnType<typeof parseIsoWeek>, io: CliIo): Promise<number> {
  const results = await claimSummaries(db, teams, week, config.summary.timezone, 'cli');
  const outboxKey = (channelId: string, isoWeek: string) => dedupeKeyOf({ kind: 'weekly_summary', channelId, isoWeek });
  // A summary claimed earlier whose send failed for good (say the app was not allowed in the
  // channel yet) is sent again now: same claim, same outbox row, still at most one post.
  const retried = new Set<string>();
  for (const r of results.filter((x) => !x.claimed)) {
    const claim = await findClaim(db, r.channel, r.isoWeek);
    if (claim?.sentAt) continue;
    if (await requeueFailedByKey(db, outboxKey(r.channel, r.isoWeek))) retried.add(r.channel);
  }
  if (results.some((r) => r.claimed) || retried.size > 0) {
    const logger = createLogger('silent');
    const client = new WebClient(config.slack.botToken, { slackApiUrl: config.slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
    const worker = new OutboxWorker({
      db,
      logger,
      send: createSlackOutboxSender({ db, client, locale: config.locale, intakeChannel: channels.intake, logger }),
      pacing: slackPacing,
      pollIntervalMs: 3_600_000,
    });
    await worker.drain();
  }
  let failures = 0;
  for (const r of results) {
    const row = await outboxRowByKey(db, outboxKey(r.channel, r.isoWeek));
    if (!r.claimed && !retried.has(r.channel)) {
      const claim = await findClaim(db, r.channel, r.isoWeek);
      const state = claim?.sentAt ? 'posted' : row?.status === 'pending' ? 'claimed, queued' : 'claimed';
      io.stdout(`${r.channel} ${r.isoWeek}: already ${state} (${claim?.source ?? '?'}) — not posted again`);
      continue;
    }
    const again = retried.has(r.channel) ? ' (after an earlier failure)' : '';
    if (row?.status === 'sent') io.stdout(`${r.channel} ${r.isoWeek}: posted${again}`);
    else {
      failures++;
      const state = row?.status === 'failed' ? 'failed' : 'queued, the app will retry';
      io.stdout(`${r.channel} ${r.isoWeek}: ${state}${row?.lastError ? ` (${row.lastError})` : ''}`);
    }
  }
  return failures > 0 ? 1 : 0;
}
