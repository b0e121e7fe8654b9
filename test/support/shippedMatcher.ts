// The matcher trained on the shipped region pack, as a fixture: trained once per test worker
// rather than once per test file that needs it (a worker's test files share one module graph, see
// vitest.config.ts). Training is deterministic, so every file gets the model it would have trained.
import { toTrainingData, trainMatcher, type TrainedMatcher } from '../../src/matching/index.js';
import { loadSeedData } from '../../src/region/regionFiles.js';

let matcher: TrainedMatcher | undefined;

export function shippedMatcher(): TrainedMatcher {
  matcher ??= trainMatcher(toTrainingData(loadSeedData()));
  return matcher;
}
