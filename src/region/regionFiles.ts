// Reads and validates the data the app ships in prisma/seed/ (copied from the shared data,
// owned by the project). Every file passes a zod schema; a bad file names itself and the problem.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { AREA_SLUGS, type AreaSlug } from '../matching/types.js';

export const DEFAULT_SEED_DIR = fileURLToPath(new URL('../../prisma/seed', import.meta.url));

const areaSlug = z.enum(AREA_SLUGS);

const strengthAreasSchema = z.object({
  areas: z
    .array(
      z.object({
        slug: areaSlug,
        name: z.string().min(1),
        name_en: z.string().min(1),
        coordinator: z.string().nullable().optional(),
        description: z.string().min(1),
        keywords: z.array(z.coerce.string()).default([]),
      }),
    )
    .length(AREA_SLUGS.length),
});

const environmentSchema = z
  .object({
    name: z.string().min(1),
    town: z.string().min(1),
    areas: z.array(areaSlug),
    cross_cutting: z.boolean().default(false),
    role: z.string().optional(),
    /** The areas it is the region's coordinator of (the ranking and the reasons use this, not `role`). */
    coordinates: z.array(areaSlug).default([]),
    offer: z.string().min(1),
    /** What the organisation is actually good for, in a need's words; matched against needs. */
    focus: z.array(z.coerce.string().trim().min(1)).default([]),
    source: z.url(),
  })
  .superRefine((env, ctx) => {
    for (const slug of env.coordinates) {
      if (!env.areas.includes(slug)) {
        ctx.addIssue({ code: 'custom', path: ['coordinates'], message: `coordinates "${slug}", which is not one of its areas` });
      }
    }
  });

const environmentsSchema = z.object({
  environments: z.array(environmentSchema).superRefine((environments, ctx) => {
    const coordinatorOf = new Map<AreaSlug, string>();
    environments.forEach((env, index) => {
      for (const slug of env.coordinates) {
        const other = coordinatorOf.get(slug);
        if (other !== undefined) {
          ctx.addIssue({ code: 'custom', path: [index, 'coordinates'], message: `"${slug}" already has a coordinator: ${other}` });
        }
        coordinatorOf.set(slug, env.name);
      }
    });
  }),
});

const municipalitiesSchema = z.object({
  municipalities: z.array(z.object({ name: z.string().min(1), formal: z.string().min(1), population: z.number().int().positive() })).length(13),
});

const labelledNeedSchema = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  municipality: z.string().optional(),
  title: z.string().optional(),
  text: z.string().min(1),
  // ["none"] and [] both mean that no strength area fits.
  areas: z.array(z.union([areaSlug, z.literal('none')])),
  sector: z.string().optional(),
});

export type StrengthAreaSeed = z.infer<typeof strengthAreasSchema>['areas'][number];
export type EnvironmentSeed = z.infer<typeof environmentsSchema>['environments'][number];
export type MunicipalitySeed = z.infer<typeof municipalitiesSchema>['municipalities'][number];
export interface LabelledNeedSeed {
  id: string;
  municipality?: string;
  title?: string;
  text: string;
  /** Empty means the gold label is "none". */
  areas: AreaSlug[];
  sector?: string;
}

export interface SeedData {
  areas: StrengthAreaSeed[];
  environments: EnvironmentSeed[];
  municipalities: MunicipalitySeed[];
  labelledNeeds: LabelledNeedSeed[];
}

export class SeedFileError extends Error {}

function readYaml<T>(file: string, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(parseYaml(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new SeedFileError(`${file}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Parses JSONL labelled needs; throws naming the first bad line. */
export function parseLabelledNeeds(jsonl: string, source = 'needs-train.jsonl'): LabelledNeedSeed[] {
  const out: LabelledNeedSeed[] = [];
  jsonl.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new SeedFileError(`${source} line ${index + 1}: not valid JSON`);
    }
    const parsed = labelledNeedSchema.safeParse(json);
    if (!parsed.success) throw new SeedFileError(`${source} line ${index + 1}: ${z.prettifyError(parsed.error)}`);
    const { areas, ...rest } = parsed.data;
    out.push({ ...rest, areas: areas.filter((a): a is AreaSlug => a !== 'none') });
  });
  return out;
}

/**
 * The two files name each area's coordinator: strength-areas.yml as prose (`coordinator`, null when
 * unknown), innovation-environments.yml as data (`coordinates`). An area with a coordinating
 * environment must name one there, and an area whose coordinator is an environment's name must have it coordinate.
 */
export function coordinatorProblems(areas: readonly StrengthAreaSeed[], environments: readonly EnvironmentSeed[]): string[] {
  const problems: string[] = [];
  for (const area of areas) {
    const coordinator = environments.find((e) => e.coordinates.includes(area.slug));
    const named = environments.find((e) => e.name === area.coordinator);
    if (coordinator !== undefined && (area.coordinator ?? null) === null) {
      problems.push(`${area.slug}: coordinated by ${coordinator.name} in innovation-environments.yml but strength-areas.yml names no coordinator`);
    }
    if (named !== undefined && !named.coordinates.includes(area.slug)) {
      problems.push(`${area.slug}: strength-areas.yml names ${named.name} as coordinator, which does not list "${area.slug}" under coordinates`);
    }
  }
  return problems;
}

export function loadSeedData(dir: string = DEFAULT_SEED_DIR): SeedData {
  const jsonlFile = path.join(dir, 'needs-train.jsonl');
  const areas = readYaml(path.join(dir, 'strength-areas.yml'), strengthAreasSchema).areas;
  const environmentsFile = path.join(dir, 'innovation-environments.yml');
  const environments = readYaml(environmentsFile, environmentsSchema).environments;
  const problems = coordinatorProblems(areas, environments);
  if (problems.length > 0) throw new SeedFileError(`${environmentsFile}: ${problems.join('; ')}`);
  return {
    areas,
    environments,
    municipalities: readYaml(path.join(dir, 'municipalities.yml'), municipalitiesSchema).municipalities,
    labelledNeeds: parseLabelledNeeds(readFileSync(jsonlFile, 'utf8'), jsonlFile),
  };
}
