// The anchor's recorded figures (scripts/anchor.py --record) as eval reads them: matched to a set by
// the sha256 of its bytes, stale when the anchor's training files changed since, and a missing or
// malformed file is no figures (a malformed one said so), never a crash.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { anchorLines, anchorOf, readAnchorFigures, sha256 } from '../../../src/cli/anchorFigures.js';

let root: string;
const warnings: string[] = [];
const warn = (line: string): void => {
  warnings.push(line);
};
const DEV = '{"id":"1","text":"bygglogistik","areas":["logistik"]}\n';
const TRAIN = '{"id":"t","text":"samlastning","areas":["logistik"]}\n';

function record(figures: unknown): string {
  const file = path.join(root, 'anchor-figures.json');
  writeFileSync(file, typeof figures === 'string' ? figures : JSON.stringify(figures));
  return file;
}

const figures = (trainSha: string) => ({
  anchor: 'char_wb 3-5 TF-IDF + logistic regression (C=10.0, balanced)',
  train: [{ path: 'train/needs.jsonl', sha256: trainSha }],
  results: [
    {
      file: 'test/dev.jsonl',
      sha256: sha256(DEV),
      count: 1,
      macroF1: 0.8123,
      hitAt1: 0.9,
      noneP: 0.75,
      noneR: 0.5,
      perClass: { logistik: { precision: 1, recall: 1, f1: 1 }, none: { precision: 0.75, recall: 0.5, f1: 0.6 } },
    },
  ],
});

beforeEach(() => {
  // A repository root with one training file, train/needs.jsonl (recorded paths are relative to it).
  root = mkdtempSync(path.join(tmpdir(), 'anchor-figures-'));
  mkdirSync(path.join(root, 'train'));
  writeFileSync(path.join(root, 'train', 'needs.jsonl'), TRAIN);
  warnings.length = 0;
});

