// Starts the real app in HTTP mode on a free loopback port (or, with `socketMode`, in Socket Mode:
// the FakeSlack's apps.connections.open must then hand out a FakeSocketMode url), with a real
// SQLite file in a temp directory (or the database at `databaseUrl`, e.g. a throwaway PostgreSQL
// database) and the Web API pointed at a FakeSlack.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { ChannelsConfig, ChannelsFile } from '../../src/channels/channelsConfig.js';
import { parseConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import type { PacingPolicy } from '../../src/platform/outbox/outboxWorker.js';
import { type RunningServer, startServer } from '../../src/server.js';
import { slackPacing } from '../../src/platform/slack/pacing.js';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { FakeSlack } from './fakeSlack.js';
import { SIGNING_SECRET } from './slackRequests.js';
import { SHIPPED_SLUGS } from './shippedMatcher.js';
import { seededSqliteFile, trainOnce } from './templates.js';

/** The test channels, bound to the shipped pack's areas (start apps with it, or hand it to domain code). */
export const TEST_CHANNELS: ChannelsConfig = {
  intake: 'C0INTAKE',
  teams: [
    { channel: 'C0VISUAL', areas: ['visualisering'], weeklySummary: true },
    { channel: 'C0IOT', areas: ['uppkopplade'], weeklySummary: true },
    { channel: 'C0GREEN', areas: ['miljonytta'], weeklySummary: false },
    { channel: 'C0LOGIST', areas: ['logistik'], weeklySummary: true },
    { channel: 'C0MATER', areas: ['material'], weeklySummary: false },
    { channel: 'C0REGION', areas: 'all', weeklySummary: true },
  ],
  areas: [...SHIPPED_SLUGS],
};

export const TEST_APP_TOKEN = 'xapp-1-A0APP-1-test-app-token';

/** How much faster than Slack's rates test apps post by default (see TestAppOptions.pacing). */
export const PACING_SPEEDUP = 50;

/** Slack's pacing with every interval PACING_SPEEDUP times shorter. */
const fastPacing: PacingPolicy = (row) => slackPacing(row).map((bucket) => ({ ...bucket, intervalMs: bucket.intervalMs / PACING_SPEEDUP }));

export interface TestApp {
  server: RunningServer;
  /** The HTTP base URL; empty in Socket Mode (no HTTP server). */
  baseUrl: string;
  databaseUrl: string;
  dir: string;
  stop(options?: { keepFiles?: boolean }): Promise<void>;
}

export function tempDir(prefix = 'behovsbryggan-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export interface TestAppOptions {
  dir?: string;
  /** Defaults to a SQLite file in `dir`; the caller owns any other database (and drops it). */
  databaseUrl?: string;
  /** The channels file the app is given (it binds it to the region pack, as it does the file). */
  channels?: ChannelsFile;
  baseDelayMs?: number;
  /** Cap of the outbox's backoff after 5xx (the app's default is 30 s). */
  maxDelayMs?: number;
  /** The outbox's clock (retries, Retry-After, pacing); the real one by default. */
  outboxNow?: () => Date;
  /**
   * How fast the outbox may post: by default Slack's pacing (slack/pacing.ts: the same lanes,
   * buckets and bursts) at PACING_SPEEDUP times the rate, so a test does not wait a second for
   * the third post in a channel; 'slack' is the app's own rate, for tests about the rate itself.
   */
  pacing?: 'fast' | 'slack';
  retrainDebounceMs?: number;
  /** Socket Mode (SLACK_APP_TOKEN set, no signing secret) instead of HTTP. */
  socketMode?: boolean;
  /** The app's quiet period before background work (its default: 100 ms). */
  quietMs?: number;
  /** Socket Mode: how long to wait for hello (the app's default: 10 s). */
  socketHelloTimeoutMs?: number;
  /** Collects the app's log lines (JSON objects) at `logLevel` (default info) instead of discarding them. */
  logs?: Record<string, unknown>[];
  logLevel?: 'debug' | 'info' | 'warn';
  /** Where the app keeps its trained matcher between starts; by default none (MATCHER_CACHE_DIR=off), and trainOnce trains once per run anyway. */
  matcherCacheDir?: string;
}

export async function startTestApp(fake: FakeSlack, options: TestAppOptions = {}): Promise<TestApp> {
  const dir = options.dir ?? tempDir();
  const file = path.join(dir, 'test.db');
  const databaseUrl = options.databaseUrl ?? `file:${file}`;
  // A new SQLite file starts as the app's first start would leave it (migrated, seeded): a copy of
  // the template, so this start, like any restart, finds nothing to migrate or seed.
  if (!options.databaseUrl && !existsSync(file)) await seededSqliteFile(file);
  const config = parseConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    ...(options.socketMode ? { SLACK_APP_TOKEN: TEST_APP_TOKEN } : { SLACK_SIGNING_SECRET: SIGNING_SECRET }),
    PORT: '0',
    DATABASE_URL: databaseUrl,
    SLACK_API_URL: fake.url,
    LOG_LEVEL: 'silent',
    MATCHER_CACHE_DIR: options.matcherCacheDir ?? 'off',
  });
  const authTestsBefore = fake.callsOf('auth.test').length;
  const server = await startServer(config, {
    logger: options.logs
      ? createLogger(options.logLevel ?? 'info', collectLines(options.logs))
      : createLogger(process.env.TEST_LOG_LEVEL === 'debug' ? 'debug' : 'silent'),
    ...(options.socketHelloTimeoutMs ? { socketHelloTimeoutMs: options.socketHelloTimeoutMs } : {}),
    channels: options.channels ?? TEST_CHANNELS,
    outbox: {
      pollIntervalMs: 60_000,
      baseDelayMs: options.baseDelayMs ?? 20,
      ...(options.maxDelayMs ? { maxDelayMs: options.maxDelayMs } : {}),
      ...(options.outboxNow ? { now: options.outboxNow } : {}),
      ...(options.pacing === 'slack' ? {} : { pacing: fastPacing }),
    },
    retrainDebounceMs: options.retrainDebounceMs ?? 60_000,
    // Background work still waits for acks, but not for 100 ms of silence after each request.
    quietMs: options.quietMs ?? 5,
    trainMatcher: trainOnce,
  });
  // Two auth.test calls: the start-up check's, and the one Bolt's App makes when it is built. Nobody
  // awaits Bolt's until a request comes in, so a test that ends at once could leave it in flight
  // when the fake Slack stops, and its failure would surface as an unhandled rejection in a later
  // test file (test files share a process). The app is ready once Slack has answered it.
  await fake.waitForCalls('auth.test', authTestsBefore + 2);
  return {
    server,
    baseUrl: server.port === null ? '' : `http://127.0.0.1:${server.port}`,
    databaseUrl,
    dir,
    stop: async ({ keepFiles = false } = {}) => {
      await server.stop();
      if (!keepFiles) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A stream that parses each JSON log line into `into`. */
function collectLines(into: Record<string, unknown>[]): NodeJS.WritableStream {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) into.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
}

export interface PerTestApp {
  fake: FakeSlack;
  /** A fresh app with its own SQLite file for each test; a test may replace it (restart). */
  app: TestApp;
}

/** One FakeSlack for the file, a fresh app per test, everything stopped afterwards. */
export function useAppPerTest(options: TestAppOptions = {}): PerTestApp {
  const ctx = {} as PerTestApp;
  beforeAll(async () => {
    ctx.fake = await FakeSlack.start();
  });
  afterAll(async () => {
    await ctx.fake.stop();
  });
  beforeEach(async () => {
    ctx.fake.reset();
    ctx.app = await startTestApp(ctx.fake, options);
  });
  afterEach(async () => {
    await ctx.app.stop();
  });
  return ctx;
}
