// Finds stored needs about the same thing as a text: the cosine of the two texts' TF-IDF vectors,
// built exactly as the matcher builds its own (terms.ts; tfidf.ts: sublinear tf, smoothed idf, the
// word and n-gram blocks each l2-normalised and weighted 0.6 / 0.8), with the idf taken from the
// stored needs themselves plus background texts (the shipped labelled needs), so that a young
// register does not treat every shared word as rare and a word every need uses counts for little.
//
// Built for 100,000 needs and a lookup well under 20 ms (test/bench/similar.bench.ts):
//   - each document is kept as its distinct words and their counts; a word's features and lookup
//     keys are stored once for all documents;
//   - an inverted index maps lookup keys (folded stems, compound heads) to documents; candidates
//     come from the query's rarest keys first, until a budget of postings is spent, so the
//     commonest words are never walked through for every document;
//   - the best candidates are then scored exactly: the full cosine with the current idf.
// Updates are incremental: upsert (record, edit) and remove (withdraw) adjust document
// frequencies in place; a removed document's postings are skipped, and compacted when most of a
// key's postings are dead. Pure and synchronous: no I/O.
import { isWordFeature, SimilarityTerms, type WordCounts } from './terms.js';

export interface SimilarityOptions {
  /** Weight of the word block; the n-gram block gets sqrt(1 - w²) (as the matcher, tfidf.ts). */
  wordBlockWeight: number;
  /** Postings walked to gather candidates, at most (rarest keys first). */
  postingsBudget: number;
  /** Candidates scored exactly, at most. */
  rescored: number;
}

export const DEFAULT_SIMILARITY: SimilarityOptions = { wordBlockWeight: 0.6, postingsBudget: 20_000, rescored: 60 };

/**
 * Cosine at or above which two needs count as "about the same thing". Measured on the labelled
 * pairs in test/fixtures/matching/need-pairs.jsonl (evaluatePairs.ts, chooseStableThreshold): the
 * best F1 among thresholds whose precision is at least 0.8 on all pairs and on each half. At 0.18:
 * precision 0.85, recall 0.54 (`npm run cli -- eval` prints the current figures; docs/matcher.md →
 * Similar needs). Re-measure when the text pipeline or the shipped labelled needs (the idf's background)
 * change: with the 99 needs of tfidf-lr-4 the rule moved from 0.22 to 0.19, with the 298 Slack-style
 * needs of tfidf-lr-6 to 0.18; the 283, 307, 260, 142, 296 and 280 more of tfidf-lr-7 to -12 kept it there.
 */
export const SIMILARITY_THRESHOLD = 0.18;

export interface SimilarDocument<K> {
  key: K;
  /** Documents of the same group (municipality) are never returned for each other. */
  group: number;
  text: string;
}

export interface SimilarHit<K> {
  key: K;
  group: number;
  /** Cosine similarity, 0–1. */
  score: number;
}

export interface SimilarQuery<K> {
  /** Leave this document out (the need itself). */
  excludeKey?: K;
  /** Leave documents of this group out (the need's own municipality). */
  excludeGroup?: number;
  limit: number;
  threshold: number;
}

class IntList {
  data = new Int32Array(4);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
}

function grown(array: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  if (size <= array.length) return array;
  const next = new Int32Array(Math.max(size, array.length * 2));
  next.set(array);
  return next;
}

function grownFloat(array: Float64Array<ArrayBuffer>, size: number): Float64Array<ArrayBuffer> {
  if (size <= array.length) return array;
  return new Float64Array(Math.max(size, array.length * 2));
}

interface Sparse {
  ids: number[];
  values: number[];
}

