// The pure parts of the import: headers, one row → a need (validated like the modal), the key,
// the date, and reading CSV lines with their line numbers.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { mapHeader, cellsOf } from '../../../src/import/columns.js';
import { importKey, parseImportDate, planRow, sectorOfCell } from '../../../src/import/importRow.js';
import { detectDelimiter, type FileLine, ImportFileError, readImportFile } from '../../../src/import/readFile.js';
import { municipalityOfName } from '../../../src/needs/municipalityNames.js';

const MUNICIPALITIES = [
  { id: 1, name: 'Norrköping' },
  { id: 2, name: 'Linköping' },
  { id: 3, name: 'Ödeshög' },
];
const ctx = { municipalities: MUNICIPALITIES, knownMunicipalityIds: new Set([1, 2, 3]), sourceLabel: 'Workshop', now: new Date('2026-12-01T10:00:00Z') };

async function lines(text: string | Buffer): Promise<FileLine[]> {
  const out: FileLine[] = [];
  for await (const line of readImportFile(Readable.from([typeof text === 'string' ? Buffer.from(text) : text]))) out.push(line);
  return out;
}

describe('import columns', () => {
  it('knows the Swedish and English headers without case, diacritics or spaces, and reports the rest', () => {
    const header = mapHeader(['KOMMUN', 'Rubrik', 'beskrivning', 'Verksamhet', 'Kontakt i kommunen', 'Var kontakt', 'Datum', 'Källa', 'Anteckning', 'kommun']);
    expect(header.columns).toEqual(['municipality', 'title', 'description', 'sector', 'municipalContact', 'ourContact', 'date', 'source', null, null]);
    expect(header.unknown).toEqual(['Anteckning']);
    expect(header.duplicates).toEqual(['municipality']);
    expect(header.missing).toEqual([]);
    expect(mapHeader(['Municipality', 'Title', 'Our contact']).missing).toEqual(['description']);
  });
});

describe('municipality names', () => {
  it('forgives case, diacritics, the genitive and "kommun"', () => {
    for (const name of ['Norrkoping', 'Norrköpings kommun', 'norrköping', ' Kommun: Norrköping ']) expect(municipalityOfName(name, MUNICIPALITIES)).toBe(1);
    expect(municipalityOfName('Odeshogs kommun', MUNICIPALITIES)).toBe(3);
    expect(municipalityOfName('Stockholm', MUNICIPALITIES)).toBeUndefined();
    expect(municipalityOfName('kommun', MUNICIPALITIES)).toBeUndefined();
  });
});

