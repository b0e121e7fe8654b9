import { describe, expect, it } from 'vitest';
import { largest, NeighbourIndex } from '../../../src/matching/model/neighbours.js';
import type { SparseVector } from '../../../src/matching/model/sparse.js';
import { seededRandom } from '../../../src/matching/random.js';

/** A unit vector from feature id → value. */
function unit(features: Record<number, number>): SparseVector {
  const ids = Object.keys(features)
    .map(Number)
    .sort((a, b) => a - b);
  const norm = Math.hypot(...ids.map((id) => features[id] ?? 0));
  return { indices: Int32Array.from(ids), values: Float64Array.from(ids, (id) => (features[id] ?? 0) / norm) };
}

// Three outputs: two areas (0, 1), then "none" (2).
const texts = [unit({ 0: 1, 1: 1 }), unit({ 0: 1, 2: 1 }), unit({ 3: 1, 4: 1 }), unit({ 5: 1 })];
const labels = [[0], [0, 1], [2], [1]];
const index = NeighbourIndex.fit(texts, labels, 3, 10, 100);

describe('the nearest training texts’ vote', () => {
  it('gives each output its share of the k nearest texts’ similarity, a text of two areas half to each', () => {
    const vote = index.vote(unit({ 0: 1 }), 2); // cos 0.707 with the first two texts, 0 with the rest
    expect(Array.from(vote)).toEqual([0.75, 0.25, 0]);
    expect(vote.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('counts only the k nearest, and a "none" text for "none"', () => {
    expect(Array.from(index.vote(unit({ 3: 1, 0: 0.1 }), 1))).toEqual([0, 0, 1]);
    const two = index.vote(unit({ 3: 1, 0: 0.1 }), 2); // the "none" text, then the first area text
    expect(two[2]).toBeGreaterThan(0.8);
    expect(two[0]).toBeGreaterThan(0);
  });

  it('is all zeros when no training text shares a feature, and leaves no trace of one vote in the next', () => {
    expect(Array.from(index.vote(unit({ 9: 1 }), 3))).toEqual([0, 0, 0]);
    index.vote(unit({ 5: 1 }), 3);
    expect(Array.from(index.vote(unit({ 9: 1 }), 3))).toEqual([0, 0, 0]);
  });

  it('breaks ties by the earlier training text, so the same query always gets the same vote', () => {
    const twins = NeighbourIndex.fit([unit({ 0: 1 }), unit({ 0: 1 })], [[1], [0]], 3, 1, 100);
    expect(Array.from(twins.vote(unit({ 0: 1 }), 1))).toEqual([0, 1, 0]);
  });
});

describe('the vote by postings', () => {
  it('is the vote a scan of every stored text would give (random texts, truncated store)', () => {
    const random = seededRandom(7);
    const randomUnit = (): SparseVector => {
      const features: Record<number, number> = {};
      for (let j = 0; j < 12; j++) features[Math.floor(random() * 60)] = random() + 0.01;
      return unit(features);
    };
    const stored = Array.from({ length: 300 }, randomUnit);
    const labelSets = stored.map(() => (random() < 0.3 ? [3] : random() < 0.5 ? [Math.floor(random() * 3)] : [0, 2]));
    const keep = 8;
    const voted = NeighbourIndex.fit(stored, labelSets, 4, 60, keep);
    const kept = stored.map((v) => largest(v, keep));
    for (let q = 0; q < 50; q++) {
      const query = randomUnit();
      const dense = new Float64Array(60);
      query.indices.forEach((id, j) => (dense[id] = query.values[j] ?? 0));
      const nearest = kept
        .map((v, i) => ({ i, sim: v.indices.reduce((sum, id, j) => sum + (dense[id] ?? 0) * Math.fround(v.values[j] ?? 0), 0) }))
        .filter((x) => x.sim > 0)
        .sort((a, b) => b.sim - a.sim || a.i - b.i)
        .slice(0, 5);
      const expected = [0, 1, 2, 3].map(
        (o) =>
          nearest.reduce((sum, { i, sim }) => sum + (labelSets[i]!.includes(o) ? sim / labelSets[i]!.length : 0), 0) /
          nearest.reduce((sum, x) => sum + x.sim, 0),
      );
      Array.from(voted.vote(query, 5)).forEach((x, o) => expect(x).toBeCloseTo(expected[o]!, 6));
    }
  });
});

describe('the store', () => {
  it('keeps each text’s largest features, renormalised to unit length, in id order', () => {
    const kept = largest(unit({ 7: 3, 2: 1, 5: 2 }), 2);
    expect(Array.from(kept.indices)).toEqual([5, 7]);
    expect(Math.hypot(...kept.values)).toBeCloseTo(1, 12);
    expect((kept.values[1] ?? 0) / (kept.values[0] ?? 1)).toBeCloseTo(1.5, 12);
    const short = unit({ 1: 1 });
    expect(largest(short, 2)).toBe(short);
  });

  it('survives a snapshot: the same votes after the round trip', () => {
    const restored = NeighbourIndex.fromSnapshot(structuredClone(index.toSnapshot()), 10);
    for (const query of [unit({ 0: 1 }), unit({ 3: 1, 5: 2 }), unit({ 9: 1 })]) expect(restored.vote(query, 2)).toEqual(index.vote(query, 2));
  });

  it('refuses a snapshot whose arrays disagree or point outside the feature space', () => {
    const snapshot = index.toSnapshot();
    expect(() => NeighbourIndex.fromSnapshot({ ...snapshot, labels: snapshot.labels.slice(1) }, 10)).toThrow(/labels/);
    expect(() => NeighbourIndex.fromSnapshot({ ...snapshot, values: snapshot.values.slice(1) }, 10)).toThrow(/values/);
    expect(() => NeighbourIndex.fromSnapshot(snapshot, 5)).toThrow(/outside a space of 5/);
    const outOfOrder = snapshot.featureOffsets.slice();
    outOfOrder[1] = (outOfOrder[2] ?? 0) + 1;
    expect(() => NeighbourIndex.fromSnapshot({ ...snapshot, featureOffsets: outOfOrder }, 10)).toThrow(/order/);
    const unknownText = snapshot.texts.slice();
    unknownText[0] = 4;
    expect(() => NeighbourIndex.fromSnapshot({ ...snapshot, texts: unknownText }, 10)).toThrow(/text 4, of 4 texts/);
  });
});
