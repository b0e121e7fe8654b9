// Weekly summaries, where they start: the scheduled job, and when a week's summary falls due.
//
// Every channel with `weekly_summary: true` gets last ISO week's summary when it falls due (below:
// the cron expression in the summary timezone, shifted past Swedish holidays). On
// start the app catches up on a summary it missed while it was down — last week's only; older
// weeks are never posted late. Posting goes claim → outbox: the claim row makes it exactly once
// per channel and week across restarts, instances and manual runs; the outbox retries Slack.
import { Cron } from 'croner';
import type { ChannelsConfig } from '../channels/channelsConfig.js';
import type { Config } from '../config.js';
import type { Db } from '../platform/db/client.js';
import type { Logger } from '../logger.js';
import type { OutboxWorker } from '../platform/outbox/outboxWorker.js';
import { anyNeedRecordedBefore } from './summaryRepository.js';
import { claimSummaries, type ClaimResult, summaryChannels } from './weeklySummary.js';
import {
  formatIsoWeek,
  type IsoWeek,
  addDays,
  addWeeks,
  isoWeekday,
  isoWeekOf,
  type LocalDate,
  localDateTime,
  weekRange,
  zonedTimeToInstant,
} from '../platform/isoWeek.js';
import { getHolidays } from 'swedish-holidays';

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
    if (!(await anyNeedRecordedBefore(deps.db, due))) return [];
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

// When a week's summary is due. The cron expression (default "0 8 * * 1", Monday 08:00) gives the
// first run after the week has ended; when that day is not a working day in Sweden (a public
// holiday such as annandag påsk, or a de facto day off such as julafton), the run moves to the
// next working day at the same wall-clock time.

/** Days that are not public holidays but on which Swedish workplaces are closed (as for banks). */
const DE_FACTO_DAYS_OFF = new Set(['Midsommarafton', 'Julafton', 'Nyårsafton']);

const holidayCache = new Map<number, Map<string, string>>();

function key(d: LocalDate): string {
  return `${d.month}-${d.day}`;
}

function daysOffIn(year: number): Map<string, string> {
  let days = holidayCache.get(year);
  if (!days) {
    days = new Map();
    for (const h of getHolidays(year)) {
      if (h.isPublicHoliday || DE_FACTO_DAYS_OFF.has(h.name)) days.set(`${h.month}-${h.day}`, h.name);
    }
    holidayCache.set(year, days);
  }
  return days;
}

/** The Swedish name of the holiday (or de facto day off) on a date, if any. */
export function swedishHolidayOn(d: LocalDate): string | undefined {
  return daysOffIn(d.year).get(key(d));
}

export function isSwedishWorkingDay(d: LocalDate): boolean {
  return isoWeekday(d) <= 5 && swedishHolidayOn(d) === undefined;
}

export interface SummarySchedule {
  cron: string;
  timezone: string;
}

/**
 * When the summary of `week` is due: the first cron run at or after the end of the week (in the
 * schedule's timezone), moved to the next working day when it falls on a holiday.
 */
export function dueTimeFor(week: IsoWeek, schedule: SummarySchedule): Date {
  const { end } = weekRange(week, schedule.timezone);
  const cron = new Cron(schedule.cron, { timezone: schedule.timezone, paused: true });
  const nominal = cron.nextRun(new Date(end.getTime() - 1));
  cron.stop();
  if (!nominal) throw new Error(`cron expression "${schedule.cron}" never runs`);
  const wall = localDateTime(nominal, schedule.timezone);
  let day: LocalDate = wall;
  for (let i = 0; i < 14 && !isSwedishWorkingDay(day); i++) day = addDays(day, 1);
  if (day === wall) return nominal;
  return zonedTimeToInstant({ ...wall, year: day.year, month: day.month, day: day.day }, schedule.timezone);
}

/** The week a run at `now` reports on: always the ISO week before the current one. */
export function reportedWeekAt(now: Date, timezone: string): IsoWeek {
  return addWeeks(isoWeekOf(now, timezone), -1);
}

/**
 * The week whose summary should be posted at `now`, or null. Only last week's summary, and only
 * once it is due: a summary missed because the app was down is posted late during the same week,
 * never in a later one.
 */
export function weekDueAt(now: Date, schedule: SummarySchedule): IsoWeek | null {
  const week = reportedWeekAt(now, schedule.timezone);
  return dueTimeFor(week, schedule).getTime() <= now.getTime() ? week : null;
}

/** The next time a summary falls due, strictly after `now`. */
export function nextDueAfter(now: Date, schedule: SummarySchedule): Date {
  let week = reportedWeekAt(now, schedule.timezone);
  for (let i = 0; i < 3; i++) {
    const due = dueTimeFor(week, schedule);
    if (due.getTime() > now.getTime()) return due;
    week = addWeeks(week, 1);
  }
  throw new Error('no due time found');
}
