// Case and diacritics folding. Matching is diacritics-insensitive so that "hemtjansten"
// (typed on an English keyboard) meets "hemtjänsten".

const COMBINING_MARKS = /\p{M}+/gu;

/** Lower-cases and strips diacritics: "Hemtjänsten" → "hemtjansten", "Åby" → "aby". */
export function foldDiacritics(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(COMBINING_MARKS, '');
}
