// What search matches on: a text's words through the matcher's own pipeline, so that search
// handles Swedish inflection, compounds and English domain words as the matcher does.
//   - each word's Swedish stem, folded ("läckor" → "lack", "VA-nätet" → "va", "nat"), and without
//     a final s, which the stemmer keeps in "skolskjutsar" but drops in "skolskjuts";
//   - for a long stem, its endings of 4–8 letters: Swedish compounds put the head last, so
//     "vattenläckorna" is found by "läcka" ("vattenlack" ends in "lack");
//   - the Swedish gloss of an English domain word ("leak" → "läcka").
// Pure: the same function turns a need into index terms and a query into query terms.
import { swedishGloss } from './lexicon.js';
import { foldDiacritics } from './normalise.js';
import { stemSwedish } from './stem.js';
import { isStopword } from './stopwords.js';
import { tokenise } from './tokenise.js';

const COMPOUND_MIN_STEM = 8;
const HEAD_MIN = 4;
const HEAD_MAX = 8;
/** The part left before a head must look like a word of its own. */
const MODIFIER_MIN = 3;

function stemsOf(surface: string): string[] {
  const folded = foldDiacritics(surface);
  if (folded.length < 2 || isStopword(folded)) return [];
  const stem = stemSwedish(surface);
  return stem.length >= 2 ? [stem] : [];
}

/** The search terms of one word, as the index stores them. */
export function indexTermsOfWord(surface: string): string[] {
  const out = stemsOf(surface);
  const stem = out[0];
  if (stem !== undefined && stem.length > 4 && stem.endsWith('s')) out.push(stem.slice(0, -1));
  if (stem !== undefined && stem.length >= COMPOUND_MIN_STEM) {
    for (let head = HEAD_MIN; head <= HEAD_MAX && stem.length - head >= MODIFIER_MIN; head++) out.push(stem.slice(-head));
  }
  const gloss = swedishGloss(surface);
  if (gloss !== undefined) for (const word of gloss.split(/[\s-]+/)) if (word !== surface) out.push(...stemsOf(word));
  return out;
}

/** A text as index terms, space-separated, each once. */
export function searchIndexText(text: string): string {
  const terms = new Set<string>();
  for (const token of tokenise(text)) for (const term of indexTermsOfWord(token.surface)) terms.add(term);
  return [...terms].join(' ');
}

/**
 * What a query asks for, word by word: each word's alternatives (its stem, and its gloss's stems
 * for an English word), any of which may match. Stopwords and repeated words drop out.
 */
export function searchQueryGroups(query: string): string[][] {
  const groups: string[][] = [];
  for (const token of tokenise(query)) {
    const gloss = swedishGloss(token.surface);
    const glossStems = gloss ? gloss.split(/[\s-]+/).flatMap(stemsOf) : [];
    const alternatives = [...new Set([...stemsOf(token.surface), ...glossStems])];
    if (alternatives.length === 0) continue;
    if (!groups.some((g) => g.length === alternatives.length && g.every((t, i) => t === alternatives[i]))) groups.push(alternatives);
  }
  return groups;
}

/** Every term a query can match on, each once (the alternatives of all its words, flattened). */
export function searchQueryTerms(query: string): string[] {
  return [...new Set(searchQueryGroups(query).flat())];
}
