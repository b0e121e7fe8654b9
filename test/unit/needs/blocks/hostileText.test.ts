// Everything a person typed goes through every builder escaped: in mrkdwn and in a message's
// notification text, "<!channel>", "<@U…>", "<#C…>", "<!subteam^…>" or a link in a need's title
// or description must not ping or link anyone. plain_text (headers, inputs, options) is not
// parsed by Slack, so there the text stays as typed.
import { describe, expect, it } from 'vitest';
import type { NeedView } from '../../../../src/needs/store/needViews.js';
import { confirmationText } from '../../../../src/record-need/messages.js';
import { needModal } from '../../../../src/needs/blocks/needModal.js';
import { recategoriseModal } from '../../../../src/feedback/messages.js';
import { suggestionMessage } from '../../../../src/needs/blocks/suggestionMessage.js';
import { weeklySummaryMessage } from '../../../../src/weekly-summary/messages.js';
import { parseIsoWeek, weekRange } from '../../../../src/platform/isoWeek.js';
import type { SummaryNeed, WeeklySummary } from '../../../../src/weekly-summary/weeklySummary.js';
import { SHIPPED_AREA_NAMES } from '../../../support/shippedMatcher.js';

/** What a hostile or careless person can type; none of it may reach Slack as markup. */
const HOSTILE = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<!subteam^S0EVIL|@admins>',
  '<@U0EVIL>',
  '<#C0EVIL>',
  '<http://evil.example|klicka här>',
  '<mailto:x@evil.example>',
  '&amp; &lt;b&gt;',
];
const hostile = (what: string) => `${what} ${HOSTILE.join(' ')} slut`;

type Json = unknown;

/** Every string Slack parses as mrkdwn: mrkdwn text objects, and a message's top-level `text`. */
function mrkdwnStrings(value: Json, out: string[] = [], key = ''): string[] {
  if (typeof value === 'string') {
    if (key === 'text:mrkdwn' || key === 'top') out.push(value);
    return out;
  }
  if (Array.isArray(value)) {
    for (const item of value) mrkdwnStrings(item, out);
    return out;
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const isMrkdwn = record.type === 'mrkdwn';
    for (const [k, v] of Object.entries(record)) mrkdwnStrings(v, out, k === 'text' && isMrkdwn ? 'text:mrkdwn' : '');
  }
  return out;
}

function expectNoMarkupFromUsers(message: unknown, where: string): void {
  const strings = mrkdwnStrings(message);
  const top = (message as { text?: unknown }).text;
  if (typeof top === 'string') strings.push(top);
  expect(strings.length, `${where}: no mrkdwn at all`).toBeGreaterThan(0);
  for (const text of strings) {
    for (const token of ['<!channel', '<!here', '<!everyone', '<!subteam', '<@U0EVIL', '<#C0EVIL', '<http://evil', '<mailto:']) {
      expect(text.includes(token), `${where}: "${token}" unescaped in ${JSON.stringify(text.slice(0, 200))}`).toBe(false);
    }
  }
}

const need: NeedView = {
  withdrawn: null,
  id: 1,
  title: hostile('Rubrik'),
  description: hostile('Beskrivning'),
  sector: 'hemtjanst',
  municipality: hostile('Kommun'),
  municipalContact: hostile('Kontakt'),
  ourContactUserId: 'U0CONTACT',
  recordedByUserId: 'U0STAFF',
  sourceLabel: null,
  recordedAt: new Date('2026-11-23T09:15:00Z'),
  abstained: false,
  recategorisedBy: 'U0EDITOR',
  status: 'claimed',
  claimedByUserId: 'U0CLAIMER',
  feedbackByChannel: [{ channelId: 'C0IOT', up: 1, down: 1 }],
  areas: [{ slug: 'uppkopplade', name: 'Uppkopplade', nameEn: 'Connected', score: 0.8, terms: [hostile('term')] }],
  environments: [{ name: hostile('Miljö'), reason: hostile('Skäl') }],
};

