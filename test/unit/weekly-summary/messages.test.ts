import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { areaLabel, chartSpec, formatChange, weeklySummaryMessage, weeklySummaryText } from '../../../src/weekly-summary/messages.js';
import type { AreaName } from '../../../src/region/referenceDataRepository.js';
import { CHART_HEIGHT, CHART_WIDTH, renderChartPng } from '../../../src/weekly-summary/messages.js';
import type { SummaryNeed } from '../../../src/weekly-summary/weeklySummary.js';
import { pngSize, weeklySummaryFixture } from './fixtures.js';

const summary = weeklySummaryFixture;

function need(i: number, title = `Behov nummer ${i}`): SummaryNeed {
  return {
    id: i,
    title,
    municipality: 'Linköping',
    area: 'logistik',
    recordedAt: new Date('2026-11-18T10:00:00Z'),
    link: `https://slack.com/archives/C0LOGIST/p1700000000${String(i).padStart(6, '0')}`,
  };
}

function sectionTexts(blocks: KnownBlock[]): string[] {
  return blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));
}

describe('weekly summary message', () => {
  it('is one short line for an empty week, mentioning what still waits', () => {
    const empty = weeklySummaryMessage(summary(), 'sv');
    expect(empty.blocks).toEqual([]);
    expect(empty.withChart).toBe(false);
    expect(empty.text).toBe('Inga nya behov och ingen aktivitet v. 47.');
    const waiting = weeklySummaryMessage(summary({ waiting: { total: 3, shown: [need(1)] } }), 'sv');
    expect(waiting.text).toBe('Inga nya behov och ingen aktivitet v. 47. 3 behov väntar fortfarande på svar.');
    expect(waiting.text.split('\n')).toHaveLength(1);
  });

  it('shows figures with the change against the four-week average, in Swedish', () => {
    const s = summary({
      newNeeds: {
        total: 5,
        average: 2.5,
        byMunicipality: [
          { key: 'Linköping', label: 'Linköping', count: 4, average: 1.25 },
          { key: 'Motala', label: 'Motala', count: 1, average: 1.25 },
        ],
        byArea: [{ key: 'logistik', label: 'logistik', count: 5, average: 2.5 }],
        shown: [need(1), need(2)],
      },
      claimed: 2,
      resolved: 1,
      feedback: { up: 3, down: 1, recategorised: 1 },
    });
    const message = weeklySummaryMessage(s, 'sv');
    const text = sectionTexts(message.blocks).join('\n');
    expect(message.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Veckosammanfattning v. 47 (16 nov. – 22 nov. 2026)' } });
    expect(text).toContain('*Nya behov:* 5 (snitt de fyra veckorna före: 2,5, +2,5)');
    expect(text).toContain('• Linköping: *4* (snitt 1,3, +2,8)');
    expect(text).toContain('• Motala: *1* (snitt 1,3, −0,3)');
    expect(text).toContain('• Logistik: *5*');
    expect(text).toContain('<https://slack.com/archives/C0LOGIST/p1700000000000001|Behov nummer 1> — Linköping · Logistik');
    expect(text).toContain('*Under veckan:* 2 behov tagna, 1 lösta');
    expect(text).toContain('👍 3 · 👎 1 · 1 omklassade');
    expect(text).toContain('inga behov har väntat 14 dagar');
    expect(message.withChart).toBe(true);
    expect(message.text).toBe('Veckosammanfattning v. 47: 5 nya behov');
    expect(weeklySummaryText(message)).toContain('Behov nummer 1 (https://slack.com/archives/C0LOGIST/p1700000000000001)');
  });

  it('formats changes', () => {
    expect(formatChange(3, 3, 'sv')).toBe('oförändrat');
    expect(formatChange(0, 1.75, 'sv')).toBe('−1,8');
    expect(formatChange(2, 0, 'en')).toBe('+2');
  });

  it('stays within Slack limits with many long needs, and says how many more there are', () => {
    const longTitle = 'Å'.repeat(400);
    const shown = Array.from({ length: 15 }, (_, i) => need(i + 1, i === 0 ? 'Kort <&> rubrik' : `${longTitle} ${i}`));
    const s = summary({
      newNeeds: {
        total: 120,
        average: 30,
        byMunicipality: Array.from({ length: 13 }, (_, i) => ({ key: `K${i}`, label: `Kommun ${i}`, count: i, average: i / 2 })),
        byArea: [{ key: 'logistik', label: 'logistik', count: 120, average: 30 }],
        shown,
      },
      waiting: { total: 44, shown: shown.slice(0, 10) },
    });
    const message = weeklySummaryMessage(s, 'sv');
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    for (const text of sectionTexts(message.blocks)) expect(text.length).toBeLessThanOrEqual(3000);
    const all = sectionTexts(message.blocks).join('\n');
    expect(all).toContain('…och 105 till');
    expect(all).toContain('…och 34 till');
    expect(all).toContain('&lt;&amp;&gt;');
    expect(all).not.toContain(longTitle); // titles are shortened
    expect(all).toContain('registrerat 18 nov.');
    const old = weeklySummaryMessage(summary({ ...s, waiting: { total: 1, shown: [{ ...need(1), recordedAt: new Date('2025-03-02T12:00:00Z') }] } }), 'sv');
    expect(sectionTexts(old.blocks).join('\n')).toContain('registrerat 2 mars 2025');
  });
});

describe('weekly summary chart', () => {
  it('renders a PNG of the fixed size with Swedish labels', async () => {
    const weeks = Array.from({ length: 8 }, (_, i) => `2026-W${40 + i}`);
    const points = weeks.flatMap((w, i) => [
      { week: w, area: 'logistik' as const, municipality: 'Linköping', count: i + 1 },
      { week: w, area: 'none' as const, municipality: 'Åtvidaberg', count: 1 },
    ]);
    const png = await renderChartPng(summary({ areas: 'all', trend: { weeks, points } }), 'sv');
    expect(pngSize(png)).toEqual({ width: CHART_WIDTH, height: CHART_HEIGHT });
  });
});

describe('area labels from the region pack', () => {
  /** Another region's areas (as loadAreas reads them), one without short names. */
  const otherRegion: AreaName[] = [
    { slug: 'skog-tra', name: 'Skog och trä', nameEn: 'Forest and wood', shortName: 'Skog', shortNameEn: 'Forest' },
    { slug: 'livsmedel', name: 'Livsmedel', nameEn: 'Food', shortName: 'Livsmedel', shortNameEn: 'Food' },
  ];

  it('names an area by the pack’s short name in the summary’s language, "none" by the summary’s own words', () => {
    const areas = summary().regionAreas;
    expect(areaLabel('uppkopplade', 'sv', areas)).toBe('Uppkopplade system');
    expect(areaLabel('uppkopplade', 'en', areas)).toBe('Connected systems');
    expect(areaLabel('none', 'sv', areas)).toBe('Utan styrkeområde');
    expect(areaLabel('none', 'en', areas)).toBe('No strength area');
    expect(areaLabel('skog-tra', 'sv', otherRegion)).toBe('Skog');
    expect(areaLabel('skog-tra', 'en', otherRegion)).toBe('Forest');
    // An area the region no longer has (retired) keeps its slug rather than vanishing.
    expect(areaLabel('logistik', 'sv', otherRegion)).toBe('logistik');
  });

  it('lists the region’s areas in the pack’s order, then "none", in the chart of an `areas: all` channel, each in its own colour', () => {
    const scaleOf = (s: ReturnType<typeof summary>) => {
      const spec = chartSpec(s, 'sv') as { vconcat: { encoding: { color: { scale: { domain?: string[]; range?: string[] } } } }[] };
      return spec.vconcat[0]!.encoding.color.scale;
    };
    const shipped = scaleOf(summary({ areas: 'all' }));
    expect(shipped.domain).toEqual(['Visualisering', 'Uppkopplade system', 'Miljönytta', 'Logistik', 'Material', 'Utan styrkeområde']);
    expect(new Set(shipped.range).size).toBe(6);
    const other = scaleOf(summary({ areas: 'all', regionAreas: otherRegion }));
    expect(other.domain).toEqual(['Skog', 'Livsmedel', 'Utan styrkeområde']);
    expect(new Set(other.range).size).toBe(3);
    // A team channel's chart shows its own areas.
    expect(scaleOf(summary({ areas: ['livsmedel'], regionAreas: otherRegion })).domain).toEqual(['Livsmedel']);
  });
});
