// Draws a Vega-Lite chart as a PNG of a fixed size: Vega-Lite → Vega → SVG → PNG with resvg (no
// browser, no canvas). The drawing is fitted into the canvas, centred on white. The stack is large
// (vega and vega-lite: ~0.35 s and ~33 MiB resident to load, measured) and needed once a week, so it
// is imported when a chart is drawn, not when this module is.
import { existsSync } from 'node:fs';
import type { TopLevelSpec } from 'vega-lite';

/** The font charts are drawn with (DejaVu ships with most Linux images). */
export const CHART_FONT = 'DejaVu Sans';
/** Fonts resvg may use besides the system ones. */
const FONT_FILES = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'];

export interface CanvasSize {
  width: number;
  height: number;
}

/** The chart as SVG text, scaled to fit the canvas. */
export async function renderChartSvg(spec: TopLevelSpec, size: CanvasSize): Promise<string> {
  const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    // Fit the drawing into the fixed canvas: the root keeps its viewBox, gets our size.
    return svg.replace(
      /^<svg([^>]*?) width="[\d.]+" height="[\d.]+"/,
      `<svg$1 width="${size.width}" height="${size.height}" preserveAspectRatio="xMidYMid meet"`,
    );
  } finally {
    view.finalize();
  }
}

/** The chart as PNG bytes, always size.width × size.height pixels. */
export async function renderChartPng(spec: TopLevelSpec, size: CanvasSize): Promise<Buffer> {
  const svg = await renderChartSvg(spec, size);
  const { Resvg } = await import('@resvg/resvg-js');
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'width', value: size.width },
    font: { loadSystemFonts: true, fontFiles: FONT_FILES.filter((f) => existsSync(f)), defaultFontFamily: CHART_FONT, sansSerifFamily: CHART_FONT },
  });
  return resvg.render().asPng();
}
