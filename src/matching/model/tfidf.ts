// TF-IDF over the analyser's features: sublinear tf (1 + ln tf), smoothed idf
// (ln((1 + n) / (1 + df)) + 1, as scikit-learn), and each block (word features, character
// n-grams) l2-normalised on its own and weighted, so long compounds' many n-grams cannot
// drown the word features.
import { isWordFeature, type AnalysedToken } from '../text/features.js';
import type { SparseVector } from './sparse.js';

// Hot loops index typed arrays with ids they created themselves, hence the `!`s.

export interface TfidfOptions {
  /** Weight of the word block; the n-gram block gets sqrt(1 - w²), so the whole vector has unit length. */
  wordBlockWeight: number;
  /** Features seen in fewer training documents than this are dropped. */
  minDocumentFrequency: number;
  /**
   * How background documents (unlabelled text, FeatureSpace.fit) count: 'idf', in the document frequencies only;
   * 'vocabulary', as features too (with no weight, they still take a share of a text's unit length). Absent: not at all.
   */
  background?: 'idf' | 'vocabulary';
}

/**
 * tfidf-lr-14 drops the features seen in one training text only: 85,177 → 52,039 features, 9.1 → 5.5 MiB
 * of model on tfidf-lr-13's data, for the memory target after 1,000 needs. On the development data
 * (three SGD seeds) each family of real passages unseen 0.735 → 0.730 (0.737 with tfidf-lr-14's decision),
 * each outside writer unseen 0.890 → 0.893, public-needs 0.847 → 0.858, the styled needs 0.969–0.980 →
 * 0.969 (one short need); the character n-grams alone at 2 (6.7 MiB) did no better. A model of the pack
 * alone keeps every feature (matcher.ts forLabelledExamples): at 2 its public-needs fell 0.764 → 0.716.
 */
export const DEFAULT_TFIDF: TfidfOptions = { wordBlockWeight: 0.6, minDocumentFrequency: 2 };

const RESOLVED_LIMIT = 200_000;

/** Each block's weight: the word block's as set, the n-grams' the rest of a unit vector. */
function blockWeights(options: TfidfOptions): { word: number; char: number } {
  const word = options.wordBlockWeight;
  return { word, char: Math.sqrt(Math.max(0, 1 - word * word)) };
}

/** A FeatureSpace as structured-cloneable data: the features (in id order) concatenated as UTF-8, each one's end in the decoded string (UTF-16 units). */
export interface FeatureSpaceSnapshot {
  vocabulary: Uint8Array;
  ends: Uint32Array;
  isWord: Uint8Array;
  idf: Float64Array;
  options: TfidfOptions;
}

export class FeatureSpace {
  private readonly resolved = new Map<readonly string[], number[]>();

  private constructor(
    private readonly ids: ReadonlyMap<string, number>,
    private readonly isWord: Uint8Array,
    private readonly idf: Float64Array,
    private readonly options: TfidfOptions,
  ) {}

  get size(): number {
    return this.idf.length;
  }

  /**
   * Learns the vocabulary and idf from training documents, and from `background` documents as `options.background`
   * says. Feature ids follow first appearance, so the space is deterministic.
   */
  static fit(documents: readonly AnalysedToken[][], options: TfidfOptions = DEFAULT_TFIDF, background: readonly AnalysedToken[][] = []): FeatureSpace {
    const ids = new Map<string, number>();
    const documentFrequency: number[] = [];
    const isWord: number[] = [];
    const lastSeenIn: number[] = [];
    // The analyser hands out one features array per distinct word, so resolving each array
    // once (by identity) saves most of the string lookups on large training sets.
    const resolved = new Map<readonly string[], number[]>();
    const resolve = (features: readonly string[]): number[] => {
      let out = resolved.get(features);
      if (out !== undefined) return out;
      out = features.map((feature) => {
        let id = ids.get(feature);
        if (id === undefined) {
          id = ids.size;
          ids.set(feature, id);
          documentFrequency.push(0);
          isWord.push(isWordFeature(feature) ? 1 : 0);
          lastSeenIn.push(-1);
        }
        return id;
      });
      resolved.set(features, out);
      return out;
    };
    documents.forEach((tokens, docIndex) => {
      for (const token of tokens) {
        for (const id of resolve(token.features)) {
          if (lastSeenIn[id] !== docIndex) {
            lastSeenIn[id] = docIndex;
            documentFrequency[id]! += 1;
          }
        }
      }
    });
    // Background documents count towards a feature's rarity, never towards keeping it (minDocumentFrequency);
    // 'idf' counts only the training documents' features, 'vocabulary' adds the background's own.
    const counted = options.background === undefined ? [] : background;
    const backgroundFrequency: number[] = [];
    counted.forEach((tokens, backgroundIndex) => {
      const docIndex = documents.length + backgroundIndex;
      for (const token of tokens) {
        const featureIds = options.background === 'vocabulary' ? resolve(token.features) : token.features.flatMap((f) => ids.get(f) ?? []);
        for (const id of featureIds) {
          if (lastSeenIn[id] !== docIndex) {
            lastSeenIn[id] = docIndex;
            backgroundFrequency[id] = (backgroundFrequency[id] ?? 0) + 1;
          }
        }
      }
    });
    const n = documents.length + counted.length;
    const kept = new Map<string, number>();
    const keptIdf: number[] = [];
    const keptIsWord: number[] = [];
    // A block weighted 0 (ANCHOR_VIEW's words) adds only zeros to a vector: its features are left out of the
    // space, which changes no score and keeps the model and each training update smaller.
    const { word, char } = blockWeights(options);
    for (const [feature, id] of ids) {
      const df = documentFrequency[id] ?? 0;
      const inBackground = backgroundFrequency[id] ?? 0;
      if (df < options.minDocumentFrequency && !(options.background === 'vocabulary' && df === 0 && inBackground > 0)) continue;
      if ((isWord[id] === 1 ? word : char) === 0) continue;
      kept.set(feature, kept.size);
      keptIdf.push(Math.log((1 + n) / (1 + df + inBackground)) + 1);
      keptIsWord.push(isWord[id] ?? 0);
    }
    return new FeatureSpace(kept, Uint8Array.from(keptIsWord), Float64Array.from(keptIdf), options);
  }

