// Writes the needs export to a stream as it reads them (exportRepository.ts, one batch at a time):
// CSV (csv-stringify; UTF-8 with a BOM so Excel reads å ä ö; `;` by default for Swedish Excel),
// XLSX (exceljs's streaming WorkbookWriter: the needs, then a sheet of counts per municipality ×
// strength area and per status) or JSON lines (one object per need and line). csv-stringify and
// exceljs are imported when an export of theirs is written: exceljs alone costs the running app
// ~0.3 s of start and ~27 MiB resident (measured), for a file someone asks for now and then.
import { once } from 'node:events';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type ExcelJS from 'exceljs';
import type { Db } from '../platform/db/client.js';
import { messages, type Locale } from '../i18n/messages.js';
import type { AreaSlug } from '../matching/types.js';
import { NEED_STATUSES } from '../register/registerRepository.js';
import { type ExportFilter, type ExportRow, exportBatches } from './exportRepository.js';
import { type Cell, cells, csvSafeText, DATE_COLUMNS, EXPORT_COLUMNS, type ExportContext, headers, isoDate, jsonRecord } from './columns.js';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  format: ExportFormat;
  filter?: ExportFilter;
  locale: Locale;
  /** CSV only; default `;` for sv, `,` for en. */
  delimiter?: string;
  /** Area names in the chosen language. */
  areaName: (slug: AreaSlug) => string;
  /** The region's areas, in its order (the counts sheet's columns). */
  areas: readonly AreaSlug[];
  batchSize?: number;
}

export const defaultDelimiter = (locale: Locale): string => (locale === 'sv' ? ';' : ',');

export const FILE_EXTENSIONS: Record<ExportFormat, string> = { csv: 'csv', xlsx: 'xlsx', json: 'jsonl' };

/** Writes every matching need to `out` and ends it; resolves with the number of needs written. */
export async function writeExport(db: Db, options: ExportOptions, out: Writable): Promise<{ rows: number }> {
  const ctx: ExportContext = { locale: options.locale, areaName: options.areaName, areas: options.areas };
  const batches = exportBatches(db, options.filter ?? {}, options.batchSize);
  switch (options.format) {
    case 'csv':
      return writeCsv(batches, ctx, options.delimiter ?? defaultDelimiter(options.locale), out);
    case 'json':
      return writeJsonLines(batches, out);
    case 'xlsx':
      return writeXlsx(batches, ctx, out);
  }
}

const csvCell = (column: (typeof EXPORT_COLUMNS)[number], value: Cell): string | number =>
  value === null
    ? ''
    : value instanceof Date
      ? DATE_COLUMNS.has(column)
        ? isoDate(value)
        : value.toISOString()
      : typeof value === 'string'
        ? csvSafeText(value)
        : value;

async function writeCsv(batches: AsyncGenerator<ExportRow[]>, ctx: ExportContext, delimiter: string, out: Writable): Promise<{ rows: number }> {
  const { stringify } = await import('csv-stringify');
  let rows = 0;
  async function* records() {
    for await (const batch of batches) {
      for (const row of batch) {
        const c = cells(row, ctx);
        rows++;
        yield EXPORT_COLUMNS.map((column) => csvCell(column, c[column]));
      }
    }
  }
  await pipeline(Readable.from(records()), stringify({ bom: true, delimiter, header: true, columns: headers(ctx.locale), record_delimiter: 'windows' }), out);
  return { rows };
}

async function writeJsonLines(batches: AsyncGenerator<ExportRow[]>, out: Writable): Promise<{ rows: number }> {
  let rows = 0;
  async function* lines() {
    for await (const batch of batches) {
      rows += batch.length;
      yield batch.map((row) => `${JSON.stringify(jsonRecord(row))}\n`).join('');
    }
  }
  await pipeline(Readable.from(lines()), out);
  return { rows };
}

