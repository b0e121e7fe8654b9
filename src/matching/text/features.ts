// Turns a need into feature strings, token by token, so every feature can be traced back
// to the word the reader typed (explanations). Per word: its Swedish stem ("w:"), the
// character n-grams of its folded form ("c:"), which let compounds meet their parts
// ("trygghetslarmen" shares "larm" with "larm") and survive typos and missing å/ä/ö, and
// the same for its Swedish gloss when it is an English domain word.
import { foldDiacritics } from './normalise.js';
import { isStopword } from './stopwords.js';
import { stemSwedish } from './stem.js';
import { tokenise } from './tokenise.js';
import { swedishGloss } from './lexicon.js';

export interface PipelineOptions {
  /** Character n-gram lengths within words; null turns them off. */
  charNgrams: { min: number; max: number } | null;
  /** Word features are stems (true) or folded surface forms (false). */
  stemming: boolean;
  /** English domain words also yield their Swedish gloss's features. */
  glosses: boolean;
  /** Adjacent content words also yield a stem-pair feature ("digital tvilling"). */
  wordBigrams: boolean;
}

export const DEFAULT_PIPELINE: PipelineOptions = {
  charNgrams: { min: 3, max: 5 },
  stemming: true,
  glosses: true,
  wordBigrams: false,
};

export interface AnalysedToken {
  surface: string;
  features: readonly string[];
}

const WORD_PREFIX = 'w:';
const CHAR_PREFIX = 'c:';
const BIGRAM_PREFIX = 'b:';

/** Word and word-pair features form the "word" block; character n-grams the other. */
export function isWordFeature(feature: string): boolean {
  return feature.startsWith(WORD_PREFIX) || feature.startsWith(BIGRAM_PREFIX);
}

// Memoising per word keeps training on 20,000 needs fast; bounded so a long-running app
// fed odd text cannot grow it without limit.
const CACHE_LIMIT = 200_000;

export class TextAnalyser {
  private readonly cache = new Map<string, readonly string[]>();

  constructor(readonly options: PipelineOptions = DEFAULT_PIPELINE) {}

  analyse(text: string): AnalysedToken[] {
    const out: AnalysedToken[] = [];
    let previousWord: string | undefined;
    for (const token of tokenise(text)) {
      let features = this.featuresOfWord(token.surface, token.acronym);
      if (features.length === 0) continue; // stopwords do not break a pair: "byggtrafik i centrum" → byggtrafik_centrum
      const word = features[0];
      if (this.options.wordBigrams && previousWord !== undefined && word !== undefined) {
        features = [...features, `${BIGRAM_PREFIX}${previousWord.slice(2)}_${word.slice(2)}`];
      }
      previousWord = word;
      out.push({ surface: token.surface, features });
    }
    return out;
  }

  private featuresOfWord(surface: string, acronym: boolean): readonly string[] {
    const key = acronym ? `^${surface}` : surface;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const features = acronym ? [WORD_PREFIX + surface] : this.computeWordFeatures(surface, this.options.glosses);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, features);
    return features;
  }

  private computeWordFeatures(surface: string, withGloss: boolean): string[] {
    const folded = foldDiacritics(surface);
    if (folded.length < 2 || isStopword(folded)) return [];
    const features = [WORD_PREFIX + (this.options.stemming ? stemSwedish(surface) : folded)];
    const ngrams = this.options.charNgrams;
    if (ngrams !== null && folded.length >= ngrams.min) {
      const padded = ` ${folded} `;
      for (let n = ngrams.min; n <= ngrams.max; n++) {
        for (let start = 0; start + n <= padded.length; start++) features.push(CHAR_PREFIX + padded.slice(start, start + n));
      }
    }
    if (withGloss) {
      const gloss = swedishGloss(surface);
      if (gloss !== undefined) {
        for (const word of gloss.split(/[\s-]+/)) {
          if (word !== surface) features.push(...this.computeWordFeatures(word, false));
        }
      }
    }
    return features;
  }
}
