// The reasons of suggested environments, worded per locale from the matcher's structured reasons:
// with real reasons for every shipped labelled need (a matcher trained on the shipped data), in
// Swedish and English: no word that is not the template's, an area name or the environment's own
// focus (so no stems and no fragments), never the area the message names just above, and never two
// identical lines in one message. Then the rules one by one on hand-made reasons, and old prose rows.
import { beforeAll, describe, expect, it } from 'vitest';
import { messages, type Locale } from '../../../../src/i18n/messages.js';
import {
  rankEnvironments,
  toEnvironmentProfiles,
  type AreaSlug,
  type EnvironmentProfile,
  type EnvironmentReason,
  type TrainedMatcher,
} from '../../../../src/matching/index.js';
import type { EnvironmentView, NeedView } from '../../../../src/needs/store/needViews.js';
import { loadSeedData, type SeedData } from '../../../../src/region/regionPack.js';
import { environmentLines, environmentReasonTexts } from '../../../../src/needs/blocks/environmentReason.js';
import { needPageModal } from '../../../../src/change-need/needDetailModal.js';
import { suggestionMessage } from '../../../../src/needs/blocks/suggestionMessage.js';
import { slackLimitViolations } from '../../../support/blockLimits.js';
import { shippedMatcher } from '../../../support/shippedMatcher.js';

const LOCALES: Locale[] = ['sv', 'en'];
const seed: SeedData = loadSeedData();
let matcher: TrainedMatcher;
let profiles: EnvironmentProfile[];

beforeAll(() => {
  matcher = shippedMatcher();
  profiles = toEnvironmentProfiles(seed.environments);
});

const areaNames = (slug: string) => {
  const area = seed.areas.find((a) => a.slug === slug)!;
  return { slug: area.slug, name: area.name, nameEn: area.name_en };
};
const viewOf = (name: string, reason: EnvironmentReason | string): EnvironmentView => {
  if (typeof reason === 'string' || reason.kind === 'crossCutting') return { name, reason };
  const { name: areaName, nameEn } = areaNames(reason.area);
  return { name, reason, area: { name: areaName, nameEn } };
};

const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const wordsOf = (text: string): string[] =>
  fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);

/** The words a line may use: the locale's templates, the list conjunction, area names, the environment's focus. */
function allowedWords(locale: Locale, focus: readonly string[]): Set<string> {
  const t = messages(locale).environmentReason;
  const templates = [
    t.worksWith(''),
    t.focusOn(''),
    t.inArea(''),
    t.coordinator,
    t.coordinatorOf(''),
    t.crossCutting,
    t.also(''),
    locale === 'sv' ? 'och' : 'and',
  ];
  const areas = seed.areas.flatMap((a) => [a.name, a.name_en]);
  return new Set([...templates, ...areas, ...focus].flatMap(wordsOf));
}

interface Rendered {
  need: string;
  shown: ReturnType<typeof areaNames>[];
  lines: { name: string; text: string }[];
}

function renderAll(locale: Locale): Rendered[] {
  return seed.labelledNeeds.map((n) => {
    const text = n.title ? `${n.title}. ${n.text}` : n.text;
    const classification = matcher.classify(text);
    const ranked = rankEnvironments(text, classification, profiles);
    const shown = classification.suggested.map((s) => areaNames(s.slug));
    const texts = environmentReasonTexts(
      ranked.map((r) => viewOf(r.name, r.reason)),
      { locale, shownAreas: shown },
    );
    return { need: text, shown, lines: ranked.map((r, i) => ({ name: r.name, text: texts[i]! })) };
  });
}

