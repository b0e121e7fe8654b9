// A region pack: the folder that makes Behovsbryggan one region's tool. It holds the region
// (region.yml), its strength areas, innovation environments and municipalities, optionally its
// labelled needs (needs-train.jsonl), a corpus of real public passages labelled against its areas
// (corpus/*.jsonl), the matcher's phrases (matcher.yml) and, optionally, its own background text
// (background-text.jsonl; otherwise the shared regions/background-text.jsonl). Nothing about a
// region is in the code; everything here is read from the pack and validated with zod. Every
// problem is reported on one line naming the file, the entry and what is wrong, all of them at
// once, so a pack author fixes a pack in one round. Format: docs/region-packs.md.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { AreaSlug } from '../matching/types.js';

/** The pack this build ships and uses when REGION_PACK is not set. */
export const DEFAULT_REGION_PACK = fileURLToPath(new URL('../../regions/ostergotland', import.meta.url));

/**
 * Unlabelled ordinary public-sector business in Swedish and English (208 passages), read by every pack that brings
 * none of its own: a new region's model learns from it which of its few texts' words are everyday prose
 * (TrainingData.background; docs/matcher.md, "Background text for a new region").
 */
export const SHARED_BACKGROUND_TEXT = fileURLToPath(new URL('../../regions/background-text.jsonl', import.meta.url));
/** A pack's own background text, in its folder, read instead of the shared one. */
export const BACKGROUND_TEXT_FILE = 'background-text.jsonl';

export const MIN_AREAS = 2;
export const MAX_AREAS = 15;

const slugSchema = z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'a slug is lowercase ASCII letters and digits joined by "-"');
const text = z.string().trim().min(1);

const regionSchema = z.strictObject({
  slug: slugSchema,
  name: text,
  name_en: text.optional(),
  /** The stemmer and stopwords the matcher uses, and the default language people see. */
  language: z.enum(['sv', 'en']),
  timezone: text.refine(isTimeZone, 'not a time zone known to this Node (e.g. Europe/Stockholm)'),
});

const areaSchema = z.object({
  slug: slugSchema,
  name: text,
  name_en: text,
  /** A short label for the weekly chart's legend; the name when absent. */
  short_name: text.optional(),
  short_name_en: text.optional(),
  coordinator: z.string().nullable().optional(),
  description: text,
  keywords: z.array(z.coerce.string()).default([]),
  sources: z.array(z.url()).default([]),
});

const environmentSchema = z.object({
  name: text,
  town: text,
  /** Empty: it serves every area. */
  areas: z.array(slugSchema),
  cross_cutting: z.boolean().default(false),
  role: z.string().optional(),
  /** The areas it is the region's coordinator of (the ranking and the reasons use this, not `role`). */
  coordinates: z.array(slugSchema).default([]),
  offer: text,
  /** What the organisation is actually good for, in a need's words; matched against needs. */
  focus: z.array(z.coerce.string().trim().min(1)).default([]),
  source: z.url(),
  /** A time-limited programme or project: the day it ends (informational; `region check` warns after it). */
  ends: z.iso.date().optional(),
});

const municipalitySchema = z.object({ name: text, formal: text, population: z.number().int().positive() });

const matcherSchema = z.strictObject({
  /** Phrases people use for each area's problems, trained on beside the area's description. */
  phrases: z.record(slugSchema, z.array(text)).default({}),
  /** Phrases for municipal work no area covers (the "none" answer). */
  none: z.array(text).default([]),
});

const labelledNeedSchema = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  municipality: z.string().optional(),
  title: z.string().optional(),
  text: text,
  // ["none"] and [] both mean that no strength area fits.
  areas: z.array(z.string()),
  sector: z.string().optional(),
  lang: z.enum(['sv', 'en']).optional(),
  source: z.url().optional(),
});

export interface Region {
  slug: string;
  name: string;
  nameEn?: string | undefined;
  language: 'sv' | 'en';
  timezone: string;
}

export type StrengthAreaSeed = z.infer<typeof areaSchema>;
export type EnvironmentSeed = z.infer<typeof environmentSchema>;
export type MunicipalitySeed = z.infer<typeof municipalitySchema>;
export interface LabelledNeedSeed {
  id: string;
  municipality?: string | undefined;
  title?: string | undefined;
  text: string;
  /** Empty means the gold label is "none". */
  areas: AreaSlug[];
  sector?: string | undefined;
  /** Where a corpus passage was published (corpus files only). */
  source?: string | undefined;
}

