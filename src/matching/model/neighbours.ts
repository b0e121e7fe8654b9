// The nearest labelled training texts' vote: each output's share of the k most similar texts' summed cosine
// similarity (a text labelled with two areas gives each half, a "none" text gives "none" all of it). The matcher
// averages it into the views' probabilities. "None" is many unrelated topics (staffing, budgets, schools, plans),
// which one linear boundary per output draws badly; the nearest texts need no boundary. A person's correction, once
// the model has retrained on it, also votes for the needs most like the corrected one.
//
// Each training text keeps only its largest features (renormalised), so the store stays a fraction of the model's
// size and a vote reads less than half of the features a full search would.
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

/** A NeighbourIndex as structured-cloneable data. */
export interface NeighbourSnapshot {
  /** Text i's features are indices/values[offsets[i] … offsets[i + 1]). */
  offsets: Uint32Array;
  indices: Int32Array;
  values: Float32Array;
  /** Text i's share of each output: labels[i * outputs + k]. */
  labels: Float32Array;
  outputs: number;
}

export class NeighbourIndex {
  /** The query, dense over the feature space; zeroed again after each vote. */
  private readonly dense: Float64Array;

  private constructor(
    private readonly snapshot: NeighbourSnapshot,
    dimensions: number,
  ) {
    this.dense = new Float64Array(dimensions);
  }

  get size(): number {
    return this.snapshot.offsets.length - 1;
  }

  /** `vectors[i]` (unit length, in a space of `dimensions` features) labelled with the outputs `positives[i]` (each gets an equal share). */
  static fit(vectors: readonly SparseVector[], positives: readonly (readonly number[])[], outputs: number, dimensions: number, keep: number): NeighbourIndex {
    if (vectors.length !== positives.length) throw new RangeError('a neighbour index needs one label set per vector');
    const kept = vectors.map((v) => largest(v, keep));
    const offsets = new Uint32Array(kept.length + 1);
    kept.forEach((v, i) => (offsets[i + 1] = offsets[i]! + v.indices.length));
    const indices = new Int32Array(offsets[kept.length]!);
    const values = new Float32Array(offsets[kept.length]!);
    kept.forEach((v, i) => {
      indices.set(v.indices, offsets[i]);
      values.set(v.values, offsets[i]);
    });
    const labels = new Float32Array(kept.length * outputs);
    positives.forEach((set, i) => {
      for (const k of set) labels[i * outputs + k] = 1 / set.length;
    });
    return new NeighbourIndex({ offsets, indices, values, labels, outputs }, dimensions);
  }

  /** Refuses a snapshot whose arrays disagree, or whose features lie outside a space of `dimensions`. */
  static fromSnapshot(snapshot: NeighbourSnapshot, dimensions: number): NeighbourIndex {
    const { offsets, indices, values, labels, outputs } = snapshot;
    const texts = offsets.length - 1;
    if (texts < 0 || offsets[0] !== 0 || offsets[texts] !== indices.length || values.length !== indices.length || labels.length !== texts * outputs) {
      throw new Error(`neighbour snapshot: ${indices.length} features, ${values.length} values and ${labels.length} labels for ${texts} texts`);
    }
    for (let i = 0; i < texts; i++) if (offsets[i]! > offsets[i + 1]!) throw new Error('neighbour snapshot: offsets out of order');
    for (const id of indices) if (id < 0 || id >= dimensions) throw new Error(`neighbour snapshot: feature ${id} outside a space of ${dimensions}`);
    return new NeighbourIndex(snapshot, dimensions);
  }

  /** Typed arrays are copies: transferring them leaves this index intact. */
  toSnapshot(): NeighbourSnapshot {
    const { offsets, indices, values, labels, outputs } = this.snapshot;
    return { offsets: offsets.slice(), indices: indices.slice(), values: values.slice(), labels: labels.slice(), outputs };
  }

  /** Each output's share of the `k` most similar texts' similarity, summing to 1; all 0 when no text shares a feature with `query`. */
  vote(query: SparseVector, k: number): Float64Array {
    const { offsets, indices, values, labels, outputs } = this.snapshot;
    const dense = this.dense;
    query.indices.forEach((id, j) => (dense[id] = query.values[j]!));
    const nearest = new TopK(k);
    for (let i = 0; i < offsets.length - 1; i++) {
      let dot = 0;
      for (let j = offsets[i]!; j < offsets[i + 1]!; j++) dot += dense[indices[j]!]! * values[j]!;
      if (dot > 0) nearest.offer(dot, i);
    }
    for (const id of query.indices) dense[id] = 0;
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
    const { offsets, indices, values, labels } = this.snapshot;
    return offsets.byteLength + indices.byteLength + values.byteLength + labels.byteLength + this.dense.byteLength;
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