describe('environment reasons for every shipped labelled need', () => {
  it.each(LOCALES)('%s: only template words, area names and the environment’s own focus terms (no stems, no fragments)', (locale) => {
    for (const message of renderAll(locale)) {
      for (const line of message.lines) {
        expect(line.text, `${message.need} → ${line.name}`).not.toBe('');
        const focus = seed.environments.find((e) => e.name === line.name)!.focus;
        const allowed = allowedWords(locale, focus);
        for (const word of wordsOf(line.text)) expect(allowed.has(word), `${line.name}: "${line.text}" uses "${word}"`).toBe(true);
      }
    }
  });

  it.each(LOCALES)('%s: never repeats an area the message names above, and never lists a term that restates it', (locale) => {
    for (const message of renderAll(locale)) {
      for (const line of message.lines) {
        for (const area of message.shown) {
          expect(fold(line.text)).not.toContain(fold(area.name));
          expect(fold(line.text)).not.toContain(fold(area.nameEn));
        }
      }
    }
  });

  it.each(LOCALES)('%s: two environments in one message never get the same text', (locale) => {
    let compared = 0;
    for (const message of renderAll(locale)) {
      const texts = message.lines.map((l) => l.text);
      expect(new Set(texts).size, `${message.need}: ${texts.join(' | ')}`).toBe(texts.length);
      compared += texts.length > 1 ? 1 : 0;
    }
    expect(compared).toBeGreaterThan(200);
  });

  it('English lines use no Swedish template words, Swedish lines no English ones', () => {
    const en = renderAll('en').flatMap((m) => m.lines.map((l) => l.text));
    const sv = renderAll('sv').flatMap((m) => m.lines.map((l) => l.text));
    for (const text of en) expect(text).not.toMatch(/Arbetar med|Fokus på|[Ss]amordnar|Brett innovationsstöd|\binom\b|\bäven\b/);
    for (const text of sv) expect(text).not.toMatch(/Works with|Focus on|coordinator|innovation support|\balso\b/);
  });
});

describe('the rules one by one', () => {
  const uppkopplade = areaNames('uppkopplade');
  const logistik = areaNames('logistik');
  const texts = (envs: EnvironmentView[], locale: Locale, shown = [uppkopplade]) => environmentReasonTexts(envs, { locale, shownAreas: shown });
  const shared = (area: AreaSlug, terms: string[], focus: string[], coordinator = false): EnvironmentReason => ({
    kind: 'sharedTerms',
    area,
    terms,
    coordinator,
    focus,
  });

  it('lists terms the way each language does', () => {
    const reason = shared('uppkopplade', ['sensorer', 'larm', 'digitala lås'], ['IoT']);
    expect(texts([viewOf('A', reason)], 'sv')).toEqual(['Arbetar med sensorer, larm och digitala lås']);
    expect(texts([viewOf('A', reason)], 'en')).toEqual(['Works with sensorer, larm and digitala lås']);
  });

  it('leaves out a term another one already says ("larm" after "trygghetslarm")', () => {
    expect(texts([viewOf('A', shared('uppkopplade', ['trygghetslarm', 'larm'], []))], 'sv')).toEqual(['Arbetar med trygghetslarm']);
  });

  it('names the area only when the message does not show it above', () => {
    const reason = shared('logistik', ['godsflöden'], ['hamn']);
    expect(texts([viewOf('A', reason)], 'sv', [logistik])).toEqual(['Arbetar med godsflöden']);
    expect(texts([viewOf('A', reason)], 'sv', [uppkopplade])).toEqual(['Arbetar med godsflöden inom Effektiv logistik']);
    expect(texts([viewOf('A', reason)], 'en', [uppkopplade])).toEqual(['Works with godsflöden in Efficient logistics']);
  });

  it('drops a term that only restates the area and says what the environment does instead', () => {
    const reason = shared('logistik', ['logistik'], ['logistik', 'hamn', 'godsflöden', 'etablering', 'infrastruktur']);
    expect(texts([viewOf('A', reason)], 'sv', [logistik])).toEqual(['Fokus på hamn, godsflöden och etablering']);
  });

  it('says who coordinates the area, naming it only when the message does not', () => {
    const coordinator: EnvironmentReason = { kind: 'coordinator', area: 'logistik', focus: ['logistiketableringar', 'hamn'] };
    expect(texts([viewOf('A', coordinator)], 'sv', [logistik])).toEqual(['Samordnar området i regionen; fokus på logistiketableringar och hamn']);
    expect(texts([viewOf('A', coordinator)], 'en', [logistik])).toEqual(["The region's coordinator of the area; focus on logistiketableringar and hamn"]);
    expect(texts([viewOf('A', coordinator)], 'sv', [logistik, uppkopplade])).toEqual(['Samordnar området i regionen; fokus på logistiketableringar och hamn']);
    expect(texts([viewOf('A', coordinator)], 'sv', [uppkopplade])).toEqual(['Samordnar Effektiv logistik i regionen; fokus på logistiketableringar och hamn']);
    expect(texts([viewOf('A', shared('logistik', ['hamn'], [], true))], 'sv', [logistik])).toEqual(['Arbetar med hamn; samordnar området i regionen']);
    // Named once, not twice, when the message does not show it.
    expect(texts([viewOf('A', shared('logistik', ['hamn'], [], true))], 'sv', [uppkopplade])).toEqual([
      'Arbetar med hamn inom Effektiv logistik; samordnar området i regionen',
    ]);
  });

  it('cross-cutting support says so, with its own focus', () => {
    const reason: EnvironmentReason = { kind: 'crossCutting', terms: [], focus: ['finansiering', 'lån', 'riskkapital', 'rådgivning'] };
    expect(texts([viewOf('Almi', reason)], 'sv', [])).toEqual(['Brett innovationsstöd oavsett område; fokus på finansiering, lån och riskkapital']);
    expect(texts([viewOf('Almi', reason)], 'en', [])).toEqual(['Broad innovation support in any area; focus on finansiering, lån and riskkapital']);
  });

  it('tells two alike lines apart by what each does that the other does not', () => {
    const hope = shared('uppkopplade', ['etiketter', 'sensorer'], ['tryckt elektronik', 'produktion', 'uppskalning', 'accelerator']);
    const arena = shared('uppkopplade', ['etiketter', 'sensorer'], ['tryckt elektronik', 'smarta förpackningar', 'displayer']);
    for (const locale of LOCALES) {
      const [a, b] = texts([viewOf('HOPE', hope), viewOf('Arena', arena)], locale);
      expect(a).not.toBe(b);
      expect(a).toContain('produktion');
      expect(b).toContain('smarta förpackningar');
      expect(a).not.toContain('tryckt elektronik'); // shared by both: says nothing about the difference
    }
    expect(texts([viewOf('HOPE', hope), viewOf('Arena', arena)], 'sv')[0]).toBe('Arbetar med etiketter och sensorer; även produktion och uppskalning');
    // Alone, no extra words.
    expect(texts([viewOf('HOPE', hope)], 'sv')).toEqual(['Arbetar med etiketter och sensorer']);
  });

  it('shows a prose line stored by an older version as it is', () => {
    const old = 'Arbetar med Effektiv logistik: bygglogistik';
    expect(texts([viewOf('A', old), viewOf('B', old)], 'en')).toEqual([old, old]);
  });
});

