import { describe, expect, it } from 'vitest';
import { parseNeedCommand } from '../../../../src/record-need/listeners.js';

describe('parseNeedCommand', () => {
  it.each([
    ['', { kind: 'record', prefill: '' }],
    ['hjälp', { kind: 'help' }],
    ['mine', { kind: 'find', request: { kind: 'mine' } }],
    ['Mina', { kind: 'find', request: { kind: 'mine' } }],
    ['list motala logistik öppna', { kind: 'find', request: { kind: 'list', text: 'motala logistik öppna' } }],
    ['lista', { kind: 'find', request: { kind: 'list', text: '' } }],
    ['search läckor i VA-nätet', { kind: 'find', request: { kind: 'search', text: 'läckor i VA-nätet' } }],
    ['sök  läcka', { kind: 'find', request: { kind: 'search', text: 'läcka' } }],
    ['sok läcka', { kind: 'find', request: { kind: 'search', text: 'läcka' } }],
    // A need that happens to start with such a word is still a need.
    ['mina kollegor i hemtjänsten vill ha digitala lås', { kind: 'record', prefill: 'mina kollegor i hemtjänsten vill ha digitala lås' }],
    ['Listor över väntande brukare behöver digitaliseras', { kind: 'record', prefill: 'Listor över väntande brukare behöver digitaliseras' }],
  ])('%j', (text, expected) => expect(parseNeedCommand(text)).toEqual(expected));
});
