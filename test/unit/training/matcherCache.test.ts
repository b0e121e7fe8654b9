// The matcher cache on real files, with the app's MatcherProvider on a real SQLite file: a second
// start with the same data loads the model and never calls the trainer; other data, another
// algorithm, config or matcher code trains again; a damaged or unreadable file trains again and
// says so in the log, never throws.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ALGORITHM_VERSION, DEFAULT_CONFIG, SNAPSHOT_FORMAT, type TrainedMatcher } from '../../../src/matching/index.js';
import type { TrainingData } from '../../../src/matching/types.js';
import {
  currentModelCode,
  MATCHER_CACHE_FILE,
  MatcherCache,
  matcherCacheKey,
  MATCHING_DIR,
  matchingCodeHash,
  type ModelCode,
  withMatcherCache,
} from '../../../src/training/matcherCache.js';
import { MatcherProvider } from '../../../src/training/matcherProvider.js';
import { SHIPPED_REGION, shippedMatcher } from '../../support/shippedMatcher.js';
import { tempDir } from '../../support/testApp.js';
import { useTestDb } from '../../support/testDb.js';

interface LogLine {
  level: 'info' | 'warn' | 'debug';
  msg: string;
  obj: Record<string, unknown>;
}

function collectingLogger(lines: LogLine[]) {
  const at = (level: LogLine['level']) => (obj: object, msg: string) => lines.push({ level, msg, obj: obj as Record<string, unknown> });
  return { info: at('info'), warn: at('warn'), debug: at('debug') };
}

const TEXTS = [
  'Hemtjänsten vill ha sensorer och trygghetslarm för brukare på natten',
  'bygglogistik vid nya resecentrum',
  'Vi har svårt att rekrytera socionomer',
];

const testDb = useTestDb();
let dir: string;
let logs: LogLine[];
/** The shipped model stands in for training (training is deterministic: the same data gives this model). */
const trainer = vi.fn<(data: TrainingData) => Promise<TrainedMatcher>>(() => Promise.resolve(shippedMatcher()));

beforeEach(() => {
  dir = path.join(testDb().dir, `cache-${Math.random().toString(36).slice(2)}`);
  logs = [];
  trainer.mockClear();
});

const cacheIn = (folder: string, modelCode?: () => Promise<ModelCode>) =>
  new MatcherCache({ dir: folder, logger: collectingLogger(logs), ...(modelCode ? { modelCode } : {}) });
/** What server.ts does at start: the provider trains through the cache. */
const start = (cache: MatcherCache) => MatcherProvider.create(testDb().db, SHIPPED_REGION, withMatcherCache(trainer, cache));
const messages = () => logs.map((l) => `${l.level}: ${l.msg}`);