describe('in the blocks', () => {
  const need = (environments: EnvironmentView[]): NeedView => ({
    id: 1,
    title: 'Trygghetslarm',
    description: 'Hemtjänsten vill ha sensorer och trygghetslarm.',
    sector: null,
    municipality: 'Motala',
    municipalContact: null,
    ourContactUserId: null,
    recordedByUserId: 'U1',
    sourceLabel: null,
    recordedAt: new Date('2026-11-23T09:00:00Z'),
    abstained: false,
    areas: [{ ...areaNames('uppkopplade'), score: 0.9, terms: ['trygghetslarm'] }],
    recategorisedBy: null,
    environments,
    status: 'open',
    withdrawn: null,
    claimedByUserId: null,
    feedbackByChannel: [],
  });
  const envs = [
    viewOf('IoT World', { kind: 'sharedTerms', area: 'uppkopplade', terms: ['sensorer', 'trygghetslarm'], coordinator: false, focus: ['testbädd'] }),
    viewOf('Ett *fett* <!channel> namn', 'Arbetar med <!everyone>'),
  ];

  it.each(LOCALES)('%s: the suggestion message and the need’s page show the worded reason, escaped', (locale) => {
    const message = suggestionMessage(need(envs), locale);
    const page = needPageModal(
      { need: need(envs), posts: [], history: [] },
      { locale, areas: seed.areas.map((a) => areaNames(a.slug) as never), mayChange: false },
    );
    for (const blocks of [message.blocks, page.blocks]) {
      const text = JSON.stringify(blocks);
      expect(text).toContain(locale === 'sv' ? 'Arbetar med sensorer och trygghetslarm' : 'Works with sensorer and trygghetslarm');
      expect(text).not.toContain('<!everyone>');
      expect(text).not.toContain('<!channel>');
      expect(slackLimitViolations(blocks)).toEqual([]);
    }
    expect(environmentLines(envs, { locale, shownAreas: need(envs).areas })[0]).toMatch(/^• \*IoT World\* — /);
  });
});
