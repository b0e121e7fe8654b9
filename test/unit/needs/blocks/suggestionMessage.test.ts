import { confirmationText } from '../../../../src/record-need/messages.js';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../../../src/i18n/messages.js';
import type { NeedView } from '../../../../src/needs/store/needViews.js';
import { loadSeedData } from '../../../../src/region/regionPack.js';
import { INPUT_ACTION_ID, NEED_BLOCKS, NEED_MODAL_CALLBACK_ID, needModal } from '../../../../src/needs/blocks/needModal.js';
import { confidenceOf, suggestionMessage } from '../../../../src/needs/blocks/suggestionMessage.js';
import { encodeNeedModalMetadata } from '../../../../src/needs/blocks/needModal.js';
import { assertWithinSlackLimits, slackLimitViolations } from '../../../support/blockLimits.js';

const seed = loadSeedData();
const MUNICIPALITIES = seed.municipalities.map((m, i) => ({ id: i + 1, name: m.name }));
const area = (slug: string) => seed.areas.find((a) => a.slug === slug)!;
const METADATA = encodeNeedModalMetadata({ channelId: 'C0TYPED', source: 'slash_command' });

interface AnyBlock {
  type: string;
  block_id?: string;
  text?: { text: string };
  fields?: { text: string }[];
  elements?: { text: string }[];
  element?: Record<string, unknown>;
}

describe('assertWithinSlackLimits (the helper itself)', () => {
  it('passes a small valid message and catches each kind of overflow', () => {
    expect(() => assertWithinSlackLimits({ text: 'hej', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hej' } }] })).not.toThrow();
    const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
    expect(slackLimitViolations({ blocks: Array.from({ length: 51 }, () => section('x')) })).toEqual(['51 blocks (max 50)']);
    expect(slackLimitViolations({ type: 'modal', title: { text: 'x' }, blocks: Array.from({ length: 100 }, () => section('x')) })).toEqual([]);
    expect(slackLimitViolations([section('å'.repeat(3001))])).toEqual(['block 0 (section) text is 3001 characters (max 3000)']);
    expect(slackLimitViolations([{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }])).toHaveLength(1);
    expect(slackLimitViolations([{ type: 'context', elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'x' })) }])).toHaveLength(1);
    expect(slackLimitViolations([{ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'x' })) }])).toHaveLength(1);
    expect(slackLimitViolations([{ type: 'section', fields: [{ type: 'mrkdwn', text: 'x'.repeat(2001) }] }])).toHaveLength(1);
    expect(slackLimitViolations([{ type: 'section', block_id: 'b'.repeat(256), text: { type: 'mrkdwn', text: 'x' } }])).toHaveLength(1);
    const select = (options: unknown[]) => [{ type: 'input', label: { text: 'l' }, element: { type: 'static_select', action_id: 'a'.repeat(256), options } }];
    expect(slackLimitViolations(select([]))).toEqual(['block 0 (input) element action_id is 256 characters (max 255)']);
    const opt = (text: string) => ({ text: { type: 'plain_text', text }, value: 'v' });
    expect(slackLimitViolations(select(Array.from({ length: 101 }, () => opt('x'))))).toContain('block 0 (input) element has 101 options (max 100)');
    expect(slackLimitViolations(select([opt('x'.repeat(76))]))).toContain('block 0 (input) element option 0 text is 76 characters (max 75)');
    const modal = {
      type: 'modal',
      title: { text: 'x'.repeat(25) },
      submit: { text: 'x'.repeat(25) },
      close: { text: 'x'.repeat(25) },
      private_metadata: 'm'.repeat(3001),
      blocks: [],
    };
    expect(slackLimitViolations(modal)).toHaveLength(4);
    expect(() => assertWithinSlackLimits(modal)).toThrow(/private_metadata is 3001 characters/);
  });
});

