// The export's columns and cells, pure: ISO days in Stockholm time across summer time, the start of
// a Stockholm day, days to the first claim, Swedish and English headers in the documented order.
import { describe, expect, it } from 'vitest';
import { cells, csvSafeText, daysToFirstClaim, EXPORT_COLUMNS, headers, isoDate, jsonRecord } from '../../../src/export/columns.js';
import { defaultDelimiter } from '../../../src/export/exportNeeds.js';
import { stockholmDayStart } from '../../../src/export/exportSupport.js';
import type { ExportRow } from '../../../src/export/exportRepository.js';
import { SHIPPED_SLUGS } from '../../support/shippedMatcher.js';

const row = (extra: Partial<ExportRow> = {}): ExportRow => ({
  id: 7,
  recordedAt: new Date('2026-03-28T22:30:00Z'),
  municipality: 'Motala',
  sector: 'va',
  title: 'Läckor',
  description: 'Läckor i VA-nätet',
  areas: ['uppkopplade', 'miljonytta'],
  suggestedAreas: ['uppkopplade'],
  status: 'claimed',
  claimedAt: new Date('2026-04-02T08:00:00Z'),
  resolvedAt: null,
  firstClaimedAt: new Date('2026-03-31T08:00:00Z'),
  environments: ['LEAD', 'Visual Sweden'],
  channels: ['C0IOT', 'C0REGION'],
  up: 2,
  down: 1,
  source: 'import',
  withdrawnAt: null,
  ...extra,
});

describe('export columns', () => {
  it('gives ISO days in Stockholm time, summer time included', () => {
    expect(isoDate(new Date('2026-03-28T22:30:00Z'))).toBe('2026-03-28'); // 23:30 CET
    expect(isoDate(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-29'); // 00:30 CET
    expect(isoDate(new Date('2026-07-01T22:30:00Z'))).toBe('2026-07-02'); // 00:30 CEST
    expect(isoDate(new Date('2026-07-01T21:30:00Z'))).toBe('2026-07-01');
  });

  it('knows when a Stockholm day starts (--from/--to)', () => {
    expect(stockholmDayStart('2026-01-15').toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(stockholmDayStart('2026-07-15').toISOString()).toBe('2026-07-14T22:00:00.000Z');
    expect(stockholmDayStart('2026-07-15', 1).toISOString()).toBe('2026-07-15T22:00:00.000Z');
    expect(stockholmDayStart('2026-03-29', 1).toISOString()).toBe('2026-03-29T22:00:00.000Z'); // the day summer time starts
  });

  it('counts whole days to the first claim, none when never claimed', () => {
    expect(daysToFirstClaim(row())).toBe(2);
    expect(daysToFirstClaim(row({ firstClaimedAt: null, claimedAt: null }))).toBeNull();
  });

  it('names the columns in Swedish by default and in English, in one order; CSV delimiter ; for sv and , for en', () => {
    expect(headers('sv')).toHaveLength(EXPORT_COLUMNS.length);
    expect(headers('sv').slice(0, 3)).toEqual(['ID', 'Registrerat', 'Kommun']);
    expect(headers('en').slice(0, 3)).toEqual(['ID', 'Recorded', 'Municipality']);
    expect(new Set(headers('sv')).size).toBe(EXPORT_COLUMNS.length);
    expect([defaultDelimiter('sv'), defaultDelimiter('en')]).toEqual([';', ',']);
  });

  it('guards a CSV text cell that Excel would read as a formula, and only such a cell', () => {
    for (const text of ['=1+1', '+46 70 123', '-5', '@SUM(A1)', '\tx', '\rx']) expect(csvSafeText(text)).toBe(`'${text}`);
    for (const text of ['Rubrik = svar', 'Kinda', '', "'redan citerad", '3-D modell']) expect(csvSafeText(text)).toBe(text);
  });

  it('turns a row into cells and a JSON record', () => {
    const name = (s: string) => s.toUpperCase();
    const c = cells(row(), { locale: 'sv', areaName: name, areas: SHIPPED_SLUGS });
    expect(c).toMatchObject({
      areas: 'UPPKOPPLADE; MILJONYTTA',
      suggestedAreas: 'UPPKOPPLADE',
      status: 'Taget',
      sector: 'VA (vatten och avlopp)',
      environments: 'LEAD; Visual Sweden',
      daysToFirstClaim: 2,
    });
    expect(cells(row(), { locale: 'en', areaName: name, areas: SHIPPED_SLUGS }).status).toBe('Claimed');
    expect(jsonRecord(row({ withdrawnAt: new Date('2026-05-01T10:00:00Z') }))).toMatchObject({
      recordedAt: '2026-03-28T22:30:00.000Z',
      recordedDate: '2026-03-28',
      areas: ['uppkopplade', 'miljonytta'],
      withdrawn: true,
      withdrawnAt: '2026-05-01T10:00:00.000Z',
    });
  });
});
