// The weekly summary's "Gemensamma behov": grouping of similar needs (pure), what the database
// query keeps (the last eight weeks, not withdrawn, the channel's areas) and the blocks.
import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { WindowNeed } from '../../../src/needs/store/similarNeedLinks.js';
import { sharedNeedsBlocks } from '../../../src/weekly-summary/messages.js';
import { weeklySummaryMessage } from '../../../src/weekly-summary/messages.js';
import { parseIsoWeek, weekRange } from '../../../src/platform/isoWeek.js';
import { SHARED_GROUPS_SHOWN, type SharedNeedGroup, type SummaryNeed, type WeeklySummary } from '../../../src/weekly-summary/weeklySummary.js';
import { loadWeeklySummary } from '../../../src/weekly-summary/weeklySummary.js';
import { groupSharedNeeds, loadSharedNeeds } from '../../../src/weekly-summary/weeklySummary.js';
import { assertWithinSlackLimits } from '../../support/blockLimits.js';
import { addNeed, useTestDb } from '../../support/testDb.js';
import { weeklySummaryFixture } from './fixtures.js';

const TZ = 'Europe/Stockholm';
const WEEK = parseIsoWeek('2026-W47');

function windowNeed(id: number, municipality: string, areas: string[], day: number, title = `Behov ${id}`): WindowNeed {
  return { id, title, municipality, areas, recordedAt: new Date(Date.UTC(2026, 10, day, 9)), score: 0, link: `https://slack.com/archives/C0X/p${id}` };
}

describe('groupSharedNeeds', () => {
  const needs = [
    windowNeed(1, 'Motala', ['uppkopplade'], 2, 'Digital tillsyn nattetid'),
    windowNeed(2, 'Kinda', ['uppkopplade'], 9, 'Nattillsyn med sensorer'),
    windowNeed(3, 'Ydre', ['uppkopplade'], 16, 'digital tillsyn i hemtjänsten'),
    windowNeed(4, 'Boxholm', ['material'], 3, 'Korrosion på broar'),
    windowNeed(5, 'Mjölby', ['material'], 4, 'Rostande broräcken'),
    windowNeed(6, 'Motala', ['logistik'], 5),
  ];

  it('joins linked needs into groups across municipalities, labelled with the newest title, most municipalities first', () => {
    // 3 found 2, 2 found 1: one group of three; 5 found 4: a group of two.
    const groups = groupSharedNeeds(
      [
        { needId: 2, similarNeedId: 1 },
        { needId: 3, similarNeedId: 2 },
        { needId: 5, similarNeedId: 4 },
      ],
      needs,
      'all',
    );
    expect(groups.map((g) => [g.label, g.municipalities, g.needIds])).toEqual([
      ['digital tillsyn i hemtjänsten', ['Motala', 'Kinda', 'Ydre'], [1, 2, 3]],
      ['Rostande broräcken', ['Boxholm', 'Mjölby'], [4, 5]],
    ]);
    expect(groups[0]!.link).toBe('https://slack.com/archives/C0X/p3');
  });

  it('keeps only groups touching the channel’s areas, and caps them', () => {
    const edges = [
      { needId: 2, similarNeedId: 1 },
      { needId: 5, similarNeedId: 4 },
    ];
    expect(groupSharedNeeds(edges, needs, ['material']).map((g) => g.label)).toEqual(['Rostande broräcken']);
    expect(groupSharedNeeds(edges, needs, ['logistik'])).toEqual([]);
    expect(groupSharedNeeds(edges, needs, 'all', 1)).toHaveLength(1);
  });

  it('drops a group within one municipality and links to needs outside the window', () => {
    const sameTown = [windowNeed(7, 'Motala', ['logistik'], 6), windowNeed(8, 'Motala', ['logistik'], 7)];
    expect(groupSharedNeeds([{ needId: 8, similarNeedId: 7 }], sameTown, 'all')).toEqual([]);
    expect(groupSharedNeeds([{ needId: 2, similarNeedId: 99 }], needs, 'all')).toEqual([]);
  });
});