/** The `count` items with the highest scores, best first (a bounded min-heap: no sort of every candidate). */
function topSlots(items: Int32Array, length: number, score: (item: number) => number, count: number): number[] {
  const heap: { item: number; score: number }[] = [];
  const siftDown = (start: number) => {
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && heap[l]!.score < heap[m]!.score) m = l;
      if (r < heap.length && heap[r]!.score < heap[m]!.score) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (let i = 0; i < length; i++) {
    const item = items[i]!;
    const s = score(item);
    if (heap.length < count) {
      heap.push({ item, score: s });
      for (let i = heap.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (heap[parent]!.score <= heap[i]!.score) break;
        [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
        i = parent;
      }
    } else if (s > heap[0]!.score) {
      heap[0] = { item, score: s };
      siftDown(0);
    }
  }
  return heap.sort((a, b) => b.score - a.score).map((h) => h.item);
}

// Typed-array hot loops index with ids the index created itself, hence the `!`s.
export class SimilarityIndex<K> {
  private readonly terms = new SimilarityTerms();
  // Features (the cosine's dimensions) and their document frequencies.
  private readonly featureIds = new Map<string, number>();
  private featureIsWord: number[] = [];
  private featureDf = new Int32Array(4096);
  // Lookup keys and their postings.
  private readonly keyIds = new Map<string, number>();
  private keyDf = new Int32Array(1024);
  private readonly postings: IntList[] = [];
  private readonly deadPostings: number[] = [];
  // Words: each one's features and keys, stored once.
  private readonly wordIds = new Map<string, number>();
  private readonly wordFeatures: Int32Array[] = [];
  private readonly wordKeys: Int32Array[] = [];
  // Documents, column by column (few objects, so garbage collection stays short with 100,000 of them):
  // each one's distinct words and counts live in two arenas, at [start, start + length).
  private docCount = 0;
  private readonly docKey: K[] = [];
  private docGroup = new Int32Array(1024);
  private docStart = new Int32Array(1024);
  private docLength = new Int32Array(1024);
  private docKeyCount = new Int32Array(1024);
  private docAlive = new Uint8Array(1024);
  private wordArena = new Int32Array(16_384);
  private countArena = new Uint16Array(16_384);
  private arenaLength = 0;
  private readonly slotOf = new Map<K, number>();
  private background = 0;
  private live = 0;
  // Scratch space, reset after each use.
  private featureCount = new Float64Array(4096);
  private queryWeight = new Float64Array(4096);
  private accumulator = new Float64Array(1024);
  private mark = new Int32Array(4096);
  private touchedScratch = new Int32Array(4096);
  private candidateScratch = new Int32Array(4096);
  private idfCache = new Float64Array(4096);
  private idfStamp = new Int32Array(4096);
  /** Bumped whenever document frequencies change; idfCache entries of older versions are stale. */
  private corpusVersion = 1;
  private markGeneration = 0;

  constructor(private readonly options: SimilarityOptions = DEFAULT_SIMILARITY) {}

  /** Documents that can be found. */
  get size(): number {
    return this.live;
  }

  has(key: K): boolean {
    return this.slotOf.has(key);
  }

  /** A text that only counts towards document frequencies (never returned). */
  addBackground(text: string): void {
    const { words } = this.resolve(this.terms.of(text));
    this.background++;
    this.countDistinct(words, 0, words.length, 1);
  }

  /** Adds a document, or replaces the one with the same key (an edited need). */
  upsert(doc: SimilarDocument<K>): void {
    this.remove(doc.key);
    const { words, counts } = this.resolve(this.terms.of(doc.text));
    const slot = this.docCount++;
    if (slot === this.docGroup.length) {
      const size = slot * 2;
      this.docGroup = grown(this.docGroup, size);
      this.docStart = grown(this.docStart, size);
      this.docLength = grown(this.docLength, size);
      this.docKeyCount = grown(this.docKeyCount, size);
      const alive = new Uint8Array(size);
      alive.set(this.docAlive);
      this.docAlive = alive;
    }
    const start = this.arenaLength;
    if (start + words.length > this.wordArena.length) {
      const size = Math.max(start + words.length, this.wordArena.length * 2);
      this.wordArena = grown(this.wordArena, size);
      const counts2 = new Uint16Array(size);
      counts2.set(this.countArena);
      this.countArena = counts2;
    }
    this.wordArena.set(words, start);
    this.countArena.set(counts, start);
    this.arenaLength += words.length;
    this.docKey.push(doc.key);
    this.docGroup[slot] = doc.group;
    this.docStart[slot] = start;
    this.docLength[slot] = words.length;
    this.docAlive[slot] = 1;
    this.docKeyCount[slot] = this.countDistinct(words, 0, words.length, 1, slot);
    this.slotOf.set(doc.key, slot);
    this.live++;
  }

  /** Takes a document out (a withdrawn need); unknown keys are ignored. */
  remove(key: K): void {
    const slot = this.slotOf.get(key);
    if (slot === undefined) return;
    this.docAlive[slot] = 0;
    this.countDistinct(this.wordArena, this.docStart[slot]!, this.docLength[slot]!, -1, slot);
    this.slotOf.delete(key);
    this.live--;
  }

  /** The stored documents most similar to `text`, best first, at or above the threshold. */
  similarTo(text: string, query: SimilarQuery<K>): SimilarHit<K>[] {
    return this.search(text, query, false);
  }

  /** As similarTo, but scoring every stored document exactly: the reference the index is checked against (tests, bench). */
  similarToExhaustive(text: string, query: SimilarQuery<K>): SimilarHit<K>[] {
    return this.search(text, query, true);
  }

  private search(text: string, query: SimilarQuery<K>, exhaustive: boolean): SimilarHit<K>[] {
    if (this.live === 0) return [];
    const resolved = this.resolve(this.terms.of(text));
    const vector = this.vectorise(resolved.words, resolved.counts);
    if (vector.ids.length === 0) return [];
    const excludeSlot = query.excludeKey === undefined ? undefined : this.slotOf.get(query.excludeKey);

    // Candidates: documents sharing the query's rarest lookup keys.
    const generation = this.nextMark();
    const keys: number[] = [];
    for (const word of resolved.words) {
      for (const key of this.wordKeys[word]!) {
        if (this.mark[key + this.featureIds.size] === generation) continue; // keys are marked after the features' range
        this.mark[key + this.featureIds.size] = generation;
        if (this.postings[key]!.length > 0) keys.push(key);
      }
    }
    keys.sort((a, b) => this.postings[a]!.length - this.postings[b]!.length);
    this.accumulator = grownFloat(this.accumulator, this.docCount);
    const acc = this.accumulator;
    let touched = this.candidateScratch;
    let n = 0;
    let budget = this.options.postingsBudget;
    for (const key of keys) {
      const list = this.postings[key]!;
      if (list.length > budget && n > 0) break;
      budget -= list.length;
      const idf = this.idfOf(this.keyDf[key]!);
      const weight = idf * idf;
      const data = list.data;
      for (let p = 0; p < list.length; p++) {
        const slot = data[p]!;
        if (this.docAlive[slot] === 0 || slot === excludeSlot || this.docGroup[slot] === query.excludeGroup) continue;
        if (acc[slot] === 0) {
          if (n === touched.length) touched = this.candidateScratch = grown(touched, n + 1);
          touched[n++] = slot;
        }
        acc[slot]! += weight;
      }
    }
    if (exhaustive) {
      n = 0;
      touched = this.candidateScratch = grown(touched, this.docCount);
      for (let slot = 0; slot < this.docCount; slot++) {
        if (this.docAlive[slot] === 1 && slot !== excludeSlot && this.docGroup[slot] !== query.excludeGroup) touched[n++] = slot;
      }
    }
    const best = exhaustive
      ? Array.from(touched.subarray(0, n))
      : topSlots(
          touched,
          n,
          (slot) => {
            const keys = this.docKeyCount[slot]!;
            // A document without keys is divided by one, not by zero.
            return acc[slot]! / Math.sqrt(keys === 0 ? 1 : keys);
          },
          this.options.rescored,
        );
    for (let i = 0; i < n; i++) acc[touched[i]!] = 0;

    // The best of them, scored exactly.
    const qw = this.queryWeight;
    vector.ids.forEach((id, i) => (qw[id] = vector.values[i]!));
    const hits: SimilarHit<K>[] = [];
    for (const slot of best) {
      const score = this.dotWithQuery(this.wordArena, this.countArena, this.docStart[slot]!, this.docLength[slot]!);
      if (score >= query.threshold) hits.push({ key: this.docKey[slot]!, group: this.docGroup[slot]!, score: Math.min(1, score) });
    }
    for (const id of vector.ids) qw[id] = 0;
    hits.sort((a, b) => b.score - a.score);
    return hits.slice(0, query.limit);
  }

  /** Cosine of two texts under the index's current idf (for evaluation). */
  cosine(a: string, b: string): number {
    const ra = this.resolve(this.terms.of(a));
    const rb = this.resolve(this.terms.of(b));
    const va = this.vectorise(ra.words, ra.counts);
    const qw = this.queryWeight;
    va.ids.forEach((id, i) => (qw[id] = va.values[i]!));
    const dot = this.dotWithQuery(rb.words, rb.counts, 0, rb.words.length);
    for (const id of va.ids) qw[id] = 0;
    return Math.min(1, dot);
  }

  /** The dot product of a document's unit vector with the query's (in queryWeight), allocating nothing. */
  private dotWithQuery(words: Int32Array, counts: Uint16Array, start: number, length: number): number {
    const fc = this.featureCount;
    let touched = this.touchedScratch;
    let n = 0;
    for (let i = start; i < start + length; i++) {
      const features = this.wordFeatures[words[i]!]!;
      const count = counts[i]!;
      for (const id of features) {
        if (fc[id] === 0) {
          if (n === touched.length) touched = this.touchedScratch = grown(touched, n + 1);
          touched[n++] = id;
        }
        fc[id]! += count;
      }
    }
    const qw = this.queryWeight;
    let wordNorm = 0;
    let charNorm = 0;
    let wordDot = 0;
    let charDot = 0;
    for (let s = 0; s < n; s++) {
      const id = touched[s]!;
      const c = fc[id]!;
      fc[id] = 0;
      const value = (c === 1 ? 1 : 1 + Math.log(c)) * this.featureIdf(id);
      if (this.featureIsWord[id] === 1) {
        wordNorm += value * value;
        wordDot += value * qw[id]!;
      } else {
        charNorm += value * value;
        charDot += value * qw[id]!;
      }
    }
    const wordWeight = this.options.wordBlockWeight;
    const charWeight = Math.sqrt(Math.max(0, 1 - wordWeight * wordWeight));
    const wScale = wordNorm > 0 ? (charNorm > 0 ? wordWeight : 1) / Math.sqrt(wordNorm) : 0;
    const cScale = charNorm > 0 ? (wordNorm > 0 ? charWeight : 1) / Math.sqrt(charNorm) : 0;
    return wordDot * wScale + charDot * cScale;
  }

  /** The matcher's vectorisation (tfidf.ts) with this index's idf: unit length, or empty. */
  private vectorise(words: Int32Array, counts: Uint16Array): Sparse {
    const fc = this.featureCount;
    const touched: number[] = [];
    for (let i = 0; i < words.length; i++) {
      const features = this.wordFeatures[words[i]!]!;
      const count = counts[i]!;
      for (const id of features) {
        if (fc[id] === 0) touched.push(id);
        fc[id]! += count;
      }
    }
    const values: number[] = new Array<number>(touched.length);
    let wordNorm = 0;
    let charNorm = 0;
    for (let s = 0; s < touched.length; s++) {
      const id = touched[s]!;
      const c = fc[id]!;
      fc[id] = 0;
      const value = (c === 1 ? 1 : 1 + Math.log(c)) * this.featureIdf(id);
      values[s] = value;
      if (this.featureIsWord[id] === 1) wordNorm += value * value;
      else charNorm += value * value;
    }
    const wordWeight = this.options.wordBlockWeight;
    const charWeight = Math.sqrt(Math.max(0, 1 - wordWeight * wordWeight));
    // A text with only one block puts all its weight there, so its vector keeps unit length.
    const wScale = wordNorm > 0 ? (charNorm > 0 ? wordWeight : 1) / Math.sqrt(wordNorm) : 0;
    const cScale = charNorm > 0 ? (wordNorm > 0 ? charWeight : 1) / Math.sqrt(charNorm) : 0;
    for (let s = 0; s < touched.length; s++) values[s]! *= this.featureIsWord[touched[s]!] === 1 ? wScale : cScale;
    return { ids: touched, values };
  }

  /** Word ids and counts of an analysed text, registering new words, features and keys. */
  private resolve(text: WordCounts): { words: Int32Array; counts: Uint16Array } {
    const words = new Int32Array(text.words.length);
    const counts = new Uint16Array(text.words.length);
    text.words.forEach((word, i) => {
      let id = this.wordIds.get(word.surface);
      if (id === undefined) {
        id = this.wordIds.size;
        this.wordIds.set(word.surface, id);
        this.wordFeatures.push(Int32Array.from(word.features, (f) => this.featureId(f)));
        this.wordKeys.push(Int32Array.from(word.keys, (k) => this.keyId(k)));
      }
      words[i] = id;
      counts[i] = Math.min(65_535, text.counts[i]!);
    });
    return { words, counts };
  }

  /**
   * Adds `delta` to the document frequency of each distinct feature and key of these words; with
   * a slot, also lists (delta > 0) or unlists (delta < 0) the document under its keys. Returns the
   * number of distinct keys.
   */
  private countDistinct(words: Int32Array, start: number, length: number, delta: number, slot?: number): number {
    const generation = this.nextMark();
    const offset = this.featureIds.size;
    let keyCount = 0;
    this.corpusVersion++;
    for (let i = start; i < start + length; i++) {
      const word = words[i]!;
      for (const id of this.wordFeatures[word]!) {
        if (this.mark[id] === generation) continue;
        this.mark[id] = generation;
        this.featureDf[id]! += delta;
      }
      for (const key of this.wordKeys[word]!) {
        if (this.mark[offset + key] === generation) continue;
        this.mark[offset + key] = generation;
        keyCount++;
        this.keyDf[key]! += delta;
        if (slot === undefined) continue;
        if (delta > 0) this.postings[key]!.push(slot);
        else if ((this.deadPostings[key]! += 1) * 2 > this.postings[key]!.length) this.compact(key);
      }
    }
    return keyCount;
  }

  /** A feature's idf, computed once per corpus state (a document added or removed invalidates all). */
  private featureIdf(id: number): number {
    if (this.idfStamp[id] === this.corpusVersion) return this.idfCache[id]!;
    const idf = this.idfOf(this.featureDf[id]!);
    this.idfCache[id] = idf;
    this.idfStamp[id] = this.corpusVersion;
    return idf;
  }

  private idfOf(df: number): number {
    return Math.log((1 + this.background + this.live) / (1 + Math.max(0, df))) + 1;
  }

  private featureId(feature: string): number {
    let id = this.featureIds.get(feature);
    if (id !== undefined) return id;
    id = this.featureIds.size;
    this.featureIds.set(feature, id);
    this.featureIsWord.push(isWordFeature(feature) ? 1 : 0);
    this.featureDf = grown(this.featureDf, id + 1);
    this.idfStamp = grown(this.idfStamp, id + 1);
    if (this.idfCache.length <= id) {
      const next = new Float64Array(this.idfStamp.length);
      next.set(this.idfCache);
      this.idfCache = next;
    }
    this.featureCount = grownFloat(this.featureCount, id + 1);
    if (this.queryWeight.length <= id) {
      const next = new Float64Array(this.featureCount.length);
      next.set(this.queryWeight);
      this.queryWeight = next;
    }
    return id;
  }

  private keyId(key: string): number {
    let id = this.keyIds.get(key);
    if (id !== undefined) return id;
    id = this.keyIds.size;
    this.keyIds.set(key, id);
    this.keyDf = grown(this.keyDf, id + 1);
    this.postings.push(new IntList());
    this.deadPostings.push(0);
    return id;
  }

  /** A fresh generation for `mark` (features, then keys after them), big enough for both. */
  private nextMark(): number {
    const size = this.featureIds.size + this.keyIds.size;
    if (this.mark.length < size) this.mark = new Int32Array(Math.max(size, this.mark.length * 2));
    if (this.markGeneration >= 2_000_000_000) {
      this.mark.fill(0);
      this.markGeneration = 0;
    }
    return ++this.markGeneration;
  }

  private compact(key: number): void {
    const list = this.postings[key]!;
    const kept = new IntList();
    for (let p = 0; p < list.length; p++) if (this.docAlive[list.data[p]!] === 1) kept.push(list.data[p]!);
    this.postings[key] = kept;
    this.deadPostings[key] = 0;
  }
}
