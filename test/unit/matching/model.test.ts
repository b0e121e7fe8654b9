import { beforeAll, describe, expect, it } from 'vitest';
import { loadSeedData, type SeedData } from '../../../src/region/regionPack.js';
import {
  rankEnvironments,
  toEnvironmentProfiles,
  toTrainingData,
  trainMatcher,
  type EnvironmentProfile,
  type TrainedMatcher,
  type TrainingData,
} from '../../../src/matching/index.js';
import { foldDiacritics } from '../../../src/matching/text/normalise.js';
import { SHIPPED_SLUGS, shippedMatcher } from '../../support/shippedMatcher.js';
import { matcherFromSnapshot, snapshotMatcher } from '../../../src/matching/snapshot.js';
import { NEIGHBOURS } from '../../../src/matching/matcher.js';

let seed: SeedData;
let data: TrainingData;
let matcher: TrainedMatcher;

beforeAll(() => {
  seed = loadSeedData();
  data = toTrainingData(seed);
  matcher = shippedMatcher(); // trainMatcher(data), trained once per worker
});

const suggestedSlugs = (text: string): string[] => matcher.classify(text).suggested.map((s) => s.slug);

describe('classification', () => {
  it('puts a home-care sensor need in uppkopplade', () => {
    const c = matcher.classify('Vi vill testa sensorer hemma hos brukarna i hemtjänsten som larmar om någon faller eller inte rört sig på länge.');
    expect(c.abstain).toBe(false);
    expect(c.suggested[0]?.slug).toBe('uppkopplade');
  });

  it('abstains on a recruitment problem', () => {
    const c = matcher.classify('Vi har svårt att rekrytera sjuksköterskor och undersköterskor till äldreomsorgen, många slutar efter ett år.');
    expect(c.abstain).toBe(true);
    expect(c.suggested).toEqual([]);
  });

  it('suggests both areas for a need that names two', () => {
    expect(new Set(suggestedSlugs('Vi vill bygga in sensorer i kompositmaterialet i nya broar som larmar om sprickor'))).toEqual(
      new Set(['material', 'uppkopplade']),
    );
    expect(new Set(suggestedSlugs('Vi vill använda drönarbilder och bildanalys för att se vilka tak som passar för solceller och solel'))).toEqual(
      new Set(['visualisering', 'miljonytta']),
    );
    expect(
      new Set(suggestedSlugs('Sensorer som mäter fyllnadsgraden i kärlen så att sophämtningen kan planera rutterna och slippa köra till tomma kärl')),
    ).toEqual(new Set(['uppkopplade', 'logistik']));
  });

  it('handles informal, diacritic-free and English needs', () => {
    expect(suggestedSlugs('bygglogistik vid nya resecentrum')).toEqual(['logistik']);
    expect(suggestedSlugs('trygghetslarmen i hemtjansten tappar uppkopplingen')[0]).toBe('uppkopplade');
    expect(suggestedSlugs('our staff drive 400 km a day between clients and the schedule is always wrong')[0]).toBe('logistik');
  });

  it('understands single inflected compounds', () => {
    expect(suggestedSlugs('avfallsförbränningen')[0]).toBe('miljonytta');
    expect(suggestedSlugs('trygghetslarmen')[0]).toBe('uppkopplade');
    expect(suggestedSlugs('sophämtningsrutterna')[0]).toBe('logistik');
    expect(suggestedSlugs('kompositmaterialen')[0]).toBe('material');
  });

  it('ranks all five areas, best first, with scores in 0–1', () => {
    const c = matcher.classify('återvinning av byggmaterial');
    expect(c.ranked.map((r) => r.slug).sort()).toEqual([...SHIPPED_SLUGS].sort());
    for (let i = 1; i < c.ranked.length; i++) expect(c.ranked[i - 1]!.score).toBeGreaterThanOrEqual(c.ranked[i]!.score);
    for (const r of c.ranked) expect(r.score).toBeGreaterThanOrEqual(0);
    for (const r of c.ranked) expect(r.score).toBeLessThanOrEqual(1);
    expect(c.modelVersion).toBe(matcher.version);
  });

  // How fast is measured in test/bench/matcher.bench.ts; here only that it copes.
  it('copes with pathological input (one huge "word", a very long paste)', () => {
    expect(matcher.classify('x'.repeat(100_000)).abstain).toBe(true);
    expect(matcher.classify('bygglogistik och sensorer '.repeat(5_000)).suggested.map((s) => s.slug)).toContain('logistik');
  });

  it('copes with empty and symbol-only text by abstaining', () => {
    expect(matcher.classify('').abstain).toBe(true);
    expect(matcher.classify('😀 !!! 123').abstain).toBe(true);
  });
});

