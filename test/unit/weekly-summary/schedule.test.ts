import { describe, expect, it } from 'vitest';
import { addWeeks, formatIsoWeek, isoWeekOf, parseIsoWeek, weekRange, weeksInYear, zonedTimeToInstant } from '../../../src/platform/isoWeek.js';
import { dueTimeFor, isSwedishWorkingDay, nextDueAfter, weekDueAt } from '../../../src/weekly-summary/schedule.js';

const TZ = 'Europe/Stockholm';
const schedule = { cron: '0 8 * * 1', timezone: TZ };
const week = (s: string) => parseIsoWeek(s);

describe('ISO weeks in Stockholm time', () => {
  it('parses, formats and steps weeks across years', () => {
    expect(formatIsoWeek(week('2026-W48'))).toBe('2026-W48');
    expect(formatIsoWeek(week('2026w7'))).toBe('2026-W07');
    expect(() => parseIsoWeek('2026-48')).toThrow(/ISO week/);
    expect(() => parseIsoWeek('2025-W53')).toThrow(/has no week 53/);
    expect(weeksInYear(2026)).toBe(53);
    expect(formatIsoWeek(addWeeks(week('2026-W53'), 1))).toBe('2027-W01');
    expect(formatIsoWeek(addWeeks(week('2027-W01'), -1))).toBe('2026-W53');
  });

  it('reads the week on the Stockholm wall clock, not in UTC', () => {
    // Monday 2026-11-23 00:30 in Stockholm is still Sunday 23:30 in UTC.
    expect(formatIsoWeek(isoWeekOf(new Date('2026-11-22T23:30:00Z'), TZ))).toBe('2026-W48');
    expect(formatIsoWeek(isoWeekOf(new Date('2026-11-22T22:59:59Z'), TZ))).toBe('2026-W47');
    expect(formatIsoWeek(isoWeekOf(new Date('2026-11-22T22:59:59Z'), 'UTC'))).toBe('2026-W47');
    expect(formatIsoWeek(isoWeekOf(new Date('2027-01-01T12:00:00Z'), TZ))).toBe('2026-W53');
  });

  it('makes a normal week 168 h and starts it at local midnight', () => {
    const { start, end } = weekRange(week('2026-W48'), TZ);
    expect(start.toISOString()).toBe('2026-11-22T23:00:00.000Z');
    expect(end.toISOString()).toBe('2026-11-29T23:00:00.000Z');
  });

  it('handles the March DST switch (2026-W13 is 167 h) and the October one (2026-W43 is 169 h)', () => {
    const march = weekRange(week('2026-W13'), TZ);
    expect(march.start.toISOString()).toBe('2026-03-22T23:00:00.000Z'); // CET
    expect(march.end.toISOString()).toBe('2026-03-29T22:00:00.000Z'); // CEST
    expect((march.end.getTime() - march.start.getTime()) / 3600_000).toBe(167);
    // The October switch (Sunday 25 October 03:00 → 02:00) is in W43; W44 starts on CET.
    const october = weekRange(week('2026-W43'), TZ);
    expect(october.start.toISOString()).toBe('2026-10-18T22:00:00.000Z');
    expect(october.end.toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect((october.end.getTime() - october.start.getTime()) / 3600_000).toBe(169);
    const w44 = weekRange(week('2026-W44'), TZ);
    expect(w44.start.toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(w44.end.toISOString()).toBe('2026-11-01T23:00:00.000Z');
  });

  it('converts skipped and repeated wall-clock times predictably', () => {
    // 02:30 does not exist on 2026-03-29; 02:30 happens twice on 2026-10-25 (first one wins).
    expect(zonedTimeToInstant({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, TZ).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(zonedTimeToInstant({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, TZ).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });
});

describe('when a summary is due', () => {
  it('is Monday 08:00 Stockholm time after the week, in winter and in summer', () => {
    expect(dueTimeFor(week('2026-W47'), schedule).toISOString()).toBe('2026-11-23T07:00:00.000Z');
    expect(dueTimeFor(week('2026-W24'), schedule).toISOString()).toBe('2026-06-15T06:00:00.000Z');
    // The Monday right after the March switch.
    expect(dueTimeFor(week('2026-W13'), schedule).toISOString()).toBe('2026-03-30T06:00:00.000Z');
  });

  it('moves to the next working day when the Monday is a holiday', () => {
    // Annandag påsk 2026-04-06 → Tuesday.
    expect(dueTimeFor(week('2026-W14'), schedule).toISOString()).toBe('2026-04-07T06:00:00.000Z');
    // Nyårsdagen 2029-01-01 is a Monday → Tuesday 2 January.
    expect(dueTimeFor(week('2028-W52'), schedule).toISOString()).toBe('2029-01-02T07:00:00.000Z');
    // Julafton (a day off in practice), juldagen, annandag jul 2029 → Thursday 27 December.
    expect(dueTimeFor(week('2029-W51'), schedule).toISOString()).toBe('2029-12-27T07:00:00.000Z');
    // Annandag pingst is no longer a holiday: Monday 2026-05-25 stays.
    expect(dueTimeFor(week('2026-W21'), schedule).toISOString()).toBe('2026-05-25T06:00:00.000Z');
    expect(isSwedishWorkingDay({ year: 2026, month: 6, day: 19 })).toBe(false); // midsommarafton
    expect(isSwedishWorkingDay({ year: 2026, month: 6, day: 18 })).toBe(true);
  });

  it('follows a configured cron expression and timezone', () => {
    expect(dueTimeFor(week('2026-W47'), { cron: '30 9 * * 2', timezone: TZ }).toISOString()).toBe('2026-11-24T08:30:00.000Z');
    expect(dueTimeFor(week('2026-W47'), { cron: '0 8 * * 1', timezone: 'UTC' }).toISOString()).toBe('2026-11-23T08:00:00.000Z');
  });

  it('names last week once it is due, and only last week', () => {
    expect(weekDueAt(new Date('2026-11-23T06:59:59Z'), schedule)).toBeNull();
    expect(formatIsoWeek(weekDueAt(new Date('2026-11-23T07:00:00Z'), schedule)!)).toBe('2026-W47');
    expect(formatIsoWeek(weekDueAt(new Date('2026-11-29T22:59:00Z'), schedule)!)).toBe('2026-W47');
    // Easter Monday: not yet; Tuesday 08:00: yes.
    expect(weekDueAt(new Date('2026-04-06T10:00:00Z'), schedule)).toBeNull();
    expect(formatIsoWeek(weekDueAt(new Date('2026-04-07T06:00:00Z'), schedule)!)).toBe('2026-W14');
  });

  it('finds the next due time strictly after now', () => {
    expect(nextDueAfter(new Date('2026-11-28T10:00:00Z'), schedule).toISOString()).toBe('2026-11-30T07:00:00.000Z');
    expect(nextDueAfter(new Date('2026-11-30T06:00:00Z'), schedule).toISOString()).toBe('2026-11-30T07:00:00.000Z');
    expect(nextDueAfter(new Date('2026-11-30T07:00:00Z'), schedule).toISOString()).toBe('2026-12-07T07:00:00.000Z');
    expect(nextDueAfter(new Date('2026-04-06T07:00:00Z'), schedule).toISOString()).toBe('2026-04-07T06:00:00.000Z');
  });
});
