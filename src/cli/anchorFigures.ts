// The scikit-learn anchor's recorded figures (`scripts/anchor.py --record`), shown by `eval` beside
// its own for the sets they were measured on: a set matches a recorded result when the file's bytes
// are the same (sha256), and the figures are stale when the files the anchor was trained on changed
// since. Python never runs here; this only reads what it wrote. Where the anchor's prediction for each
// text is recorded too, the matcher's and the anchor's macro-F1 on a set are compared with a paired
// bootstrap (src/matching/evaluation/bootstrap.ts): how sure the difference is.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { pairedBootstrap, type PairedDifference } from '../matching/evaluation/bootstrap.js';
import { evaluate, type Prediction } from '../matching/evaluation/metrics.js';
import { required } from '../required.js';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in hex');
const share = z.number().min(0).max(1);

const anchorFiguresSchema = z.object({
  anchor: z.string().min(1),
  train: z.array(z.object({ path: z.string().min(1), sha256: sha256Hex })).min(1),
  results: z.array(
    z.object({
      file: z.string().min(1),
      sha256: sha256Hex,
      count: z.number().int().min(0),
      macroF1: share,
      hitAt1: share,
      noneP: share,
      noneR: share,
      perClass: z.record(z.string(), z.object({ precision: share, recall: share, f1: share })),
      /** The anchor's class for each text of the file, in the file's order ("none" or an area); recorded since tfidf-lr-12. */
      predictions: z.array(z.string().min(1)).optional(),
    }),
  ),
});

export type AnchorFiguresFile = z.infer<typeof anchorFiguresSchema>;

/** The recorded figures, and whether the anchor's training files have changed since they were recorded. */
export interface RecordedAnchor {
  description: string;
  results: AnchorFiguresFile['results'];
  stale: boolean;
}

/** One set's anchor figures, as `eval --json` puts them in the set's entry. */
export interface AnchorOfSet {
  macroF1: number;
  hitAt1: number;
  noneP: number;
  noneR: number;
  stale: boolean;
  /** The matcher's macro-F1 minus the anchor's, with its 95 % paired-bootstrap interval: when the anchor's predictions are recorded. */
  difference?: PairedDifference;
}

/** The matcher's side of a comparison: its predictions on the set's texts, in the file's order, and the pack's areas. */
export interface MatcherOnSet {
  predictions: readonly Prediction[];
  slugs: readonly string[];
}

export const sha256 = (bytes: string | Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Reads the recorded figures: null when the file does not exist; when it is malformed, says why on
 * `warn` and returns null (eval goes on without the anchor). Training paths are relative to `root`.
 */
export function readAnchorFigures(file: string, root: string, warn: (line: string) => void): RecordedAnchor | null {
  if (!existsSync(file)) return null;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    warn(`ignoring the anchor figures in ${file}: not JSON (${error instanceof Error ? error.message : String(error)})`);
    return null;
  }
  const parsed = anchorFiguresSchema.safeParse(json);
  if (!parsed.success) {
    warn(`ignoring the anchor figures in ${file}: ${z.prettifyError(parsed.error).replaceAll('\n', ' ')}`);
    return null;
  }
  const stale = parsed.data.train.some((t) => currentSha256(path.resolve(root, t.path)) !== t.sha256);
  return { description: parsed.data.anchor, results: parsed.data.results, stale };
}

function currentSha256(file: string): string | null {
  try {
    return sha256(readFileSync(file));
  } catch {
    return null;
  }
}

/**
 * The anchor's figures on the file whose bytes hash to `sha`, if it was scored on exactly that file;
 * with `matcher`, and the anchor's predictions recorded, the difference between the two.
 */
export function anchorOf(recorded: RecordedAnchor | null, sha: string, matcher?: MatcherOnSet): AnchorOfSet | null {
  const result = recorded?.results.find((r) => r.sha256 === sha);
  if (recorded === null || result === undefined) return null;
  const figures = { macroF1: result.macroF1, hitAt1: result.hitAt1, noneP: result.noneP, noneR: result.noneR, stale: recorded.stale };
  const difference = matcher && differenceOf(result, matcher);
  return difference ? { ...figures, difference } : figures;
}

/**
 * The paired bootstrap of matcher against anchor, or null when the anchor's predictions are not
 * recorded, are not one per text, or do not give back the anchor's recorded macro-F1 (then they are
 * not its predictions on these texts, and no difference is better than a wrong one).
 */
function differenceOf(result: AnchorFiguresFile['results'][number], matcher: MatcherOnSet): PairedDifference | null {
  const { predictions } = result;
  if (predictions?.length !== matcher.predictions.length || predictions.length === 0) return null;
  const anchor: Prediction[] = predictions.map((predicted, i) => ({
    gold: required(matcher.predictions[i], "the matcher's prediction of the same text").gold,
    predicted: predicted === 'none' ? [] : [predicted],
  }));
  if (Math.abs(evaluate(anchor, matcher.slugs).macroF1 - result.macroF1) > 1e-5) return null;
  return pairedBootstrap(matcher.predictions, anchor, matcher.slugs);
}

/**
 * The text block after eval's table: a heading (the anchor, or that nothing is recorded; whether the
 * figures are stale), then one line per scored set: the anchor's figures on it, or that there are
 * none; with the difference to the matcher where a set brings the matcher's predictions.
 */
export function anchorLines(
  recorded: RecordedAnchor | null,
  sets: readonly { file: string; sha256: string; matcher?: MatcherOnSet }[],
  figuresFile: string,
): string[] {
  if (sets.length === 0) return [];
  const f3 = (x: number): string => x.toFixed(3);
  const signed = (x: number): string => `${x >= 0 ? '+' : '−'}${f3(Math.abs(x))}`;
  const lines =
    recorded === null
      ? [`  anchor (scripts/anchor.py): no figures in ${figuresFile}; scripts/anchor.py --record ${figuresFile} writes them`]
      : [`  anchor (scripts/anchor.py: ${recorded.description}), same files:`];
  if (recorded?.stale === true) lines.push('  (recorded against other training files; rerun scripts/anchor.py --record)');
  for (const set of sets) {
    const anchor = anchorOf(recorded, set.sha256, set.matcher);
    const difference = anchor?.difference
      ? `; matcher − anchor ${signed(anchor.difference.difference)} (95 % ${signed(anchor.difference.low)} … ${signed(anchor.difference.high)})`
      : '';
    lines.push(
      anchor === null
        ? `    no anchor figures recorded for ${set.file}`
        : `    ${set.file}: macro-F1 ${f3(anchor.macroF1)}, hit@1 ${f3(anchor.hitAt1)}, "none" P ${f3(anchor.noneP)} / R ${f3(anchor.noneR)}${difference}`,
    );
  }
  return lines;
}
