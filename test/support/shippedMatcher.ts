// The matcher trained on the shipped region pack, as a fixture: trained once per test worker
// rather than once per test file that needs it (a worker's test files share one module graph, see
// vitest.config.ts). Training is deterministic, so every file gets the model it would have trained.
// Also what tests need of the shipped (Östergötland) pack: its area slugs in the pack's order, and
// the areas and phrases a MatcherProvider trains on.
import { toTrainingData, trainMatcher, type TrainedMatcher } from '../../src/matching/index.js';
import type { AreaName } from '../../src/region/referenceDataRepository.js';
import { loadSeedData, type SeedData } from '../../src/region/regionPack.js';
import { regionTraining, type RegionTraining } from '../../src/training/matcherProvider.js';

const shipped: SeedData = loadSeedData();

/** The shipped pack's area slugs, in its order: the matcher's outputs, and what `areas: all` means. */
export const SHIPPED_SLUGS: readonly string[] = Object.freeze(shipped.areas.map((a) => a.slug));

/** The shipped pack's areas with their names, as `loadAreas(db)` reads them from a synced database (a summary's `regionAreas`). */
export const SHIPPED_AREA_NAMES: readonly AreaName[] = Object.freeze(
  shipped.areas.map((a) => ({ slug: a.slug, name: a.name, nameEn: a.name_en, shortName: a.short_name ?? a.name, shortNameEn: a.short_name_en ?? a.name_en })),
);

/** The shipped pack's areas and phrases, as `MatcherProvider.create(db, SHIPPED_REGION, …)` takes them. */
export const SHIPPED_REGION: RegionTraining = regionTraining(shipped);

let matcher: TrainedMatcher | undefined;

export function shippedMatcher(): TrainedMatcher {
  matcher ??= trainMatcher(toTrainingData(shipped));
  return matcher;
}
