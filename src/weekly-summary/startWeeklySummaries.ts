// Weekly summaries: the scheduled job and its wiring.
//
// Every channel with `weekly_summary: true` gets last ISO week's summary when it falls due (see
// schedule.ts: the cron expression in the summary timezone, shifted past Swedish holidays). On
// start the app catches up on a summary it missed while it was down — last week's only; older
// weeks are never posted late. Posting goes claim → outbox: the claim row makes it exactly once
// per channel and week across restarts, instances and manual runs; the outbox retries Slack.
import { Cron } from 'croner';
import type { ChannelsConfig, TeamChannel } from '../channels/channelsConfig.js';
import type { Config } from '../config.js';
import type { Db } from '../platform/db/client.js';
import type { Logger } from '../logger.js';
import type { OutboxWorker } from '../platform/outbox/outboxWorker.js';
import { claimWeeklySummary, type ClaimSource } from './claim.js';
import { formatIsoWeek, type IsoWeek } from './isoWeek.js';
import { dueTimeFor, nextDueAfter, reportedWeekAt, type SummarySchedule } from './schedule.js';

export interface WeeklySummaryDeps {
  config: Config;
  db: Db;
  channels: ChannelsConfig;
  logger: Logger;
  outbox: OutboxWorker;
  /** The clock (tests pass a fixed one). */
  now?: () => Date;
  /** Runs `fn` once at `at` (default: a one-off croner job; tests capture it). */
  timer?: (at: Date, timezone: string, fn: () => Promise<void>) => { stop(): void };
}

/** A one-off croner job at an exact instant (croner copes with delays beyond setTimeout's ~24.8 days). */
function cronerTimer(at: Date, timezone: string, fn: () => Promise<void>): { stop(): void } {
  const job = new Cron(at, { timezone, maxRuns: 1, unref: true }, fn);
  return { stop: () => job.stop() };
}

export interface ScheduledJobs {
  stop(): void;
}

export interface ClaimResult {
  channel: string;
  isoWeek: string;
  /** true: this run queued the post; false: it was already claimed (posted or on its way). */
  claimed: boolean;
}

/** The team channels that get a weekly summary (optionally only the given ones). */
export function summaryChannels(channels: ChannelsConfig, only?: readonly string[]): TeamChannel[] {
  return channels.teams.filter((t) => t.weeklySummary && (!only || only.length === 0 || only.includes(t.channel)));
}

/** Claims (and queues) the week's summary for each channel; already-claimed ones are skipped. */
export async function claimSummaries(
  db: Db,
  teams: readonly TeamChannel[],
  week: IsoWeek,
  timezone: string,
  source: ClaimSource,
  now?: Date,
): Promise<ClaimResult[]> {
  const isoWeek = formatIsoWeek(week);
  const results: ClaimResult[] = [];
  for (const team of teams) {
    const claimed = await claimWeeklySummary(db, { channelId: team.channel, isoWeek, areas: team.areas, timezone, source, now });
    results.push({ channel: team.channel, isoWeek, claimed });
  }
  return results;
}

/**
 * Claims last week's summaries if they are due at `now`. `catchUp` is the run on start: it also
 * posts only last week's, and only when the app existed before that week's due time (some need
 * was recorded before it); on a brand-new install there is nothing to catch up on.
 */
export async function runDueSummaries(
  deps: Pick<WeeklySummaryDeps, 'db' | 'channels' | 'logger' | 'config'>,
  now: Date,
  catchUp: boolean,
): Promise<ClaimResult[]> {
  const schedule: SummarySchedule = deps.config.summary;
  const week = reportedWeekAt(now, schedule.timezone);
  const due = dueTimeFor(week, schedule);
  if (due.getTime() > now.getTime()) return [];
  const teams = summaryChannels(deps.channels);
  if (teams.length === 0) return [];
  if (catchUp) {
    const existedBefore = await deps.db.need.findFirst({ where: { recordedAt: { lt: due } }, select: { id: true } });
    if (!existedBefore) return [];
  }
  const late = now.getTime() - due.getTime() > 5 * 60_000;
  const results = await claimSummaries(deps.db, teams, week, schedule.timezone, late ? 'catch_up' : 'scheduled', now);
  const claimed = results.filter((r) => r.claimed).map((r) => r.channel);
  if (claimed.length > 0) deps.logger.info({ isoWeek: formatIsoWeek(week), channels: claimed, late }, 'weekly summaries queued');
  return results;
}

export async function startWeeklySummaries(deps: WeeklySummaryDeps): Promise<ScheduledJobs> {
  const { logger, config } = deps;
  const now = deps.now ?? (() => new Date());
  const timer = deps.timer ?? cronerTimer;
  let job: { stop(): void } | null = null;
  let stopped = false;

  const run = async (catchUp: boolean, at: Date) => {
    try {
      const results = await runDueSummaries(deps, at, catchUp);
      if (results.some((r) => r.claimed)) deps.outbox.wake();
    } catch (error) {
      logger.error({ err: error }, 'weekly summaries could not be queued');
    }
  };

  const scheduleNext = (after: Date) => {
    if (stopped) return;
    let next: Date;
    try {
      next = nextDueAfter(after, config.summary);
    } catch (error) {
      logger.error({ err: error, cron: config.summary.cron }, 'weekly summaries are not scheduled');
      return;
    }
    logger.debug({ next: next.toISOString() }, 'next weekly summary');
    job = timer(next, config.summary.timezone, async () => {
      // A timer may fire a hair early; this run is the one due at `next`, so it counts as `next`.
      const at = new Date(Math.max(now().getTime(), next.getTime()));
      await run(false, at);
      scheduleNext(at);
    });
  };

  const started = now();
  await run(true, started);
  scheduleNext(started);
  return {
    stop: () => {
      stopped = true;
      job?.stop();
      job = null;
    },
  };
}
