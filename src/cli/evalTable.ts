// Pure text layout for `eval`: several evaluation reports (cross-validation, held-out sets) as
// columns of one table, so the gap between them is read at a glance.
import { type EvaluationReport } from '../matching/index.js';

export interface ReportColumn {
  /** Short heading: "cross-validation", "public-needs.jsonl". */
  name: string;
  report: EvaluationReport;
}

const f3 = (x: number): string => x.toFixed(3);
const CLASS_WIDTH = 16;
/** Per set: P, R, F1 (6 wide each) and n (5), with a gap. */
const COLUMN_WIDTH = 3 * 7 + 6 + 2;

/** The headline figures and per-class precision/recall/F1 of every column, side by side. */
export function sideBySide(columns: readonly ReportColumn[]): string[] {
  const cell = (text: string): string => text.padStart(COLUMN_WIDTH);
  const row = (label: string, cells: readonly string[]): string => `  ${label.padEnd(CLASS_WIDTH)}${cells.map(cell).join('')}`.trimEnd();
  const lines: string[] = [];
  lines.push(
    row(
      '',
      columns.map((c) => (c.name.length > COLUMN_WIDTH - 2 ? `…${c.name.slice(-(COLUMN_WIDTH - 3))}` : c.name)),
    ),
  );
  lines.push(
    row(
      'needs',
      columns.map((c) => String(c.report.count)),
    ),
  );
  lines.push(
    row(
      'hit@1',
      columns.map((c) => f3(c.report.hitAt1)),
    ),
  );
  lines.push(
    row(
      'macro-F1',
      columns.map((c) => f3(c.report.macroF1)),
    ),
  );
  lines.push(
    row(
      'macro-F1 2 areas',
      columns.map((c) => f3(c.report.macroF1BothAreas)),
    ),
  );
  lines.push(
    row(
      '"none" precision',
      columns.map((c) => f3(c.report.abstention.precision)),
    ),
  );
  lines.push(
    row(
      '"none" recall',
      columns.map((c) => f3(c.report.abstention.recall)),
    ),
  );
  lines.push(
    row(
      'abstention rate',
      columns.map((c) => f3(c.report.abstention.rate)),
    ),
  );
  lines.push('');
  const metrics = (p: string, r: string, f: string, n: string): string => `${p.padStart(7)}${r.padStart(7)}${f.padStart(7)}${n.padStart(6)}`;
  lines.push(
    row(
      'class',
      columns.map(() => metrics('P', 'R', 'F1', 'n')),
    ),
  );
  for (const c of columns[0]?.report.classes ?? []) {
    lines.push(
      row(
        c,
        columns.map(({ report }) => {
          const m = report.perClass[c] ?? { precision: 0, recall: 0, f1: 0, support: 0 };
          return metrics(f3(m.precision), f3(m.recall), f3(m.f1), String(m.support));
        }),
      ),
    );
  }
  return lines;
}

/** The confusion matrix of one report (rows: gold labels, columns: top prediction). */
export function confusionLines(report: EvaluationReport): string[] {
  const short = (c: string): string => c.slice(0, 6).padStart(7);
  const { classes } = report;
  return [
    `  ${''.padEnd(14)}${classes.map(short).join('')}`,
    ...classes.map((gold) => `  ${gold.padEnd(14)}${classes.map((p) => String(report.confusion[gold]?.[p] ?? 0).padStart(7)).join('')}`),
  ];
}
