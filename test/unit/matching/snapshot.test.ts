import { MessageChannel } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSeedData, type SeedData } from '../../../src/region/regionPack.js';
import {
  CHARACTER_VIEW,
  DEFAULT_CONFIG,
  matcherFromSnapshot,
  snapshotMatcher,
  snapshotTransferList,
  toTrainingData,
  trainMatcher,
  type MatcherSnapshot,
  type TrainedMatcher,
  type ViewSnapshot,
} from '../../../src/matching/index.js';
import { DEFAULT_PIPELINE } from '../../../src/matching/text/features.js';
import { SHIPPED_SLUGS, shippedMatcher } from '../../support/shippedMatcher.js';

let matcher: TrainedMatcher;
/** A model of two views (tfidf-lr-7 to -10's shape, still a config option), on a fifth of the shipped needs. */
let twoViews: TrainedMatcher;
/** A model of one view whose outputs share one probability mass (softmax.ts, as the shipped second view's), on the same fifth. */
let softmax: TrainedMatcher;
/** Two views, the second fitted with its own settings (softmax, character n-grams only): bench matcherExperiments anchorview. */
let ownSecondView: TrainedMatcher;
let texts: string[];
/** A fifth of the shipped needs, without the corpus: what the small models above are trained on. */
let fifth: SeedData;

beforeAll(() => {
  const seed = loadSeedData();
  matcher = shippedMatcher();
  fifth = { ...seed, labelledNeeds: seed.labelledNeeds.filter((_, i) => i % 5 === 0), corpus: [] };
  twoViews = trainMatcher(toTrainingData(fifth), { ...DEFAULT_CONFIG, pipeline: DEFAULT_PIPELINE, secondView: { pipeline: CHARACTER_VIEW, weight: 0.5 } });
  softmax = trainMatcher(toTrainingData(fifth), { ...DEFAULT_CONFIG, logistic: { ...DEFAULT_CONFIG.logistic, loss: 'softmax' }, secondView: null });
  ownSecondView = trainMatcher(toTrainingData(fifth), {
    ...DEFAULT_CONFIG,
    secondView: { pipeline: CHARACTER_VIEW, weight: 0.5, logistic: { loss: 'softmax' }, tfidf: { wordBlockWeight: 0 } },
  });
  // 45 shipped needs, plus needs in other styles and edge cases (English, no å/ä/ö, emoji, markup, empty).
  texts = [
    ...seed.labelledNeeds
      .filter((_, i) => i % 5 === 0)
      .slice(0, 45)
      .map((n) => (n.title ? `${n.title}. ${n.text}` : n.text)),
    'our staff drive 400 km a day between clients and the schedule is always wrong',
    'trygghetslarmen i hemtjansten tappar uppkopplingen',
    'bygglogistik vid nya resecentrum :truck: <https://example.com|se kartan>',
    'Vi har svårt att rekrytera lärare',
    '',
    '😀 !!! 123',
    'ÅÄÖ AI och VR för medborgardialog',
  ];
});

function expectSameBehaviour(restored: TrainedMatcher, original: TrainedMatcher = matcher): void {
  expect(restored.version).toBe(original.version);
  expect(restored.areas).toEqual(original.areas);
  expect(restored.featureCount).toBe(original.featureCount);
  expect(restored.approximateBytes()).toBe(original.approximateBytes());
  for (const text of texts) {
    expect(restored.classify(text)).toEqual(original.classify(text));
    expect(restored.probabilities(text)).toEqual(original.probabilities(text));
  }
}

/** True when the value holds only plain objects, arrays, primitives and typed arrays. */
function isPlainData(value: unknown): boolean {
  if (value === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof value)) return true;
  if (typeof value !== 'object') return false;
  if (ArrayBuffer.isView(value)) return true;
  if (Array.isArray(value)) return value.every(isPlainData);
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype && Object.values(value).every(isPlainData);
}

