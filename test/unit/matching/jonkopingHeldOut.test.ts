// Jönköping's test sets (real public passages labelled against its areas) measure the cold start
// only while nothing of them reaches what the matcher is trained on: the Jönköping pack's area texts,
// keywords, phrases and environments. The first (62, now a development view) was labelled by someone who
// did not see the pack's phrases, the phrases by someone who did not see the passages; the second
// (jonkoping-passages-2, frozen) and the development set (jonkoping-dev) by helper sessions that read
// only the pack's areas.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { normalised, shingles, sourcePage } from '../../support/textOverlap.js';
import { buildExamples } from '../../../src/matching/model/examples.js';
import { toTrainingData } from '../../../src/matching/index.js';
import { loadRegionPack, parseLabelledNeeds } from '../../../src/region/regionPack.js';

const PACK = fileURLToPath(new URL('../../../regions/jonkoping', import.meta.url));
/** The sets, the passages each holds at least and the passages each label has at least. */
const SETS = [
  { file: 'jonkoping-passages.jsonl', atLeast: 55, perLabel: 8 },
  { file: 'jonkoping-passages-2.jsonl', atLeast: 150, perLabel: 8 },
  { file: 'jonkoping-dev.jsonl', atLeast: 60, perLabel: 4 },
];

describe.each(SETS)("Jönköping's set $file", ({ file, atLeast, perLabel }) => {
  const PASSAGES = fileURLToPath(new URL(`../../fixtures/matching/${file}`, import.meta.url));
  const pack = loadRegionPack(PACK);
  const problems: string[] = [];
  const passages = parseLabelledNeeds(readFileSync(PASSAGES, 'utf8'), new Set(pack.areas.map((a) => a.slug)), PASSAGES, problems);

  it(`is at least ${atLeast} labelled passages of the pack’s areas and "none", with unique ids and a source each`, () => {
    expect(problems).toEqual([]);
    expect(passages.length).toBeGreaterThanOrEqual(atLeast);
    expect(new Set(passages.map((p) => p.id)).size).toBe(passages.length);
    for (const line of readFileSync(PASSAGES, 'utf8').split('\n').filter(Boolean))
      expect((JSON.parse(line) as { source?: string }).source).toMatch(/^https?:\/\//);
    for (const area of pack.areas) expect(passages.filter((p) => p.areas.includes(area.slug)).length, area.slug).toBeGreaterThanOrEqual(perLabel);
    expect(passages.filter((p) => p.areas.length === 0).length).toBeGreaterThanOrEqual(perLabel);
  });

  it('shares no passage, id or source page with the other Jönköping sets', () => {
    const others = SETS.filter((s) => s.file !== file).flatMap((s) =>
      readFileSync(fileURLToPath(new URL(`../../fixtures/matching/${s.file}`, import.meta.url)), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { id: string; text: string; source: string }),
    );
    const otherTexts = new Set(others.map((o) => normalised(o.text)));
    const otherIds = new Set(others.map((o) => o.id));
    const otherPages = new Set(others.map((o) => sourcePage(o.source)));
    expect(others.length).toBeGreaterThan(0);
    for (const line of readFileSync(PASSAGES, 'utf8').split('\n').filter(Boolean)) {
      const { id, text, source } = JSON.parse(line) as { id: string; text: string; source: string };
      expect(otherTexts.has(normalised(text)), id).toBe(false);
      expect(otherIds.has(id), id).toBe(false);
      expect(otherPages.has(sourcePage(source)), id).toBe(false);
    }
  });

  it('never reaches training: no passage and no 8-word stretch of one is in the pack’s texts or the background text', () => {
    // The background text is read by the pack's cold model too (TrainingData.background).
    const texts = [...buildExamples(toTrainingData(pack)).map((e) => e.text), ...pack.environments.flatMap((e) => [e.offer, ...e.focus]), ...pack.background];
    expect(pack.background.length).toBeGreaterThan(0);
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
