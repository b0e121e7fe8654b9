// The out-of-style evaluation set measures the matcher only while it stays unseen: nothing of it
// may reach what trainMatcher is given — the shipped labelled needs, the area profiles and the
// domain phrases (buildExamples, as trainMatcher builds its training set from the training source).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalised, shingles } from '../../support/textOverlap.js';
import { loadTrainingSource } from '../../../src/training/trainingSource.js';
import { SHIPPED_HELD_OUT } from '../../../src/cli/eval.js';
import { buildExamples } from '../../../src/matching/model/examples.js';
import { parseLabelledNeeds } from '../../../src/region/regionPack.js';
import { SHIPPED_SLUGS } from '../../support/shippedMatcher.js';

describe('the out-of-style held-out set', () => {
  const problems: string[] = [];
  const heldOut = parseLabelledNeeds(readFileSync(SHIPPED_HELD_OUT, 'utf8'), new Set(SHIPPED_SLUGS), SHIPPED_HELD_OUT, problems);

  it('is the shipped public set: 150 labelled passages with unique ids', () => {
    expect(problems).toEqual([]);
    expect(heldOut).toHaveLength(150);
    expect(new Set(heldOut.map((n) => n.id)).size).toBe(150);
    expect(heldOut.filter((n) => n.areas.length === 0).length).toBeGreaterThanOrEqual(25);
  });

  it('never reaches training: no id, no passage and no 8-word stretch of one is in what trainMatcher gets', async () => {
    const source = await loadTrainingSource({ seedOnly: true });
    expect(source.data.phrases?.none.length).toBeGreaterThan(0); // the pack's phrases (matcher.yml) are checked too
    const trainingTexts = buildExamples(source.data).map((e) => e.text);
    expect(trainingTexts.length).toBeGreaterThan(source.seed.labelledNeeds.length);
    const trainingIds = new Set(source.seed.labelledNeeds.map((n) => n.id));
    const trainingJoined = trainingTexts.map(normalised).join('\n');
    const trainingShingles = new Set(trainingTexts.flatMap((t) => shingles(t, 8)));
    // The checks can fail: a training text's own stretch is found.
    expect(trainingShingles.has(shingles(trainingTexts.at(-1)!, 8)[0] ?? '')).toBe(true);
    for (const need of heldOut) {
      expect(trainingIds.has(need.id), need.id).toBe(false);
      expect(trainingJoined.includes(normalised(need.text)), need.id).toBe(false);
      expect(
        shingles(need.text, 8).filter((s) => trainingShingles.has(s)),
        need.id,
      ).toEqual([]);
    }
  });
});