/** Counts for the second sheet, gathered while the needs stream past. */
class Tally {
  readonly byArea = new Map<string, Map<string, number>>();
  readonly byStatus = new Map<string, Map<string, number>>();

  add(row: ExportRow): void {
    const status = this.byStatus.get(row.municipality) ?? new Map<string, number>();
    status.set(row.status, (status.get(row.status) ?? 0) + 1);
    this.byStatus.set(row.municipality, status);
    if (row.status === 'withdrawn') return;
    const areas = this.byArea.get(row.municipality) ?? new Map<string, number>();
    for (const area of row.areas.length > 0 ? row.areas : (['none'] as const)) areas.set(area, (areas.get(area) ?? 0) + 1);
    this.byArea.set(row.municipality, areas);
  }
}

async function writeXlsx(batches: AsyncGenerator<ExportRow[]>, ctx: ExportContext, out: Writable): Promise<{ rows: number }> {
  const t = messages(ctx.locale).export;
  // No styles: exceljs styles every cell of a styled workbook, which tripled the time (measured), so
  // dates are ISO text (YYYY-MM-DD, which sorts and filters correctly) and the header is plain.
  // Light compression: the deflate runs beside the reading, and level 1 keeps it from being the wait.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false, zip: { zlib: { level: 1 } } });
  const finished = once(out, 'finish');
  const sheet = workbook.addWorksheet(t.sheetNeeds, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((key) => ({
    key,
    header: t.columns[key],
    width: key === 'description' ? 60 : key === 'title' ? 40 : DATE_COLUMNS.has(key) ? 12 : 18,
  }));
  sheet.getRow(1).commit();
  const tally = new Tally();
  let rows = 0;
  for await (const batch of batches) {
    for (const row of batch) {
      const c = cells(row, ctx);
      sheet
        .addRow(
          EXPORT_COLUMNS.map((column) => {
            const value = c[column];
            return value instanceof Date ? isoDate(value) : value;
          }),
        )
        .commit();
      tally.add(row);
      rows++;
    }
    // Let the zip stream hand what it has to `out` before the next batch.
    if (out.writableNeedDrain) await once(out, 'drain');
  }
  sheet.commit();
  writeCounts(workbook.addWorksheet(t.sheetCounts), tally, ctx);
  await workbook.commit();
  await finished;
  return { rows };
}

function writeCounts(sheet: ExcelJS.Worksheet, tally: Tally, ctx: ExportContext): void {
  const all = messages(ctx.locale);
  const t = all.export;
  const municipalities = [...tally.byStatus.keys()].sort((a, b) => a.localeCompare(b, 'sv'));
  sheet.getColumn(1).width = 22;
  /** The region's areas, then "none" (a need without an area). */
  const areaKeys: string[] = [...ctx.areas, 'none'];
  /** A heading, then a row per municipality with a count per key and the row's total, then the column totals. */
  const table = <K>(heading: string, keys: readonly K[], label: (key: K) => string, countOf: (municipality: string, key: K) => number) => {
    sheet.addRow([heading]).commit();
    sheet.addRow([t.municipality, ...keys.map(label), t.total]).commit();
    for (const m of municipalities) {
      const counts = keys.map((k) => countOf(m, k));
      sheet.addRow([m, ...counts, counts.reduce((x, y) => x + y, 0)]).commit();
    }
    const totals = keys.map((k) => municipalities.reduce((sum, m) => sum + countOf(m, k), 0));
    sheet.addRow([t.total, ...totals, totals.reduce((x, y) => x + y, 0)]).commit();
  };
  table(
    t.byArea,
    areaKeys,
    (k) => (k === 'none' ? t.noArea : ctx.areaName(k)),
    (m, k) => tally.byArea.get(m)?.get(k) ?? 0,
  );
  sheet.addRow([]).commit();
  table(
    t.byStatus,
    NEED_STATUSES,
    (s) => all.status[s],
    (m, s) => tally.byStatus.get(m)?.get(s) ?? 0,
  );
  sheet.commit();
}
