// The real-text data: the training corpus (regions/ostergotland/corpus/*.jsonl), the development
// sets and the frozen test sets (eval's FROZEN_TEST_SETS: real public passages and Slack-style
// needs written by others; and the reserved ones in test/fixtures/matching/reserved/, not scored
// yet, with any still being collected in reserved/collecting/). All validate (known areas, a
// source for every real passage, unique ids); no passage is in two files; and nothing of a test
// set — no passage, no 8-word stretch of one, no source page —
// reaches what the matcher trains on. This reads the test sets only to compare them; their labels
// are never looked at here beyond their validity.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { normalised, shingles, sourcePage } from '../../support/textOverlap.js';
import { DEVELOPMENT_SETS, FROZEN_TEST_SETS } from '../../../src/cli/eval.js';
import { buildExamples } from '../../../src/matching/model/examples.js';
import { toTrainingData } from '../../../src/matching/index.js';
import { loadRegionPack, parseLabelledNeeds } from '../../../src/region/regionPack.js';

const PACK = fileURLToPath(new URL('../../../regions/ostergotland', import.meta.url));
/** The shared background text (regions/background-text.jsonl), relative to the repository. */
const BACKGROUND = 'regions/background-text.jsonl';
const inRepo = (file: string) => fileURLToPath(new URL(`../../../${file}`, import.meta.url));
/** Frozen sets built for the next model version: checked like the others, scored by nothing yet (reserved/README.md). */
const RESERVED = 'test/fixtures/matching/reserved';
const RESERVED_TEST_SETS = readdirSync(inRepo(RESERVED))
  .filter((f) => f.endsWith('.jsonl'))
  .map((f) => `${RESERVED}/${f}`);
/** A reserved set still being collected (reserved/collecting/): kept out of training like the others; not yet held to a test set's size. */
const COLLECTING = `${RESERVED}/collecting`;
const COLLECTING_TEST_SETS = existsSync(inRepo(COLLECTING))
  ? readdirSync(inRepo(COLLECTING))
      .filter((f) => f.endsWith('.jsonl'))
      .map((f) => `${COLLECTING}/${f}`)
  : [];
const ALL_TEST_SETS = [...FROZEN_TEST_SETS, ...RESERVED_TEST_SETS, ...COLLECTING_TEST_SETS];
/** The sets of real public passages carry a source for each; the Slack-style needs do not. */
const REAL_TEST_SETS = ALL_TEST_SETS.filter((f) => f.includes('real-test'));

describe('the real-text corpus and the frozen test set', () => {
  const pack = loadRegionPack(PACK);
  const slugs = new Set(pack.areas.map((a) => a.slug));
  const problems: string[] = [];
  const read = (file: string) => parseLabelledNeeds(readFileSync(inRepo(file), 'utf8'), slugs, file, problems);
  const tests = ALL_TEST_SETS.map((file) => ({ file, needs: read(file) }));
  const test = tests.flatMap((t) => t.needs);
  const dev = DEVELOPMENT_SETS.flatMap(read);
  const sourceOf = (file: string) =>
    readFileSync(inRepo(file), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { source?: string }).source ?? '');

  it('validate: at least 600 corpus passages and 150 in each test set, known areas, a source each, unique ids', () => {
    expect(problems).toEqual([]); // the pack loaded, so the corpus validated too (loadRegionPack throws otherwise)
    expect(pack.corpus.length).toBeGreaterThanOrEqual(600);
    expect(tests.map((t) => t.file)).toEqual(ALL_TEST_SETS);
    // Every test set on disk is checked here: the frozen ones eval knows and any reserved one.
    const onDisk = readdirSync(inRepo('test/fixtures/matching')).filter((f) => /-test(-\d+)?\.jsonl$/.test(f));
    expect(onDisk.length).toBeGreaterThanOrEqual(6);
    for (const f of onDisk) expect(ALL_TEST_SETS, f).toContain(`test/fixtures/matching/${f}`);
    for (const t of tests.filter((t) => !COLLECTING_TEST_SETS.includes(t.file))) expect(t.needs.length, t.file).toBeGreaterThanOrEqual(150);
    for (const passage of pack.corpus) expect(passage.source, passage.id).toMatch(/^https?:\/\//);
    for (const source of REAL_TEST_SETS.flatMap(sourceOf)) expect(source).toMatch(/^https?:\/\//);
    const ids = [...pack.corpus, ...test, ...dev, ...pack.labelledNeeds].map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('share no passage between the corpus, the test sets and the development sets', () => {
    const texts = new Map<string, string>();
    for (const [name, set] of [
      ['corpus', pack.corpus],
      ['test', test],
      ['development', dev],
    ] as const) {
      for (const passage of set) {
        const key = normalised(passage.text);
        const other = texts.get(key);
        expect(other, `${name} ${passage.id}`).toBeUndefined();
        texts.set(key, `${name} ${passage.id}`);
      }
    }
  });

  it('keep the test sets out of training: no passage, no 8-word stretch, no source page of them in what the matcher trains on', () => {
    // The background text counts: a model of few labelled examples reads it (TrainingData.background).
    const training = [...buildExamples(toTrainingData(pack)).map((e) => e.text), ...pack.background];
    expect(pack.background.length).toBeGreaterThan(0);
    expect(training.length).toBeGreaterThan(pack.labelledNeeds.length + pack.corpus.length);
    const joined = training.map(normalised).join('\n');
    const seen = new Set(training.flatMap((t) => shingles(t, 8)));
    expect(seen.has(shingles(pack.corpus[0]!.text, 8)[0]!)).toBe(true); // the check can fail
    for (const passage of test) {
      expect(joined.includes(normalised(passage.text)), passage.id).toBe(false);
      expect(
        shingles(passage.text, 8).filter((s) => seen.has(s)),
        passage.id,
      ).toEqual([]);
    }
    const trainingPages = new Set([...pack.corpus.map((p) => p.source ?? ''), ...sourceOf(BACKGROUND)].map(sourcePage));
    const shared = REAL_TEST_SETS.flatMap(sourceOf).filter((url) => trainingPages.has(sourcePage(url)));
    expect(shared).toEqual([]);
  });
});
