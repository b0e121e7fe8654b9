// Jönköping's test set (real public passages labelled against its areas) measures the cold start
// only while nothing of it reaches what the matcher is trained on: the Jönköping pack's area texts,
// keywords, phrases and environments. Labelled by someone who did not see the pack's phrases; the
// phrases were written by someone who did not see the passages.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { normalised, shingles } from '../../support/textOverlap.js';
import { buildExamples } from '../../../src/matching/model/examples.js';
import { toTrainingData } from '../../../src/matching/index.js';
import { loadRegionPack, parseLabelledNeeds } from '../../../src/region/regionPack.js';

const PACK = fileURLToPath(new URL('../../../regions/jonkoping', import.meta.url));
const PASSAGES = fileURLToPath(new URL('../../fixtures/matching/jonkoping-passages.jsonl', import.meta.url));

describe("Jönköping's test set", () => {
  const pack = loadRegionPack(PACK);
  const problems: string[] = [];
  const passages = parseLabelledNeeds(readFileSync(PASSAGES, 'utf8'), new Set(pack.areas.map((a) => a.slug)), PASSAGES, problems);

  it('is about 60 labelled passages of the pack’s areas and "none", with unique ids and a source each', () => {
    expect(problems).toEqual([]);
    expect(passages.length).toBeGreaterThanOrEqual(55);
    expect(new Set(passages.map((p) => p.id)).size).toBe(passages.length);
    for (const line of readFileSync(PASSAGES, 'utf8').split('\n').filter(Boolean))
      expect((JSON.parse(line) as { source?: string }).source).toMatch(/^https?:\/\//);
    for (const area of pack.areas) expect(passages.filter((p) => p.areas.includes(area.slug)).length, area.slug).toBeGreaterThanOrEqual(8);
    expect(passages.filter((p) => p.areas.length === 0).length).toBeGreaterThanOrEqual(8);
  });

  it('never reaches training: no passage and no 8-word stretch of one is in the pack’s texts', () => {
    const texts = [...buildExamples(toTrainingData(pack)).map((e) => e.text), ...pack.environments.flatMap((e) => [e.offer, ...e.focus])];
    const joined = texts.map(normalised).join('\n');
    const seen = new Set(texts.flatMap((t) => shingles(t, 8)));
    expect(seen.has(shingles(pack.areas[0]!.description, 8)[0]!)).toBe(true); // the check can fail
    for (const passage of passages) {
      expect(joined.includes(normalised(passage.text)), passage.id).toBe(false);
      expect(
        shingles(passage.text, 8).filter((s) => seen.has(s)),
        passage.id,
      ).toEqual([]);
    }
  });
});
