import { describe, expect, it } from 'vitest';
import {
  cohenKappa,
  collectorLine,
  collectorProblems,
  hostOf,
  pageOf,
  parsePublicSuffixList,
  registrableDomain,
  settled,
  wordJaccard,
  type CollectorLine,
  type OtherFiles,
} from '../../../../scripts/testSets/checks.js';

// A few rules of the public suffix list, in its own format.
const LIST = parsePublicSuffixList(['// comment', 'se', 'uk', 'co.uk', 'gov.uk', '*.ck', 'jp', '*.kawasaki.jp', '!city.kawasaki.jp', 'fi', ''].join('\n'));

describe('registrableDomain', () => {
  it('is the public suffix and one label more', () => {
    expect(registrableDomain('www.bbc.co.uk', LIST)).toBe('bbc.co.uk');
    expect(registrableDomain('news.bbc.co.uk', LIST)).toBe('bbc.co.uk');
    expect(registrableDomain('moten.lg.se', LIST)).toBe('lg.se');
    expect(registrableDomain('www.vasa.fi', LIST)).toBe('vasa.fi');
  });

  it('follows wildcard and exception rules, and takes an unknown top-level domain as a suffix', () => {
    expect(registrableDomain('a.b.example.ck', LIST)).toBe('b.example.ck');
    expect(registrableDomain('city.kawasaki.jp', LIST)).toBe('city.kawasaki.jp');
    expect(registrableDomain('x.y.kawasaki.jp', LIST)).toBe('x.y.kawasaki.jp');
    expect(registrableDomain('city.example', LIST)).toBe('city.example');
  });

  it('reads hosts and pages from http(s) URLs only', () => {
    expect(hostOf('https://WWW.Example.se/a?b#c')).toBe('www.example.se');
    expect(hostOf('ftp://example.se/')).toBeUndefined();
    expect(hostOf('not a url')).toBeUndefined();
    expect(pageOf('https://www.example.se/a/#top')).toBe('example.se/a');
    expect(pageOf('HTTP://Example.se/a?utm=1')).toBe('example.se/a');
  });
});

describe('collectorProblems', () => {
  // Every passage's words its own, so that only the overlaps a test makes are found.
  const text = (n: number, words = '') => `${words} ${Array.from({ length: 14 }, (_, i) => `ord${n}x${i}`).join(' ')}.`.trim();
  const line = (n: number, over: Partial<CollectorLine> = {}): CollectorLine => ({
    id: `rtX-${String(n).padStart(3, '0')}`,
    text: text(n),
    areas: ['logistik'],
    lang: 'sv',
    source: `https://kommun${n}.se/sida`,
    publisher: 'Kommunen',
    note: '',
    ...over,
  });
  const others = (over: Partial<OtherFiles> = {}): OtherFiles => ({
    slugs: new Set(['logistik', 'material']),
    domains: new Set(['used.se']),
    pages: new Set(['elsewhere.se/used-page']),
    shingles: new Set(['en mening som redan finns i']),
    domainOf: (url) => {
      const host = hostOf(url);
      return host === undefined ? undefined : registrableDomain(host, LIST);
    },
    ...over,
  });

  it('passes a clean file', () => {
    expect(collectorProblems([line(1), line(2)], 'rtX-', others())).toEqual([]);
  });

  it('names each problem by id', () => {
    const rows = [
      line(1),
      line(2, { text: 'för kort' }),
      line(3, { areas: ['okänt'] }),
      line(4, { source: 'https://www.used.se/x' }),
      line(5, { source: 'https://elsewhere.se/used-page/' }),
      line(6, { text: text(6, 'Här står en mening som redan finns i en annan fil') }),
      line(7, { text: line(1).text }),
      line(8, { source: 'mailto:someone@example.se' }),
      line(9, { id: 'rtX-099' }),
    ];
    expect(collectorProblems(rows, 'rtX-', others())).toEqual([
      'rtX-002: text must be 60-600 characters',
      'rtX-003: areas must be [] or 1-2 distinct of logistik, material',
      'rtX-004: domain used.se is used by another file',
      'rtX-005: page used by another file',
      'rtX-006: shares a 6-word stretch with another file',
      'rtX-007: shares a 6-word stretch with rtX-001',
      'rtX-008: source must be an http(s) URL',
      'rtX-099: id should be rtX-009',
    ]);
  });

  it('allows four passages from one page and one domain, not five', () => {
    const rows = [1, 2, 3, 4, 5].map((n) => line(n, { source: 'https://same.se/page' }));
    expect(collectorProblems(rows, 'rtX-', others())).toEqual(['rtX-005: more than 4 passages from one page', 'rtX-005: more than 4 passages from same.se']);
  });

  it('reads a line only with exactly the brief’s keys', () => {
    expect(collectorLine.safeParse(line(1)).success).toBe(true);
    expect(collectorLine.safeParse({ ...line(1), extra: 1 }).success).toBe(false);
    expect(collectorLine.safeParse({ ...line(1), lang: 'no' }).success).toBe(false);
  });
});

describe('agreement', () => {
  it("Cohen's kappa: 1 when the readers agree, 0 at chance, below when they disagree more", () => {
    expect(
      cohenKappa([
        ['a', 'a'],
        ['b', 'b'],
      ]),
    ).toBe(1);
    expect(
      cohenKappa([
        ['a', 'a'],
        ['a', 'b'],
        ['b', 'a'],
        ['b', 'b'],
      ]),
    ).toBe(0);
    expect(
      cohenKappa([
        ['a', 'b'],
        ['b', 'a'],
      ]),
    ).toBe(-1);
  });

  it('a third reader settles a disagreement by siding with one of the two', () => {
    expect(settled(['logistik'], [], [])).toEqual({ areas: [], changed: true });
    expect(settled(['logistik'], [], ['logistik', 'material'])).toEqual({ areas: ['logistik'], changed: false });
    expect(settled(['logistik'], [], ['material'])).toEqual({ areas: ['logistik'], changed: false });
  });

  it('word Jaccard', () => {
    expect(wordJaccard(new Set(['a', 'b']), new Set(['b', 'c']))).toBeCloseTo(1 / 3);
    expect(wordJaccard(new Set(), new Set(['a']))).toBe(0);
  });
});
