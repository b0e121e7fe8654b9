// A region pack is validated as a whole: every problem on one line naming the file, the entry and
// what is wrong, all at once. One test per rule, each on a copy of the English test pack with one
// thing broken; and every pack the project ships loads.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { describePack, runRegion } from '../../../src/region/cli.js';
import { DEFAULT_REGION_PACK, loadRegionPack, RegionPackError } from '../../../src/region/regionPack.js';

const ENGLISH = fileURLToPath(new URL('../../fixtures/regions/english', import.meta.url));
const REGIONS = fileURLToPath(new URL('../../../regions', import.meta.url));

const copies: string[] = [];
afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the English test pack, removed after the test. */
function copyOfEnglishPack(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pack-'));
  copies.push(dir);
  cpSync(ENGLISH, dir, { recursive: true });
  return dir;
}

/** A copy of the English test pack with `edit` applied to one of its files. */
function brokenPack(file: string, edit: (text: string) => string): string {
  const dir = copyOfEnglishPack();
  const full = path.join(dir, file);
  writeFileSync(full, edit(readFileSync(full, 'utf8')));
  return dir;
}

function problemsOf(dir: string): string[] {
  try {
    loadRegionPack(dir);
  } catch (error) {
    if (error instanceof RegionPackError) return error.problems;
    throw error;
  }
  throw new Error('the pack loaded');
}

describe('loadRegionPack', () => {
  it('loads every shipped pack and the English test pack', () => {
    for (const dir of [path.join(REGIONS, 'ostergotland'), path.join(REGIONS, 'jonkoping'), ENGLISH]) {
      const pack = loadRegionPack(dir);
      expect(pack.areas.length).toBeGreaterThanOrEqual(2);
      expect(pack.municipalities.length).toBeGreaterThan(0);
    }
    expect(loadRegionPack(DEFAULT_REGION_PACK).region.slug).toBe('ostergotland');
    expect(loadRegionPack(path.join(REGIONS, 'ostergotland')).labelledNeeds.length).toBeGreaterThan(300);
    expect(loadRegionPack(path.join(REGIONS, 'jonkoping')).labelledNeeds).toEqual([]);
    expect(loadRegionPack(ENGLISH).region.language).toBe('en');
  });

  it('names an environment that lists an area the pack does not have', () => {
    const dir = brokenPack('innovation-environments.yml', (t) => t.replace('areas: [digital-health]', 'areas: [digital-health, space]'));
    expect(problemsOf(dir)).toEqual(['innovation-environments.yml: environment 2 (CareTech Lab), areas: unknown area "space"']);
  });

  it('names two coordinators of one area', () => {
    const dir = brokenPack('innovation-environments.yml', (t) =>
      t
        .replace('areas: [clean-energy]\n    coordinates: [clean-energy]', 'areas: [clean-energy]\n    coordinates: [clean-energy]')
        .replace('town: Chatteris\n    areas: [agri-food]', 'town: Chatteris\n    areas: [agri-food, clean-energy]\n    coordinates: [clean-energy]'),
    );
    expect(problemsOf(dir)).toContain(
      'innovation-environments.yml: environment 3 (Food Chain Centre), coordinates: "clean-energy" already has a coordinator: Fenland Energy Hub',
    );
  });

  it('names a municipality listed twice', () => {
    const dir = brokenPack('municipalities.yml', (t) => `${t}  - { name: Marchford, formal: Marchford Town Council, population: 22000 }\n`);
    expect(problemsOf(dir)).toEqual(['municipalities.yml: municipality "Marchford" is listed twice']);
  });

  it('refuses fewer than 2 or more than 15 areas', () => {
    const one = brokenPack('strength-areas.yml', (t) => t.slice(0, t.indexOf('  - slug: digital-health')));
    expect(problemsOf(one)).toContain('strength-areas.yml: 1 areas; a pack has 2 to 15');
    const many = brokenPack('strength-areas.yml', (t) => {
      const area = t.slice(t.indexOf('  - slug: agri-food'));
      return t + Array.from({ length: 13 }, (_, i) => area.replace('slug: agri-food', `slug: extra-${i}`)).join('');
    });
    expect(problemsOf(many)).toContain('strength-areas.yml: 16 areas; a pack has 2 to 15');
  });

  it('names a slug that is not lowercase ASCII with "-", and an area listed twice', () => {
    const badSlug = brokenPack('strength-areas.yml', (t) => t.replace('slug: agri-food', 'slug: Agri_Food'));
    expect(problemsOf(badSlug)).toContain('strength-areas.yml: area 3 (Agri_Food), slug: a slug is lowercase ASCII letters and digits joined by "-"');
    const twice = brokenPack('strength-areas.yml', (t) => t.replace('slug: digital-health', 'slug: clean-energy'));
    expect(problemsOf(twice)).toContain('strength-areas.yml: area "clean-energy" is listed twice');
  });

  it('names a bad region.yml field and a missing file, and lists every problem at once', () => {
    const dir = brokenPack('region.yml', (t) => t.replace('timezone: Europe/London', 'timezone: Fenland/Marsh').replace('language: en', 'language: de'));
    rmSync(path.join(dir, 'municipalities.yml'));
    const problems = problemsOf(dir);
    expect(problems).toHaveLength(3);
    expect(problems).toContain('region.yml: language: Invalid option: expected one of "sv"|"en"');
    expect(problems).toContain('region.yml: timezone: not a time zone known to this Node (e.g. Europe/Stockholm)');
    expect(problems).toContain('municipalities.yml: missing');
  });

  it('names a labelled need of an unknown area, and matcher phrases of one', () => {
    const dir = brokenPack('matcher.yml', (t) => t.replace('agri-food: [', 'space: [launch pads, '));
    writeFileSync(
      path.join(dir, 'needs-train.jsonl'),
      '{"id":"x-1","text":"Solar panels on the school roof","areas":["clean-energy"]}\n{"id":"x-2","text":"Rockets","areas":["space"]}\nnot json\n',
    );
    expect(problemsOf(dir)).toEqual([
      'needs-train.jsonl: line 2 (x-2): unknown area "space"',
      'needs-train.jsonl: line 3: not valid JSON',
      'matcher.yml: phrases: unknown area "space"',
    ]);
  });

  it('reads the shared background text, or the pack’s own background-text.jsonl instead', () => {
    expect(loadRegionPack(ENGLISH).background).toHaveLength(208);
    const own = [
      { id: 'bg-1', text: 'The council meets on Tuesday to set the budget.', lang: 'en', source: 'https://example.org/a' },
      { id: 'bg-2', text: 'Applications for school places close in January.', lang: 'en', source: 'https://example.org/b' },
    ];
    const dir = copyOfEnglishPack();
    writeFileSync(path.join(dir, 'background-text.jsonl'), own.map((o) => JSON.stringify(o)).join('\n') + '\n');
    expect(loadRegionPack(dir).background).toEqual(own.map((o) => o.text));
  });

  it('names a background line that is not JSON, one without a source, and an id used twice', () => {
    const dir = copyOfEnglishPack();
    const line = (id: string, extra: object = {}) => JSON.stringify({ id, text: 'Ordinary business.', lang: 'en', source: 'https://example.org/', ...extra });
    writeFileSync(path.join(dir, 'background-text.jsonl'), [line('a'), '{not json', line('b', { source: undefined }), line('a')].join('\n'));
    expect(problemsOf(dir)).toEqual([
      'background-text.jsonl: line 2: not valid JSON',
      'background-text.jsonl: line 3: source: Invalid input: expected string, received undefined',
      'background-text.jsonl: line 4: id "a" is used twice',
    ]);
  });

  it('refuses a folder that is not there', () => {
    expect(problemsOf(path.join(tmpdir(), 'no-such-pack-here'))).toEqual(['the folder does not exist']);
  });
});

