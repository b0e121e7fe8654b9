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

/** The words of a text as typed (emoji that name a domain replaced by their word). */
export function rawWords(text: string): string[] {
  const withEmojiWords = text.replace(EMOJI, (emoji) => {
    const word = EMOJI_WORDS.get(emoji);
    return word === undefined ? ' ' : ` ${word} `;
  });
  return withEmojiWords.match(WORD) ?? [];
}

/** A raw word as a token; undefined for bare numbers (years, km), which say nothing about the area. */
export function toToken(raw: string): Token | undefined {
  if (/^\p{N}+$/u.test(raw)) return undefined;
  const acronym = raw.length >= 2 && raw.length <= 4 && raw === raw.toUpperCase() && /\p{Lu}/u.test(raw);
  return { surface: raw.toLowerCase(), acronym };
}

export function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  for (const raw of rawWords(text)) {
    const token = toToken(raw);
    if (token !== undefined) tokens.push(token);
  }
  return tokens;
}
