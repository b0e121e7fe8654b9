// The need's own page and the small modals around changing it: within Slack's limits for the
// worst need we can store, hostile text stays text, the owners' buttons only when allowed, the
// history capped with a count of what is left out, in Swedish and English.
import { describe, expect, it } from 'vitest';
import type { HistoryEntry, NeedDetail, NeedView } from '../../../src/needs/store/needViews.js';
import { loadSeedData } from '../../../src/region/regionPack.js';
import { noticeModal, rerouteModal, withdrawModal } from '../../../src/change-need/needChangeModals.js';
import { HISTORY_SHOWN, historyText, needPageModal } from '../../../src/change-need/needDetailModal.js';
import { needModal } from '../../../src/needs/blocks/needModal.js';
import { slackLimitViolations } from '../../support/blockLimits.js';

const seed = loadSeedData();
const AREAS = seed.areas.map((a) => ({ slug: a.slug, name: a.name, nameEn: a.name_en }));
const hostile = '<!channel> *fet* <https://evil.example|klicka> & ';

const need: NeedView = {
  id: 7,
  title: `${hostile}${'T'.repeat(150)}`,
  description: `${hostile}${'Ö'.repeat(2990)}`,
  sector: 'hemtjanst',
  municipality: 'Norrköping',
  municipalContact: `${hostile}${'a'.repeat(300)}`,
  ourContactUserId: 'U0CONTACT',
  recordedByUserId: 'U0STAFF',
  sourceLabel: null,
  recordedAt: new Date('2026-11-23T09:15:00Z'),
  abstained: false,
  recategorisedBy: null,
  status: 'claimed',
  withdrawn: null,
  claimedByUserId: 'U0ALICE',
  feedbackByChannel: Array.from({ length: 6 }, (_, i) => ({ channelId: `C0CH${i}`, up: i, down: 1 })),
  areas: [
    {
      slug: 'uppkopplade',
      name: 'Smarta, säkra och robusta uppkopplade produkter och system',
      nameEn: 'Smart, secure and robust connected products and systems',
      score: 0.82,
      terms: ['sensor', 'larm', hostile],
    },
    { slug: 'logistik', name: 'Effektiv logistik', nameEn: 'Efficient logistics', score: 0.31, terms: [] },
  ],
  environments: [1, 2, 3, 4].map((i) => ({ name: `Miljö ${i} ${hostile}`, reason: `Skäl ${i}: ${'arbetar med detta '.repeat(20)}` })),
};

const history: HistoryEntry[] = [
  { at: new Date('2026-11-23T09:15:00Z'), kind: 'recorded', userId: 'U0STAFF', detail: '' },
  { at: new Date('2026-11-23T09:16:00Z'), kind: 'routed', userId: null, detail: 'C0IOT,C0REGION' },
  ...Array.from({ length: 30 }, (_, i): HistoryEntry => ({
    at: new Date(Date.UTC(2026, 10, 24, 8, i)),
    kind: 'status',
    userId: 'U0ALICE',
    detail: i % 2 ? 'claimed→open' : 'open→claimed',
  })),
  { at: new Date('2026-11-25T10:00:00Z'), kind: 'recategorised', userId: 'U0BOB', detail: 'logistik' },
  { at: new Date('2026-11-25T11:00:00Z'), kind: 'edited', userId: 'U0STAFF', detail: 'title,municipalContact' },
];

const detail: NeedDetail = {
  need,
  posts: [
    { channelId: 'C0IOT', link: 'https://slack.com/archives/C0IOT/p1', state: 'posted' },
    { channelId: 'C0REGION', link: null, state: 'pending' },
    { channelId: 'C0VISUAL', link: 'https://slack.com/archives/C0VISUAL/p2', state: 'moved' },
  ],
  history,
};