describe('needModal', () => {
  const modal = (locale: Locale, initialDescription?: string) =>
    needModal({ locale, municipalities: MUNICIPALITIES, initialDescription, initialContactUserId: 'U0STAFF', privateMetadata: METADATA });
  const block = (view: { blocks: unknown[] }, id: string) => (view.blocks as AnyBlock[]).find((b) => b.block_id === id)!;

  it.each(['sv', 'en'] as const)('stays within Slack limits with a 3000-character initial text and 13 municipalities (%s)', (locale) => {
    const view = modal(locale, 'å'.repeat(3000));
    assertWithinSlackLimits(view);
    expect(block(view, NEED_BLOCKS.description).element!.initial_value).toBe('å'.repeat(3000));
    expect(block(view, NEED_BLOCKS.municipality).element!.options).toHaveLength(13);
  });

  it('truncates an over-long prefill instead of breaking the modal', () => {
    const view = modal('sv', '😀'.repeat(3500));
    assertWithinSlackLimits(view);
    const initial = String(block(view, NEED_BLOCKS.description).element!.initial_value);
    expect(Array.from(initial).length).toBe(3000);
    expect(initial.endsWith('…')).toBe(true);
  });

  it('keeps 150 long municipality names within the options limits', () => {
    const many = Array.from({ length: 150 }, (_, i) => ({
      id: i + 1,
      name: `Kommun nummer ${i} med ett mycket långt namn som aldrig tycks ta slut någonsin alls`,
    }));
    const view = needModal({ locale: 'sv', municipalities: many, privateMetadata: METADATA });
    assertWithinSlackLimits(view);
  });

  it('has the Swedish title, the input ids the submission parser reads, and the metadata', () => {
    const view = modal('sv', 'bygglogistik');
    expect(view.callback_id).toBe(NEED_MODAL_CALLBACK_ID);
    expect(view.title.text).toBe('Nytt behov');
    expect(view.submit?.text).toBe('Spara');
    expect(view.private_metadata).toBe(METADATA);
    const inputs = (view.blocks as AnyBlock[]).filter((b) => b.type === 'input');
    expect(inputs.map((b) => b.block_id)).toEqual(['municipality', 'title', 'description', 'sector', 'municipal_contact', 'contact']);
    for (const input of inputs) expect(input.element!.action_id).toBe(INPUT_ACTION_ID);
    expect(block(view, 'contact').element!.initial_user).toBe('U0STAFF');
    const options = block(view, 'municipality').element!.options as { text: { text: string }; value: string }[];
    expect(options.map((o) => o.text.text)).toContain('Kinda');
    expect(options.find((o) => o.text.text === 'Linköping')?.value).toMatch(/^\d+$/);
  });

  it('speaks English when asked', () => {
    const view = modal('en');
    expect(view.title.text).toBe('New need');
    expect(JSON.stringify(view)).not.toContain('Beskrivning');
  });

  it('leaves the description empty when the command had no text', () => {
    expect(block(modal('sv', '   '), NEED_BLOCKS.description).element).not.toHaveProperty('initial_value');
  });
});

describe('confidenceOf', () => {
  it.each([
    [0.99, 'high'],
    [0.75, 'high'],
    [0.7499, 'medium'],
    [0.5, 'medium'],
    [0.4999, 'low'],
    [0, 'low'],
  ] as const)('%s → %s', (score, word) => expect(confidenceOf(score)).toBe(word));
});