describe('explanations', () => {
  it('explains suggested areas with words that occur in the text, as typed', () => {
    const text = 'Trygghetslarmen i hemtjänsten tappar uppkopplingen när brukarna byter till fiber';
    const c = matcher.classify(text);
    const suggested = c.suggested[0];
    expect(suggested).toBeDefined();
    expect(suggested!.terms.length).toBeGreaterThan(0);
    const words = text.toLowerCase().split(/\s+/);
    for (const term of suggested!.terms) expect(words).toContain(term);
    expect(suggested!.terms).toContain('trygghetslarmen');
  });

  it('shows the English word, not its Swedish gloss', () => {
    const c = matcher.classify('faster deliveries to our schools');
    expect(c.suggested[0]?.slug).toBe('logistik');
    expect(c.suggested[0]?.terms).toContain('deliveries');
  });
});

describe('determinism and training data', () => {
  it('gives the same model and version for the same data, another version for other data', () => {
    const again = trainMatcher(toTrainingData(seed));
    expect(again.version).toBe(matcher.version);
    const text = 'drönarbilder av skogen';
    expect(again.classify(text)).toEqual(matcher.classify(text));
    // One labelled example fewer is other data. (Fifty of them: a model of few examples, which trains in a blink.)
    expect(trainMatcher({ ...data, examples: data.examples.slice(1, 51) }).version).not.toBe(
      trainMatcher({ ...data, examples: data.examples.slice(0, 51) }).version,
    );
  });

  it('has the pack’s areas as its outputs, in the pack’s order', () => {
    expect(matcher.areas).toEqual(SHIPPED_SLUGS);
    expect(matcher.probabilities('sensorer i soptunnorna').areas).toHaveLength(SHIPPED_SLUGS.length);
  });

  it('follows another order of the areas: its outputs in that order, the same areas suggested', () => {
    const reversed = trainMatcher({ ...data, areas: [...data.areas].reverse() });
    expect(reversed.areas).toEqual([...SHIPPED_SLUGS].reverse());
    // Another order is other training data (another version, so another seed for SGD): close, not identical.
    expect(reversed.version).not.toBe(matcher.version);
    const text = 'sensorer i soptunnorna';
    const here = matcher.probabilities(text);
    const there = reversed.probabilities(text);
    SHIPPED_SLUGS.forEach((slug, k) => expect(there.areas[reversed.areas.indexOf(slug)]).toBeCloseTo(here.areas[k]!, 1));
    expect(reversed.classify(text).suggested.map((s) => s.slug)).toEqual(matcher.classify(text).suggested.map((s) => s.slug));
  });

  it('learns from negative feedback (negativeAreas)', () => {
    const text = 'kameror som räknar besökare i simhallen';
    const before = matcher.probabilities(text).areas[matcher.areas.indexOf('visualisering')]!;
    const feedback = Array.from({ length: 5 }, () => ({ text, areas: ['uppkopplade' as const], negativeAreas: ['visualisering' as const] }));
    const retrained = trainMatcher({ ...data, examples: [...data.examples, ...feedback] });
    const after = retrained.probabilities(text).areas[retrained.areas.indexOf('visualisering')]!;
    expect(after).toBeLessThan(before);
    expect(retrained.classify(text).suggested[0]?.slug).toBe('uppkopplade');
  });
});

