// Splits a need into words, keeping what the reader typed (for explanations) next to the
// folded form used for matching. Emoji that clearly name a domain become words.

export interface Token {
  /** As typed, lower-cased: what an explanation shows. */
  surface: string;
  /** True for short all-caps words ("AR", "VR", "AI"), which must not be confused with "är"/"år". */
  acronym: boolean;
}

// A handful of emoji people use for these topics; the rest are dropped with other symbols.
const EMOJI_WORDS: ReadonlyMap<string, string> = new Map([
  ['🚚', 'transport'], ['🚛', 'lastbil'], ['📦', 'paket'], ['🚌', 'buss'], ['🚆', 'tåg'], ['🚢', 'hamn'],
  ['♻', 'återvinning'], ['🌱', 'hållbarhet'], ['🌍', 'klimat'], ['☀', 'solel'], ['🔋', 'batteri'],
  ['⚡', 'energi'], ['🗑', 'avfall'], ['📡', 'sensor'], ['🔒', 'säkerhet'], ['📶', 'uppkoppling'],
  ['🤖', 'ai'], ['🏗', 'bygg'], ['🗺', 'karta'], ['📊', 'dashboard'], ['🥽', 'vr'], ['🛰', 'satellitbilder'],
  ['🧪', 'material'], ['🔬', 'material'],
]);

// Letters and digits, allowing inner hyphens/dots/apostrophes to split later.
const WORD = /[\p{L}\p{N}]+/gu;
const EMOJI = /\p{Extended_Pictographic}/gu;

export function tokenise(text: string): Token[] {
  const withEmojiWords = text.replace(EMOJI, (emoji) => {
    const word = EMOJI_WORDS.get(emoji);
    return word === undefined ? ' ' : ` ${word} `;
  });
  const tokens: Token[] = [];
  for (const match of withEmojiWords.matchAll(WORD)) {
    const raw = match[0];
    if (/^\p{N}+$/u.test(raw)) continue; // bare numbers (years, km) say nothing about the area
    const acronym = raw.length >= 2 && raw.length <= 4 && raw === raw.toUpperCase() && /\p{Lu}/u.test(raw);
    tokens.push({ surface: raw.toLowerCase(), acronym });
  }
  return tokens;
}
