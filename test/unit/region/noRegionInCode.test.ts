// Nothing about a region is written into src/: no region, area, municipality or innovation
// environment of any shipped pack (nor of the English test pack) appears there. The same search,
// for a person: docs/region-packs.md. src/matching/text/ is language data (Swedish and English
// words: stopwords, glosses, emoji words) where "logistik" or "material" are words, not areas.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRegionPack } from '../../../src/region/regionPack.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
// A pack is a folder; regions/ also holds the packs' shared background text.
const PACKS = [
  ...readdirSync(path.join(ROOT, 'regions'), { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? [path.join(ROOT, 'regions', d.name)] : [])),
  path.join(ROOT, 'test/fixtures/regions/english'),
];
const LANGUAGE_DATA = path.join('src', 'matching', 'text') + path.sep;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'generated' ? [] : sourceFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

/** The names a pack gives its region, areas, municipalities and environments (an environment by its name before any parenthesis). */
function regionNames(dir: string): string[] {
  const pack = loadRegionPack(dir);
  return [
    pack.region.name,
    ...(pack.region.nameEn ? [pack.region.nameEn] : []),
    ...pack.areas.flatMap((a) => [a.slug, a.name, a.name_en]),
    ...pack.municipalities.map((m) => m.name),
    ...pack.environments.map((e) => e.name.split(' (')[0]?.trim() ?? e.name),
  ];
}

const wholeWord = (name: string) => new RegExp(`(?<![\\p{L}\\p{N}-])${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?![\\p{L}\\p{N}-])`, 'u');

describe('src/ holds no region', () => {
  it('names no region, area, municipality or environment of any pack', () => {
    const names = [...new Set(PACKS.flatMap(regionNames))];
    expect(names).toContain('Norrköping'); // the search can find something
    const found: string[] = [];
    for (const file of sourceFiles(path.join(ROOT, 'src'))) {
      const relative = path.relative(ROOT, file);
      if (relative.startsWith(LANGUAGE_DATA)) continue;
      const text = readFileSync(file, 'utf8');
      for (const name of names) if (wholeWord(name).test(text)) found.push(`${relative}: ${name}`);
    }
    expect(found).toEqual([]);
  });
});