function summaryNeed(i: number): SummaryNeed {
  return {
    id: i,
    title: hostile('Sammanfattning'),
    municipality: hostile('Kommun'),
    area: 'logistik',
    recordedAt: new Date('2026-11-18T10:00:00Z'),
    link: 'https://slack.com/archives/C0LOGIST/p1700000000000001',
  };
}

function summary(): WeeklySummary {
  const { start, end } = weekRange(parseIsoWeek('2026-W47'), 'Europe/Stockholm');
  return {
    channelId: 'C0LOGIST',
    isoWeek: '2026-W47',
    timezone: 'Europe/Stockholm',
    areas: ['logistik'],
    regionAreas: [...SHIPPED_AREA_NAMES],
    start,
    end,
    newNeeds: {
      total: 2,
      average: 1,
      byMunicipality: [{ key: 'x', label: hostile('Kommun'), count: 2, average: 1 }],
      byArea: [{ key: 'logistik', label: 'logistik', count: 2, average: 1 }],
      shown: [summaryNeed(1), summaryNeed(2)],
    },
    waiting: { total: 1, shown: [summaryNeed(3)] },
    claimed: 1,
    resolved: 0,
    feedback: { up: 1, down: 0, recategorised: 0 },
    trend: { weeks: [], points: [] },
  };
}

describe.each(['sv', 'en'] as const)('hostile text through every builder (%s)', (locale) => {
  it('suggestion message, in every state', () => {
    expectNoMarkupFromUsers(suggestionMessage(need, locale), 'suggestion');
    expectNoMarkupFromUsers(
      suggestionMessage(need, locale, { suggestionId: 1, state: 'moved', movedTo: ['C0LOGIST'], declinedBy: ['C0IOT'] }),
      'moved suggestion',
    );
    expectNoMarkupFromUsers(suggestionMessage({ ...need, areas: [], abstained: true, environments: [] }, locale), 'abstained suggestion');
  });

  it('confirmation, posted and to intake', () => {
    const input = (channelIds: string[], noClearMatch: boolean) => ({ title: hostile('Rubrik'), channelIds, noClearMatch, intakeChannel: 'C0INTAKE' });
    expectNoMarkupFromUsers({ text: confirmationText(input(['C0IOT', 'C0REGION'], false), locale) }, 'confirmation');
    expectNoMarkupFromUsers({ text: confirmationText(input(['C0INTAKE'], true), locale) }, 'intake confirmation');
    expectNoMarkupFromUsers({ text: confirmationText(input(['C0INTAKE', 'C0REGION'], true), locale) }, 'intake and shared confirmation');
    // Its own channel links are still links.
    expect(confirmationText({ ...input(['C0IOT'], false), title: 'x' }, locale)).toContain('<#C0IOT>');
  });

  it('recategorise modal', () => {
    expectNoMarkupFromUsers(
      recategoriseModal({
        locale,
        needTitle: hostile('Rubrik'),
        areas: [{ slug: 'logistik', name: 'Logistik', nameEn: 'Logistics' }],
        currentAreas: [],
        privateMetadata: '{}',
      }),
      'recategorise modal',
    );
  });

  it('weekly summary', () => {
    expectNoMarkupFromUsers(weeklySummaryMessage(summary(), locale), 'weekly summary');
  });

  it('need modal: a prefilled description stays plain text, never mrkdwn', () => {
    const modal = needModal({ locale, municipalities: [{ id: 1, name: 'Kinda' }], initialDescription: hostile('Beskrivning'), privateMetadata: '{}' });
    for (const text of mrkdwnStrings(modal)) for (const token of HOSTILE) expect(text).not.toContain(token);
    const description = modal.blocks.find((b) => b.block_id === 'description') as { element: { initial_value: string } };
    expect(description.element.initial_value).toBe(hostile('Beskrivning'));
  });
});