describe('a start with the matcher cache', () => {
  it('trains and stores the model the first time; the next start with the same data loads it and does not call the trainer', async () => {
    const first = await start(cacheIn(dir));
    expect(trainer).toHaveBeenCalledTimes(1);
    expect(existsSync(path.join(dir, MATCHER_CACHE_FILE))).toBe(true);
    expect(messages()).toContain('info: no cached matcher yet; training');

    logs.length = 0;
    const second = await start(cacheIn(dir));
    expect(trainer).toHaveBeenCalledTimes(1); // not again
    expect(messages()).toEqual(['info: matcher loaded from cache']);
    expect(second.current().version).toBe(first.current().version);
    for (const text of TEXTS) expect(second.current().classify(text)).toEqual(first.current().classify(text));
    // Written atomically: nothing but the cache file is left in the folder.
    expect(readdirSync(dir)).toEqual([MATCHER_CACHE_FILE]);
  });

  it('trains again when the training data changed (a new example), and caches the new model', async () => {
    await start(cacheIn(dir));
    const example = await testDb().db.trainingExample.create({
      data: {
        key: 'test:cache',
        text: 'Snöröjningen behöver bättre ruttplanering',
        source: 'feedback',
        labels: { create: [{ areaSlug: 'logistik', positive: true }] },
      },
    });
    try {
      await start(cacheIn(dir));
      expect(trainer).toHaveBeenCalledTimes(2);
      expect(trainer.mock.calls[1]![0].examples.map((e) => e.text)).toContain('Snöröjningen behöver bättre ruttplanering');
      expect(messages()).toContain('info: cached matcher was trained on other data or code; training');
      await start(cacheIn(dir)); // the changed data's model is the one cached now
      expect(trainer).toHaveBeenCalledTimes(2);
    } finally {
      await testDb().db.trainingExample.delete({ where: { id: example.id } });
    }
  });

  it('reads only the header of a file trained on other data: a retrain after feedback does not read or check the snapshot it cannot use', async () => {
    await start(cacheIn(dir));
    const file = path.join(dir, MATCHER_CACHE_FILE);
    const bytes = readFileSync(file);
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff; // a damaged snapshot: noticed only when read
    writeFileSync(file, bytes);
    logs.length = 0;
    const otherData = cacheIn(dir, async () => ({ ...(await currentModelCode()), code: 'other code' }));
    await start(otherData);
    expect(trainer).toHaveBeenCalledTimes(2);
    expect(messages()).toContain('info: cached matcher was trained on other data or code; training');
    expect(logs.filter((l) => l.level === 'warn')).toEqual([]);
  });

  it('trains again when the region’s areas, phrases or language differ', async () => {
    await start(cacheIn(dir));
    const cache = cacheIn(dir);
    const withoutPhrases = { areas: SHIPPED_REGION.areas };
    await MatcherProvider.create(testDb().db, withoutPhrases, withMatcherCache(trainer, cache));
    expect(trainer).toHaveBeenCalledTimes(2);
    await MatcherProvider.create(testDb().db, { ...SHIPPED_REGION, language: 'en' }, withMatcherCache(trainer, cache));
    expect(trainer).toHaveBeenCalledTimes(3);
  });

  it.each<[string, (code: ModelCode) => ModelCode]>([
    ['ALGORITHM_VERSION', (code) => ({ ...code, algorithm: `${code.algorithm}-next` })],
    ['the matcher config', (code) => ({ ...code, config: { ...code.config, termsPerArea: code.config.termsPerArea + 1 } })],
    ['the matcher code', (code) => ({ ...code, code: code.code.replace(/^./, (c) => (c === '0' ? '1' : '0')) })],
    ['natural', (code) => ({ ...code, libraries: { natural: '0.0.0' } })],
    ['the snapshot format', (code) => ({ ...code, snapshotFormat: code.snapshotFormat + 1 })],
  ])('trains again when %s changed', async (_what, change) => {
    await start(cacheIn(dir));
    const changed = async () => change(await currentModelCode());
    await start(cacheIn(dir, changed));
    expect(trainer).toHaveBeenCalledTimes(2);
    expect(messages()).toContain('info: cached matcher was trained on other data or code; training');
    await start(cacheIn(dir, changed)); // and that model is cached under its own key
    expect(trainer).toHaveBeenCalledTimes(2);
  });
});

/** Changes the stored snapshot and writes the file back with a checksum that fits (an intact file of other content). */
function rewriteSnapshot(file: string, change: (snapshot: Record<string, unknown>) => void): void {
  const bytes = readFileSync(file);
  const checksumLine = bytes.indexOf(0x0a, bytes.indexOf(0x0a) + 1) + 1; // after the magic line and the key line
  const bodyStart = bytes.indexOf(0x0a, checksumLine) + 1;
  const snapshot = deserialize(bytes.subarray(bodyStart)) as Record<string, unknown>;
  change(snapshot);
  const payload = serialize(snapshot);
  writeFileSync(file, Buffer.concat([bytes.subarray(0, checksumLine), Buffer.from(`${createHash('sha256').update(payload).digest('hex')}\n`), payload]));
}

