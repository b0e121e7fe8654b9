// The similar-needs part of `eval`: precision and recall of "similar" at the app's threshold on the
// labelled need pairs (test/fixtures/matching/need-pairs.jsonl, see its README), how each kind of
// pair fares, the threshold the pairs themselves would choose, a two-fold check of that choice and
// the sweep. The idf comes from the pairs' texts and the shipped labelled needs, as in the app
// (stored needs plus the shipped ones).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  chooseStableThreshold,
  chooseThreshold,
  type LabelledPair,
  precisionRecallAt,
  type PrecisionRecall,
  scorePairs,
  sweep,
  twoFold,
} from '../matching/similar/evaluatePairs.js';
import { SIMILARITY_THRESHOLD } from '../matching/similar/similarityIndex.js';
import type { LabelledNeedSeed } from '../region/regionPack.js';
import type { CliIo } from './index.js';

/** The pairs file, relative to the repository (src/cli and dist/cli are both two levels down). */
export const SIMILAR_PAIRS_FILE = fileURLToPath(new URL('../../test/fixtures/matching/need-pairs.jsonl', import.meta.url));
/** Precision "similar" must reach (the issue's aim). */
export const MIN_PRECISION = 0.8;

const side = z.object({ source: z.string().min(1), text: z.string().min(1).max(5000), municipality: z.string().optional() });
const pairLine = z.object({ id: z.string().min(1), same: z.boolean(), kind: z.enum(['same', 'area', 'unrelated']), a: side, b: side });

export function parseNeedPairs(text: string, file: string): LabelledPair[] {
  return text
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, number }) => {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        throw new Error(`${file}:${number}: not JSON`);
      }
      const parsed = pairLine.safeParse(json);
      if (!parsed.success) throw new Error(`${file}:${number}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      const { id, same, kind, a, b } = parsed.data;
      if (same !== (kind === 'same')) throw new Error(`${file}:${number}: "same" and "kind" disagree`);
      return { id, same, kind, a: a.text, b: b.text };
    });
}

const f2 = (x: number) => x.toFixed(2);
const figures = (p: PrecisionRecall) =>
  `precision ${f2(p.precision)}, recall ${f2(p.recall)}, F1 ${f2(p.f1)} (${p.truePositives} found, ${p.falsePositives} wrongly, ${p.falseNegatives} missed)`;

/** Prints the report; returns its figures at the app's threshold (null when the file is absent). */
export function printSimilarNeedsReport(io: CliIo, shippedNeeds: readonly LabelledNeedSeed[], file = SIMILAR_PAIRS_FILE): PrecisionRecall | null {
  io.stdout('');
  if (!existsSync(file)) {
    io.stdout(`  similar needs: ${file} not found, skipped`);
    return null;
  }
  // The shipped pairs file, not an operator's input: read directly.
  const pairs = parseNeedPairs(readFileSync(file, 'utf8'), file);
  const scored = scorePairs(
    pairs,
    shippedNeeds.map((n) => (n.title ? `${n.title}. ${n.text}` : n.text)),
  );
  const count = (kind: string) => pairs.filter((p) => p.kind === kind).length;
  io.stdout(
    `similar needs: ${pairs.length} labelled pairs (${count('same')} the same need, ${count('area')} same area but another need, ${count('unrelated')} unrelated)`,
  );
  const atThreshold = precisionRecallAt(scored, SIMILARITY_THRESHOLD);
  io.stdout(`  at the app's threshold ${f2(SIMILARITY_THRESHOLD)}: ${figures(atThreshold)}`);
  for (const kind of ['same', 'area', 'unrelated']) {
    const ofKind = scored.filter((p) => p.kind === kind);
    const said = ofKind.filter((p) => p.score >= SIMILARITY_THRESHOLD).length;
    const mean = ofKind.reduce((sum, p) => sum + p.score, 0) / Math.max(1, ofKind.length);
    io.stdout(`    ${kind.padEnd(9)} said similar ${String(said).padStart(3)} of ${String(ofKind.length).padStart(3)}, mean cosine ${f2(mean)}`);
  }
  const best = chooseThreshold(scored, MIN_PRECISION);
  io.stdout(`  best F1 with precision ≥ ${f2(MIN_PRECISION)} on these pairs: ${best ? `threshold ${f2(best.threshold)}, ${figures(best)}` : 'none'}`);
  const stable = chooseStableThreshold(scored, MIN_PRECISION);
  io.stdout(
    `  the app's rule (best F1 with precision ≥ ${f2(MIN_PRECISION)} on all pairs and on each half): ${stable ? `threshold ${f2(stable.threshold)}` : 'none'}`,
  );
  const folds = twoFold(scored, MIN_PRECISION);
  io.stdout(
    `  two-fold check (chosen on one half, measured on the other): ${folds.map((f) => `chose ${f.chosen === null ? '—' : f2(f.chosen)} → precision ${f2(f.measured.precision)}, recall ${f2(f.measured.recall)}`).join('; ')}`,
  );
  io.stdout(
    `  sweep: ${sweep(scored)
      .filter((p) => Math.round(p.threshold * 100) % 5 === 0 && p.threshold <= 0.5)
      .map((p) => `${f2(p.threshold)} P${f2(p.precision)}/R${f2(p.recall)}`)
      .join('  ')}`,
  );
  return atThreshold;
}