describe('loadSharedNeeds and the weekly summary', () => {
  const testDb = useTestDb();

  it('finds the groups of the last eight weeks, not withdrawn, in the channel’s areas, and the summary shows them', async () => {
    const t = testDb();
    const motala = await addNeed(t, {
      municipality: 'Motala',
      areas: ['uppkopplade'],
      recordedAt: '2026-10-20T09:00:00Z',
      title: 'Digital tillsyn nattetid',
      posts: { C0IOT: '1700000000.000100' },
    });
    const kinda = await addNeed(t, {
      municipality: 'Kinda',
      areas: ['uppkopplade'],
      recordedAt: '2026-11-18T09:00:00Z',
      title: 'Digital tillsyn i hemtjänsten',
      posts: { C0IOT: '1700000000.000200' },
    });
    const ydre = await addNeed(t, { municipality: 'Ydre', areas: ['uppkopplade'], recordedAt: '2026-11-19T09:00:00Z', title: 'Nattillsyn med kamera' });
    // Older than the eight weeks (W40–W47): left out, and so is its link.
    const old = await addNeed(t, { municipality: 'Boxholm', areas: ['uppkopplade'], recordedAt: '2026-09-01T09:00:00Z', title: 'Gammalt behov' });
    // A withdrawn one: left out.
    const gone = await addNeed(t, { municipality: 'Mjölby', areas: ['uppkopplade'], recordedAt: '2026-11-17T09:00:00Z', title: 'Återkallat' });
    await t.db.need.update({ where: { id: gone }, data: { status: 'withdrawn', withdrawnAt: new Date('2026-11-18T00:00:00Z') } });
    await t.db.needSimilar.createMany({
      data: [
        { needId: kinda, similarNeedId: motala, rank: 1, score: 0.5 },
        { needId: ydre, similarNeedId: kinda, rank: 1, score: 0.4 },
        { needId: motala, similarNeedId: old, rank: 1, score: 0.4 },
        { needId: gone, similarNeedId: motala, rank: 1, score: 0.6 },
      ],
    });

    const groups = await loadSharedNeeds(t.db, { week: WEEK, timezone: TZ, areas: ['uppkopplade'] });
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ label: 'Nattillsyn med kamera', municipalities: ['Motala', 'Kinda', 'Ydre'], link: null });
    expect(await loadSharedNeeds(t.db, { week: WEEK, timezone: TZ, areas: ['logistik'] })).toEqual([]);

    const summary = await loadWeeklySummary(t.db, { channelId: 'C0IOT', areas: ['uppkopplade'], week: WEEK, timezone: TZ });
    const message = weeklySummaryMessage(summary, 'sv');
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('*Gemensamma behov*');
    expect(text).toContain('3 kommuner: *Nattillsyn med kamera* (Motala, Kinda och Ydre)');
    assertWithinSlackLimits(message.blocks);
  });
});

function summaryWith(shared: SharedNeedGroup[], shown: number): WeeklySummary {
  const { start } = weekRange(WEEK, TZ);
  const need = (i: number): SummaryNeed => ({
    id: i,
    title: `Ett ganska långt behov nummer ${i} `.repeat(6),
    municipality: 'Linköping',
    area: 'logistik',
    recordedAt: start,
    link: `https://slack.com/archives/C0L/p${i}`,
  });
  return weeklySummaryFixture({
    newNeeds: {
      total: shown,
      average: 1,
      byMunicipality: Array.from({ length: 13 }, (_, i) => ({ key: `m${i}`, label: `Kommun ${i}`, count: i, average: 1 })),
      byArea: [{ key: 'logistik', label: 'logistik', count: shown, average: 1 }],
      shown: Array.from({ length: shown }, (_, i) => need(i)),
    },
    waiting: { total: 10, shown: Array.from({ length: 10 }, (_, i) => need(100 + i)) },
    claimed: 1,
    resolved: 1,
    feedback: { up: 1, down: 1, recategorised: 0 },
    shared,
  });
}

describe('sharedNeedsBlocks', () => {
  const group = (i: number): SharedNeedGroup => ({
    label: `Digital tillsyn | i hemtjänsten <${i}>`,
    link: `https://slack.com/archives/C0X/p${i}`,
    municipalities: ['Motala', 'Kinda', 'Ydre'],
    needIds: [1, 2, 3],
    newest: new Date(),
  });

  it('is a divider and one section with a line per group, in Swedish and English, typed text escaped', () => {
    const sv = sharedNeedsBlocks([group(1)], 'sv');
    expect(sv[0]).toEqual({ type: 'divider' });
    const text = (sv[1] as Extract<KnownBlock, { type: 'section' }>).text!.text;
    expect(text).toContain('*Gemensamma behov*');
    expect(text).toContain('• 3 kommuner: <https://slack.com/archives/C0X/p1|Digital tillsyn ¦ i hemtjänsten &lt;1&gt;> (Motala, Kinda och Ydre)');
    const en = JSON.stringify(sharedNeedsBlocks([group(1)], 'en'));
    expect(en).toContain('*Shared needs*');
    expect(en).toContain('3 municipalities: <https://slack.com/archives/C0X/p1|Digital tillsyn ¦ i hemtjänsten &lt;1&gt;> (Motala, Kinda, and Ydre)');
    expect(sharedNeedsBlocks([], 'sv')).toEqual([]);
    expect(sharedNeedsBlocks(undefined, 'sv')).toEqual([]);
  });

  it('keeps the fullest weekly summary within Slack’s limits, the shared part included', () => {
    const groups = Array.from({ length: SHARED_GROUPS_SHOWN }, (_, i) => group(i));
    const message = weeklySummaryMessage(summaryWith(groups, 15), 'sv');
    assertWithinSlackLimits(message.blocks);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(message.blocks)).toContain('Gemensamma behov');
    // The chart note still closes the message.
    expect(message.blocks.at(-1)!.type).toBe('context');
  });
});
