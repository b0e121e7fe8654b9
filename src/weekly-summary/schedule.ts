// When a week's summary is due. The cron expression (default "0 8 * * 1", Monday 08:00) gives the
// first run after the week has ended; when that day is not a working day in Sweden (a public
// holiday such as annandag påsk, or a de facto day off such as julafton), the run moves to the
// next working day at the same wall-clock time.
import { Cron } from 'croner';
import { getHolidays } from 'swedish-holidays';
import { addDays, addWeeks, type IsoWeek, isoWeekday, isoWeekOf, type LocalDate, localDateTime, weekRange, zonedTimeToInstant } from './isoWeek.js';

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
