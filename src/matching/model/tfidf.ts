// TF-IDF over the analyser's features: sublinear tf (1 + ln tf), smoothed idf
// (ln((1 + n) / (1 + df)) + 1, as scikit-learn), and each block (word features, character
// n-grams) l2-normalised on its own and weighted, so long compounds' many n-grams cannot
// drown the word features.
import { isWordFeature, type AnalysedToken } from '../text/features.js';
import type { SparseVector } from './sparse.js';

export interface TfidfOptions {
  /** Weight of the word block; the n-gram block gets sqrt(1 - w²), so the whole vector has unit length. */
  wordBlockWeight: number;
  /** Features seen in fewer training documents than this are dropped. */
  minDocumentFrequency: number;
}

export const DEFAULT_TFIDF: TfidfOptions = { wordBlockWeight: 0.6, minDocumentFrequency: 1 };

export class FeatureSpace {
  private constructor(
    private readonly ids: ReadonlyMap<string, number>,
    private readonly isWord: Uint8Array,
    private readonly idf: Float64Array,
    private readonly options: TfidfOptions,
  ) {}

  get size(): number {
    return this.idf.length;
  }

  /** Learns the vocabulary and idf from training documents. Feature ids follow first appearance, so the space is deterministic. */
  static fit(documents: readonly AnalysedToken[][], options: TfidfOptions = DEFAULT_TFIDF): FeatureSpace {
    const ids = new Map<string, number>();
    const documentFrequency: number[] = [];
    const isWord: number[] = [];
    const lastSeenIn: number[] = [];
    documents.forEach((tokens, docIndex) => {
      for (const token of tokens) {
        for (const feature of token.features) {
          let id = ids.get(feature);
          if (id === undefined) {
            id = ids.size;
            ids.set(feature, id);
            documentFrequency.push(0);
            isWord.push(isWordFeature(feature) ? 1 : 0);
            lastSeenIn.push(-1);
          }
          if (lastSeenIn[id] !== docIndex) {
            lastSeenIn[id] = docIndex;
            documentFrequency[id] = (documentFrequency[id] ?? 0) + 1;
          }
        }
      }
    });
    const n = documents.length;
    const kept = new Map<string, number>();
    const keptIdf: number[] = [];
    const keptIsWord: number[] = [];
    for (const [feature, id] of ids) {
      const df = documentFrequency[id] ?? 0;
      if (df < options.minDocumentFrequency) continue;
      kept.set(feature, kept.size);
      keptIdf.push(Math.log((1 + n) / (1 + df)) + 1);
      keptIsWord.push(isWord[id] ?? 0);
    }
    return new FeatureSpace(kept, Uint8Array.from(keptIsWord), Float64Array.from(keptIdf), options);
  }

  featureId(feature: string): number | undefined {
    return this.ids.get(feature);
  }

  /** Vectorises analysed text; features never seen in training are ignored. */
  vectorise(tokens: readonly AnalysedToken[]): SparseVector {
    const counts = new Map<number, number>();
    for (const token of tokens) {
      for (const feature of token.features) {
        const id = this.ids.get(feature);
        if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
      }
    }
    const indices = new Int32Array(counts.size);
    const values = new Float64Array(counts.size);
    let wordNorm = 0;
    let charNorm = 0;
    let i = 0;
    for (const [id, count] of counts) {
      const value = (1 + Math.log(count)) * (this.idf[id] ?? 0);
      indices[i] = id;
      values[i] = value;
      if (this.isWord[id] === 1) wordNorm += value * value;
      else charNorm += value * value;
      i++;
    }
    const wordWeight = this.options.wordBlockWeight;
    const charWeight = Math.sqrt(Math.max(0, 1 - wordWeight * wordWeight));
    const wordScale = wordNorm > 0 ? wordWeight / Math.sqrt(wordNorm) : 0;
    const charScale = charNorm > 0 ? charWeight / Math.sqrt(charNorm) : 0;
    for (let k = 0; k < indices.length; k++) {
      values[k] = (values[k] ?? 0) * (this.isWord[indices[k] ?? 0] === 1 ? wordScale : charScale);
    }
    return { indices, values };
  }

  /** Approximate bytes held by the vocabulary and idf (for the benchmark's memory report). */
  approximateBytes(): number {
    let keyBytes = 0;
    for (const key of this.ids.keys()) keyBytes += 2 * key.length + 40;
    return keyBytes + this.idf.byteLength + this.isWord.byteLength;
  }
}