describe('one row', () => {
  const header = mapHeader(['kommun', 'rubrik', 'beskrivning', 'verksamhet', 'vår kontakt', 'datum', 'källa']);
  const row = (cells: string[]) => planRow(cellsOf(cells, header), ctx);

  it('becomes the need the modal would record, with its date, source and key', () => {
    const plan = row(['Norrköpings kommun', '', 'Sensorer  i VA-nätet ska larma om läckor.', 'VA (vatten och avlopp)', '<@U0ALICE|alice>', '2026-11-12', '']);
    expect(plan).toEqual({
      ok: true,
      need: {
        input: {
          municipalityId: 1,
          title: 'Sensorer i VA-nätet ska larma om läckor',
          description: 'Sensorer i VA-nätet ska larma om läckor.',
          sector: 'va',
          municipalContact: null,
          ourContactUserId: 'U0ALICE',
        },
        recordedAt: new Date('2026-11-12T12:00:00Z'),
        sourceLabel: 'Workshop',
        key: expect.stringMatching(/^import:[0-9a-f]{64}$/) as string,
        unknownSector: null,
      },
    });
  });

  it('knows a verksamhet by any of its names, or by a department name that begins with one', () => {
    expect(sectorOfCell('Utbildning')).toBe('skola');
    expect(sectorOfCell('Barn- och utbildningsförvaltningen')).toBe('skola');
    expect(sectorOfCell('vård och omsorg')).toBe('aldreomsorg');
    expect(sectorOfCell('Miljökontoret')).toBe('miljo');
    expect(sectorOfCell('Tekniska kontoret')).toBe('gata-park');
    expect(sectorOfCell('Kommunledningskontoret')).toBe('administration');
    expect(sectorOfCell('Elderly care')).toBe('aldreomsorg');
    expect(sectorOfCell('it')).toBe('it');
    expect(sectorOfCell('Nonsens')).toBeNull();
  });

  it('is kept without a sector when no verksamhet fits, saying which it was', () => {
    const plan = row(['Linköping', '', 'Vi behöver hjälp med flödena i förrådet.', 'Rymdfart', '', '', '']);
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.need.input.sector).toBeNull();
    expect(plan.need.unknownSector).toBe('Rymdfart');
    const known = row(['Linköping', '', 'Vi behöver hjälp med flödena i förrådet.', 'Utbildning', '', '', '']);
    expect(known.ok && known.need.input.sector).toBe('skola');
    expect(known.ok && known.need.unknownSector).toBeNull();
  });

  it('is refused with every problem, as the modal would refuse it', () => {
    const plan = row(['Stockholm', 'x'.repeat(151), 'kort', 'Nonsens', 'anna', '2026-02-30', 'x'.repeat(201)]);
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.problems.map((p) => (p.kind === 'field' ? `${p.error.field}:${p.error.code}` : p.kind))).toEqual([
      'municipality:unknown',
      'description:tooShort',
      'title:tooLong',
      'ourContact:invalid',
      'dateInvalid',
      'sourceTooLong',
    ]);
    expect(row(['Linköping', '', 'En tillräckligt lång beskrivning.', '', '', '2027-01-05', '']).ok).toBe(false);
  });

  it('has a key that ignores case and spacing but not the municipality, text or date', () => {
    const base = { municipalityId: 1, title: 'Ny skola', description: 'En ny skola behövs.' };
    expect(importKey(base, '2026-11-12')).toBe(importKey({ ...base, title: 'ny  SKOLA ', description: 'En ny\nskola behövs.' }, '2026-11-12'));
    expect(importKey(base, '2026-11-12')).not.toBe(importKey({ ...base, municipalityId: 2 }, '2026-11-12'));
    expect(importKey(base, '2026-11-12')).not.toBe(importKey(base, null));
    expect(importKey(base, null)).not.toBe(importKey({ ...base, description: 'En annan skola behövs.' }, null));
  });

  it('reads dates as YYYY-MM-DD (a time after it is ignored) and nothing else', () => {
    expect(parseImportDate('2026-11-12')).toBe('2026-11-12');
    expect(parseImportDate('2026-11-12 14:30')).toBe('2026-11-12');
    for (const bad of ['2026-02-30', '12/11 2026', '2026-1-5', 'igår', '1899-01-01']) expect(parseImportDate(bad)).toBeNull();
  });
});

describe('reading a CSV', () => {
  it('detects the delimiter from the header line', () => {
    expect(detectDelimiter('kommun;rubrik;"a,b"')).toBe(';');
    expect(detectDelimiter('kommun,rubrik')).toBe(',');
    expect(detectDelimiter('kommun\trubrik')).toBe('\t');
  });

  it('numbers lines as the file does: BOM, CRLF, empty lines and a cell with a line break', async () => {
    const read = await lines('\ufeffkommun;beskrivning\r\nKinda;"två\r\nrader"\r\n\r\nYdre;en\r\n');
    expect(read).toEqual([
      { line: 1, cells: ['kommun', 'beskrivning'] },
      { line: 2, cells: ['Kinda', 'två\r\nrader'] },
      { line: 5, cells: ['Ydre', 'en'] },
    ]);
  });

  it('refuses an empty file and one that is not UTF-8', async () => {
    await expect(lines('')).rejects.toThrow(ImportFileError);
    await expect(lines(Buffer.from([0x6b, 0x6f, 0x6d, 0x6d, 0x75, 0x6e, 0x3b, 0xf6, 0x0a, 0x61, 0x0a]))).rejects.toMatchObject({ problem: 'notUtf8' });
  });
});
