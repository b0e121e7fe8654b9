// Building a frozen test set (test/fixtures/matching/reserved/README.md), from the command line. Prints ids, counts
// and verdicts only, so that the session that develops the matcher can run it without reading a text or a label.
//
//   npx tsx scripts/testSets/cli.ts domain URL… [--own F]                 is each URL's domain unused by other files?
//   npx tsx scripts/testSets/cli.ts check F PREFIX [--pack DIR]           a collector's file against the brief's rules
//   npx tsx scripts/testSets/cli.ts drop IN OUT                           a writer's needs, less those overlapping others
//   npx tsx scripts/testSets/cli.ts blind prepare OUT SEED FILE…          texts for a blind reader (OUT-texts.jsonl, OUT-map.json)
//   npx tsx scripts/testSets/cli.ts blind compare OUT LABELS FILE…        agreement; the disagreements for a third reader
//   npx tsx scripts/testSets/cli.ts blind settle OUT LABELS THIRD FILE…   the settled labels (OUT-final.json)
//
// "Other files" are every file git tracks, ../shared/data and the .jsonl files of every --scratch DIR (default: the
// exp/ folders a set is being collected in), less the file being checked. Registrable domains come from the public
// suffix list of Debian's publicsuffix package (/usr/share/publicsuffix), or --suffixes F.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { seededRandom, shuffled } from '../../src/matching/random.js';
import { loadRegionPack } from '../../src/region/regionPack.js';
import { normalised, shingles } from '../../test/support/textOverlap.js';
import {
  cohenKappa,
  collectorLine,
  collectorProblems,
  hostOf,
  pageOf,
  parsePublicSuffixList,
  primary,
  registrableDomain,
  settled,
  STRETCH,
  wordJaccard,
} from './checks.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SHARED_DATA = path.join(ROOT, '..', 'shared', 'data');
const URL_PATTERN = /https?:\/\/[^\s|)"'<>\]\\`]+/g;
/** A writer's need sharing this much of its words with another labelled text is dropped (writer-brief.md). */
const MAX_JACCARD = 0.4;

const { values: flags, positionals } = parseFlags();

/** The command line, or its problem in one line and exit code 2 (an unknown flag, a flag without its value). */
function parseFlags() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: { own: { type: 'string' }, pack: { type: 'string' }, scratch: { type: 'string', multiple: true }, suffixes: { type: 'string' } },
    });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)} (see the header of scripts/testSets/cli.ts)`);
    process.exit(2);
  }
}
const scratchDirs = flags.scratch ?? defaultScratchDirs();

function defaultScratchDirs(): string[] {
  const exp = path.join(ROOT, 'exp');
  return existsSync(exp)
    ? readdirSync(exp)
        .map((d) => path.join(exp, d))
        .filter((d) => statSync(d).isDirectory())
    : [];
}

function otherFiles(own?: string): string[] {
  const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((f) => f !== '' && !f.endsWith('package-lock.json'))
    .map((f) => path.join(ROOT, f));
  const walk = (dir: string): string[] =>
    existsSync(dir)
      ? readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]))
      : [];
  const scratch = scratchDirs.flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith('.jsonl'))
      .map((f) => path.join(d, f)),
  );
  const ownPath = own === undefined ? undefined : path.resolve(own);
  return [...new Set([...tracked, ...walk(SHARED_DATA), ...scratch])].filter((f) => path.resolve(f) !== ownPath && existsSync(f));
}

const read = (file: string): string => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
};

/** A .jsonl file's texts (every string value longer than a word or two), or any other text file whole. */
function textsOf(file: string): string[] {
  const content = read(file);
  if (!file.endsWith('.jsonl')) return /\.(md|ya?ml|csv|json|txt)$/.test(file) ? [content] : [];
  return content
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => {
      try {
        const parsed: unknown = JSON.parse(line);
        return parsed !== null && typeof parsed === 'object' ? Object.values(parsed).filter((v): v is string => typeof v === 'string' && v.length > 20) : [];
      } catch {
        return [line];
      }
    });
}

function domainOf(): (url: string) => string | undefined {
  const file = flags.suffixes ?? '/usr/share/publicsuffix/public_suffix_list.dat';
  if (!existsSync(file)) throw new Error(`no public suffix list at ${file}: install Debian's publicsuffix package, or give --suffixes F`);
  const list = parsePublicSuffixList(readFileSync(file, 'utf8'));
  return (url) => {
    const host = hostOf(url);
    return host === undefined ? undefined : registrableDomain(host, list);
  };
}

