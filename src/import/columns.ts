// The columns of an import file, recognised by their header: Swedish or English, without case,
// diacritics, spaces or punctuation ("Vår kontakt", "var_kontakt", "Our contact"). Pure.
import { foldWord } from '../needs/municipalityNames.js';

export const IMPORT_COLUMNS = ['municipality', 'title', 'description', 'sector', 'municipalContact', 'ourContact', 'date', 'source'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Without these a row cannot become a need. */
export const REQUIRED_COLUMNS: readonly ImportColumn[] = ['municipality', 'description'];

const ALIASES: Record<ImportColumn, string[]> = {
  municipality: ['kommun', 'kommunen', 'kommunnamn', 'municipality', 'municipalityname'],
  title: ['rubrik', 'titel', 'title', 'rubrikpabehovet', 'heading', 'subject'],
  description: ['beskrivning', 'behov', 'behovet', 'behovsbeskrivning', 'beskrivningavbehovet', 'description', 'need', 'text'],
  sector: ['verksamhet', 'verksamhetsomrade', 'sektor', 'forvaltning', 'sector', 'department'],
  municipalContact: [
    'kontaktikommunen',
    'kommunkontakt',
    'kontaktperson',
    'kontaktpersonikommunen',
    'municipalcontact',
    'contactinthemunicipality',
    'contactatthemunicipality',
    'municipalitycontact',
  ],
  ourContact: ['varkontakt', 'varkontaktperson', 'ourcontact', 'slackuser', 'slackanvandare'],
  date: ['datum', 'date', 'registrerad', 'registreringsdatum', 'recorded', 'recordedat'],
  source: ['kalla', 'source', 'ursprung', 'origin'],
};

const BY_ALIAS = new Map<string, ImportColumn>(IMPORT_COLUMNS.flatMap((column) => ALIASES[column].map((alias) => [alias, column] as const)));

export interface HeaderMap {
  /** For each cell of the header line: the column it is, or null (unknown or a repeat). */
  columns: (ImportColumn | null)[];
  /** Headers no column goes by, as written (empty headers left out). */
  unknown: string[];
  /** Columns named twice: the first one counts. */
  duplicates: ImportColumn[];
  /** Required columns the header lacks. */
  missing: ImportColumn[];
}

export function columnOfHeader(header: string): ImportColumn | null {
  return BY_ALIAS.get(foldWord(header)) ?? null;
}

export function mapHeader(cells: readonly string[]): HeaderMap {
  const seen = new Set<ImportColumn>();
  const map: HeaderMap = { columns: [], unknown: [], duplicates: [], missing: [] };
  for (const cell of cells) {
    const column = columnOfHeader(cell);
    if (column === null) {
      if (cell.trim() !== '') map.unknown.push(cell.trim());
      map.columns.push(null);
    } else if (seen.has(column)) {
      map.duplicates.push(column);
      map.columns.push(null);
    } else {
      seen.add(column);
      map.columns.push(column);
    }
  }
  map.missing = REQUIRED_COLUMNS.filter((c) => !seen.has(c));
  return map;
}

/** One data line's cells by column (a column the file lacks, or an empty cell, is ""). */
export type ImportCells = Record<ImportColumn, string>;

export function cellsOf(row: readonly string[], header: HeaderMap): ImportCells {
  const cells = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, ''])) as ImportCells;
  header.columns.forEach((column, index) => {
    if (column !== null) cells[column] = (row[index] ?? '').trim();
  });
  return cells;
}