describe('a damaged or unusable cache', () => {
  it.each<[string, (file: string) => void]>([
    ['a file of garbage', (file) => writeFileSync(file, 'not a matcher at all')],
    ['a truncated file', (file) => writeFileSync(file, readFileSync(file).subarray(0, 100_000))],
    [
      'a flipped byte',
      (file) => {
        const bytes = readFileSync(file);
        bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff;
        writeFileSync(file, bytes);
      },
    ],
    ['an empty file', (file) => writeFileSync(file, '')],
    [
      'an intact file whose snapshot has no views (checksum right, content wrong)',
      (file) =>
        rewriteSnapshot(file, (snapshot) => {
          delete snapshot.views;
        }),
    ],
  ])('%s: logs a warning, trains, and writes a good file again', async (_what, damage) => {
    await start(cacheIn(dir));
    damage(path.join(dir, MATCHER_CACHE_FILE));
    logs.length = 0;
    const provider = await start(cacheIn(dir));
    expect(trainer).toHaveBeenCalledTimes(2);
    expect(provider.current().version).toBe(shippedMatcher().version);
    expect(logs.find((l) => l.level === 'warn')?.msg).toBe('matcher cache unreadable; training instead');
    await start(cacheIn(dir));
    expect(trainer).toHaveBeenCalledTimes(2); // repaired
  });

  it('names what is wrong in an intact file of the wrong shape (checked at the edge, before the matcher reads it)', async () => {
    await start(cacheIn(dir));
    rewriteSnapshot(path.join(dir, MATCHER_CACHE_FILE), (snapshot) => {
      snapshot.areas = 'visualisering';
    });
    logs.length = 0;
    await start(cacheIn(dir));
    expect(trainer).toHaveBeenCalledTimes(2);
    const warning = logs.find((l) => l.level === 'warn');
    expect(warning?.msg).toBe('matcher cache unreadable; training instead');
    expect(String(warning?.obj.problem)).toMatch(/snapshot\.areas/);
  });

  it('a cache file that cannot be read or written (a folder in its place): trains, logs both, and the start goes on', async () => {
    mkdirSync(path.join(dir, MATCHER_CACHE_FILE), { recursive: true });
    const provider = await start(cacheIn(dir));
    expect(trainer).toHaveBeenCalledTimes(1);
    expect(provider.current().classify(TEXTS[0]!).modelVersion).toBe(shippedMatcher().version);
    expect(logs.filter((l) => l.level === 'warn').map((l) => l.msg)).toEqual([
      'matcher cache unreadable; training instead',
      'could not write the matcher cache; the next start trains again',
    ]);
    expect(readdirSync(dir)).toEqual([MATCHER_CACHE_FILE]); // no temporary file left behind
  });

  it('a cache folder that cannot be created (a file in its place): trains and logs', async () => {
    writeFileSync(dir, 'a file, not a folder');
    try {
      await start(cacheIn(dir));
      expect(trainer).toHaveBeenCalledTimes(1);
      expect(logs.filter((l) => l.level === 'warn').map((l) => l.msg)).toEqual([
        'matcher cache unreadable; training instead',
        'could not write the matcher cache; the next start trains again',
      ]);
    } finally {
      rmSync(dir, { force: true });
    }
  });
});

describe('the cache key', () => {
  it('covers this process’s algorithm version, config, snapshot format, matcher code, natural and V8', async () => {
    const code = await currentModelCode();
    expect(code.algorithm).toBe(ALGORITHM_VERSION);
    expect(code.config).toEqual(DEFAULT_CONFIG);
    expect(code.snapshotFormat).toBe(SNAPSHOT_FORMAT);
    expect(code.code).toBe(await matchingCodeHash(MATCHING_DIR));
    expect(code.libraries.natural).toMatch(/^\d+\.\d+\.\d+/);
    expect(code.v8).toBe(process.versions.v8);
    // The folder hashed is the matcher's own (matcher.ts/.js and snapshot.ts/.js live there).
    expect(readdirSync(MATCHING_DIR).some((f) => /^snapshot\.(ts|js)$/.test(f))).toBe(true);
  });

  it('changes with the training data, the example weights included', async () => {
    const code = await currentModelCode();
    const data: TrainingData = { areas: SHIPPED_REGION.areas, examples: [{ text: 'sensorer i hemtjänsten', areas: ['uppkopplade'] }] };
    const key = matcherCacheKey(data, code);
    expect(matcherCacheKey(structuredClone(data), code)).toBe(key);
    expect(matcherCacheKey({ ...data, examples: [{ ...data.examples[0]!, weight: 2 }] }, code)).not.toBe(key);
    expect(matcherCacheKey({ ...data, examples: [{ ...data.examples[0]!, text: 'sensorer i hemtjänst' }] }, code)).not.toBe(key);
    expect(matcherCacheKey({ ...data, examples: [{ ...data.examples[0]!, areas: ['logistik'] }] }, code)).not.toBe(key);
    expect(matcherCacheKey({ ...data, language: 'en' }, code)).not.toBe(key);
  });

  it('hashes the matcher’s files: an edited, added or renamed file changes it', async () => {
    const copy = tempDir('behovsbryggan-matching-');
    try {
      cpSync(MATCHING_DIR, copy, { recursive: true });
      const original = await matchingCodeHash(copy);
      expect(original).toBe(await matchingCodeHash(MATCHING_DIR));
      const file = readdirSync(copy).find((f) => /^matcher\.(ts|js)$/.test(f))!;
      writeFileSync(path.join(copy, file), `${readFileSync(path.join(copy, file), 'utf8')}\n// an edit\n`);
      const edited = await matchingCodeHash(copy);
      expect(edited).not.toBe(original);
      mkdirSync(path.join(copy, 'model', 'extra'), { recursive: true });
      writeFileSync(path.join(copy, 'model', 'extra', 'new.js'), 'export {};\n');
      const added = await matchingCodeHash(copy);
      expect(added).not.toBe(edited);
      rmSync(path.join(copy, 'model', 'extra'), { recursive: true });
      expect(await matchingCodeHash(copy)).toBe(edited);
      writeFileSync(path.join(copy, 'renamed.js'), readFileSync(path.join(copy, file)));
      rmSync(path.join(copy, file));
      expect(await matchingCodeHash(copy)).not.toBe(edited);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
