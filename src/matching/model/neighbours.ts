// The nearest labelled training texts' vote: each output's share of the k most similar texts' summed cosine
// similarity (a text labelled with two areas gives each half, a "none" text gives "none" all of it). The matcher
// averages it into the views' probabilities. "None" is many unrelated topics (staffing, budgets, schools, plans),
// which one linear boundary per output draws badly; the nearest texts need no boundary. A person's correction, once
// the model has retrained on it, also votes for the needs most like the corrected one.
//
// Each training text keeps only its largest features (renormalised), so the store stays a fraction of the model's
// size. The store is kept by feature (postings), so a vote reads only the stored entries of the query's features:
// for a Slack-style need about 8,000 of the shipped store's 590,000.
import type { SparseVector } from './sparse.js';

// Hot loops index typed arrays with ids they created themselves, hence the `!`s.

export interface NeighbourOptions {
  /** How many of the most similar training texts vote. */
  k: number;
  /** The vote's weight in the average with the views' probabilities. */
  weight: number;
  /** Features kept per training text: its largest, renormalised to unit length. */
  keep: number;
}

/**
 * A NeighbourIndex as structured-cloneable data: the stored features by feature (postings), so that a vote reads
 * only the query's features.
 */
export interface NeighbourSnapshot {
  /** Feature f's postings are texts/values[featureOffsets[f] … featureOffsets[f + 1]), texts in ascending order. */
  featureOffsets: Uint32Array;
  texts: Uint32Array;
  values: Float32Array;
  /** Text i's share of each output: labels[i * outputs + k]. */
  labels: Float32Array;
  outputs: number;
}

export class NeighbourIndex {
  /** Each stored text's similarity to the query being voted on; zeroed again after each vote. */
  private readonly scores: Float64Array;

  private constructor(private readonly snapshot: NeighbourSnapshot) {
    this.scores = new Float64Array(snapshot.labels.length / snapshot.outputs);
  }

  /** `vectors[i]` (unit length, in a space of `dimensions` features) labelled with the outputs `positives[i]` (each gets an equal share). */
  static fit(vectors: readonly SparseVector[], positives: readonly (readonly number[])[], outputs: number, dimensions: number, keep: number): NeighbourIndex {
    if (vectors.length !== positives.length) throw new RangeError('a neighbour index needs one label set per vector');
    const kept = vectors.map((v) => largest(v, keep));
    const featureOffsets = new Uint32Array(dimensions + 1);
    for (const v of kept) for (const id of v.indices) featureOffsets[id + 1]!++;
    for (let f = 0; f < dimensions; f++) featureOffsets[f + 1]! += featureOffsets[f]!;
    const next = featureOffsets.slice(0, dimensions);
    const texts = new Uint32Array(featureOffsets[dimensions]!);
    const values = new Float32Array(featureOffsets[dimensions]!);
    kept.forEach((v, i) =>
      v.indices.forEach((id, j) => {
        const at = next[id]!++;
        texts[at] = i;
        values[at] = v.values[j]!;
      }),
    );
    const labels = new Float32Array(kept.length * outputs);
    positives.forEach((set, i) => {
      for (const k of set) labels[i * outputs + k] = 1 / set.length;
    });
    return new NeighbourIndex({ featureOffsets, texts, values, labels, outputs });
  }

  /** Refuses a snapshot whose arrays disagree, or whose features lie outside a space of `dimensions`. */
  static fromSnapshot(snapshot: NeighbourSnapshot, dimensions: number): NeighbourIndex {
    const { featureOffsets, texts, values, labels, outputs } = snapshot;
    const count = labels.length / outputs;
    if (!Number.isInteger(count) || values.length !== texts.length) {
      throw new Error(`neighbour snapshot: ${texts.length} postings, ${values.length} values and ${labels.length} labels of ${outputs} outputs`);
    }
    if (featureOffsets.length !== dimensions + 1)
      throw new Error(`neighbour snapshot: postings for ${featureOffsets.length - 1} features, outside a space of ${dimensions}`);
    if (featureOffsets[0] !== 0 || featureOffsets[dimensions] !== texts.length) throw new Error('neighbour snapshot: postings out of order');
    for (let f = 0; f < dimensions; f++) if (featureOffsets[f]! > featureOffsets[f + 1]!) throw new Error('neighbour snapshot: postings out of order');
    for (const text of texts) if (text >= count) throw new Error(`neighbour snapshot: a posting of text ${text}, of ${count} texts`);
    return new NeighbourIndex(snapshot);
  }

  /** Typed arrays are copies: transferring them leaves this index intact. */
  toSnapshot(): NeighbourSnapshot {
    const { featureOffsets, texts, values, labels, outputs } = this.snapshot;
    return { featureOffsets: featureOffsets.slice(), texts: texts.slice(), values: values.slice(), labels: labels.slice(), outputs };
  }

  /** Each output's share of the `k` most similar texts' similarity, summing to 1; all 0 when no text shares a feature with `query`. */
  vote(query: SparseVector, k: number): Float64Array {
    const { featureOffsets, texts, values, labels, outputs } = this.snapshot;
    const scores = this.scores;
    query.indices.forEach((id, j) => {
      const q = query.values[j]!;
      for (let at = featureOffsets[id]!; at < featureOffsets[id + 1]!; at++) scores[texts[at]!]! += q * values[at]!;
    });
    const nearest = new TopK(k);
    for (let i = 0; i < scores.length; i++) {
      if (scores[i]! > 0) nearest.offer(scores[i]!, i);
      scores[i] = 0;
    }
    const out = new Float64Array(outputs);
    let total = 0;
    for (const { score, id } of nearest.items()) {
      for (let o = 0; o < outputs; o++) out[o]! += score * labels[id * outputs + o]!;
      total += score;
    }
    if (total > 0) for (let o = 0; o < outputs; o++) out[o]! /= total;
    return out;
  }

  approximateBytes(): number {
    const { featureOffsets, texts, values, labels } = this.snapshot;
    return featureOffsets.byteLength + texts.byteLength + values.byteLength + labels.byteLength + this.scores.byteLength;
  }
}

/** A vector's `keep` largest values, renormalised to unit length; the vector itself when it has no more. */
export function largest(vector: SparseVector, keep: number): SparseVector {
  if (vector.indices.length <= keep) return vector;
  const order = Array.from(vector.values.keys())
    .sort((a, b) => vector.values[b]! - vector.values[a]! || a - b)
    .slice(0, keep)
    .sort((a, b) => a - b);
  const values = Float64Array.from(order, (j) => vector.values[j]!);
  const norm = Math.hypot(...values);
  return { indices: Int32Array.from(order, (j) => vector.indices[j]!), values: values.map((x) => x / norm) };
}

/** The k best (score, id) pairs offered; ties go to the earlier id, so the vote is deterministic. */
class TopK {
  private readonly scores: number[] = [];
  private readonly ids: number[] = [];

  constructor(private readonly k: number) {}

  offer(score: number, id: number): void {
    if (this.k <= 0) return;
    if (this.scores.length === this.k && score <= this.scores[this.k - 1]!) return;
    let at = this.scores.length;
    while (at > 0 && this.scores[at - 1]! < score) at--;
    this.scores.splice(at, 0, score);
    this.ids.splice(at, 0, id);
    if (this.scores.length > this.k) {
      this.scores.pop();
      this.ids.pop();
    }
  }

  items(): { score: number; id: number }[] {
    return this.scores.map((score, i) => ({ score, id: this.ids[i]! }));
  }
}