describe('needPageModal', () => {
  it('stays within Slack’s limits for the longest need, and hostile text cannot mention or link', () => {
    for (const locale of ['sv', 'en'] as const) {
      const view = needPageModal(detail, { locale, areas: AREAS, mayChange: true });
      expect(slackLimitViolations(view)).toEqual([]);
      // The header is plain_text (never parsed); every mrkdwn text must be escaped.
      expect(view.blocks[0]!.type).toBe('header');
      const text = JSON.stringify(view.blocks.slice(1));
      expect(text).not.toContain('<!channel>');
      expect(text).not.toContain('<https://evil.example');
    }
  });

  it('shows areas with score, posts with links and state, feedback per channel and the owners’ buttons', () => {
    const view = needPageModal(detail, { locale: 'sv', areas: AREAS, mayChange: true });
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('82 %, stark matchning');
    expect(text).toContain('<#C0IOT>: <https://slack.com/archives/C0IOT/p1|öppna meddelandet>');
    expect(text).toContain('<#C0REGION> — skickas snart');
    expect(text).toContain('flyttat därifrån');
    expect(text).toContain(':+1: 5 · :-1: 1 i <#C0CH5>');
    expect(view.blocks.some((b) => b.block_id === 'need_page_actions')).toBe(true);
    expect(JSON.parse(view.private_metadata!)).toEqual({ needId: 7 });

    expect(needPageModal(detail, { locale: 'sv', areas: AREAS, mayChange: false }).blocks.some((b) => b.block_id === 'need_page_actions')).toBe(false);
    const withdrawn = { ...detail, need: { ...need, status: 'withdrawn' as const, withdrawn: { at: new Date('2026-11-26T10:00:00Z'), byUserId: 'U0STAFF' } } };
    const page = needPageModal(withdrawn, { locale: 'sv', areas: AREAS, mayChange: true });
    expect(page.blocks.some((b) => b.block_id === 'need_page_actions')).toBe(false);
    expect(JSON.stringify(page.blocks)).toContain('*Återkallat* av <@U0STAFF>');
  });

  it('shows the newest history and counts what it leaves out', () => {
    const text = JSON.stringify(needPageModal(detail, { locale: 'sv', areas: AREAS, mayChange: false }).blocks);
    expect(text).toContain(`…och ${history.length - HISTORY_SHOWN} tidigare händelser`);
    expect(text).toContain('rubrik, kontakt i kommunen ändrat av <@U0STAFF>');
    expect(text).not.toContain('registrerat av');
    const english = JSON.stringify(needPageModal(detail, { locale: 'en', areas: AREAS, mayChange: false }).blocks);
    expect(english).toContain('…and 19 earlier events');
  });

  it.each([
    ['recorded', '', 'registrerat av <@U0X>', 'recorded by <@U0X>'],
    ['routed', 'C0A,C0B', 'delat i <#C0A> och <#C0B>', 'shared in <#C0A> and <#C0B>'],
    ['routed', '', 'klassat, ingen kanal', 'classified, no channel'],
    ['status', 'open→resolved', 'Öppet → Löst (<@U0X>)', 'Open → Resolved (<@U0X>)'],
    ['recategorised', 'logistik', 'styrkeområde ändrat till Effektiv logistik av <@U0X>', 'strength area changed to Efficient logistics by <@U0X>'],
    ['recategorised', '', 'styrkeområde ändrat till Inget styrkeområde av <@U0X>', 'strength area changed to No strength area by <@U0X>'],
    ['returned_to_intake', 'C0A', 'tillbaka till sortering: <#C0A> svarade :-1:', 'back to sorting: <#C0A> answered :-1:'],
    ['edited', 'description', 'beskrivning ändrat av <@U0X>', 'description changed by <@U0X>'],
    ['withdrawn', '', 'återkallat av <@U0X>', 'withdrawn by <@U0X>'],
  ] as const)('history %s (%s)', (kind, detailText, sv, en) => {
    const entry: HistoryEntry = { at: new Date(), kind, userId: 'U0X', detail: detailText };
    expect(historyText(entry, { locale: 'sv', areas: AREAS })).toBe(sv);
    expect(historyText(entry, { locale: 'en', areas: AREAS })).toBe(en);
  });
});