function readJsonl<T>(file: string, schema: z.ZodType<T>): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const parsed = schema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}: line ${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; ')}`);
      return parsed.data;
    });
}

const labelled = z.object({ id: z.string(), text: z.string(), areas: z.array(z.string()).max(2) }).loose();
const labelLine = z.object({ id: z.string(), areas: z.array(z.string()).max(2) }).strict();
const idMap = z.record(z.string(), z.string());
const usage = (line: string): never => {
  throw new Error(`usage: npx tsx scripts/testSets/cli.ts ${line}`);
};

function domain(urls: string[]): void {
  if (urls.length === 0) usage('domain URL… [--own F]');
  const of = domainOf();
  const used = new Set(otherFiles(flags.own).flatMap((f) => [...read(f).matchAll(URL_PATTERN)].map((m) => of(m[0]) ?? '')));
  for (const url of urls) {
    const d = of(url);
    console.log(d === undefined ? `${url}\tnot an http(s) URL` : `${d}\t${used.has(d) ? 'BANNED' : 'OK'}`);
  }
}

function check(file: string | undefined, prefix: string | undefined): void {
  if (file === undefined || prefix === undefined) return usage('check F PREFIX [--pack regions/ostergotland]');
  const of = domainOf();
  const others = otherFiles(file);
  const urls = others.flatMap((f) => [...read(f).matchAll(URL_PATTERN)].map((m) => m[0]));
  const pack = loadRegionPack(path.resolve(flags.pack ?? path.join(ROOT, 'regions/ostergotland')));
  const rows = readJsonl(file, collectorLine);
  const problems = collectorProblems(rows, prefix, {
    slugs: new Set(pack.areas.map((a) => a.slug)),
    domains: new Set(urls.map((u) => of(u) ?? '')),
    pages: new Set(urls.map(pageOf)),
    shingles: new Set(others.flatMap(textsOf).flatMap((t) => shingles(t, STRETCH))),
    domainOf: of,
  });
  for (const p of problems) console.log(p);
  const byPrimary = countBy(rows, (r) => primary(r.areas));
  const domains = new Set(rows.map((r) => of(r.source)));
  console.log(`${rows.length} passages, ${domains.size} domains, ${problems.length} problems; primary: ${byPrimary}`);
}

function drop(input: string | undefined, output: string | undefined): void {
  if (input === undefined || output === undefined) return usage('drop IN OUT');
  const others = otherFiles(input);
  const otherShingles = new Set(others.flatMap(textsOf).flatMap((t) => shingles(t, STRETCH)));
  const wordsOf = (t: string) => new Set(normalised(t).split(' ').filter(Boolean));
  const otherWords = others
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap(textsOf)
    .map(wordsOf);
  const kept: { row: z.infer<typeof labelled>; words: Set<string>; runs: Set<string> }[] = [];
  for (const row of readJsonl(input, labelled)) {
    const words = wordsOf(row.text);
    const runs = new Set(shingles(row.text, STRETCH));
    const earlier = kept.find((k) => [...runs].some((s) => k.runs.has(s)) || wordJaccard(words, k.words) >= MAX_JACCARD);
    const reason = [...runs].some((s) => otherShingles.has(s))
      ? `a ${STRETCH}-word stretch with another file`
      : otherWords.some((w) => wordJaccard(words, w) >= MAX_JACCARD)
        ? `word Jaccard >= ${MAX_JACCARD} with another file`
        : earlier && `overlaps ${earlier.row.id}`;
    if (reason) console.log(`drop ${row.id}: ${reason}`);
    else kept.push({ row, words, runs });
  }
  writeFileSync(output, kept.map(({ row }) => JSON.stringify(row)).join('\n') + '\n');
  console.log(`${kept.length} kept; primary: ${countBy(kept, ({ row }) => primary(row.areas))}`);
}

