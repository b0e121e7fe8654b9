// Turns a need into feature strings, token by token, so every feature can be traced back
// to the word the reader typed (explanations). Per word: its Swedish stem ("w:"), the
// character n-grams of its folded form ("c:"), which let compounds meet their parts
// ("trygghetslarmen" shares "larm" with "larm") and survive typos and missing å/ä/ö, and
// the same for its Swedish gloss when it is an English domain word.
// Measured (macro-F1, 5 × 5-fold CV on the shipped needs / 87 short styled needs): all on
// 0.903 / 0.894; without n-grams 0.844 / 0.814; without stemming 0.897 / 0.876; without
// glosses 0.902 / 0.836; n-grams 3–5 instead of 3–4 0.901 / 0.903 (slower); word bigrams
// 0.903 / 0.903 (off here: no gain on the shipped needs; on in the shipped character view since
// tfidf-lr-15, matcher.ts CHARACTER_VIEW); English stems as well, for every word
// 0.888 / 0.91 or only in needs that look English 0.895 / 0.88 (off). Splitting compounds with the
// dictionary-sv word list cost 0.009 on top of n-grams, so it is not used (tfidf-lr-6, with the
// real passages: public-needs −0.029, slack-dev −0.009, styled +0.024, CV real +0.008; still off). Ignoring the words of
// general prose (genericWords.ts), tfidf-lr-3: 5 × 5-fold CV 0.901 → 0.900, the 150 out-of-style
// public passages 0.773 → 0.788 ("none" recall 0.767 → 0.833, precision 0.742 → 0.735).
import { foldDiacritics } from './normalise.js';
import { isStopword } from './stopwords.js';
import { isGenericWord } from './genericWords.js';
import { stemEnglish, stemSwedish } from './stem.js';
import { rawWords, toToken } from './tokenise.js';
import { swedishGloss } from './lexicon.js';

export interface PipelineOptions {
  /** The region's language: Swedish stems and English glosses (sv, the default), or English stems (en). */
  language?: 'sv' | 'en';
  /** Character n-gram lengths within words; null turns them off. */
  charNgrams: { min: number; max: number } | null;
  /** Word features are stems (true) or folded surface forms (false). */
  stemming: boolean;
  /** English domain words also yield their Swedish gloss's features. */
  glosses: boolean;
  /** Adjacent content words also yield a stem-pair feature ("digital tvilling"). */
  wordBigrams: boolean;
  /** Words of general prose (genericWords.ts) carry no features. */
  genericWords?: boolean;
  /**
   * Stopwords carry features too, as in the scikit-learn anchor's reading. On in the anchor-shaped second view
   * (matcher.ts ANCHOR_VIEW) only: in the first view they cost 0.017 on real passages from unseen families (tfidf-lr-15).
   */
  keepStopwords?: boolean;
  /**
   * Character n-grams of every word however short ("ai", "vr": the word padded with a space either side, as
   * scikit-learn's char_wb reads it) and of acronyms ("BIM", "GIS"), which otherwise carry a word feature only.
   */
  shortWordNgrams?: boolean;
  /** Bare numbers ("2030", "5g" is a word already) carry their character n-grams too, as the anchor reads them. */
  numberNgrams?: boolean;
  /**
   * A compound's parts (of its folded form), each adding its stem as a word feature. Off: measured
   * with a Hunspell word list (test/bench/matcherExperiments.bench.ts, compounds), no gain over the
   * character n-grams on real text.
   */
  compoundParts?: ((folded: string) => readonly string[] | undefined) | undefined;
}

export const DEFAULT_PIPELINE: PipelineOptions = {
  charNgrams: { min: 3, max: 4 },
  stemming: true,
  glosses: true,
  wordBigrams: false,
  genericWords: true,
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
  /** Raw word → its analysis (null: nothing to match on). */
  private readonly cache = new Map<string, AnalysedToken | null>();

  constructor(readonly options: PipelineOptions = DEFAULT_PIPELINE) {}

  analyse(text: string): AnalysedToken[] {
    return this.analyseWords(rawWords(text));
  }

  /** The same for a text's raw words (tokenise.ts rawWords), when several analysers read one text. */
  analyseWords(words: readonly string[]): AnalysedToken[] {
    const out: AnalysedToken[] = [];
    let previousWord: string | undefined;
    for (const raw of words) {
      const analysed = this.analyseWord(raw);
      if (analysed === undefined) continue; // stopwords do not break a pair: "byggtrafik i centrum" → byggtrafik_centrum
      const word = analysed.features[0];
      out.push(analysed);
      if (!word?.startsWith(WORD_PREFIX)) continue; // a number's n-grams (numberNgrams): nothing to pair
      if (this.options.wordBigrams && previousWord !== undefined) {
        // The pair as a token of its own, under the second word's surface: the word keeps its shared, memoised
        // features (a copy per pair cost about 5 MiB after 1,000 needs in production, and 0.2 s of training),
        // and an explanation still counts the pair towards the word (explain.ts sums per surface).
        out.push({ surface: analysed.surface, features: [`${BIGRAM_PREFIX}${previousWord.slice(2)}_${word.slice(2)}`] });
      }
      previousWord = word;
    }
    return out;
  }

  /** One word as typed → its token (shared per distinct word), or undefined when it carries nothing. */
  private analyseWord(raw: string): AnalysedToken | undefined {
    const cached = this.cache.get(raw);
    if (cached !== undefined) return cached ?? undefined;
    const token = toToken(raw); // undefined: a bare number
    const features =
      token === undefined
        ? this.numberFeatures(raw)
        : token.acronym
          ? this.acronymFeatures(token.surface)
          : this.computeWordFeatures(token.surface, this.options.glosses);
    const analysed = features.length > 0 ? { surface: token?.surface ?? raw, features } : null;
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(raw, analysed);
    return analysed ?? undefined;
  }

  private computeWordFeatures(surface: string, withGloss: boolean): string[] {
    const folded = foldDiacritics(surface);
    if (folded.length < 2 || (!this.options.keepStopwords && isStopword(folded)) || (this.options.genericWords && isGenericWord(folded))) return [];
    const stem = this.options.language === 'en' ? (word: string) => stemEnglish(foldDiacritics(word)) : stemSwedish;
    const features = [WORD_PREFIX + (this.options.stemming ? stem(surface) : folded)];
    for (const part of this.options.compoundParts?.(folded) ?? []) features.push(WORD_PREFIX + stem(part));
    features.push(...this.charNgramsOf(folded));
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

  /** An acronym is a word feature as typed ("AR" is not "är"), with its n-grams where shortWordNgrams asks for them. */
  private acronymFeatures(surface: string): string[] {
    return [WORD_PREFIX + surface, ...(this.options.shortWordNgrams ? this.charNgramsOf(foldDiacritics(surface)) : [])];
  }

  /** A bare number says little about the area: nothing, or its n-grams where numberNgrams asks for them. */
  private numberFeatures(digits: string): string[] {
    return this.options.numberNgrams ? this.charNgramsOf(digits) : [];
  }

  /** The n-grams of a folded word padded with a space either side; none for words shorter than the shortest n-gram, unless shortWordNgrams. */
  private charNgramsOf(folded: string): string[] {
    const ngrams = this.options.charNgrams;
    if (ngrams === null || folded.length < (this.options.shortWordNgrams ? 2 : ngrams.min)) return [];
    const padded = ` ${folded} `;
    const features: string[] = [];
    for (let n = ngrams.min; n <= ngrams.max; n++) {
      for (let start = 0; start + n <= padded.length; start++) features.push(CHAR_PREFIX + padded.slice(start, start + n));
    }
    return features;
  }
}
