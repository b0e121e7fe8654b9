// The rules a new frozen test set is built by (test/fixtures/matching/reserved/README.md), as pure functions: a
// source's registrable domain, a collector's line, overlap with other files, and agreement between two readers.
// The command line around them is cli.ts; nothing here reads a file.
import { z } from 'zod';
import { shingles, sourcePage } from '../../test/support/textOverlap.js';

/** The public suffix list's rules (publicsuffix.org): plain, wildcard (`*.ck`) and exception (`!www.ck`). */
export interface PublicSuffixList {
  rules: ReadonlySet<string>;
  wildcards: ReadonlySet<string>;
  exceptions: ReadonlySet<string>;
}

export function parsePublicSuffixList(text: string): PublicSuffixList {
  const rules = new Set<string>();
  const wildcards = new Set<string>();
  const exceptions = new Set<string>();
  for (const raw of text.split('\n')) {
    const rule = raw.trim().split(/\s/)[0]?.toLowerCase() ?? '';
    if (rule === '' || rule.startsWith('//')) continue;
    if (rule.startsWith('!')) exceptions.add(rule.slice(1));
    else if (rule.startsWith('*.')) wildcards.add(rule.slice(2));
    else rules.add(rule);
  }
  return { rules, wildcards, exceptions };
}

/** The host of an http(s) URL, lower case; undefined for anything else. */
export function hostOf(url: string): string | undefined {
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.hostname.toLowerCase().replace(/\.$/, '') : undefined;
  } catch {
    return undefined;
  }
}

/** The registrable domain of a host ("www.bbc.co.uk" → "bbc.co.uk"): its public suffix and one label more. */
export function registrableDomain(host: string, list: PublicSuffixList): string {
  const labels = host.replace(/^www\./, '').split('.');
  let suffixLength = 1; // an unknown top-level domain is a suffix of one label
  for (let i = 0; i < labels.length; i++) {
    const candidate = labels.slice(i).join('.');
    if (list.exceptions.has(candidate)) {
      suffixLength = labels.length - i - 1;
      break;
    }
    if (list.rules.has(candidate) || (i + 1 < labels.length && list.wildcards.has(labels.slice(i + 1).join('.')))) {
      suffixLength = labels.length - i;
      break;
    }
  }
  return labels.slice(-Math.min(labels.length, suffixLength + 1)).join('.');
}

/** A page, as the sets' isolation compares pages (test/support/textOverlap.ts). */
export const pageOf = sourcePage;

/** One line of a collector's file (collector-brief.md, "Output"). */
export const collectorLine = z
  .object({
    id: z.string().min(1),
    text: z.string(),
    areas: z.array(z.string()).max(2),
    lang: z.enum(['sv', 'en']),
    source: z.string(),
    publisher: z.string().trim().min(1),
    note: z.string(),
  })
  .strict();
export type CollectorLine = z.infer<typeof collectorLine>;

/** What a collector's passages are checked against: what every other file already uses. */
export interface OtherFiles {
  slugs: ReadonlySet<string>;
  domains: ReadonlySet<string>;
  pages: ReadonlySet<string>;
  /** Every 6-word run of their texts (test/support/textOverlap.ts's shingles). */
  shingles: ReadonlySet<string>;
  domainOf: (url: string) => string | undefined;
}

export const STRETCH = 6;
const MAX_PER_PAGE = 4;
const MAX_PER_DOMAIN = 4;

/** Every problem of a collector's passages (ids `${prefix}001`, … in order), by id; empty when the file is clean. */
export function collectorProblems(rows: readonly CollectorLine[], prefix: string, others: OtherFiles): string[] {
  const problems: string[] = [];
  const perPage = new Map<string, number>();
  const perDomain = new Map<string, number>();
  const seen = new Map<string, Set<string>>();
  rows.forEach((row, i) => {
    const { id, text, areas, source } = row;
    const say = (problem: string) => problems.push(`${id}: ${problem}`);
    if (id !== `${prefix}${String(i + 1).padStart(3, '0')}`) say(`id should be ${prefix}${String(i + 1).padStart(3, '0')}`);
    if (text.length < 60 || text.length > 600) say('text must be 60-600 characters');
    if (/\s{2,}|^\s|\s$/.test(text) || /(…|\.\.\.)$/.test(text)) say('whitespace not joined, or a truncated end');
    if (new Set(areas).size !== areas.length || areas.some((a) => !others.slugs.has(a)))
      say(`areas must be [] or 1-2 distinct of ${[...others.slugs].join(', ')}`);
    const domain = others.domainOf(source);
    if (domain === undefined) return say('source must be an http(s) URL');
    if (others.domains.has(domain)) say(`domain ${domain} is used by another file`);
    const page = pageOf(source);
    if (others.pages.has(page)) say('page used by another file');
    perPage.set(page, (perPage.get(page) ?? 0) + 1);
    perDomain.set(domain, (perDomain.get(domain) ?? 0) + 1);
    if ((perPage.get(page) ?? 0) > MAX_PER_PAGE) say(`more than ${MAX_PER_PAGE} passages from one page`);
    if ((perDomain.get(domain) ?? 0) > MAX_PER_DOMAIN) say(`more than ${MAX_PER_DOMAIN} passages from ${domain}`);
    const own = new Set(shingles(text, STRETCH));
    if ([...own].some((s) => others.shingles.has(s))) say(`shares a ${STRETCH}-word stretch with another file`);
    for (const [otherId, theirs] of seen) if ([...own].some((s) => theirs.has(s))) say(`shares a ${STRETCH}-word stretch with ${otherId}`);
    seen.set(id, own);
  });
  return problems;
}

/** Jaccard similarity of two texts' word sets. */
export function wordJaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

/** A label set's primary class: its first area, or "none". */
export const primary = (areas: readonly string[]): string => areas[0] ?? 'none';

/** Cohen's kappa of two readers' classes for the same items. */
export function cohenKappa(pairs: readonly (readonly [string, string])[]): number {
  const n = pairs.length;
  if (n === 0) return Number.NaN;
  const observed = pairs.filter(([a, b]) => a === b).length / n;
  const count = (side: 0 | 1) => {
    const counts = new Map<string, number>();
    for (const pair of pairs) counts.set(pair[side], (counts.get(pair[side]) ?? 0) + 1);
    return counts;
  };
  const [first, second] = [count(0), count(1)];
  let expected = 0;
  for (const [label, c] of first) expected += (c / n) * ((second.get(label) ?? 0) / n);
  return expected === 1 ? 1 : (observed - expected) / (1 - expected);
}

/**
 * The final label set where two readers disagreed on the primary class and a third read it: the class two of the
 * three share (the second reader's labels when the third sides with them), else the first reader's.
 */
export function settled(first: readonly string[], second: readonly string[], third: readonly string[]): { areas: readonly string[]; changed: boolean } {
  if (primary(third) === primary(second) && primary(third) !== primary(first)) return { areas: second, changed: true };
  return { areas: first, changed: false };
}
