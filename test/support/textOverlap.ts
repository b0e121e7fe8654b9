// How the held-out tests tell whether a passage reached training: texts compared lower-cased,
// without diacritics and punctuation, whole and in runs of n consecutive words.
import { foldDiacritics } from '../../src/matching/text/normalise.js';

/** Lower case, no diacritics, words separated by single spaces. */
export const normalised = (text: string): string =>
  foldDiacritics(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Every run of `n` consecutive words, joined by spaces. */
export function shingles(text: string, n: number): string[] {
  const w = normalised(text).split(' ').filter(Boolean);
  return Array.from({ length: Math.max(0, w.length - n + 1) }, (_, i) => w.slice(i, i + n).join(' '));
}

/** A source URL as the sets' isolation compares pages: no scheme, "www.", query, fragment or trailing slash. */
export const sourcePage = (url: string): string =>
  url
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\/(www\.)?/, '')
    .replace(/[?#].*$/, '')
    .replace(/\/$/, '');
