// Stemming with natural's Snowball-derived stemmers, then folding, so the stem of
// "hemtjänsten" and of "hemtjansten" is the same feature.
import swedishStemmer from 'natural/lib/natural/stemmers/porter_stemmer_sv.js';
import englishStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { foldDiacritics } from './normalise.js';

/** Swedish stem of a lower-cased word, folded: "trygghetslarmen" → "trygghetslarm". */
export function stemSwedish(word: string): string {
  return foldDiacritics(swedishStemmer.stem(word));
}

/** English stem of a lower-cased word: "deliveries" → "deliveri". */
export function stemEnglish(word: string): string {
  return englishStemmer.stem(word);
}
