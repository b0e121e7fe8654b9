// The columns of the needs export, in order, and how a row becomes cells: texts in the chosen
// language, ISO dates (YYYY-MM-DD, Stockholm time) for CSV and XLSX, ISO timestamps for JSON. Pure.
import { messages, type Locale } from '../i18n/messages.js';
import type { AreaSlug } from '../matching/types.js';
import { sectorLabel } from '../needs/sectors.js';
import type { ExportRow } from './exportRepository.js';

export const EXPORT_COLUMNS = [
  'id',
  'recordedDate',
  'municipality',
  'sector',
  'title',
  'description',
  'areas',
  'suggestedAreas',
  'status',
  'claimedAt',
  'resolvedAt',
  'daysToFirstClaim',
  'environments',
  'channels',
  'up',
  'down',
  'source',
  'withdrawn',
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/** Columns holding a date (CSV: YYYY-MM-DD text; XLSX: a date cell). */
export const DATE_COLUMNS: ReadonlySet<ExportColumn> = new Set(['recordedDate', 'claimedAt', 'resolvedAt', 'withdrawn']);

/**
 * A text cell for a CSV that people open in Excel: typed text (a title, a workshop row) that starts
 * with = + - @ or a tab or carriage return would be read as a formula there ("CSV injection"), so it
 * gets a leading apostrophe, which Excel shows as text. XLSX cells are typed strings and need none.
 */
export function csvSafeText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export type AreaNameOf = (slug: AreaSlug) => string;

export interface ExportContext {
  locale: Locale;
  areaName: AreaNameOf;
  /** The region's areas, in its order. */
  areas: readonly AreaSlug[];
}

const stockholmDate = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });

const dayOfHour = new Map<number, string>();

/** YYYY-MM-DD of the instant in Stockholm (cached per hour: Intl with a timezone is slow in bulk). */
export function isoDate(d: Date): string {
  const hour = Math.floor(d.getTime() / 3_600_000);
  let day = dayOfHour.get(hour);
  if (day === undefined) {
    day = stockholmDate.format(d);
    if (dayOfHour.size > 200_000) dayOfHour.clear();
    dayOfHour.set(hour, day);
  }
  return day;
}

export function headers(locale: Locale): string[] {
  const c = messages(locale).export.columns;
  return EXPORT_COLUMNS.map((key) => c[key]);
}

/** Whole days from recorded to first claim; null when never claimed. */
export function daysToFirstClaim(row: ExportRow): number | null {
  if (!row.firstClaimedAt) return null;
  return Math.max(0, Math.floor((row.firstClaimedAt.getTime() - row.recordedAt.getTime()) / 86_400_000));
}

export type Cell = string | number | Date | null;

/** The cells of one row, dates as Date (the writer formats them). */
export function cells(row: ExportRow, ctx: ExportContext): Record<ExportColumn, Cell> {
  const t = messages(ctx.locale);
  const list = (items: string[]) => items.join('; ');
  return {
    id: row.id,
    recordedDate: row.recordedAt,
    municipality: row.municipality,
    sector: row.sector ? sectorLabel(row.sector, ctx.locale) : null,
    title: row.title,
    description: row.description,
    areas: list(row.areas.map(ctx.areaName)),
    suggestedAreas: list(row.suggestedAreas.map(ctx.areaName)),
    status: row.status in t.status ? t.status[row.status as keyof typeof t.status] : row.status,
    claimedAt: row.claimedAt,
    resolvedAt: row.resolvedAt,
    daysToFirstClaim: daysToFirstClaim(row),
    environments: list(row.environments),
    channels: list(row.channels),
    up: row.up,
    down: row.down,
    source: row.source,
    withdrawn: row.withdrawnAt,
  };
}

/** One JSON line: stable English keys, slugs, ISO 8601 timestamps (UTC). */
export function jsonRecord(row: ExportRow): Record<string, unknown> {
  return {
    id: row.id,
    recordedAt: row.recordedAt.toISOString(),
    recordedDate: isoDate(row.recordedAt),
    municipality: row.municipality,
    sector: row.sector,
    title: row.title,
    description: row.description,
    areas: row.areas,
    suggestedAreas: row.suggestedAreas,
    status: row.status,
    claimedAt: row.claimedAt?.toISOString() ?? null,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    daysToFirstClaim: daysToFirstClaim(row),
    environments: row.environments,
    channels: row.channels,
    up: row.up,
    down: row.down,
    source: row.source,
    withdrawn: row.withdrawnAt !== null,
    withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
  };
}
