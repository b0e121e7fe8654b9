// Retraining runs in a worker thread; the restored model must be the one training would give here.
import { describe, expect, it, vi } from 'vitest';
import { toTrainingData, trainMatcher } from '../../../src/matching/index.js';
import { trainOffThread } from '../../../src/training/trainOffThread.js';
import { loadSeedData } from '../../../src/region/regionPack.js';

// trainMatcher as this thread sees it, counted: the worker thread loads its own copy of the module.
vi.mock(import('../../../src/matching/index.js'), async (importOriginal) => {
  const original = await importOriginal();
  return { ...original, trainMatcher: vi.fn(original.trainMatcher) };
});

describe('trainOffThread', () => {
  it('trains in a worker and classifies exactly like a model trained on this thread', async () => {
    const data = toTrainingData(loadSeedData());
    const texts = [
      'Hemtjänsten vill ha sensorer och trygghetslarm för brukare på natten',
      'bygglogistik vid nya resecentrum',
      'Vi har svårt att rekrytera socionomer',
    ];
    const events: string[] = [];
    const training = trainOffThread(data).then((matcher) => {
      events.push('trained');
      return matcher;
    });
    // The event loop goes on while the worker trains: a turn queued after the call comes before the
    // model (training on this thread would hold the loop until it is done), and this thread never
    // runs trainMatcher.
    setImmediate(() => events.push('event loop turned'));
    const offThread = await training;
    expect(events).toEqual(['event loop turned', 'trained']);
    expect(vi.mocked(trainMatcher)).not.toHaveBeenCalled(); // not on this thread

    const here = trainMatcher(data);
    expect(offThread.version).toBe(here.version);
    for (const text of texts) expect(offThread.classify(text)).toEqual(here.classify(text));
  });
});