export interface MatcherPhrases {
  phrases: Record<AreaSlug, string[]>;
  none: string[];
}

/** Everything a pack holds, validated. (Named SeedData where it fills the database.) */
export interface SeedData {
  /** The pack's folder. */
  dir: string;
  region: Region;
  areas: StrengthAreaSeed[];
  environments: EnvironmentSeed[];
  municipalities: MunicipalitySeed[];
  /** The pack's labelled needs; empty when it has none (a new region starts cold). */
  labelledNeeds: LabelledNeedSeed[];
  /** Real public passages labelled against the areas (corpus/*.jsonl), each with its source; empty when none. */
  corpus: LabelledNeedSeed[];
  phrases: MatcherPhrases;
  /** Unlabelled background text (the pack's background-text.jsonl, or the shared one): words' everyday rarity. */
  background: string[];
}
export type RegionPack = SeedData;

/** A pack that cannot be used: `problems` has one line per problem ("file: entry: what"). */
export class RegionPackError extends Error {
  constructor(
    readonly dir: string,
    readonly problems: string[],
  ) {
    super(`region pack ${dir}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** "areas[2].slug" → "area 3 (transporter): slug", readable for a pack author. */
function issueLines(file: string, error: z.ZodError, entryName: (path: PropertyKey[]) => string | null): string[] {
  return error.issues.map((issue) => {
    const entry = entryName(issue.path);
    const field = issue.path.filter((p) => typeof p === 'string').at(-1);
    const where = entry === null ? (field ?? 'the file') : `${entry}${field !== undefined ? `, ${field}` : ''}`;
    return `${file}: ${where}: ${issue.message}`;
  });
}

function readYaml(dir: string, file: string, problems: string[], optional = false): unknown {
  const full = path.join(dir, file);
  if (!existsSync(full)) {
    if (!optional) problems.push(`${file}: missing`);
    return undefined;
  }
  try {
    return parseYaml(readFileSync(full, 'utf8')) as unknown;
  } catch (error) {
    problems.push(`${file}: not valid YAML (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
    return undefined;
  }
}

/** Names an entry of a list ("area 2 (transporter)") from the raw file, for messages. */
function entryNamer(raw: unknown, listKey: string, noun: string, nameKey: string): (path: PropertyKey[]) => string | null {
  return (issuePath) => {
    if (issuePath[0] !== listKey || typeof issuePath[1] !== 'number') return null;
    const index = issuePath[1];
    const list = (raw as Record<string, unknown> | undefined)?.[listKey];
    const item = Array.isArray(list) ? (list[index] as Record<string, unknown> | undefined) : undefined;
    const name = item?.[nameKey];
    return `${noun} ${index + 1}${typeof name === 'string' ? ` (${name})` : ''}`;
  };
}

function parseList<T>(dir: string, file: string, listKey: string, noun: string, nameKey: string, item: z.ZodType<T>, problems: string[]): T[] {
  const raw = readYaml(dir, file, problems);
  if (raw === undefined) return [];
  const parsed = z.object({ [listKey]: z.array(item) }).safeParse(raw);
  if (!parsed.success) {
    problems.push(...issueLines(file, parsed.error, entryNamer(raw, listKey, noun, nameKey)));
    return [];
  }
  return parsed.data[listKey] ?? [];
}

/** Parses JSONL labelled needs against the pack's slugs; a bad line is a problem naming it. */
export function parseLabelledNeeds(jsonl: string, slugs: ReadonlySet<string>, source = 'needs-train.jsonl', problems: string[] = []): LabelledNeedSeed[] {
  const out: LabelledNeedSeed[] = [];
  const seen = new Set<string>();
  forEachJsonLine(jsonl, labelledNeedSchema, source, problems, (value, where) => {
    const unknown = value.areas.filter((a) => a !== 'none' && !slugs.has(a));
    if (unknown.length > 0) problems.push(`${where} (${value.id}): unknown area ${unknown.map((a) => `"${a}"`).join(', ')}`);
    if (seen.has(value.id)) problems.push(`${where}: id "${value.id}" is used twice`);
    seen.add(value.id);
    const { areas, lang: _lang, ...rest } = value;
    out.push({ ...rest, areas: areas.filter((a) => a !== 'none' && slugs.has(a)) });
  });
  return out;
}

/**
 * Calls `each` with every valid line of a JSON-lines file and where it is ("file: line N"), in order; a line that is
 * not JSON or not of `schema` is a problem instead, so the problems stay in line order.
 */
function forEachJsonLine<T>(jsonl: string, schema: z.ZodType<T>, source: string, problems: string[], each: (value: T, where: string) => void): void {
  jsonl.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `${source}: line ${index + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      problems.push(`${where}: not valid JSON`);
      return;
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) each(parsed.data, where);
    else problems.push(`${where}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; ')}`);
  });
}

