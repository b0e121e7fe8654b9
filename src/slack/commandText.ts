// What the text after `/need` asks for: the modal (prefilled with the text), the usage help, or
// finding needs (`mine`, `list …`, `search …`, in English or Swedish).
import type { FindRequest } from '../needs/findNeeds.js';

export type NeedCommand = { kind: 'record'; prefill: string } | { kind: 'help' } | { kind: 'find'; request: FindRequest };

const HELP_WORDS = new Set(['help', 'hjälp', 'hjalp', '?', '-h', '--help']);
const MINE_WORDS = new Set(['mine', 'mina', 'my']);
const LIST_WORDS = new Set(['list', 'lista']);
const SEARCH_WORDS = new Set(['search', 'sök', 'sok', 'find', 'hitta']);

export function parseNeedCommand(text: string): NeedCommand {
  const trimmed = text.trim();
  if (HELP_WORDS.has(trimmed.toLowerCase())) return { kind: 'help' };
  const [first = '', ...rest] = trimmed.split(/\s+/);
  const word = first.toLowerCase();
  const args = rest.join(' ');
  // "mina" alone is a subcommand; "mina kollegor vill …" is the start of a need.
  if (MINE_WORDS.has(word) && rest.length === 0) return { kind: 'find', request: { kind: 'mine' } };
  if (LIST_WORDS.has(word)) return { kind: 'find', request: { kind: 'list', text: args } };
  if (SEARCH_WORDS.has(word)) return { kind: 'find', request: { kind: 'search', text: args } };
  return { kind: 'record', prefill: trimmed };
}
