// ISO weeks in a given IANA timezone (Europe/Stockholm by default), with Intl only. A week runs
// from Monday 00:00 local time to the next Monday 00:00 local time, so across a DST switch it is
// 167 or 169 hours long; every boundary is computed as a wall-clock time, never as "+ 7 × 24 h".

/** A calendar date (no time, no zone). Months are 1–12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

export interface IsoWeek {
  year: number;
  week: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock time of an instant in a timezone. */
export function localDateTime(instant: Date, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
    millisecond: instant.getUTCMilliseconds(),
  };
}

/** Offset of the timezone from UTC at an instant, in milliseconds (Stockholm: +1 h or +2 h). */
function offsetMs(instant: Date, timeZone: string): number {
  const l = localDateTime(instant, timeZone);
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second, l.millisecond);
  return asUtc - instant.getTime();
}

/**
 * The instant a wall-clock time happens in a timezone. A time skipped by a spring-forward switch
 * maps to the instant after the gap; an ambiguous autumn time maps to its first occurrence.
 */
export function zonedTimeToInstant(t: LocalDate & Partial<LocalDateTime>, timeZone: string): Date {
  const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour ?? 0, t.minute ?? 0, t.second ?? 0, t.millisecond ?? 0);
  // Try both offsets around the guess; keep the earliest candidate that reads back as `wall`.
  const candidates = new Set([
    offsetMs(new Date(wall), timeZone),
    offsetMs(new Date(wall - 3 * 3600_000), timeZone),
    offsetMs(new Date(wall + 3 * 3600_000), timeZone),
  ]);
  const matches = [...candidates].map((off) => wall - off).filter((instant) => instant + offsetMs(new Date(instant), timeZone) === wall);
  if (matches.length > 0) return new Date(Math.min(...matches));
  // In a gap: use the offset before the switch, which lands just after the gap.
  return new Date(wall - offsetMs(new Date(wall - 3 * 3600_000), timeZone));
}

/** Days since 1970-01-01 of a calendar date (plain arithmetic, no zone). */
function dayNumber(d: LocalDate): number {
  return Math.round(Date.UTC(d.year, d.month - 1, d.day) / 86_400_000);
}

function fromDayNumber(n: number): LocalDate {
  const d = new Date(n * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function addDays(d: LocalDate, days: number): LocalDate {
  return fromDayNumber(dayNumber(d) + days);
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(d: LocalDate): number {
  return ((((dayNumber(d) + 3) % 7) + 7) % 7) + 1; // 1970-01-01 was a Thursday
}

/** The ISO week a calendar date belongs to. */
export function isoWeekOfDate(d: LocalDate): IsoWeek {
  const thursday = addDays(d, 4 - isoWeekday(d));
  const jan1 = { year: thursday.year, month: 1, day: 1 };
  return { year: thursday.year, week: Math.floor((dayNumber(thursday) - dayNumber(jan1)) / 7) + 1 };
}

/** Monday of an ISO week. */
export function mondayOf(w: IsoWeek): LocalDate {
  const jan4 = { year: w.year, month: 1, day: 4 };
  return addDays(jan4, 1 - isoWeekday(jan4) + (w.week - 1) * 7);
}

export function weeksInYear(year: number): number {
  return isoWeekOfDate({ year, month: 12, day: 28 }).week;
}

export function formatIsoWeek(w: IsoWeek): string {
  return `${w.year}-W${String(w.week).padStart(2, '0')}`;
}

export class IsoWeekFormatError extends Error {}

/** Parses "2026-W48" (also "2026W48"); throws IsoWeekFormatError for anything else. */
export function parseIsoWeek(text: string): IsoWeek {
  const match = /^(\d{4})-?W(\d{1,2})$/i.exec(text.trim());
  if (!match) throw new IsoWeekFormatError(`"${text}" is not an ISO week such as 2026-W48`);
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (week < 1 || week > weeksInYear(year)) throw new IsoWeekFormatError(`${year} has no week ${week} (it has ${weeksInYear(year)})`);
  return { year, week };
}

export function addWeeks(w: IsoWeek, weeks: number): IsoWeek {
  return isoWeekOfDate(addDays(mondayOf(w), weeks * 7));
}

/** The ISO week an instant falls in, read on the timezone's wall clock. */
export function isoWeekOf(instant: Date, timeZone: string): IsoWeek {
  return isoWeekOfDate(localDateTime(instant, timeZone));
}

/** [start, end) of an ISO week in a timezone: Monday 00:00 local to the next Monday 00:00 local. */
export function weekRange(w: IsoWeek, timeZone: string): { start: Date; end: Date } {
  const monday = mondayOf(w);
  return { start: zonedTimeToInstant(monday, timeZone), end: zonedTimeToInstant(addDays(monday, 7), timeZone) };
}
