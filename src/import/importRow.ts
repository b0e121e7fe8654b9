// One data line of an import file → the need it would record, validated exactly as the modal
// validates (validateNeedForm), plus what only an import has: the date, the source label and the
// key that recognises the row when it comes again. Pure.
import { createHash } from 'node:crypto';
import { validateNeedForm, type NeedFieldError, type NeedInput, type RawNeedForm } from '../needs/needInput.js';
import { municipalityOfName, foldWord } from '../needs/municipalityNames.js';
import { messages } from '../i18n/messages.js';
import { SECTORS } from '../needs/sectors.js';
import { codePointLength } from '../text/codePoints.js';
import type { ImportCells } from './columns.js';

export const SOURCE_LABEL_MAX = 200;

export type ImportProblem =
  | { kind: 'field'; error: NeedFieldError; value: string }
  | { kind: 'dateInvalid'; value: string }
  | { kind: 'dateFuture'; value: string }
  | { kind: 'sourceTooLong' };

export interface PlannedNeed {
  input: NeedInput;
  /** The datum column at noon UTC (the same day in Sweden), or null: recorded now. */
  recordedAt: Date | null;
  /** The row's källa, else the import's label; null when neither. */
  sourceLabel: string | null;
  /** Need.submissionKey: `import:` + sha256 of the normalised municipality, title, description and date. */
  key: string;
  /** A verksamhet cell no sector fits, as written: the need is kept without a sector, and the row says so. */
  unknownSector: string | null;
}

export type RowPlan = { ok: true; need: PlannedNeed } | { ok: false; problems: ImportProblem[] };

export interface RowContext {
  municipalities: readonly { id: number; name: string }[];
  knownMunicipalityIds: ReadonlySet<number>;
  /** The --source label (or the modal's Källa), used when a row has no källa of its own. */
  sourceLabel: string | null;
  now: Date;
}

/** Every name a sector goes by (slug, labels, aliases), folded: "Vård och omsorg" → "vardochomsorg". */
const SECTOR_BY_NAME = new Map<string, string>(
  SECTORS.flatMap((s) =>
    [s.slug, messages('sv').sectors[s.slug], messages('en').sectors[s.slug], ...s.aliases].map((name) => [foldWord(name), s.slug] as const),
  ),
);
/** The one-word names, for the words of a longer cell ("Barn- och utbildningsförvaltningen"). */
const SECTOR_WORDS = [...SECTOR_BY_NAME].filter(([name]) => name.length >= 4);

/**
 * The sector a verksamhet cell names: by a whole name, else by the first word that begins with a
 * one-word name of exactly one sector (Swedish department names put it first:
 * "Utbildningsförvaltningen", "Miljökontoret"). Null when none fits: the row is kept without one.
 */
export function sectorOfCell(cell: string): string | null {
  const whole = SECTOR_BY_NAME.get(foldWord(cell));
  if (whole) return whole;
  for (const word of cell.split(/[\s,/&()-]+/).map(foldWord)) {
    if (word.length < 4) continue;
    const sectors = new Set(SECTOR_WORDS.filter(([name]) => word.startsWith(name)).map(([, slug]) => slug));
    const [only] = sectors;
    if (sectors.size === 1 && only !== undefined) return only;
  }
  return null;
}

/** "U0123ABCD", "<@U0123ABCD>" or "<@U0123ABCD|anna>" → the id; anything else as written (refused). */
function slackUserOf(cell: string): string | null {
  if (cell === '') return null;
  return /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(cell)?.[1] ?? cell;
}

/** `YYYY-MM-DD`, optionally with a time after it (ignored); null when the cell is no real date. */
export function parseImportDate(cell: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/.exec(cell.trim());
  if (!match) return null;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  const iso = date.toISOString().slice(0, 10);
  return iso === `${y}-${m}-${d}` && Number(y) >= 1990 ? iso : null;
}

/** Case, spacing and Unicode form do not make a row new: "Ny  Skola" is "ny skola". */
const normalise = (text: string) => text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();

export function importKey(input: Pick<NeedInput, 'municipalityId' | 'title' | 'description'>, date: string | null): string {
  const hash = createHash('sha256');
  hash.update([String(input.municipalityId), normalise(input.title), normalise(input.description), date ?? ''].join('\u001f'));
  return `import:${hash.digest('hex')}`;
}

export function planRow(cells: ImportCells, ctx: RowContext): RowPlan {
  const municipalityId = cells.municipality === '' ? null : municipalityOfName(cells.municipality, ctx.municipalities);
  const form: RawNeedForm = {
    // An unknown name goes in as written: the validator answers "unknown", as for a tampered select.
    municipalityId: municipalityId === null ? null : municipalityId === undefined ? cells.municipality : String(municipalityId),
    title: cells.title || null,
    description: cells.description || null,
    sector: cells.sector === '' ? null : sectorOfCell(cells.sector),
    municipalContact: cells.municipalContact || null,
    ourContactUserId: slackUserOf(cells.ourContact),
  };
  const problems: ImportProblem[] = [];
  const validation = validateNeedForm(form, ctx.knownMunicipalityIds);
  if (!validation.ok) {
    const valueOf: Record<NeedFieldError['field'], string> = {
      municipality: cells.municipality,
      title: cells.title,
      description: cells.description,
      sector: cells.sector,
      municipalContact: cells.municipalContact,
      ourContact: cells.ourContact,
    };
    for (const error of validation.errors) problems.push({ kind: 'field', error, value: valueOf[error.field] });
  }

  let date: string | null = null;
  if (cells.date !== '') {
    date = parseImportDate(cells.date);
    if (date === null) problems.push({ kind: 'dateInvalid', value: cells.date });
    // A day ahead is allowed: a workshop in another timezone's "today" is still today here.
    else if (Date.parse(`${date}T00:00:00Z`) > ctx.now.getTime() + 86_400_000) problems.push({ kind: 'dateFuture', value: date });
  }
  // An empty källa cell means none was given: the import's own label (--source or the file's name) stands in.
  const givenSource = cells.source === '' ? ctx.sourceLabel : cells.source;
  const sourceLabel = (givenSource ?? '').replace(/\s+/g, ' ').trim() || null;
  if (sourceLabel !== null && codePointLength(sourceLabel) > SOURCE_LABEL_MAX) problems.push({ kind: 'sourceTooLong' });

  if (problems.length > 0 || !validation.ok) return { ok: false, problems };
  const { input } = validation;
  return {
    ok: true,
    need: {
      input,
      recordedAt: date === null ? null : new Date(`${date}T12:00:00Z`),
      sourceLabel,
      key: importKey(input, date),
      unknownSector: cells.sector !== '' && input.sector === null ? cells.sector : null,
    },
  };
}