function blind(step: string | undefined, out: string | undefined, rest: string[]): void {
  if (out === undefined) return usage('blind prepare|compare|settle OUT …');
  const items = (files: string[]) => new Map(files.flatMap((f) => readJsonl(f, labelled)).map((r) => [r.id, r]));
  const labels = (file: string) => new Map(readJsonl(file, labelLine).map((l) => [l.id, l.areas]));
  /** Texts with new ids in a seeded order, for a reader who sees nothing else; the ids' map beside them. */
  const hand = (name: string, rows: { id: string; text: string }[], letter: string, seed: number) => {
    const order = shuffled(rows, seededRandom(seed));
    const map = Object.fromEntries(order.map((r, i) => [`${letter}${String(i + 1).padStart(3, '0')}`, r.id]));
    writeFileSync(
      `${out}-${name}texts.jsonl`,
      order.map((r, i) => JSON.stringify({ id: `${letter}${String(i + 1).padStart(3, '0')}`, text: r.text })).join('\n') + '\n',
    );
    writeFileSync(`${out}-${name}map.json`, JSON.stringify(map));
  };
  if (step === 'prepare') {
    const [seed, ...files] = rest;
    const rows = [...items(files).values()];
    hand('', rows, 'b', z.coerce.number().int().parse(seed));
    console.log(`${rows.length} texts to read`);
  } else if (step === 'compare') {
    const [labelFile, ...files] = rest;
    if (labelFile === undefined) return usage('blind compare OUT LABELS FILE…');
    const gold = items(files);
    const second = labels(labelFile);
    const map = Object.entries(idMap.parse(JSON.parse(readFileSync(`${out}-map.json`, 'utf8'))));
    const pairs = map.map(([blindId, id]) => [primary(gold.get(id)?.areas ?? []), primary(second.get(blindId) ?? [])] as const);
    const disagreements = map.filter((_, i) => pairs[i]?.[0] !== pairs[i]?.[1]).map(([, id]) => id);
    const unread = map.filter(([blindId]) => !second.has(blindId)).length;
    console.log(`${map.length - unread} read of ${map.length}; primary agreement ${map.length - disagreements.length}; kappa ${cohenKappa(pairs).toFixed(3)}`);
    console.log(`disagreements: ${disagreements.sort().join(' ')}`);
    hand(
      'disagree-',
      disagreements.map((id) => gold.get(id) ?? { id, text: '' }),
      'c',
      7,
    );
  } else if (step === 'settle') {
    const [secondFile, thirdFile, ...files] = rest;
    if (secondFile === undefined || thirdFile === undefined) return usage('blind settle OUT LABELS THIRD FILE…');
    const gold = items(files);
    const byId = new Map(Object.entries(idMap.parse(JSON.parse(readFileSync(`${out}-map.json`, 'utf8')))).map(([b, id]) => [id, b]));
    const [second, third] = [labels(secondFile), labels(thirdFile)];
    const final: Record<string, readonly string[]> = {};
    const changed: string[] = [];
    for (const [thirdId, id] of Object.entries(idMap.parse(JSON.parse(readFileSync(`${out}-disagree-map.json`, 'utf8'))))) {
      const s = settled(gold.get(id)?.areas ?? [], second.get(byId.get(id) ?? '') ?? [], third.get(thirdId) ?? []);
      final[id] = s.areas;
      if (s.changed) changed.push(id);
    }
    writeFileSync(`${out}-final.json`, JSON.stringify(final));
    console.log(`${Object.keys(final).length} settled; the second reader's labels taken on ${changed.length}: ${changed.sort().join(' ')}`);
  } else usage('blind prepare|compare|settle OUT …');
}

function countBy<T>(items: readonly T[], key: (item: T) => string): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
}

try {
  const [command, ...args] = positionals;
  if (command === 'domain') domain(args);
  else if (command === 'check') check(args[0], args[1]);
  else if (command === 'drop') drop(args[0], args[1]);
  else if (command === 'blind') blind(args[0], args[1], args.slice(2));
  else usage('domain|check|drop|blind … (see the header of scripts/testSets/cli.ts)');
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
