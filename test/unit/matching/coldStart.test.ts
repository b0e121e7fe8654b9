import { describe, expect, it } from 'vitest';
import { evaluateBaseline, similarityBaseline } from '../../../src/matching/evaluation/coldStart.js';
import type { TrainingData } from '../../../src/matching/types.js';

// Three areas whose texts share no word: every word is in one area's text only.
const data: Pick<TrainingData, 'areas'> = {
  areas: [
    { slug: 'bild', name: 'Bildanalys', description: 'Drönare och kameror.', keywords: ['satellitbilder'] },
    { slug: 'frakt', name: 'Logistik', description: 'Godstransporter och lager.', keywords: ['samlastning'] },
    { slug: 'material', name: 'Material', description: 'Betong och stål.', keywords: ['korrosion'] },
  ],
};

describe('the cold-start similarity baseline', () => {
  it("counts a word that only one area's text uses (the trained model's minimum document frequency is not its)", () => {
    const predict = similarityBaseline(data);
    expect(predict('Vi vill använda drönare')).toEqual(['bild']);
    expect(predict('Problem med korrosion i betong')).toEqual(['material']);
    expect(predict('Samlastning av godstransporter')).toEqual(['frakt']);
  });

  it('says "none" when no area\'s word is in the need', () => {
    expect(similarityBaseline(data)('Nya öppettider på biblioteket')).toEqual([]);
    const report = evaluateBaseline(data, [
      { text: 'Drönare över skogen', areas: ['bild'] },
      { text: 'Nya öppettider på biblioteket', areas: [] },
    ]);
    expect(report.hitAt1).toBe(1);
    expect(report.abstention.recall).toBe(1);
  });
});