describe('the page of a need imported with no Slack person attached', () => {
  const imported: NeedDetail = {
    need: { ...need, recordedByUserId: null, ourContactUserId: null, sourceLabel: 'Workshop Motala 2027-03-12' },
    posts: [],
    history: [{ at: need.recordedAt, kind: 'recorded', userId: null, detail: 'Workshop Motala 2027-03-12' }],
  };

  it('says "importerad från ‹källa›" where the recorder goes and in the history, in both languages', () => {
    const sv = JSON.stringify(needPageModal(imported, { locale: 'sv', areas: AREAS, mayChange: false }).blocks);
    expect(sv).toContain('*Registrerat*\\n<!date^');
    expect(sv).toContain(', importerad från Workshop Motala 2027-03-12');
    expect(sv).toContain('— importerad från Workshop Motala 2027-03-12');
    expect(sv).not.toMatch(/registrerat av|<@null>|<@>/);
    const en = JSON.stringify(needPageModal(imported, { locale: 'en', areas: AREAS, mayChange: false }).blocks);
    expect(en).toContain(', imported from Workshop Motala 2027-03-12');
    expect(slackLimitViolations(needPageModal(imported, { locale: 'sv', areas: AREAS, mayChange: true }))).toEqual([]);
  });

  it('a recorded entry with no person and no label says "importerad från en fil"; one with a person is unchanged', () => {
    const entry: HistoryEntry = { at: new Date(), kind: 'recorded', userId: null, detail: '' };
    expect(historyText(entry, { locale: 'sv', areas: AREAS })).toBe('importerad från en fil');
    expect(historyText(entry, { locale: 'en', areas: AREAS })).toBe('imported from a file');
    expect(historyText({ ...entry, detail: '<!here> *x*' }, { locale: 'sv', areas: AREAS })).toBe('importerad från &lt;!here&gt; *x*');
    expect(historyText({ ...entry, userId: 'U0X', detail: '' }, { locale: 'sv', areas: AREAS })).toBe('registrerat av <@U0X>');
  });
});

describe('the modals around a change', () => {
  it('edit form is the /need form filled with the need, with its own callback', () => {
    const view = needModal({
      locale: 'sv',
      municipalities: [{ id: 3, name: 'Norrköping' }],
      privateMetadata: JSON.stringify({ needId: 7 }),
      editing: {
        municipalityId: 3,
        title: 'Rubrik',
        description: 'En beskrivning som är lång nog.',
        sector: 'hemtjanst',
        municipalContact: 'Eva',
        ourContactUserId: 'U0C',
      },
    });
    expect(view.callback_id).toBe('need_edit_modal');
    expect(view.title.text).toBe('Redigera behov');
    expect(slackLimitViolations(view)).toEqual([]);
    const text = JSON.stringify(view.blocks);
    for (const expected of [
      '"initial_value":"Rubrik"',
      '"initial_value":"En beskrivning som är lång nog."',
      '"initial_value":"Eva"',
      '"initial_user":"U0C"',
      '"value":"3"',
      '"value":"hemtjanst"',
    ])
      expect(text).toContain(expected);
  });

  it('re-route, withdraw and notice modals are within limits in both languages', () => {
    for (const locale of ['sv', 'en'] as const) {
      const reroute = rerouteModal({ locale, areas: AREAS, needId: 7, current: ['uppkopplade'], suggested: ['logistik', 'material'] });
      expect(slackLimitViolations(reroute)).toEqual([]);
      expect(JSON.parse(reroute.private_metadata!)).toEqual({ needId: 7, areas: ['logistik', 'material'] });
      expect(slackLimitViolations(withdrawModal({ locale, needId: 7, title: need.title }))).toEqual([]);
      expect(slackLimitViolations(noticeModal('x', locale))).toEqual([]);
    }
    expect(JSON.stringify(rerouteModal({ locale: 'en', areas: AREAS, needId: 7, current: [], suggested: ['logistik'] }).blocks)).toContain(
      '*Efficient logistics* instead of *No strength area*',
    );
  });
});
