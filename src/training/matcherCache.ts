// Keeps the trained matcher on disk between starts, so a restart with the same training data and
// the same matcher code loads it (a few milliseconds) instead of training again (a second or two
// in a worker thread, and ~40 MiB more resident afterwards, measured).
//
// The file holds one snapshot (matching/snapshot.ts) and the key it was trained under. The key is a
// sha256 over everything that can change the model:
//   - the training data exactly as the trainer gets it (areas, phrases, language, every example's
//     text, labels and weight);
//   - the matcher's config (DEFAULT_CONFIG), ALGORITHM_VERSION and the snapshot format;
//   - the matcher's code: the bytes of every file in the matching folder this process loaded
//     (dist/matching/ when built, src/matching/ from source), so a code change without a version
//     bump still trains anew; and the version of `natural`, whose stemmers and stop words it uses;
//   - the V8 version (the file is written with v8.serialize).
// The key stands in the file's first bytes, before the snapshot: a retrain on other data (every
// retrain after feedback) reads those and stops, instead of reading, hashing and deserialising a
// 6 MB snapshot it cannot use on the main thread (measured at load 7: 70–220 ms before, 7–32 ms now).
// Anything unexpected while reading (a truncated or corrupt file, another format, a snapshot the
// matcher refuses) is logged and the matcher is trained as if there were no file; a file that
// cannot be written is logged too. Writes go to a temporary file renamed into place, so a reader
// (another instance on the same folder) never sees half a file.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { z } from 'zod';
import {
  ALGORITHM_VERSION,
  DEFAULT_CONFIG,
  matcherFromSnapshot,
  SNAPSHOT_FORMAT,
  snapshotMatcher,
  type MatcherConfig,
  type MatcherSnapshot,
  type TrainedMatcher,
} from '../matching/index.js';
import type { TrainingData } from '../matching/types.js';
import type { Trainer } from './matcherProvider.js';

/**
 * The layout of the file: MAGIC, the key and a newline, the payload's sha256 and a newline, the
 * payload (v8.serialize of the snapshot). A file of another layout is not read.
 */
const FILE_FORMAT = 2;
const MAGIC = `behovsbryggan-matcher-cache ${FILE_FORMAT}\n`;
/** A sha256 in hex and its newline. */
const HEX_LINE = 65;
const HEADER_BYTES = Buffer.byteLength(MAGIC) + 2 * HEX_LINE;
export const MATCHER_CACHE_FILE = 'matcher.snapshot';

/** What besides the training data decides the model. */
export interface ModelCode {
  snapshotFormat: number;
  algorithm: string;
  config: MatcherConfig;
  /** sha256 of the matcher's source files (matchingCodeHash). */
  code: string;
  /** Versions of the libraries the matcher runs (natural). */
  libraries: Record<string, string>;
  v8: string;
}

export interface MatcherCacheLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

export interface MatcherCacheOptions {
  /** The folder of the cache file (created when missing). */
  dir: string;
  logger: MatcherCacheLogger;
  /** What besides the data decides the model (default: this process's, currentModelCode()). Tests pass others. */
  modelCode?: () => Promise<ModelCode>;
}

/** The folder of the matcher's code as this process loaded it: dist/matching or src/matching. */
export const MATCHING_DIR = fileURLToPath(new URL('../matching/', import.meta.url));

/** sha256 over every file under `dir` (relative path and bytes, in a fixed order). */
export async function matchingCodeHash(dir: string = MATCHING_DIR): Promise<string> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
  const hash = createHash('sha256');
  for (const file of files) {
    const bytes = await readFile(path.join(dir, file));
    hash.update(`${file}\0${bytes.length}\0`).update(bytes);
  }
  return hash.digest('hex');
}

let modelCodeOfThisProcess: Promise<ModelCode> | undefined;

/**
 * This process's model code, read once: the files as they were when the first model was trained
 * or loaded, so files replaced under a running process do not label its models.
 */
export function currentModelCode(): Promise<ModelCode> {
  modelCodeOfThisProcess ??= (async () => {
    const natural = JSON.parse(await readFile(createRequire(import.meta.url).resolve('natural/package.json'), 'utf8')) as { version: string };
    return {
      snapshotFormat: SNAPSHOT_FORMAT,
      algorithm: ALGORITHM_VERSION,
      config: DEFAULT_CONFIG,
      code: await matchingCodeHash(),
      libraries: { natural: natural.version },
      v8: process.versions.v8,
    };
  })();
  modelCodeOfThisProcess.catch(() => (modelCodeOfThisProcess = undefined));
  return modelCodeOfThisProcess;
}

/** The cache key of a model trained on `data` by `code`. */
export function matcherCacheKey(data: TrainingData, code: ModelCode): string {
  return createHash('sha256').update(JSON.stringify(code)).update('\n').update(JSON.stringify(data)).digest('hex');
}

export class MatcherCache {
  readonly file: string;
  private readonly modelCode: () => Promise<ModelCode>;

  constructor(private readonly options: MatcherCacheOptions) {
    this.file = path.join(options.dir, MATCHER_CACHE_FILE);
    this.modelCode = options.modelCode ?? currentModelCode;
  }

  async keyOf(data: TrainingData): Promise<string> {
    return matcherCacheKey(data, await this.modelCode());
  }

