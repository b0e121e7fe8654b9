import { describe, expect, it } from 'vitest';
import { deriveTitle, validateNeedForm, type NeedFieldError, type RawNeedForm } from '../../../src/needs/needInput.js';

const KNOWN = new Set([1, 2, 13]);
const DESCRIPTION = 'Hemtjänsten vill ha trygghetslarm som larmar när en brukare ramlar. De ska fungera på natten.';

const form = (over: Partial<RawNeedForm> = {}): RawNeedForm => ({
  municipalityId: '2',
  title: null,
  description: DESCRIPTION,
  sector: null,
  municipalContact: null,
  ourContactUserId: 'U0STAFF',
  ...over,
});

function errorsOf(over: Partial<RawNeedForm>): NeedFieldError[] {
  const result = validateNeedForm(form(over), KNOWN);
  if (result.ok) throw new Error(`expected ${JSON.stringify(over)} to be invalid`);
  return result.errors;
}

function inputOf(over: Partial<RawNeedForm>) {
  const result = validateNeedForm(form(over), KNOWN);
  if (!result.ok) throw new Error(`expected valid, got ${JSON.stringify(result.errors)}`);
  return result.input;
}

describe('validateNeedForm', () => {
  it('accepts a complete form and types it', () => {
    expect(
      inputOf({
        title: 'Fallarm',
        sector: 'hemtjanst',
        municipalityId: '13',
        ourContactUserId: 'W0ENTERPRISE',
        municipalContact: ' Anna Svensson,  enhetschef ',
      }),
    ).toEqual({
      municipalityId: 13,
      title: 'Fallarm',
      description: DESCRIPTION,
      sector: 'hemtjanst',
      municipalContact: 'Anna Svensson, enhetschef',
      ourContactUserId: 'W0ENTERPRISE',
    });
  });

  it.each(['', '   ', ' \n\t \u00a0 ', null])('calls a description of %j empty', (description) => {
    expect(errorsOf({ description })).toEqual([{ field: 'description', code: 'empty', length: 0 }]);
  });

  it('needs at least 10 characters, counted after tidying whitespace', () => {
    expect(errorsOf({ description: 'ååååååååå' })).toEqual([{ field: 'description', code: 'tooShort', length: 9 }]);
    expect(errorsOf({ description: '   för    kort   ' })).toEqual([{ field: 'description', code: 'tooShort', length: 8 }]);
    expect(inputOf({ description: 'åäöåäöåäöå' }).description).toBe('åäöåäöåäöå');
  });

  it('allows 3000 code points and refuses 3001, with å and emoji counting as one each', () => {
    const ok = `${'å'.repeat(2000)}${'😀'.repeat(1000)}`;
    expect(ok.length).toBe(4000); // UTF-16 units: the limit must not count these
    expect(inputOf({ description: ok }).description).toBe(ok);
    expect(errorsOf({ description: `${ok}x` })).toEqual([{ field: 'description', code: 'tooLong', length: 3001 }]);
    expect(errorsOf({ description: '😀'.repeat(3001) })).toEqual([{ field: 'description', code: 'tooLong', length: 3001 }]);
  });

  it('keeps line breaks but collapses runs of spaces and blank lines', () => {
    expect(inputOf({ description: 'Rad ett  med\t\tmellanrum.\r\n\r\n\r\n\r\nRad två är här.' }).description).toBe('Rad ett med mellanrum.\n\nRad två är här.');
  });

  it.each([
    ['missing', null, 'missing'],
    ['empty', '', 'missing'],
    ['unknown id', '99', 'unknown'],
    ['not a number', 'Kinda', 'unknown'],
    ['fractional', '1.5', 'unknown'],
  ] as const)('refuses a %s municipality', (_name, municipalityId, code) => {
    expect(errorsOf({ municipalityId })).toEqual([{ field: 'municipality', code }]);
  });

  it.each(['staff', 'C0CHANNEL', 'u0lower', `U${'A'.repeat(300)}`])('refuses our contact %j', (ourContactUserId) => {
    expect(errorsOf({ ourContactUserId })).toEqual([{ field: 'ourContact', code: 'invalid' }]);
  });

  it('takes both contacts as optional', () => {
    const input = inputOf({ ourContactUserId: null, municipalContact: '   ' });
    expect([input.ourContactUserId, input.municipalContact]).toEqual([null, null]);
    expect(inputOf({ ourContactUserId: '' }).ourContactUserId).toBeNull();
  });

  it('keeps the contact at the municipality on one line and within 300 characters', () => {
    expect(inputOf({ municipalContact: 'Anna Svensson\nanna@kinda.se' }).municipalContact).toBe('Anna Svensson, anna@kinda.se');
    expect(inputOf({ municipalContact: 'å'.repeat(300) }).municipalContact).toHaveLength(300);
    expect(errorsOf({ municipalContact: 'å'.repeat(301) })).toEqual([{ field: 'municipalContact', code: 'tooLong' }]);
  });

  it('refuses a sector that is not in the list, and reads an empty sector as none', () => {
    expect(errorsOf({ sector: 'rymdfart' })).toEqual([{ field: 'sector', code: 'unknown' }]);
    expect(inputOf({ sector: '' }).sector).toBeNull();
    expect(inputOf({ sector: null }).sector).toBeNull();
  });

  it('allows a 150-character title and refuses 151 (code points)', () => {
    expect(inputOf({ title: 'ö'.repeat(150) }).title).toBe('ö'.repeat(150));
    expect(errorsOf({ title: '🚀'.repeat(151) })).toEqual([{ field: 'title', code: 'tooLong' }]);
  });

  it('puts a multi-line title on one line', () => {
    expect(inputOf({ title: '  Larm\nför   natten ' }).title).toBe('Larm för natten');
  });

  it('leaves no double space where a title line break had an indented next line', () => {
    expect(inputOf({ title: 'Larm\n för natten' }).title).toBe('Larm för natten');
  });

  it.each([null, '', '   '])('derives the title from the description when the title is %j', (title) => {
    expect(inputOf({ title }).title).toBe('Hemtjänsten vill ha trygghetslarm som larmar när en brukare ramlar');
  });

  it('reports every broken field at once', () => {
    const fields = errorsOf({
      municipalityId: null,
      description: 'kort',
      sector: 'x',
      ourContactUserId: 'nobody',
      municipalContact: 'x'.repeat(400),
      title: 'x'.repeat(200),
    }).map((e) => e.field);
    expect(fields.sort()).toEqual(['description', 'municipalContact', 'municipality', 'ourContact', 'sector', 'title']);
  });
});