  /** The space as plain data (see snapshot.ts): feature strings in id order as UTF-8, their ends, and the typed arrays (copied). */
  toSnapshot(): FeatureSpaceSnapshot {
    const features = [...this.ids.keys()];
    const ends = new Uint32Array(features.length);
    let end = 0;
    features.forEach((feature, id) => {
      if (this.ids.get(feature) !== id) throw new Error('feature ids are not in insertion order');
      end += feature.length;
      ends[id] = end;
    });
    return {
      vocabulary: new TextEncoder().encode(features.join('')),
      ends,
      isWord: this.isWord.slice(),
      idf: this.idf.slice(),
      options: { ...this.options },
    };
  }

  /** Rebuilds a space from toSnapshot's data; adopts the snapshot's typed arrays (never written to). */
  static fromSnapshot(snapshot: FeatureSpaceSnapshot): FeatureSpace {
    const { vocabulary, ends, isWord, idf, options } = snapshot;
    const size = idf.length;
    if (ends.length !== size || isWord.length !== size)
      throw new Error(`feature space snapshot: ${size} idf values, ${ends.length} ends, ${isWord.length} flags`);
    const text = new TextDecoder().decode(vocabulary);
    if (text.length !== (size === 0 ? 0 : ends[size - 1]!)) throw new Error('feature space snapshot: vocabulary does not match its ends');
    const ids = new Map<string, number>();
    let start = 0;
    for (let id = 0; id < size; id++) {
      const end = ends[id]!;
      ids.set(text.slice(start, end), id);
      start = end;
    }
    if (ids.size !== size) throw new Error('feature space snapshot: duplicate features');
    return new FeatureSpace(ids, isWord, idf, { ...options });
  }

  featureId(feature: string): number | undefined {
    return this.ids.get(feature);
  }

  /** Feature ids of each token's features, in order; features never seen in training are left out. */
  idsOf(tokens: readonly AnalysedToken[]): number[][] {
    return tokens.map((token) => {
      const cached = this.resolved.get(token.features);
      if (cached !== undefined) return cached;
      const ids: number[] = [];
      for (const feature of token.features) {
        const id = this.ids.get(feature);
        if (id !== undefined) ids.push(id);
      }
      // Same identity trick as in fit; bounded like the analyser's own cache.
      if (this.resolved.size >= RESOLVED_LIMIT) this.resolved.clear();
      this.resolved.set(token.features, ids);
      return ids;
    });
  }

  /** Vectorises analysed text; features never seen in training are ignored. */
  vectorise(tokens: readonly AnalysedToken[]): SparseVector {
    return this.vectoriseIds(this.idsOf(tokens)).vector;
  }

  /** Vectorises per-token feature ids; `counts[slot]` is how often the feature in that slot occurred. */
  vectoriseIds(idsPerToken: readonly number[][]): { vector: SparseVector; counts: Int32Array } {
    // A reusable id → slot table (reset after use) avoids a Map per need.
    const slotOf = this.slotScratch();
    const touched: number[] = [];
    const occurrences: number[] = [];
    for (const ids of idsPerToken) {
      for (const id of ids) {
        const slot = slotOf[id]!;
        if (slot < 0) {
          slotOf[id] = touched.length;
          touched.push(id);
          occurrences.push(1);
        } else {
          occurrences[slot]! += 1;
        }
      }
    }
    for (const id of touched) slotOf[id] = -1;
    const indices = Int32Array.from(touched);
    const counts = Int32Array.from(occurrences);
    const values = new Float64Array(touched.length);
    let wordNorm = 0;
    let charNorm = 0;
    for (let slot = 0; slot < indices.length; slot++) {
      const id = indices[slot]!;
      const count = counts[slot]!;
      const value = (count === 1 ? 1 : 1 + Math.log(count)) * this.idf[id]!;
      values[slot] = value;
      if (this.isWord[id] === 1) wordNorm += value * value;
      else charNorm += value * value;
    }
    const weights = blockWeights(this.options);
    const wordScale = wordNorm > 0 ? weights.word / Math.sqrt(wordNorm) : 0;
    const charScale = charNorm > 0 ? weights.char / Math.sqrt(charNorm) : 0;
    for (let slot = 0; slot < indices.length; slot++) {
      values[slot]! *= this.isWord[indices[slot]!] === 1 ? wordScale : charScale;
    }
    return { vector: { indices, values }, counts };
  }

  private slotTable: Int32Array | undefined;

  private slotScratch(): Int32Array {
    this.slotTable ??= new Int32Array(this.idf.length).fill(-1);
    return this.slotTable;
  }

  /** Approximate bytes held by the vocabulary and idf (for the benchmark's memory report). */
  approximateBytes(): number {
    let keyBytes = 0;
    for (const key of this.ids.keys()) keyBytes += 2 * key.length + 40;
    return keyBytes + this.idf.byteLength + this.isWord.byteLength;
  }
}
