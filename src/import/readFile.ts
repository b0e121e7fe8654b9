// Reads an import file into lines of cells, streamed: CSV (UTF-8, a BOM is fine, `;` or `,` or tab
// separated — detected from the header line) or XLSX (the first worksheet, exceljs's streaming
// reader). Which one is told by the bytes (an XLSX file is a ZIP archive), not by the name. Every
// row carries its line number in the file (the header is line 1; a CSV cell with line breaks
// counts as the line it starts on). Empty lines are left out. No other I/O. csv-parse and exceljs
// are imported when a file of theirs is read, not when the app starts (see exportNeeds.ts).
import { Readable } from 'node:stream';

export type ImportFileProblem = 'empty' | 'notUtf8' | 'unreadable';

export class ImportFileError extends Error {
  constructor(
    readonly problem: ImportFileProblem,
    detail?: string,
  ) {
    super(detail ?? problem);
  }
}

export interface FileLine {
  /** 1-based line (CSV) or row (XLSX) number; the header is 1. */
  line: number;
  cells: string[];
}

export type ImportFormat = 'csv' | 'xlsx';

/** The bytes of a CSV header line are looked at up to this far for the delimiter. */
const HEAD_BYTES = 64 * 1024;
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export async function* readImportFile(source: AsyncIterable<Buffer | Uint8Array | string>): AsyncGenerator<FileLine> {
  const iterator = source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headLength = 0;
  let done = false;
  // Enough to tell XLSX from CSV and to see the whole header line of a CSV.
  while (headLength < HEAD_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    head.push(chunk);
    headLength += chunk.length;
    if (headLength >= ZIP_MAGIC.length && Buffer.concat(head).includes(0x0a)) break;
  }
  const first = Buffer.concat(head);
  if (first.length === 0) throw new ImportFileError('empty');
  const rest = async function* () {
    yield first;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    }
  };
  const format: ImportFormat = first.subarray(0, 4).equals(ZIP_MAGIC) ? 'xlsx' : 'csv';
  if (format === 'xlsx') yield* readXlsx(Readable.from(rest()));
  else yield* readCsv(rest(), first);
}

function checkUtf8(head: Buffer): void {
  // Up to the last line break, so a character cut by the chunk boundary is not mistaken for bad bytes.
  const end = head.lastIndexOf(0x0a);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(end > 0 ? head.subarray(0, end) : head.subarray(0, Math.max(0, head.length - 3)));
  } catch {
    throw new ImportFileError('notUtf8');
  }
}

/** `;`, `,` or tab: whichever the header line has most of, outside quotes (`,` when none). */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of headerLine) {
    const count = counts.get(ch);
    if (ch === '"') quoted = !quoted;
    else if (!quoted && count !== undefined) counts.set(ch, count + 1);
  }
  let best = { delimiter: ',', count: -1 };
  for (const [delimiter, count] of counts) if (count > best.count) best = { delimiter, count };
  return best.delimiter;
}

async function* readCsv(source: AsyncIterable<Buffer>, head: Buffer): AsyncGenerator<FileLine> {
  checkUtf8(head);
  const { parse } = await import('csv-parse');
  const firstLine =
    head
      .toString('utf8')
      .replace(/^\ufeff/, '')
      .split(/\r?\n/)[0] ?? '';
  const parser = Readable.from(source).pipe(
    parse({ delimiter: detectDelimiter(firstLine), bom: true, info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }),
  );
  // csv-parse counts a CRLF inside a quoted cell as two lines; what it over-counted so far.
  let overCounted = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      overCounted += record.reduce((n, cell) => n + (cell.match(/\r\n/g)?.length ?? 0), 0);
      if (record.every((cell) => cell.trim() === '')) continue;
      // info.lines is where the record ends; line breaks inside its cells tell where it started.
      const breaks = record.reduce((n, cell) => n + (cell.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
      yield { line: info.lines - overCounted - breaks, cells: record };
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError('unreadable', error instanceof Error ? error.message : String(error));
  }
}

async function* readXlsx(input: Readable): AsyncGenerator<FileLine> {
  // Styles are read so that date cells come back as dates, not serial numbers.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  try {
    for await (const worksheet of workbook) {
      for await (const row of worksheet) {
        const values = Array.isArray(row.values) ? row.values.slice(1) : [];
        const cells = Array.from({ length: values.length }, (_, i) => cellText(values[i]));
        if (cells.every((cell) => cell.trim() === '')) continue;
        yield { line: row.number, cells };
      }
      // The first worksheet only; the rest of the archive is not read.
      break;
    }
  } catch (error) {
    throw new ImportFileError('unreadable', error instanceof Error ? error.message : String(error));
  }
}

/** A cell's value as text: dates as ISO dates (with the time when there is one), formulas by result. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    const iso = value.toISOString();
    // exceljs gives a cell's wall-clock time as UTC.
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
  }
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return v.richText.map((part: unknown) => cellText((part as { text?: unknown }).text)).join('');
    if ('result' in v) return cellText(v.result);
    if ('text' in v) return cellText(v.text);
  }
  return '';
}