describe('region check', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { stdout: (l: string) => out.push(l), stderr: (l: string) => err.push(l), readText: () => '' } };
  };

  it('lists the areas with their environments, the municipalities and whether there are labelled needs', () => {
    const { out, io: cli } = io();
    expect(runRegion(['check', ENGLISH], cli)).toBe(0);
    expect(out[0]).toBe('Fenland Test Region — slug fenland-test, language en, time zone Europe/London');
    expect(out).toContain('  clean-energy — Clean energy and retrofit: 1 environment (coordinator: Fenland Energy Hub)');
    expect(out).toContain('  every area: Fenland Growth Office');
    expect(out).toContain('4 municipalities: Wisbech, Marchford, Chatteris, Whittlesey');
    expect(out.some((l) => l.startsWith('labelled needs: none — the matcher starts cold'))).toBe(true);
    expect(out).toContain(
      'background text: 208 passages (the shared regions/background-text.jsonl, Swedish and English), read by the matcher until it has 1,000 labelled examples',
    );
  });

  it('prints each problem of a broken pack and exits 1', () => {
    const dir = brokenPack('municipalities.yml', (t) => `${t}  - { name: Marchford, formal: Marchford Town Council, population: 22000 }\n`);
    const { err, io: cli } = io();
    expect(runRegion(['check', dir], cli)).toBe(1);
    expect(err).toEqual([`${dir}: 1 problem`, '  municipalities.yml: municipality "Marchford" is listed twice']);
  });

  it('notes an environment whose programme has ended', () => {
    const dir = brokenPack('innovation-environments.yml', (t) =>
      t.replace('source: https://example.org/fenland/caretech', 'source: https://example.org/fenland/caretech\n    ends: 2026-06-30'),
    );
    expect(describePack(loadRegionPack(dir), new Date('2026-12-06T12:00:00Z'))).toContain(
      'note: CareTech Lab ended on 2026-06-30 (innovation-environments.yml: ends)',
    );
    expect(describePack(loadRegionPack(dir), new Date('2026-01-01T12:00:00Z')).some((l) => l.startsWith('note:'))).toBe(false);
  });
});
