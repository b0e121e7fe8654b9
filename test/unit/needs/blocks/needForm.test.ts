import { describe, expect, it } from 'vitest';
import type { NeedFieldError } from '../../../../src/needs/needInput.js';
import { NEED_BLOCKS } from '../../../../src/needs/blocks/needModal.js';
import { fieldErrorText, modalErrors, readNeedForm } from '../../../../src/needs/blocks/needForm.js';

/** view.state.values as Slack sends it for the /need modal (types, extra keys and all). */
const REALISTIC_STATE = {
  municipality: {
    value: {
      type: 'static_select',
      selected_option: { text: { type: 'plain_text', text: 'Kinda', emoji: true }, value: '4' },
    },
  },
  title: { value: { type: 'plain_text_input', value: 'Trygghetslarm' } },
  description: { value: { type: 'plain_text_input', value: 'Hemtjänsten vill ha larm som\nlarmar på natten.' } },
  sector: { value: { type: 'static_select', selected_option: null } },
  municipal_contact: { value: { type: 'plain_text_input', value: 'Anna, enhetschef' } },
  contact: { value: { type: 'users_select', selected_user: 'U0CONTACT' } },
};

const NOTHING = { municipalityId: null, title: null, description: null, sector: null, municipalContact: null, ourContactUserId: null };

describe('readNeedForm', () => {
  it('reads a realistic submitted state', () => {
    expect(readNeedForm(REALISTIC_STATE)).toEqual({
      municipalityId: '4',
      title: 'Trygghetslarm',
      description: 'Hemtjänsten vill ha larm som\nlarmar på natten.',
      sector: null,
      municipalContact: 'Anna, enhetschef',
      ourContactUserId: 'U0CONTACT',
    });
  });

  it('reads a chosen sector and reads an untouched optional input (value null) as null', () => {
    const state = {
      ...REALISTIC_STATE,
      title: { value: { type: 'plain_text_input', value: null } },
      sector: { value: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'VA' }, value: 'va' } } },
    };
    const form = readNeedForm(state);
    expect(form.title).toBeNull();
    expect(form.sector).toBe('va');
  });

  it('ignores blocks and action ids it does not know', () => {
    const state = {
      ...REALISTIC_STATE,
      extra: { value: { type: 'plain_text_input', value: 'x' } },
      title: { other_action: { type: 'plain_text_input', value: 'x' } },
    };
    const form = readNeedForm(state);
    expect(form.title).toBeNull();
    expect(form.municipalityId).toBe('4');
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['a string', 'municipality'],
    ['an array', [REALISTIC_STATE]],
    ['an empty object', {}],
    ['blocks that are not objects', { municipality: 'Kinda', description: ['text'] }],
    ['elements of the wrong shape', { municipality: { value: { selected_option: 'Kinda' } }, contact: { value: { selected_user: 7 } } }],
    ['a prototype-polluting payload', JSON.parse('{"__proto__": {"value": {"value": "x"}}, "constructor": {"value": 1}}')],
  ])('returns nulls for %s, without throwing', (_name, values) => {
    expect(readNeedForm(values)).toEqual(NOTHING);
  });
});

describe('modalErrors', () => {
  const cases: { error: NeedFieldError; block: string; sv: RegExp; en: RegExp }[] = [
    { error: { field: 'municipality', code: 'missing' }, block: 'municipality', sv: /^Välj en kommun\.$/, en: /^Choose a municipality\.$/ },
    {
      error: { field: 'municipality', code: 'unknown' },
      block: 'municipality',
      sv: /^Välj en av regionens kommuner i listan\.$/,
      en: /^Choose one of the region's municipalities from the list\.$/,
    },
    { error: { field: 'municipality', code: 'tampered' }, block: 'municipality', sv: /Formuläret kunde inte läsas/, en: /could not be read/ },
    { error: { field: 'title', code: 'tooLong' }, block: 'title', sv: /^Rubriken får vara högst 150 tecken\.$/, en: /at most 150 characters/ },
    { error: { field: 'description', code: 'empty', length: 0 }, block: 'description', sv: /^Skriv en beskrivning av behovet\.$/, en: /^Describe the need\.$/ },
    { error: { field: 'description', code: 'tooShort', length: 4 }, block: 'description', sv: /^Beskrivningen behöver minst 10 tecken\.$/, en: /at least 10/ },
    {
      error: { field: 'description', code: 'tooLong', length: 3412 },
      block: 'description',
      sv: /^Beskrivningen får vara högst 3000 tecken \(nu 3412\)\.$/,
      en: /at most 3000 characters \(now 3412\)/,
    },
    { error: { field: 'sector', code: 'unknown' }, block: 'sector', sv: /^Välj en verksamhet i listan\.$/, en: /sector/ },
    {
      error: { field: 'municipalContact', code: 'tooLong' },
      block: 'municipal_contact',
      sv: /^Kontakten i kommunen får vara högst 300 tecken\.$/,
      en: /at most 300 characters/,
    },
    { error: { field: 'ourContact', code: 'invalid' }, block: 'contact', sv: /^Välj en person i Slack, eller lämna fältet tomt\.$/, en: /person in Slack/ },
  ];

  it.each(cases)('puts $error.field/$error.code on block "$block" in Swedish and English', ({ error, block, sv, en }) => {
    const swedish = modalErrors([error], 'sv');
    expect(Object.keys(swedish)).toEqual([block]);
    expect(swedish[block]).toMatch(sv);
    expect(modalErrors([error], 'en')[block]).toMatch(en);
    expect(fieldErrorText(error, 'sv')).toBe(swedish[block]);
  });

  it('uses the modal’s real block ids', () => {
    expect(
      Object.keys(
        modalErrors(
          cases.map((c) => c.error),
          'sv',
        ),
      ).sort(),
    ).toEqual(Object.values(NEED_BLOCKS).sort());
  });

  it('keeps the first error per field', () => {
    const errors = modalErrors(
      [
        { field: 'description', code: 'tooShort', length: 3 },
        { field: 'description', code: 'empty', length: 0 },
        { field: 'ourContact', code: 'invalid' },
      ],
      'sv',
    );
    expect(errors).toEqual({ description: 'Beskrivningen behöver minst 10 tecken.', contact: 'Välj en person i Slack, eller lämna fältet tomt.' });
  });

  it('returns no errors for no problems', () => {
    expect(modalErrors([], 'sv')).toEqual({});
  });
});
