// The coordinator of a strength area is a field of the seed data (`coordinates` in
// innovation-environments.yml), checked by zod and against strength-areas.yml, never read out of
// the role prose.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { toEnvironmentProfiles } from '../../../src/matching/index.js';
import { DEFAULT_SEED_DIR, loadSeedData, RegionPackError } from '../../../src/region/regionPack.js';

interface EnvironmentJson {
  name: string;
  areas: string[];
  role?: string;
  coordinates?: unknown;
}
interface AreaJson {
  slug: string;
  coordinator?: string | null;
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the shipped seed files with the environments (and areas) edited. */
function edited(editEnvironments: (environments: EnvironmentJson[]) => void, editAreas?: (areas: AreaJson[]) => void): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'behovsbryggan-coord-'));
  dirs.push(dir);
  cpSync(DEFAULT_SEED_DIR, dir, { recursive: true });
  const envFile = path.join(dir, 'innovation-environments.yml');
  const envs = parseDocument(readFileSync(envFile, 'utf8')).toJS() as { environments: EnvironmentJson[] };
  editEnvironments(envs.environments);
  writeFileSync(envFile, JSON.stringify(envs));
  if (editAreas) {
    const areaFile = path.join(dir, 'strength-areas.yml');
    const areas = parseDocument(readFileSync(areaFile, 'utf8')).toJS() as { areas: AreaJson[] };
    editAreas(areas.areas);
    writeFileSync(areaFile, JSON.stringify(areas));
  }
  return dir;
}

/** The problems loading the pack in `dir` reports, one line each ("file: entry: problem"). */
function problemsOf(dir: string): string[] {
  try {
    loadSeedData(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(RegionPackError);
    return (error as RegionPackError).problems;
  }
  throw new Error(`expected the pack in ${dir} to be refused`);
}

const named = (environments: EnvironmentJson[], name: string): EnvironmentJson => environments.find((e) => e.name === name)!;

describe('the coordinator field of the seed data', () => {
  it('ships one coordinator for each area whose coordinator is known, and none for Miljönytta som affär', () => {
    const seed = loadSeedData();
    const coordinatorOf = (slug: string) => seed.environments.filter((e) => e.coordinates.includes(slug as never)).map((e) => e.name);
    expect(coordinatorOf('visualisering')).toEqual(['Norrköping Science Park']);
    expect(coordinatorOf('uppkopplade')).toEqual(['Linköping Science Park']);
    expect(coordinatorOf('logistik')).toEqual(['Norrköpings kommun, näringslivskontoret']);
    expect(coordinatorOf('material')).toEqual(['Innovative Materials Arena (IMA)']);
    expect(coordinatorOf('miljonytta')).toEqual([]);
    expect(seed.areas.find((a) => a.slug === 'miljonytta')?.coordinator ?? null).toBeNull();
    // The matcher's profiles carry it as data.
    const profiles = toEnvironmentProfiles(seed.environments);
    expect(profiles.find((p) => p.name === 'Norrköping Science Park')?.coordinates).toEqual(['visualisering']);
    expect(profiles.find((p) => p.name === 'Visual Sweden')?.coordinates).toEqual([]);
  });

  it('is data, not prose: a role that says "koordinator" makes no coordinator, and a missing field means none', () => {
    const dir = edited((environments) => {
      named(environments, 'Visual Sweden').role = 'koordinator för Visualisering, simulering och bildanalys';
      delete named(environments, 'Innovative Materials Arena (IMA)').coordinates;
    });
    const seed = loadSeedData(dir);
    expect(seed.environments.find((e) => e.name === 'Visual Sweden')?.coordinates).toEqual([]);
    expect(seed.environments.find((e) => e.name === 'Innovative Materials Arena (IMA)')?.coordinates).toEqual([]);
  });

  it('refuses an unknown area slug', () => {
    const dir = edited((environments) => {
      named(environments, 'Visual Sweden').coordinates = ['visualization'];
    });
    expect(() => loadSeedData(dir)).toThrow(RegionPackError);
    expect(() => loadSeedData(dir)).toThrow(/coordinates/);
  });

  it('refuses coordinating an area the environment does not work in', () => {
    const dir = edited((environments) => {
      named(environments, 'Visual Sweden').coordinates = ['logistik'];
    });
    expect(problemsOf(dir)).toContain('innovation-environments.yml: environment 3 (Visual Sweden), coordinates: "logistik", which is not one of its areas');
  });

  it('refuses two coordinators of one area, naming the first', () => {
    const dir = edited((environments) => {
      named(environments, 'Aerospace Cluster Sweden').coordinates = ['material'];
    });
    expect(() => loadSeedData(dir)).toThrow(/"material" already has a coordinator: Innovative Materials Arena \(IMA\)/);
  });

  it('must agree with strength-areas.yml', () => {
    // strength-areas.yml names Norrköping Science Park; the environment no longer says it coordinates.
    const dropped = edited((environments) => {
      named(environments, 'Norrköping Science Park').coordinates = [];
    });
    expect(problemsOf(dropped)).toEqual([
      'strength-areas.yml: area visualisering: names Norrköping Science Park as coordinator, which does not list "visualisering" under coordinates',
    ]);
    // An environment coordinates an area whose coordinator strength-areas.yml does not know.
    const unknown = edited((environments) => {
      named(environments, 'Cleantech Östergötland').coordinates = ['miljonytta'];
    }, undefined);
    expect(problemsOf(unknown)).toEqual([
      'strength-areas.yml: area miljonytta: coordinated by Cleantech Östergötland in innovation-environments.yml but names no coordinator',
    ]);
    const agreed = edited(
      (environments) => {
        named(environments, 'Cleantech Östergötland').coordinates = ['miljonytta'];
      },
      (areas) => {
        areas.find((a) => a.slug === 'miljonytta')!.coordinator = 'Cleantech Östergötland';
      },
    );
    expect(loadSeedData(agreed).environments.find((e) => e.name === 'Cleantech Östergötland')?.coordinates).toEqual(['miljonytta']);
  });
});