const backgroundPassageSchema = z.strictObject({
  id: text,
  text,
  lang: z.enum(['sv', 'en']),
  /** Where it was published. */
  source: z.url(),
});

/** The pack's own background-text.jsonl, or the shared one: each line {id, text, lang, source}, ids unique. */
function readBackgroundText(dir: string, problems: string[]): string[] {
  const own = path.join(dir, BACKGROUND_TEXT_FILE);
  const file = existsSync(own) ? own : SHARED_BACKGROUND_TEXT;
  const name = existsSync(own) ? BACKGROUND_TEXT_FILE : `the shared ${path.basename(file)}`;
  const seen = new Set<string>();
  const texts: string[] = [];
  forEachJsonLine(readFileSync(file, 'utf8'), backgroundPassageSchema, name, problems, (value, where) => {
    if (seen.has(value.id)) problems.push(`${where}: id "${value.id}" is used twice`);
    seen.add(value.id);
    texts.push(value.text);
  });
  return texts;
}

/** corpus/*.jsonl: real passages in the labelled needs' shape, each with the `source` it was published at; ids unique across the files. */
function readCorpus(dir: string, slugs: ReadonlySet<string>, problems: string[]): LabelledNeedSeed[] {
  const folder = path.join(dir, 'corpus');
  if (!existsSync(folder)) return [];
  const passages: LabelledNeedSeed[] = [];
  const seen = new Set<string>();
  for (const file of readdirSync(folder)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()) {
    const name = `corpus/${file}`;
    for (const passage of parseLabelledNeeds(readFileSync(path.join(folder, file), 'utf8'), slugs, name, problems)) {
      if (passage.source === undefined) problems.push(`${name}: ${passage.id}: no source (a corpus passage names where it was published)`);
      if (seen.has(passage.id)) problems.push(`${name}: id "${passage.id}" is used in another corpus file too`);
      seen.add(passage.id);
      passages.push(passage);
    }
  }
  return passages;
}

/**
 * The rules across files: environments name known areas; an area has at most one coordinating
 * environment, and strength-areas.yml (prose) and innovation-environments.yml (data) agree on it.
 */
function crossFileProblems(areas: readonly StrengthAreaSeed[], environments: readonly EnvironmentSeed[]): string[] {
  const problems: string[] = [];
  const slugs = new Set(areas.map((a) => a.slug));
  const coordinatorOf = new Map<string, string>();
  environments.forEach((env, index) => {
    const entry = `innovation-environments.yml: environment ${index + 1} (${env.name})`;
    for (const slug of env.areas) if (!slugs.has(slug)) problems.push(`${entry}, areas: unknown area "${slug}"`);
    for (const slug of env.coordinates) {
      if (!env.areas.includes(slug)) problems.push(`${entry}, coordinates: "${slug}", which is not one of its areas`);
      const other = coordinatorOf.get(slug);
      if (other !== undefined) problems.push(`${entry}, coordinates: "${slug}" already has a coordinator: ${other}`);
      coordinatorOf.set(slug, env.name);
    }
  });
  for (const area of areas) {
    const coordinator = environments.find((e) => e.coordinates.includes(area.slug));
    const named = environments.find((e) => e.name === area.coordinator);
    if (coordinator !== undefined && (area.coordinator ?? null) === null) {
      problems.push(`strength-areas.yml: area ${area.slug}: coordinated by ${coordinator.name} in innovation-environments.yml but names no coordinator`);
    }
    if (named !== undefined && !named.coordinates.includes(area.slug)) {
      problems.push(`strength-areas.yml: area ${area.slug}: names ${named.name} as coordinator, which does not list "${area.slug}" under coordinates`);
    }
  }
  return problems;
}

