// Municipality names as people type them: without case or diacritics, with or without the
// genitive s and "kommun" ("storby", "Storby", "Storbys kommun", "Kommun: Storby").
// Shared by `/need list` (one word at a time) and the import (a whole cell). Pure.
import { foldDiacritics } from '../matching/text/normalise.js';

/** Lower case, no diacritics, letters and digits only. */
export const foldWord = (word: string): string => foldDiacritics(word.toLowerCase()).replace(/[^a-z0-9]/g, '');

/** Words that only say "municipality": "Storbys kommun". */
export const MUNICIPALITY_FILLER = new Set(['kommun', 'kommuns', 'kommunen', 'municipality', 'i', 'in', 'och', 'and']);

/** The municipality one word names ("Storbys", "storby"), if any. */
export function municipalityOfWord(word: string, municipalities: readonly { id: number; name: string }[]): number | undefined {
  const folded = foldWord(word);
  if (folded === '') return undefined;
  for (const m of municipalities) {
    const name = foldWord(m.name);
    if (folded === name || folded === `${name}s`) return m.id;
  }
  return undefined;
}

/** The municipality a whole cell names ("Storbys kommun", "Kommun: storby"), if any. */
export function municipalityOfName(text: string, municipalities: readonly { id: number; name: string }[]): number | undefined {
  const words = text.split(/[\s,:;/()-]+/).filter((w) => w !== '' && !MUNICIPALITY_FILLER.has(foldWord(w)));
  if (words.length === 0) return undefined;
  return municipalityOfWord(words.join(''), municipalities);
}
