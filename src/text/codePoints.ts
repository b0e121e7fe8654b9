// Code points, not UTF-16 units: Slack's length limits count "å" and an emoji as one character each.

/** The text's characters, one per code point. */
export function codePoints(text: string): string[] {
  return Array.from(text);
}

/** How many code points the text has. */
export function codePointLength(text: string): number {
  return codePoints(text).length;
}