function duplicates(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(names.filter((n) => seen.has(n) || !seen.add(n)))];
}

/** Reads and validates a pack; throws RegionPackError listing every problem. */
export function loadRegionPack(dir: string = DEFAULT_REGION_PACK): RegionPack {
  const problems: string[] = [];
  if (!existsSync(dir)) throw new RegionPackError(dir, ['the folder does not exist']);
  const rawRegion = readYaml(dir, 'region.yml', problems);
  let region: Region | null = null;
  if (rawRegion !== undefined) {
    const parsed = regionSchema.safeParse(rawRegion);
    if (parsed.success)
      region = { slug: parsed.data.slug, name: parsed.data.name, nameEn: parsed.data.name_en, language: parsed.data.language, timezone: parsed.data.timezone };
    else problems.push(...issueLines('region.yml', parsed.error, () => null));
  }
  const areas = parseList(dir, 'strength-areas.yml', 'areas', 'area', 'slug', areaSchema, problems);
  if (areas.length > 0 && (areas.length < MIN_AREAS || areas.length > MAX_AREAS)) {
    problems.push(`strength-areas.yml: ${areas.length} areas; a pack has ${MIN_AREAS} to ${MAX_AREAS}`);
  }
  for (const slug of duplicates(areas.map((a) => a.slug))) problems.push(`strength-areas.yml: area "${slug}" is listed twice`);
  const environments = parseList(dir, 'innovation-environments.yml', 'environments', 'environment', 'name', environmentSchema, problems);
  for (const name of duplicates(environments.map((e) => e.name))) problems.push(`innovation-environments.yml: environment "${name}" is listed twice`);
  const municipalities = parseList(dir, 'municipalities.yml', 'municipalities', 'municipality', 'name', municipalitySchema, problems);
  if (municipalities.length === 0 && !problems.some((p) => p.startsWith('municipalities.yml'))) problems.push('municipalities.yml: no municipalities');
  for (const name of duplicates(municipalities.map((m) => m.name))) problems.push(`municipalities.yml: municipality "${name}" is listed twice`);
  if (areas.length > 0) problems.push(...crossFileProblems(areas, environments));

  const slugs = new Set(areas.map((a) => a.slug));
  const jsonlFile = path.join(dir, 'needs-train.jsonl');
  const labelledNeeds = existsSync(jsonlFile) ? parseLabelledNeeds(readFileSync(jsonlFile, 'utf8'), slugs, 'needs-train.jsonl', problems) : [];
  const corpus = readCorpus(dir, slugs, problems);
  const background = readBackgroundText(dir, problems);
  const ids = new Set(labelledNeeds.map((n) => n.id));
  for (const passage of corpus) if (ids.has(passage.id)) problems.push(`corpus: id "${passage.id}" is also a labelled need's`);

  const phrases: MatcherPhrases = { phrases: {}, none: [] };
  const rawMatcher = readYaml(dir, 'matcher.yml', problems, true);
  if (rawMatcher !== undefined) {
    const parsed = matcherSchema.safeParse(rawMatcher);
    if (!parsed.success) problems.push(...issueLines('matcher.yml', parsed.error, () => null));
    else {
      for (const slug of Object.keys(parsed.data.phrases)) if (!slugs.has(slug)) problems.push(`matcher.yml: phrases: unknown area "${slug}"`);
      Object.assign(phrases, parsed.data);
    }
  }
  if (problems.length > 0 || region === null) throw new RegionPackError(dir, problems.length > 0 ? problems : ['region.yml: missing']);
  return { dir, region, areas, environments, municipalities, labelledNeeds, corpus, phrases, background };
}

/** The shipped pack, or the one a path names (the app passes config.regionPack). */
export function loadSeedData(dir: string = DEFAULT_REGION_PACK): SeedData {
  return loadRegionPack(dir);
}

/** The shipped pack's folder, where tests and tools used to find prisma/seed/. */
export const DEFAULT_SEED_DIR = DEFAULT_REGION_PACK;
