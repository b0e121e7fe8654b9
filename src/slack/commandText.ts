// What the text after `/need` asks for: the modal (prefilled with the text), or the usage help.
export type NeedCommand = { kind: 'record'; prefill: string } | { kind: 'help' };

const HELP_WORDS = new Set(['help', 'hjälp', 'hjalp', '?', '-h', '--help']);

export function parseNeedCommand(text: string): NeedCommand {
  const trimmed = text.trim();
  if (HELP_WORDS.has(trimmed.toLowerCase())) return { kind: 'help' };
  return { kind: 'record', prefill: trimmed };
}
