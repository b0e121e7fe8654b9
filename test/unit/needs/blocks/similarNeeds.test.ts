// Similar needs as the suggestion message, the need's page and the confirmation show them:
// municipality, title (linked), month per locale; hostile titles stay text; within Slack's limits.
import { describe, expect, it } from 'vitest';
import type { NeedDetail, NeedView, SimilarNeedView } from '../../../../src/needs/store/needViews.js';
import { confirmationText } from '../../../../src/record-need/messages.js';
import { needPageModal } from '../../../../src/change-need/needDetailModal.js';
import { monthLabel, similarNeedLine, similarNeedsBlock } from '../../../../src/needs/blocks/similarNeeds.js';
import { suggestionMessage } from '../../../../src/needs/blocks/suggestionMessage.js';
import { slackLimitViolations } from '../../../support/blockLimits.js';

const hostile = '<!channel> | *fet* <https://evil.example|klicka> & ';

const similar = (i: number, overrides: Partial<SimilarNeedView> = {}): SimilarNeedView => ({
  id: 100 + i,
  title: `Digital tillsyn i hemtjänsten ${i}`,
  municipality: 'Motala',
  recordedAt: new Date('2026-03-10T10:00:00Z'),
  score: 0.5,
  link: `https://slack.com/archives/C0IOT/p170000000000010${i}`,
  ...overrides,
});

const need: NeedView = {
  id: 7,
  title: 'Nattillsyn med sensorer',
  description: 'Vi vill ersätta nattens tillsynsbesök med sensorer där brukaren vill.',
  sector: null,
  municipality: 'Kinda',
  municipalContact: null,
  ourContactUserId: null,
  recordedByUserId: 'U0STAFF',
  sourceLabel: null,
  recordedAt: new Date('2026-11-23T09:15:00Z'),
  abstained: false,
  recategorisedBy: null,
  status: 'open',
  withdrawn: null,
  claimedByUserId: null,
  feedbackByChannel: [],
  areas: [{ slug: 'uppkopplade', name: 'Uppkopplade system', nameEn: 'Connected systems', score: 0.8, terms: ['sensor'] }],
  environments: [],
  similar: [similar(1), similar(2, { municipality: 'Ydre', link: null }), similar(3, { title: `${hostile}${'T'.repeat(300)}` })],
};

describe('similar needs in blocks', () => {
  it('says municipality — title, month, with the month per locale', () => {
    expect(monthLabel(new Date('2026-03-10T10:00:00Z'), 'sv')).toBe('mars 2026');
    expect(monthLabel(new Date('2026-03-10T10:00:00Z'), 'en')).toBe('March 2026');
    // Midnight on 1 April in Stockholm is still March in UTC: the month is Stockholm's.
    expect(monthLabel(new Date('2026-03-31T22:30:00Z'), 'sv')).toBe('april 2026');
    expect(similarNeedLine(similar(1), 'sv')).toBe('Motala — <https://slack.com/archives/C0IOT/p1700000000000101|Digital tillsyn i hemtjänsten 1>, mars 2026');
    expect(similarNeedLine(similar(2, { link: null }), 'en')).toBe('Motala — _Digital tillsyn i hemtjänsten 2_, March 2026');
  });

  it('keeps a hostile title from mentioning, linking or ending the link early', () => {
    const line = similarNeedLine(similar(3, { title: hostile }), 'sv');
    expect(line).not.toContain('<!channel>');
    expect(line).not.toContain('<https://evil');
    expect(line).toContain('&lt;!channel&gt; ¦ *fet*');
    expect(line.startsWith('Motala — <https://slack.com/archives/C0IOT/p1700000000000103|')).toBe(true);
  });

  it('is a section in the suggestion message, in Swedish and English, and nothing without similar needs', () => {
    for (const locale of ['sv', 'en'] as const) {
      const message = suggestionMessage(need, locale, { suggestionId: 1, state: 'posted', movedTo: [], declinedBy: [] });
      expect(slackLimitViolations(message.blocks)).toEqual([]);
      const text = JSON.stringify(message.blocks);
      expect(text).toContain(locale === 'sv' ? 'Liknande behov i andra kommuner' : 'Similar needs in other municipalities');
      expect(text).toContain(locale === 'sv' ? 'mars 2026' : 'March 2026');
      expect(text).toContain('Ydre — _Digital tillsyn i hemtjänsten 2_');
    }
    expect(JSON.stringify(suggestionMessage({ ...need, similar: [] }, 'sv').blocks)).not.toContain('Liknande behov');
    expect(JSON.stringify(suggestionMessage({ ...need, similar: undefined }, 'sv').blocks)).not.toContain('Liknande behov');
    expect(similarNeedsBlock([], 'sv')).toBeNull();
  });

  it('is on the need’s page, with later needs that found it apart, within the modal’s limits', () => {
    const detail: NeedDetail = { need, posts: [], history: [], laterSimilar: [similar(1), similar(4, { municipality: 'Boxholm' })] };
    const view = needPageModal(detail, { locale: 'en', areas: [], mayChange: false });
    expect(slackLimitViolations(view)).toEqual([]);
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('Similar needs in other municipalities');
    expect(text).toContain('Later needs like this one');
    // The one already listed is not listed twice.
    expect(text.match(/Digital tillsyn i hemtjänsten 1/g)).toHaveLength(1);
    expect(text).toContain('Boxholm — <');
  });

  it('is a line of the confirmation', () => {
    const input = { title: 'Nattillsyn', channelIds: ['C0IOT'], noClearMatch: false, intakeChannel: 'C0INTAKE' };
    const sv = confirmationText({ ...input, similar: [similar(1)] }, 'sv');
    expect(sv.split('\n')).toEqual([
      'Tack! Behovet ”Nattillsyn” är sparat och delat i <#C0IOT>.',
      'Liknande behov: Motala — <https://slack.com/archives/C0IOT/p1700000000000101|Digital tillsyn i hemtjänsten 1>, mars 2026',
    ]);
    expect(confirmationText({ ...input, similar: [similar(1), similar(2, { municipality: 'Ydre' })] }, 'en')).toContain(
      'Similar needs: Motala — <https://slack.com/archives/C0IOT/p1700000000000101|Digital tillsyn i hemtjänsten 1>, March 2026; Ydre — <',
    );
    expect(confirmationText(input, 'sv')).not.toContain('\n');
  });
});
