// What two needs are compared on, word by word, through the matcher's own text pipeline
// (TextAnalyser: Swedish stems, acronyms, glosses of English domain words, character 3–4-grams of
// the folded word). Each distinct word of a text becomes
//   - its features, exactly the matcher's ("w:" word block, "c:" n-gram block): what the cosine
//     is computed over, with the matcher's weighting (tfidf.ts);
//   - its lookup keys, a handful per word: the folded stem and, for a long stem, its 4–8-letter
//     endings, as plain stems (Swedish puts a compound's head last: "vattenläckor" has the key
//     "lack", as "läckor" does). Only these go into the inverted index, which keeps it about twenty
//     times smaller than one over n-grams; a need that shares only n-grams with another (typos)
//     is not a candidate.
import { isWordFeature, TextAnalyser } from '../text/features.js';
import { foldDiacritics } from '../text/normalise.js';

const WORD_PREFIX = 'w:';
const COMPOUND_MIN_STEM = 8;
const HEAD_MIN = 4;
const HEAD_MAX = 8;
/** What is left before a head must look like a word of its own. */
const MODIFIER_MIN = 3;

export interface AnalysedWord {
  /** As typed, lower-cased (the analyser's surface): identifies the word. */
  surface: string;
  features: readonly string[];
  keys: readonly string[];
}

/** A text as its distinct words and how often each occurs. */
export interface WordCounts {
  words: AnalysedWord[];
  counts: number[];
}

export { isWordFeature };

export class SimilarityTerms {
  private readonly analyser = new TextAnalyser();
  private readonly keysCache = new Map<readonly string[], readonly string[]>();

  of(text: string): WordCounts {
    const index = new Map<string, number>();
    const out: WordCounts = { words: [], counts: [] };
    for (const token of this.analyser.analyse(text)) {
      const at = index.get(token.surface);
      if (at !== undefined) {
        out.counts[at]! += 1;
        continue;
      }
      index.set(token.surface, out.words.length);
      out.words.push({ surface: token.surface, features: token.features, keys: this.keysOf(token.features) });
      out.counts.push(1);
    }
    return out;
  }

  private keysOf(features: readonly string[]): readonly string[] {
    const cached = this.keysCache.get(features);
    if (cached) return cached;
    const keys = new Set<string>();
    for (const feature of features) {
      if (!feature.startsWith(WORD_PREFIX)) continue;
      const stem = foldDiacritics(feature.slice(WORD_PREFIX.length));
      keys.add(stem);
      if (stem.length < COMPOUND_MIN_STEM) continue;
      for (let head = HEAD_MIN; head <= HEAD_MAX && stem.length - head >= MODIFIER_MIN; head++) keys.add(stem.slice(-head));
    }
    const out = [...keys];
    if (this.keysCache.size > 200_000) this.keysCache.clear();
    this.keysCache.set(features, out);
    return out;
  }
}
