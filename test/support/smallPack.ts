// A quarter of the shipped region pack, for tests of what the CLI and start-up do with a trained model (eval's output,
// the matcher cache) rather than of how well the model does (quality.test.ts and the bench use the whole pack). Every fourth labelled need and corpus passage keeps more
// than `fewExamples.below` labelled examples, so the shipped model's shape is what trains (both views, calibration),
// and a cross-validation trains in a few seconds instead of half a minute. Made once per test worker, in a
// temporary folder removed when the worker exits.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_DECISION } from '../../src/matching/index.js';
import { DEFAULT_REGION_PACK } from '../../src/region/regionPack.js';

let dir: string | undefined;

/** The folder of the reduced copy of the shipped pack (region, areas, environments, phrases as shipped). */
export function smallShippedPack(): string {
  if (dir !== undefined) return dir;
  const made = mkdtempSync(path.join(tmpdir(), 'behovsbryggan-small-pack-'));
  cpSync(DEFAULT_REGION_PACK, made, { recursive: true });
  const files = ['needs-train.jsonl', ...readdirSync(path.join(made, 'corpus')).flatMap((f) => (f.endsWith('.jsonl') ? [path.join('corpus', f)] : []))];
  let labelled = 0;
  for (const file of files) {
    const kept = readFileSync(path.join(made, file), 'utf8')
      .split('\n')
      .filter((line, i) => i % 4 === 0 && line.trim() !== '');
    labelled += kept.length;
    writeFileSync(path.join(made, file), kept.join('\n') + '\n');
  }
  // Fewer, and the tests would quietly cover a new region's model (one view, no calibration) instead.
  if (labelled < DEFAULT_DECISION.fewExamples.below) throw new Error(`the small pack has ${labelled} labelled examples, fewer than a trained model's`);
  process.once('exit', () => rmSync(made, { recursive: true, force: true }));
  dir = made;
  return made;
}
