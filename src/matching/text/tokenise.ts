// Splits a need into words, keeping what the reader typed (for explanations) next to the
// folded form used for matching. Needs come from Slack: mentions, channel links and URLs are
// dropped (a link's label is kept), and emoji, as Unicode or as :shortcodes:, that clearly
// name a domain become words.

export interface Token {
  /** As typed, lower-cased: what an explanation shows. */
  surface: string;
  /** True for short all-caps words ("AR", "VR", "AI"), which must not be confused with "är"/"år". */
  acronym: boolean;
}

// A handful of emoji people use for these topics; the rest are dropped with other symbols.
const EMOJI_WORDS: ReadonlyMap<string, string> = new Map([
  ['🚚', 'transport'],
  ['🚛', 'lastbil'],
  ['📦', 'paket'],
  ['🚌', 'buss'],
  ['🚆', 'tåg'],
  ['🚢', 'hamn'],
  ['♻', 'återvinning'],
  ['🌱', 'hållbarhet'],
  ['🌍', 'klimat'],
  ['☀', 'solel'],
  ['🔋', 'batteri'],
  ['⚡', 'energi'],
  ['🗑', 'avfall'],
  ['📡', 'sensor'],
  ['🔒', 'säkerhet'],
  ['📶', 'uppkoppling'],
  ['🤖', 'ai'],
  ['🏗', 'bygg'],
  ['🗺', 'karta'],
  ['📊', 'dashboard'],
  ['🥽', 'vr'],
  ['🛰', 'satellitbilder'],
  ['🧪', 'material'],
  ['🔬', 'material'],
]);

// The same emoji as Slack sends them in message text.
const SHORTCODE_WORDS: ReadonlyMap<string, string> = new Map([
  ['truck', 'transport'],
  ['articulated_lorry', 'lastbil'],
  ['package', 'paket'],
  ['bus', 'buss'],
  ['train', 'tåg'],
  ['ship', 'hamn'],
  ['recycle', 'återvinning'],
  ['seedling', 'hållbarhet'],
  ['earth_africa', 'klimat'],
  ['earth_americas', 'klimat'],
  ['earth_asia', 'klimat'],
  ['sunny', 'solel'],
  ['battery', 'batteri'],
  ['zap', 'energi'],
  ['wastebasket', 'avfall'],
  ['satellite_antenna', 'sensor'],
  ['lock', 'säkerhet'],
  ['signal_strength', 'uppkoppling'],
  ['robot_face', 'ai'],
  ['building_construction', 'bygg'],
  ['world_map', 'karta'],
  ['bar_chart', 'dashboard'],
  ['goggles', 'vr'],
  ['satellite', 'satellitbilder'],
  ['test_tube', 'material'],
  ['microscope', 'material'],
]);

// Letters and digits; hyphens, dots and apostrophes split words ("3d-modell" → "3d", "modell").
const WORD = /[\p{L}\p{N}]+/gu;
const EMOJI = /\p{Extended_Pictographic}/gu;
const SHORTCODE = /:([a-z0-9_+-]*[a-z][a-z0-9_+-]*):/g; // a letter inside, so "kl 10:30:" stays
/** <@U123>, <#C123|general>, <!here>; and <https://…|label> links, whose label is kept. */
const SLACK_LINK = /<([@#!][^>]*|[a-z]+:[^|>]*)(?:\|([^>]*))?>/g;
const BARE_URL = /\b(?:https?:\/\/|www\.)\S+/g;

// Most needs have no markup at all; one cheap test spares them four replacements.
const MAY_HAVE_MARKUP = /[<:]|https?:|www\.|\p{Extended_Pictographic}/u;

/** Plain text of a Slack message: markup and URLs out, domain emoji as words. */
export function plainText(text: string): string {
  if (!MAY_HAVE_MARKUP.test(text)) return text;
  return text
    .replace(SLACK_LINK, (_link, target: string, label: string | undefined) => (label !== undefined && !/^[@#!]/.test(target) ? ` ${label} ` : ' '))
    .replace(BARE_URL, ' ')
    .replace(SHORTCODE, (_code, name: string) => ` ${SHORTCODE_WORDS.get(name) ?? ''} `)
    .replace(EMOJI, (emoji) => ` ${EMOJI_WORDS.get(emoji) ?? ''} `);
}

// Bounds that keep a pasted log or hash from costing seconds: a need is read up to this many
// characters, and a "word" longer than the longest Swedish compounds is not a word.
const MAX_TEXT_CHARS = 10_000;
const MAX_WORD_CHARS = 45;

/** The words of a text as typed, after plainText. */
export function rawWords(text: string): string[] {
  const words = plainText(text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) : text).match(WORD) ?? [];
  return words.filter((word) => word.length <= MAX_WORD_CHARS);
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