describe('matcher snapshots', () => {
  it('restores a matcher that classifies identically (scores, terms, decisions, version) on ~50 texts', () => {
    expect(texts.length).toBeGreaterThanOrEqual(50);
    expectSameBehaviour(matcherFromSnapshot(snapshotMatcher(matcher)));
  });

  it('names the areas of its outputs, in the pack’s order, and holds the two views and the neighbours the shipped config reads (format 4)', () => {
    const snapshot = snapshotMatcher(matcher);
    expect(snapshot.format).toBe(4);
    expect(snapshot.neighbours?.outputs).toBe(SHIPPED_SLUGS.length + 1);
    expect(snapshot.areas).toEqual([...SHIPPED_SLUGS]);
    expect(snapshot.views).toHaveLength(2);
    for (const view of snapshot.views) expect(view.model.outputs).toBe(SHIPPED_SLUGS.length + 1);
    expect(snapshot.views[0]!.space.idf.length + snapshot.views[1]!.space.idf.length).toBe(matcher.featureCount);
    snapshot.areas.pop(); // a copy: the matcher keeps its own
    expect(matcher.areas).toEqual(SHIPPED_SLUGS);
  });

  it('holds and restores both views of a two-view config', () => {
    const snapshot = snapshotMatcher(twoViews);
    expect(snapshot.views).toHaveLength(2);
    expect(snapshot.views[0]!.space.idf.length + snapshot.views[1]!.space.idf.length).toBe(twoViews.featureCount);
    expectSameBehaviour(matcherFromSnapshot(structuredClone(snapshot)), twoViews);
  });

  it('fits a second view with its own settings and restores it with its own link (softmax beside one-vs-rest)', () => {
    const sameSettings = trainMatcher(toTrainingData(fifth), { ...DEFAULT_CONFIG, secondView: { pipeline: CHARACTER_VIEW, weight: 0.5 } });
    const text = 'trygghetslarmen i hemtjansten tappar uppkopplingen';
    expect(ownSecondView.probabilities(text).areas).not.toEqual(sameSettings.probabilities(text).areas);
    expectSameBehaviour(matcherFromSnapshot(structuredClone(snapshotMatcher(ownSecondView))), ownSecondView);
  });

  it('leaves the anchor-shaped view out of a model of the pack alone (a new region), which holds one view', () => {
    const cold = trainMatcher({ ...toTrainingData(loadSeedData()), examples: [] });
    const snapshot = snapshotMatcher(cold);
    expect(snapshot.views).toHaveLength(1);
    expect(snapshot.config.secondView).toBeNull();
    expectSameBehaviour(matcherFromSnapshot(structuredClone(snapshot)), cold);
  });

  it('restores a softmax model as softmax: its scores read through the same link', () => {
    expectSameBehaviour(matcherFromSnapshot(structuredClone(snapshotMatcher(softmax))), softmax);
  });

  it('is plain data that survives a real structuredClone', () => {
    const snapshot = snapshotMatcher(matcher);
    expect(isPlainData(snapshot)).toBe(true);
    const cloned = structuredClone(snapshot);
    expect(cloned.views[0]!.model.weights).toBeInstanceOf(Float64Array);
    expectSameBehaviour(matcherFromSnapshot(cloned));
  });

  it('crosses a MessagePort with its buffers transferred, leaving the original matcher intact', async () => {
    const snapshot = snapshotMatcher(matcher);
    const transfer = snapshotTransferList(snapshot);
    expect(transfer.length).toBe(16); // six arrays per view, two views, and the neighbours' four
    const { port1, port2 } = new MessageChannel();
    const received = new Promise<MatcherSnapshot>((resolve) => port2.once('message', (m: MatcherSnapshot) => resolve(m)));
    port1.postMessage(snapshot, transfer);
    const arrived = await received;
    port1.close();
    port2.close();
    for (const view of snapshot.views) expect(view.model.weights.byteLength).toBe(0); // detached: moved, not copied
    expect(arrived.views.reduce((sum, view) => sum + view.model.weights.length, 0)).toBe(matcher.featureCount * 6);
    expectSameBehaviour(matcherFromSnapshot(arrived));
    expect(matcher.classify(texts[0]!).ranked.length).toBe(5); // the snapshot was a copy
  });

  it('refuses snapshots of another format or algorithm, inconsistent ones, and foreign matchers', () => {
    const snapshot = snapshotMatcher(matcher);
    expect(() => matcherFromSnapshot({ ...snapshot, algorithm: 'tfidf-lr-0' })).toThrow(/algorithm/);
    expect(() => matcherFromSnapshot({ ...snapshot, format: 3 as 4 })).toThrow(/format/); // format 3: no neighbours, before tfidf-lr-17
    expect(() => matcherFromSnapshot({ ...snapshot, areas: snapshot.areas.slice(1) })).toThrow(/outputs/); // areas that do not fit the weights
    const oneView = snapshotMatcher(softmax);
    const [only] = oneView.views as [ViewSnapshot];
    expect(() => matcherFromSnapshot({ ...oneView, views: [only, only] })).toThrow(/2 views for a config of 1/);
    const [first, second] = snapshot.views as [ViewSnapshot, ViewSnapshot];
    expect(() => matcherFromSnapshot({ ...snapshot, views: [first] })).toThrow(/1 views for a config of 2/);
    expect(() =>
      matcherFromSnapshot({ ...snapshot, views: [first, { ...second, model: { ...second.model, weights: second.model.weights.subarray(6) } }] }),
    ).toThrow(/weights/);
    expect(() => matcherFromSnapshot({ ...oneView, views: [{ ...only, model: { ...only.model, weights: only.model.weights.subarray(6) } }] })).toThrow(
      /weights/,
    );
    expect(() => matcherFromSnapshot({ ...oneView, views: [{ ...only, space: { ...only.space, vocabulary: only.space.vocabulary.subarray(1) } }] })).toThrow(
      /vocabulary/,
    );
    const neighbours = snapshot.neighbours!;
    expect(() => matcherFromSnapshot({ ...snapshot, neighbours: null })).toThrow(/neighbours and config disagree/);
    expect(() =>
      matcherFromSnapshot({
        ...snapshot,
        neighbours: { ...neighbours, outputs: 3, labels: neighbours.labels.subarray(0, (3 * neighbours.labels.length) / neighbours.outputs) },
      }),
    ).toThrow(/neighbours of 3 outputs/);
    expect(() => matcherFromSnapshot({ ...snapshot, neighbours: { ...neighbours, featureOffsets: neighbours.featureOffsets.subarray(1) } })).toThrow(
      /outside a space/,
    );
    const foreign: TrainedMatcher = {
      version: 'x',
      areas: matcher.areas,
      featureCount: 0,
      classify: matcher.classify.bind(matcher),
      probabilities: matcher.probabilities.bind(matcher),
      approximateBytes: () => 0,
    };
    expect(() => snapshotMatcher(foreign)).toThrow(TypeError);
  });
});