describe('deriveTitle', () => {
  it('takes the first sentence without its full stop', () => {
    expect(deriveTitle('Vi behöver fler laddplatser. Helst i centrum.')).toBe('Vi behöver fler laddplatser');
    expect(deriveTitle('Hur når vi unga? Vi har provat allt.')).toBe('Hur når vi unga');
  });

  it('does not end the sentence at Swedish abbreviations such as bl.a. and t.ex.', () => {
    expect(deriveTitle('Vi behöver bl.a. sensorer i hemtjänsten. Mer text.')).toBe('Vi behöver bl.a. sensorer i hemtjänsten');
    expect(deriveTitle('Kommunen vill t.ex. mäta inomhusklimatet i skolorna.')).toBe('Kommunen vill t.ex. mäta inomhusklimatet i skolorna');
  });

  it('takes only the first line', () => {
    expect(deriveTitle('Snöröjning med drönare\nVi vill testa i vinter')).toBe('Snöröjning med drönare');
  });

  it('keeps a short text without punctuation as it is', () => {
    expect(deriveTitle('Bättre skolskjuts')).toBe('Bättre skolskjuts');
  });

  it('cuts a long sentence at a word boundary, within 80 characters, with an ellipsis', () => {
    const long = 'Kommunen behöver ett sammanhållet system för att följa upp energianvändningen i alla skolor, förskolor och äldreboenden i realtid';
    const title = deriveTitle(long);
    expect(Array.from(title).length).toBeLessThanOrEqual(80);
    expect(title.endsWith('…')).toBe(true);
    expect(long.startsWith(title.slice(0, -1))).toBe(true);
    expect(long[title.length - 1]).toBe(' '); // the cut falls just before a space
    expect(title).not.toMatch(/[,;:]…$/);
  });

  it('cuts a text without spaces hard at 80 characters', () => {
    const title = deriveTitle('x'.repeat(500));
    expect(title).toBe(`${'x'.repeat(79)}…`);
  });
});