describe('anchor figures', () => {
  it("match a set by its bytes' sha256 and are current while the training files are unchanged", () => {
    const recorded = readAnchorFigures(record(figures(sha256(TRAIN))), root, warn);
    expect(recorded).toMatchObject({ description: 'char_wb 3-5 TF-IDF + logistic regression (C=10.0, balanced)', stale: false });
    expect(anchorOf(recorded, sha256(DEV))).toEqual({ macroF1: 0.8123, hitAt1: 0.9, noneP: 0.75, noneR: 0.5, stale: false });
    expect(anchorLines(recorded, [{ file: 'dev.jsonl', sha256: sha256(DEV) }], 'anchor-figures.json')).toEqual([
      '  anchor (scripts/anchor.py: char_wb 3-5 TF-IDF + logistic regression (C=10.0, balanced)), same files:',
      '    dev.jsonl: macro-F1 0.812, hit@1 0.900, "none" P 0.750 / R 0.500',
    ]);
    expect(warnings).toEqual([]);
  });

  it('are stale when a training file changed or is gone since they were recorded', () => {
    const changed = readAnchorFigures(record(figures(sha256('other training data'))), root, warn);
    expect(changed?.stale).toBe(true);
    expect(anchorOf(changed, sha256(DEV))?.stale).toBe(true);
    expect(anchorLines(changed, [{ file: 'dev.jsonl', sha256: sha256(DEV) }], 'anchor-figures.json')).toEqual([
      '  anchor (scripts/anchor.py: char_wb 3-5 TF-IDF + logistic regression (C=10.0, balanced)), same files:',
      '  (recorded against other training files; rerun scripts/anchor.py --record)',
      '    dev.jsonl: macro-F1 0.812, hit@1 0.900, "none" P 0.750 / R 0.500',
    ]);
    const gone = { ...figures(sha256(TRAIN)), train: [{ path: 'train/gone.jsonl', sha256: sha256(TRAIN) }] };
    expect(readAnchorFigures(record(gone), root, warn)?.stale).toBe(true);
  });

  it('are missing for a set whose bytes differ from every recorded file, and altogether without the file', () => {
    const recorded = readAnchorFigures(record(figures(sha256(TRAIN))), root, warn);
    const edited = sha256(`${DEV}{"id":"2","text":"ny","areas":["none"]}\n`);
    expect(anchorOf(recorded, edited)).toBeNull();
    expect(anchorLines(recorded, [{ file: 'dev.jsonl', sha256: edited }], 'anchor-figures.json')[1]).toBe('    no anchor figures recorded for dev.jsonl');

    const absent = readAnchorFigures(path.join(root, 'none.json'), root, warn);
    expect(absent).toBeNull();
    expect(anchorOf(absent, sha256(DEV))).toBeNull();
    expect(anchorLines(absent, [{ file: 'dev.jsonl', sha256: sha256(DEV) }], 'none.json')).toEqual([
      '  anchor (scripts/anchor.py): no figures in none.json; scripts/anchor.py --record none.json writes them',
      '    no anchor figures recorded for dev.jsonl',
    ]);
    expect(anchorLines(absent, [], 'none.json')).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it("compare with the matcher text by text where the anchor's predictions are recorded, and not where they do not fit", () => {
    // Four texts: the matcher gets all four right, the anchor three (macro-F1 over logistik and none: 0.733).
    const gold = [['logistik'], ['logistik'], [], []];
    const matcher = { predictions: gold.map((g) => ({ gold: g, predicted: g })), slugs: ['logistik'] };
    const withPredictions = (predictions: string[]) => {
      const recorded = figures(sha256(TRAIN));
      return { ...recorded, results: recorded.results.map((r) => ({ ...r, count: 4, macroF1: 0.733333, predictions })) };
    };
    const recorded = readAnchorFigures(record(withPredictions(['logistik', 'logistik', 'none', 'logistik'])), root, warn);
    const compared = anchorOf(recorded, sha256(DEV), matcher);
    expect(compared?.difference?.difference).toBeCloseTo(1 - 0.733333, 5);
    expect(compared!.difference!.low).toBeLessThanOrEqual(compared!.difference!.difference);
    expect(compared!.difference!.high).toBeGreaterThanOrEqual(compared!.difference!.difference);
    expect(anchorLines(recorded, [{ file: 'dev.jsonl', sha256: sha256(DEV), matcher }], 'anchor-figures.json')[1]).toMatch(
      /^ {4}dev\.jsonl: macro-F1 0\.733, hit@1 0\.900, "none" P 0\.750 \/ R 0\.500; matcher − anchor \+0\.267 \(95 % [−+]\d\.\d{3} … [−+]\d\.\d{3}\)$/,
    );
    // Not one prediction per text, or not the predictions that give the recorded figure: no difference.
    expect(anchorOf(recorded, sha256(DEV), { ...matcher, predictions: matcher.predictions.slice(1) })).not.toHaveProperty('difference');
    const wrong = withPredictions(['none', 'none', 'none', 'none']);
    expect(anchorOf(readAnchorFigures(record(wrong), root, warn), sha256(DEV), matcher)).not.toHaveProperty('difference');
    // Without the matcher's side, the figures alone, as before.
    expect(anchorOf(recorded, sha256(DEV))).toEqual({ macroF1: 0.733333, hitAt1: 0.9, noneP: 0.75, noneR: 0.5, stale: false });
    expect(warnings).toEqual([]);
  });

  it('are ignored, with the reason on the warning line, when the file is malformed', () => {
    const file = record('{"anchor": ');
    expect(readAnchorFigures(file, root, warn)).toBeNull();
    const { results, ...withoutResults } = figures(sha256(TRAIN));
    expect(results).toHaveLength(1);
    expect(readAnchorFigures(record(withoutResults), root, warn)).toBeNull();
    const badShare = figures(sha256(TRAIN));
    badShare.results[0]!.macroF1 = 83.6;
    expect(readAnchorFigures(record(badShare), root, warn)).toBeNull();
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/^ignoring the anchor figures in .*anchor-figures\.json: not JSON/);
    expect(warnings[1]).toMatch(/^ignoring the anchor figures in .*: .*results/);
    expect(warnings[2]).toMatch(/macroF1/);
    expect(warnings.every((w) => !w.includes('\n'))).toBe(true);
  });
});