  /** The matcher stored under `key`; null when there is none (another key, no file) or the file cannot be used (logged). */
  async load(key: string): Promise<TrainedMatcher | null> {
    let stored: string;
    try {
      stored = keyInHeader(await readHeader(this.file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        this.options.logger.info({ file: this.file }, 'no cached matcher yet; training');
      } else {
        this.unreadable(error);
      }
      return null;
    }
    if (stored !== key) {
      this.options.logger.info({ file: this.file }, 'cached matcher was trained on other data or code; training');
      return null;
    }
    try {
      const matcher = matcherFromSnapshot(decodeSnapshot(await readFile(this.file)));
      this.options.logger.info({ file: this.file, modelVersion: matcher.version }, 'matcher loaded from cache');
      return matcher;
    } catch (error) {
      this.unreadable(error);
      return null;
    }
  }

  private unreadable(error: unknown): void {
    const problem = (error as NodeJS.ErrnoException).code === undefined && error instanceof Error ? { problem: error.message } : { err: error };
    this.options.logger.warn({ file: this.file, ...problem }, 'matcher cache unreadable; training instead');
  }

  /** Stores `matcher` under `key`, replacing the file atomically; a failure is logged, not thrown. */
  async store(key: string, matcher: TrainedMatcher): Promise<void> {
    const temporary = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await mkdir(this.options.dir, { recursive: true });
      await writeFile(temporary, encode(key, snapshotMatcher(matcher)));
      await rename(temporary, this.file);
      this.options.logger.debug({ file: this.file }, 'matcher cached');
    } catch (error) {
      this.options.logger.warn({ file: this.file, err: error }, 'could not write the matcher cache; the next start trains again');
      await rm(temporary, { force: true }).catch(() => undefined); // nothing to remove where nothing could be written
    }
  }
}

function encode(key: string, snapshot: MatcherSnapshot): Buffer {
  const payload = serialize(snapshot);
  return Buffer.concat([Buffer.from(`${MAGIC}${key}\n${createHash('sha256').update(payload).digest('hex')}\n`), payload]);
}

/** The file's first HEADER_BYTES (fewer when it is shorter). */
async function readHeader(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const header = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await handle.read(header, 0, HEADER_BYTES, 0);
    return header.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function keyInHeader(header: Buffer): string {
  const magic = Buffer.from(MAGIC);
  if (header.length < HEADER_BYTES || !header.subarray(0, magic.length).equals(magic) || header[magic.length + HEX_LINE - 1] !== 0x0a)
    throw new Error('not a matcher cache file of this format');
  return header.subarray(magic.length, magic.length + HEX_LINE - 1).toString('latin1');
}

const platt = z.object({ a: z.number(), b: z.number() });
/**
 * The snapshot as the matcher reads it: the parts matcherFromSnapshot dereferences, checked
 * here (it checks format, algorithm and sizes itself). The config is the one this code wrote (the
 * key covers it), so only its shape at the top is checked.
 */
const snapshotSchema = z.object({
  format: z.number(),
  algorithm: z.string(),
  version: z.string(),
  areas: z.array(z.string()),
  config: z.looseObject({ pipeline: z.looseObject({}), secondView: z.looseObject({ pipeline: z.looseObject({}), weight: z.number() }).nullable() }),
  views: z.array(
    z.object({
      calibration: z.object({ areas: platt, none: platt }),
      space: z.object({
        vocabulary: z.instanceof(Uint8Array),
        ends: z.instanceof(Uint32Array),
        isWord: z.instanceof(Uint8Array),
        idf: z.instanceof(Float64Array),
        options: z.looseObject({}),
      }),
      model: z.object({ outputs: z.number().int().positive(), weights: z.instanceof(Float64Array), bias: z.instanceof(Float64Array) }),
    }),
  ),
  neighbours: z
    .object({
      featureOffsets: z.instanceof(Uint32Array),
      texts: z.instanceof(Uint32Array),
      values: z.instanceof(Float32Array),
      labels: z.instanceof(Float32Array),
      outputs: z.number().int().positive(),
    })
    .nullable(),
});

function decodeSnapshot(bytes: Buffer): MatcherSnapshot {
  const sumAt = Buffer.byteLength(MAGIC) + HEX_LINE;
  const sum = bytes.subarray(sumAt, sumAt + HEX_LINE - 1).toString('latin1');
  const payload = bytes.subarray(HEADER_BYTES);
  if (bytes[HEADER_BYTES - 1] !== 0x0a || createHash('sha256').update(payload).digest('hex') !== sum)
    throw new Error('checksum mismatch (truncated or damaged)');
  const snapshot = snapshotSchema.safeParse(deserialize(payload));
  if (!snapshot.success) {
    const fields = snapshot.error.issues.map((issue) => `snapshot.${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`not a matcher snapshot: ${fields.join('; ')}`);
  }
  // Checked above where the matcher reads it; the config is this code's own (see snapshotSchema).
  return snapshot.data as unknown as MatcherSnapshot;
}

/**
 * `train` behind the cache: a matcher stored for the same key is loaded instead of trained; a
 * matcher trained here is stored for the next start (and for a retrain that finds the same data).
 */
export function withMatcherCache(train: Trainer, cache: MatcherCache): Trainer {
  return async (data) => {
    const key = await cache.keyOf(data);
    const cached = await cache.load(key);
    if (cached) return cached;
    const trained = await train(data);
    await cache.store(key, trained);
    return trained;
  };
}

/** `train` behind the cache in `dir`, as the app trains (start, doctor); `train` itself when the cache is off (null). */
export function cachedTrainer(train: Trainer, dir: string | null, logger: MatcherCacheLogger): Trainer {
  return dir === null ? train : withMatcherCache(train, new MatcherCache({ dir, logger }));
}
