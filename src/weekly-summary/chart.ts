// The summary chart: new needs per week for the last eight weeks, stacked by strength area (top)
// and by municipality (bottom). Vega-Lite → Vega → SVG → PNG with resvg (no browser, no canvas).
// The PNG always has the same size (CHART_WIDTH × CHART_HEIGHT): the Vega drawing is fitted into
// it, centred on white. Rendering takes some hundred milliseconds, so it happens in the outbox
// sender at send time, not while claiming.
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { messages, type Locale } from '../i18n/messages.js';
import { AREA_SLUGS } from '../matching/types.js';
import type { WeeklySummary } from './weeklySummary.js';

export const CHART_WIDTH = 1200;
export const CHART_HEIGHT = 1000;

const FONT_FAMILY = 'DejaVu Sans';
/** Fonts resvg may use besides the system ones (DejaVu ships with most Linux images). */
const FONT_FILES = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'];

const AREA_COLOURS: Record<string, string> = {
  visualisering: '#4c78a8',
  uppkopplade: '#f58518',
  miljonytta: '#54a24b',
  logistik: '#e45756',
  material: '#b279a2',
  none: '#9d9d9d',
};

function weekLabel(isoWeek: string, locale: Locale): string {
  return messages(locale).summary.chart.weekLabel(Number(isoWeek.slice(-2)));
}

/** The Vega-Lite specification (exported for tests and for tweaking the look). */
export function chartSpec(summary: WeeklySummary, locale: Locale): TopLevelSpec {
  const t = messages(locale).summary;
  const areaNames = t.areas as Record<string, string>;
  const weeks = summary.trend.weeks.map((w) => weekLabel(w, locale));
  const values = summary.trend.points.map((p) => ({
    week: weekLabel(p.week, locale),
    area: areaNames[p.area] ?? p.area,
    municipality: p.municipality,
    count: p.count,
  }));
  const areaKeys = [...(summary.areas === 'all' ? [...AREA_SLUGS, 'none'] : summary.areas)];
  const x = { field: 'week', type: 'ordinal' as const, title: t.chart.week, scale: { domain: weeks }, axis: { labelAngle: 0 } };
  const y = { aggregate: 'sum' as const, field: 'count', type: 'quantitative' as const, title: t.chart.count, axis: { tickMinStep: 1, format: 'd' } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: t.chart.title(Number(summary.isoWeek.slice(-2))), fontSize: 20 },
    data: { values },
    background: 'white',
    padding: 16,
    config: { font: FONT_FAMILY, axis: { labelFontSize: 13, titleFontSize: 14 }, legend: { labelFontSize: 13, titleFontSize: 14, labelLimit: 260 } },
    vconcat: [
      {
        title: t.chart.byArea,
        width: 820,
        height: 330,
        mark: { type: 'bar' },
        encoding: {
          x,
          y,
          color: {
            field: 'area',
            type: 'nominal',
            title: t.chart.area,
            scale: { domain: areaKeys.map((k) => areaNames[k] ?? k), range: areaKeys.map((k) => AREA_COLOURS[k] ?? '#888888') },
          },
        },
      },
      {
        title: t.chart.byMunicipality,
        width: 820,
        height: 330,
        mark: { type: 'bar' },
        encoding: { x, y, color: { field: 'municipality', type: 'nominal', title: t.chart.municipality, scale: { scheme: 'tableau20' } } },
      },
    ],
    resolve: { scale: { color: 'independent' } },
  };
}

/** The chart as SVG text, scaled to fit CHART_WIDTH × CHART_HEIGHT. */
export async function renderChartSvg(summary: WeeklySummary, locale: Locale): Promise<string> {
  const { spec } = compile(chartSpec(summary, locale));
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    // Fit the drawing into the fixed canvas: the root keeps its viewBox, gets our size.
    return svg.replace(
      /^<svg([^>]*?) width="[\d.]+" height="[\d.]+"/,
      `<svg$1 width="${CHART_WIDTH}" height="${CHART_HEIGHT}" preserveAspectRatio="xMidYMid meet"`,
    );
  } finally {
    view.finalize();
  }
}

/** The chart as PNG bytes, always CHART_WIDTH × CHART_HEIGHT pixels. */
export async function renderChartPng(summary: WeeklySummary, locale: Locale): Promise<Buffer> {
  const svg = await renderChartSvg(summary, locale);
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'width', value: CHART_WIDTH },
    font: {
      loadSystemFonts: true,
      fontFiles: FONT_FILES.filter((f) => existsSync(f)),
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    },
  });
  return resvg.render().asPng();
}