describe('suggestionMessage', () => {
  const RECORDED_AT = new Date('2026-11-23T09:15:00Z');
  const longTerm = (n: number) => `${'långtnyckelord'.repeat(8)}${n}`;
  const worstCase: NeedView = {
    withdrawn: null,
    id: 1,
    title: 'T'.repeat(150),
    description: 'Ö'.repeat(3000),
    sector: 'hemtjanst',
    municipality: 'Norrköping',
    municipalContact: 'Anna Svensson, enhetschef hemtjänsten',
    ourContactUserId: 'U0CONTACT',
    recordedByUserId: 'U0STAFF',
    sourceLabel: null,
    recordedAt: RECORDED_AT,
    abstained: false,
    recategorisedBy: null,
    status: 'open',
    claimedByUserId: null,
    feedbackByChannel: [],
    areas: [
      { slug: 'uppkopplade', name: area('uppkopplade').name, nameEn: area('uppkopplade').name_en, score: 0.82, terms: [1, 2, 3, 4, 5].map(longTerm) },
      { slug: 'visualisering', name: area('visualisering').name, nameEn: area('visualisering').name_en, score: 0.55, terms: ['digital tvilling'] },
      { slug: 'logistik', name: area('logistik').name, nameEn: area('logistik').name_en, score: 0.3, terms: [] },
    ],
    environments: [1, 2, 3, 4].map((i) => ({ name: `Miljö ${i} ${'x'.repeat(100)}`, reason: `Skäl ${i}: ${'arbetar med detta '.repeat(20)}` })),
  };
  const abstained: NeedView = { ...worstCase, abstained: true, areas: [], environments: [], sector: null };
  const texts = (blocks: unknown[]) => JSON.stringify(blocks);

  it.each(['sv', 'en'] as const)('stays within Slack limits in the worst case and when abstained (%s)', (locale) => {
    for (const need of [worstCase, abstained]) {
      const message = suggestionMessage(need, locale);
      assertWithinSlackLimits(message);
      expect(message.text.length).toBeGreaterThan(0);
      expect(message.blocks[0]!.type).toBe('header');
    }
  });

  it.each(['sv', 'en'] as const)('stays within Slack limits with every state line and the action buttons (%s)', (locale) => {
    const busy: NeedView = {
      ...worstCase,
      recategorisedBy: 'U0EDITOR',
      status: 'resolved',
      claimedByUserId: 'U0CLAIMER',
      feedbackByChannel: Array.from({ length: 40 }, (_, i) => ({ channelId: `C0TEAM${i}`, up: i, down: 40 - i })),
    };
    const channels = Array.from({ length: 40 }, (_, i) => `C0TEAM${i}`);
    const message = suggestionMessage(busy, locale, { suggestionId: 123456, state: 'moved', movedTo: channels, declinedBy: channels });
    assertWithinSlackLimits(message);
    expect(message.blocks.some((b) => b.type === 'actions')).toBe(true);
  });

  it('shows the full Swedish area names with confidence in words', () => {
    const text = texts(suggestionMessage(worstCase, 'sv').blocks);
    expect(text).toContain('*Smarta, säkra och robusta uppkopplade produkter och system* (stark matchning)');
    expect(text).toContain('*Visualisering, simulering och bildanalys* (trolig matchning)');
    expect(text).toContain('*Effektiv logistik* (svag matchning)');
    expect(text).not.toContain(area('uppkopplade').name_en);
  });

  it('uses the English names and words in English', () => {
    const text = texts(suggestionMessage(worstCase, 'en').blocks);
    expect(text).toContain(`*${area('uppkopplade').name_en}* (strong match)`);
    expect(text).toContain('(weak match)');
  });

  it('shows at most three terms per area', () => {
    const text = texts(suggestionMessage(worstCase, 'sv').blocks);
    for (const n of [1, 2, 3]) expect(text).toContain(`_${longTerm(n)}_`);
    for (const n of [4, 5]) expect(text).not.toContain(longTerm(n));
  });

  it('lists up to three environments with their reasons', () => {
    const text = texts(suggestionMessage(worstCase, 'sv').blocks);
    expect(text).toContain('Förslag på innovationsmiljöer');
    for (const i of [1, 2, 3]) {
      expect(text).toContain(`*Miljö ${i} ${'x'.repeat(100)}* — Skäl ${i}:`);
    }
    expect(text).not.toContain('Miljö 4');
  });

  it('names who recorded it with a mention and a Slack date token, and both contacts', () => {
    const blocks = suggestionMessage(worstCase, 'sv').blocks as AnyBlock[];
    const context = blocks.find((b) => b.type === 'context')!;
    const line = context.elements!.map((e) => e.text).join('\n');
    expect(line).toContain('Registrerat av <@U0STAFF>');
    expect(line).toContain(`<!date^${RECORDED_AT.getTime() / 1000}^`);
    expect(line).toMatch(/<!date\^\d+\^\{date_short_pretty\} \{time\}\|[^>]+>/);
    expect(line).toContain('Kontakt i kommunen: Anna Svensson, enhetschef hemtjänsten');
    expect(line).toContain('Vår kontakt: <@U0CONTACT>');
    const english = (suggestionMessage(worstCase, 'en').blocks as AnyBlock[])
      .find((b) => b.type === 'context')!
      .elements!.map((e) => e.text)
      .join('\n');
    expect(english).toContain('Contact at the municipality: Anna Svensson');
    expect(english).toContain('Our contact: <@U0CONTACT>');
  });

  it('an imported need with no Slack person: "Importerad från ‹källa›" in place of a mention, the label escaped', () => {
    const imported: NeedView = { ...worstCase, recordedByUserId: null, ourContactUserId: null, sourceLabel: 'Workshop <Motala> & Kinda' };
    const line = (locale: Locale) =>
      (suggestionMessage(imported, locale).blocks as AnyBlock[])
        .find((b) => b.type === 'context')!
        .elements!.map((e) => e.text)
        .join('\n');
    expect(line('sv')).toContain('Importerad från Workshop &lt;Motala&gt; &amp; Kinda <!date^');
    expect(line('en')).toContain('Imported from Workshop &lt;Motala&gt; &amp; Kinda <!date^');
    expect(line('sv')).not.toMatch(/Registrerat av|<@/);
    assertWithinSlackLimits(suggestionMessage(imported, 'sv'));
  });

  it('leaves out the contacts nobody gave', () => {
    const blocks = suggestionMessage({ ...worstCase, municipalContact: null, ourContactUserId: null }, 'sv').blocks as AnyBlock[];
    const line = blocks
      .find((b) => b.type === 'context')!
      .elements!.map((e) => e.text)
      .join('\n');
    expect(line).not.toContain('kontakt');
  });

  it('shortens a long title in the header and a long description in the body', () => {
    const blocks = suggestionMessage(worstCase, 'sv').blocks as AnyBlock[];
    const header = blocks[0]!.text!.text;
    expect(Array.from(header).length).toBeLessThanOrEqual(150);
    expect(header.startsWith('Nytt behov: TTT')).toBe(true);
    expect(header.endsWith('…')).toBe(true);
    expect(texts(blocks)).not.toContain('Ö'.repeat(701));
  });

  it('asks for help sorting an abstained need and says there are no environment suggestions', () => {
    const text = texts(suggestionMessage(abstained, 'sv').blocks);
    expect(text).toContain('Ingen tydlig matchning — hjälp oss sortera');
    expect(text).toContain('Inga förslag ännu.');
    expect(text).not.toContain('Styrkeområde*');
  });

  it('escapes <, > and & in everything people typed or the data holds', () => {
    const hostile: NeedView = {
      ...worstCase,
      title: 'Larm',
      description: 'Ring <!channel> & <@U0BOSS> om <https://evil.example|detta>',
      municipality: 'Kinda <!here>',
      areas: [{ ...worstCase.areas[0]!, terms: ['a<b', 'c&d'] }],
      environments: [{ name: 'Park & <Lab>', reason: 'arbetar med <!everyone>' }],
    };
    const blocks = suggestionMessage(hostile, 'sv').blocks as AnyBlock[];
    const userText = blocks
      .filter((b) => b.type === 'section')
      .flatMap((b) => [b.text?.text ?? '', ...(b.fields ?? []).map((f) => f.text)])
      .join('\n');
    expect(userText).toContain('Ring &lt;!channel&gt; &amp; &lt;@U0BOSS&gt; om &lt;https://evil.example|detta&gt;');
    expect(userText).toContain('Kinda &lt;!here&gt;');
    expect(userText).toContain('_a&lt;b_, _c&amp;d_');
    expect(userText).toContain('*Park &amp; &lt;Lab&gt;* — arbetar med &lt;!everyone&gt;');
    expect(userText).not.toMatch(/<!(channel|here|everyone)>|<@U0BOSS>|<https:/);
  });

  it('escapes the title in the notification text too', () => {
    const message = suggestionMessage({ ...worstCase, title: 'Hej <!channel> & co', municipality: 'Kinda' }, 'sv');
    expect(message.text).toBe('Nytt behov från Kinda: Hej &lt;!channel&gt; &amp; co');
  });
});

