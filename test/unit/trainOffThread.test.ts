// Retraining runs in a worker thread; the restored model must be the one training would give here.
import { describe, expect, it } from 'vitest';
import { toTrainingData, trainMatcher } from '../../src/matching/index.js';
import { trainOffThread } from '../../src/needs/trainOffThread.js';
import { loadSeedData } from '../../src/seed/seedFiles.js';

describe('trainOffThread', () => {
  it('trains in a worker and classifies exactly like a model trained on this thread', async () => {
    const data = toTrainingData(loadSeedData());
    const texts = [
      'Hemtjänsten vill ha sensorer och trygghetslarm för brukare på natten',
      'bygglogistik vid nya resecentrum',
      'Vi har svårt att rekrytera socionomer',
    ];
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    const offThread = await trainOffThread(data);
    clearInterval(ticker);
    const here = trainMatcher(data);
    expect(offThread.version).toBe(here.version);
    for (const text of texts) expect(offThread.classify(text)).toEqual(here.classify(text));
    // The event loop kept turning while the worker trained (it would not during a blocking train).
    expect(ticks).toBeGreaterThan(3);
  });
});