describe('the nearest training texts’ vote (since tfidf-lr-17)', () => {
  /** The same model with its vote weighed at 0: the views alone. */
  const withoutVote = (m: TrainedMatcher): TrainedMatcher => {
    const snapshot = snapshotMatcher(m);
    return matcherFromSnapshot({ ...snapshot, config: { ...snapshot.config, neighbours: { ...NEIGHBOURS, weight: 0 } } });
  };

  it('stores every labelled example that says what a text is, and none for a model of few examples', () => {
    const labelled = data.examples.filter((e) => (e.weight ?? 1) > 0 && (e.areas.length > 0 || (e.negativeAreas ?? []).length === 0)).length;
    const stored = snapshotMatcher(matcher).neighbours;
    expect((stored?.labels.length ?? 0) / (stored?.outputs ?? 1)).toBe(labelled);
    const few = trainMatcher({ ...data, examples: data.examples.slice(0, 50) });
    expect(snapshotMatcher(few).neighbours).toBeNull();
  });

  it('moves a text towards the labels of the training texts most like it', () => {
    // A real passage of ordinary council business the corpus labels "none": its neighbours are "none" texts.
    const none = data.examples.find((e) => e.areas.length === 0 && e.text.length > 200);
    if (none === undefined) throw new Error('the shipped corpus has long "none" passages');
    const text = `${none.text} Vi behöver hjälp med detta.`;
    expect(matcher.probabilities(text).none).toBeGreaterThan(withoutVote(matcher).probabilities(text).none);
    const area = data.examples.find((e) => e.areas.length === 1 && e.areas[0] === 'logistik' && e.text.length > 200);
    if (area === undefined) throw new Error('the shipped corpus has long logistik passages');
    const k = matcher.areas.indexOf('logistik');
    expect(matcher.probabilities(area.text).areas[k]).toBeGreaterThan(withoutVote(matcher).probabilities(area.text).areas[k]!);
  });

  it('leaves the views alone when no training text shares a feature with the need (no vote is not a vote for nothing)', () => {
    const text = 'qxzvw';
    const alone = withoutVote(matcher).probabilities(text);
    expect(matcher.probabilities(text).areas).toEqual(alone.areas);
    expect(matcher.probabilities(text).none).toBe(alone.none);
  });
});

describe('rankEnvironments', () => {
  let environments: EnvironmentProfile[];
  beforeAll(() => {
    environments = toEnvironmentProfiles(seed.environments);
  });

  it('suggests specific environments of the matched area with a structured reason', () => {
    const text = 'bygglogistik och byggtrafik vid nya resecentrum';
    const ranked = rankEnvironments(text, matcher.classify(text), environments);
    expect(ranked).toHaveLength(3);
    expect(ranked.map((r) => r.name)).toContain('Logistikkluster Östergötland');
    for (const r of ranked) expect(r.reason).toMatchObject({ area: 'logistik' });
    expect(ranked.find((r) => r.name === 'Logistikkluster Östergötland')?.reason).toMatchObject({
      kind: 'sharedTerms',
      terms: expect.arrayContaining(['bygglogistik']) as string[],
    });
    for (const r of ranked) expect(environments.find((e) => e.id === r.id)?.crossCutting).toBe(false);
  });

  it('falls back to cross-cutting environments when nothing specific fits', () => {
    const text = 'Vi har svårt att rekrytera lärare';
    const ranked = rankEnvironments(text, matcher.classify(text), environments, 2);
    expect(ranked).toHaveLength(2);
    for (const r of ranked) {
      const environment = environments.find((e) => e.id === r.id)!;
      expect(environment.crossCutting || environment.areas.length === 0).toBe(true);
    }
  });

  it('prefers an environment that covers both areas of a two-area need', () => {
    const text = 'Sensorer som mäter fyllnadsgraden i kärlen så att sophämtningen kan planera rutterna och slippa köra till tomma kärl';
    const ranked = rankEnvironments(text, matcher.classify(text), environments);
    expect(ranked[0]?.name).toBe('IoT World');
  });

  it('names in the reason only focus terms of the environment itself, as written there', () => {
    const text = 'cyberattack mot kommunens it-system';
    for (const r of rankEnvironments(text, matcher.classify(text), environments)) {
      const environment = environments.find((e) => e.id === r.id)!;
      const terms = r.reason.kind === 'sharedTerms' || r.reason.kind === 'crossCutting' ? r.reason.terms : [];
      for (const term of [...terms, ...r.reason.focus]) expect(environment.focus).toContain(term);
    }
  });

  it('respects the limit and is deterministic', () => {
    const text = 'tryckt elektronik i sensorer';
    const c = matcher.classify(text);
    expect(rankEnvironments(text, c, environments, 1)).toHaveLength(1);
    expect(rankEnvironments(text, c, environments)).toEqual(rankEnvironments(text, c, environments));
    expect(foldDiacritics(rankEnvironments(text, c, environments)[0]!.name)).toMatch(/printed|hope/i);
  });
});