describe('confirmationText', () => {
  it('names every channel as a list in words, in the chosen language', () => {
    const posted = (title: string, channelIds: string[]) => ({ title, channelIds, noClearMatch: false, intakeChannel: 'C0INTAKE' });
    expect(confirmationText(posted('Larm', ['C1', 'C2', 'C3']), 'sv')).toBe('Tack! Behovet ”Larm” är sparat och delat i <#C1>, <#C2> och <#C3>.');
    expect(confirmationText(posted('Alarms', ['C1', 'C2']), 'en')).toBe('Thanks! The need “Alarms” is saved and shared in <#C1> and <#C2>.');
  });

  it('says so when the need only went to intake', () => {
    const unmatched = (channelIds: string[]) => ({ title: 'Budget', channelIds, noClearMatch: true, intakeChannel: 'C0INTAKE' });
    expect(confirmationText(unmatched(['C0INTAKE']), 'sv')).toBe(
      'Tack! Behovet ”Budget” är sparat. Det matchade inget styrkeområde tydligt, så det ligger i <#C0INTAKE> för sortering.',
    );
  });

  it('says that nothing matched also when an all-areas channel got the need too', () => {
    const unmatched = { title: 'Budget', channelIds: ['C0INTAKE', 'C0REGION'], noClearMatch: true, intakeChannel: 'C0INTAKE' };
    expect(confirmationText(unmatched, 'sv')).toBe(
      'Tack! Behovet ”Budget” är sparat. Det matchade inget styrkeområde tydligt, så det ligger i <#C0INTAKE> för sortering och är också delat i <#C0REGION>.',
    );
    expect(confirmationText(unmatched, 'en')).toContain(
      'It matched no strength area clearly, so it waits in <#C0INTAKE> for sorting and is also shared in <#C0REGION>.',
    );
  });
});
