// The real-text data: the training corpus (regions/ostergotland/corpus/*.jsonl) and the frozen test
// set (test/fixtures/matching/real-test.jsonl). Both validate (known areas, a source for every
// passage, unique ids); no passage is in two files; and nothing of the test set — no passage, no
// 8-word stretch of one, no source page — reaches what the matcher trains on. This reads the test
// set only to compare it; its labels are never looked at here beyond their validity.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { normalised, shingles } from '../../support/textOverlap.js';
import { SHIPPED_HELD_OUT, SHIPPED_TEST_SET } from '../../../src/cli/eval.js';
import { buildExamples } from '../../../src/matching/model/examples.js';
import { toTrainingData } from '../../../src/matching/index.js';
import { loadRegionPack, parseLabelledNeeds } from '../../../src/region/regionPack.js';

const PACK = fileURLToPath(new URL('../../../regions/ostergotland', import.meta.url));

const page = (url: string) =>
  url
    .replace(/^https?:\/\/(www\.)?/, '')
    .replace(/[?#].*$/, '')
    .replace(/\/$/, '');

describe('the real-text corpus and the frozen test set', () => {
  const pack = loadRegionPack(PACK);
  const slugs = new Set(pack.areas.map((a) => a.slug));
  const problems: string[] = [];
  const test = parseLabelledNeeds(readFileSync(SHIPPED_TEST_SET, 'utf8'), slugs, 'real-test.jsonl', problems);
  const dev = parseLabelledNeeds(readFileSync(SHIPPED_HELD_OUT, 'utf8'), slugs, 'public-needs.jsonl', problems);
  const sourceOf = (file: string) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { source?: string }).source ?? '');

  it('validate: at least 600 corpus passages and 150 test passages, known areas, a source each, unique ids', () => {
    expect(problems).toEqual([]); // the pack loaded, so the corpus validated too (loadRegionPack throws otherwise)
    expect(pack.corpus.length).toBeGreaterThanOrEqual(600);
    expect(test.length).toBeGreaterThanOrEqual(150);
    for (const passage of pack.corpus) expect(passage.source, passage.id).toMatch(/^https?:\/\//);
    for (const source of sourceOf(SHIPPED_TEST_SET)) expect(source).toMatch(/^https?:\/\//);
    const ids = [...pack.corpus, ...test, ...dev, ...pack.labelledNeeds].map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('share no passage between the corpus, the test set and the development set', () => {
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

  it('keep the test set out of training: no passage, no 8-word stretch, no source page of it in what the matcher trains on', () => {
    const training = buildExamples(toTrainingData(pack)).map((e) => e.text);
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
    const trainingPages = new Set(pack.corpus.map((p) => page(p.source ?? '')));
    const shared = sourceOf(SHIPPED_TEST_SET).filter((url) => trainingPages.has(page(url)));
    expect(shared).toEqual([]);
  });
});
