// The app as a real child process (what `npm start` runs), with a clean environment: PATH, HOME and
// the variables under test; every variable the app reads is set explicitly, so a developer's .env
// cannot leak in. Output is collected; waits are event-driven (output, exit) with bounded timeouts.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SIGNING_SECRET } from './slackRequests.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const ENTRY = path.join(ROOT, 'src', 'index.ts');
// tsx by absolute path, so the child can also run from a directory outside the repository.
export const TSX = new URL('../../node_modules/tsx/dist/esm/index.mjs', import.meta.url).href;

/** Every variable src/config.ts reads, unset (dotenv leaves existing keys alone). */
export const ALL_UNSET = {
  SLACK_BOT_TOKEN: '',
  SLACK_SIGNING_SECRET: '',
  SLACK_APP_TOKEN: '',
  PORT: '',
  DATABASE_URL: '',
  SLACK_API_URL: '',
  CHANNELS_FILE: '',
  LOG_LEVEL: '',
  LOCALE: '',
  SUMMARY_CRON: '',
  SUMMARY_TIMEZONE: '',
  MATCHER_CACHE_DIR: '',
};

/**
 * The variables of a child app that takes signed requests over HTTP on `port`, calls the fake Slack
 * at `slackApiUrl`, and keeps its data in `databaseUrl`, its channels in `channelsFile`.
 */
export function httpAppEnv(options: {
  token: string;
  port: number;
  databaseUrl: string;
  slackApiUrl: string;
  channelsFile: string;
  logLevel: string;
  /** Where the app keeps its trained matcher: the test's own folder, never the app's default (.cache in the repository). */
  matcherCacheDir: string;
}): Record<string, string> {
  return {
    MATCHER_CACHE_DIR: options.matcherCacheDir,
    SLACK_BOT_TOKEN: options.token,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    PORT: String(options.port),
    DATABASE_URL: options.databaseUrl,
    SLACK_API_URL: options.slackApiUrl,
    CHANNELS_FILE: options.channelsFile,
    LOG_LEVEL: options.logLevel,
  };
}

/**
 * A child app (`spawnApp`) on `databaseUrl`, with `channelsYaml` as its channels file and its matcher
 * cache in `dir`, started and answering /healthz. Returns its env and port too, so a test can restart
 * it on the same database (the crash scenarios of crash.test.ts, twoInstances.test.ts, faults.bench.ts).
 */
export async function startHttpApp(options: {
  dir: string;
  databaseUrl: string;
  channelsYaml: string;
  token: string;
  slackApiUrl: string;
  /** Default info. */
  logLevel?: string;
}): Promise<{ app: AppProcess; env: Record<string, string>; port: number }> {
  const channelsFile = path.join(options.dir, 'channels.yml');
  writeFileSync(channelsFile, options.channelsYaml);
  const port = await freePort();
  const env = httpAppEnv({
    token: options.token,
    port,
    databaseUrl: options.databaseUrl,
    slackApiUrl: options.slackApiUrl,
    channelsFile,
    logLevel: options.logLevel ?? 'info',
    matcherCacheDir: path.join(options.dir, 'matcher-cache'),
  });
  const app = spawnApp(env);
  await waitHealthy(app, port);
  return { app, env, port };
}

/**
 * `npm start` as an installer runs it (the compiled dist/index.js; npm ci builds it). Built here
 * first when src/ is newer than dist/, so the test never runs yesterday's build.
 */
export function spawnNpmStart(env: Record<string, string>): AppProcess {
  ensureBuilt();
  return spawnWith('npm', ['start', '--silent'], env, ROOT);
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export function ensureBuilt(): void {
  const built = path.join(ROOT, 'dist', 'index.js');
  if (existsSync(built) && statSync(built).mtimeMs >= newestMtime(path.join(ROOT, 'src'))) return;
  const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm run build failed: ${result.stdout}${result.stderr}`);
}

export interface AppProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
  /** Resolves on the next stdout/stderr chunk or on exit. */
  nextOutput: () => Promise<void>;
}

const children = new Set<ChildProcess>();

/** Kills every child still running (afterEach). */
export function killAll(): void {
  for (const child of children) child.kill('SIGKILL');
}

export function spawnApp(env: Record<string, string>, cwd = ROOT): AppProcess {
  return spawnWith(process.execPath, ['--import', TSX, ENTRY], env, cwd);
}

function spawnWith(command: string, args: string[], env: Record<string, string>, cwd: string): AppProcess {
  const child = spawn(command, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...ALL_UNSET, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  let err = '';
  let waiters: (() => void)[] = [];
  const wake = () => {
    const current = waiters;
    waiters = [];
    for (const w of current) w();
  };
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
    wake();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
    wake();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      children.delete(child);
      resolve(code);
      wake();
    }),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    nextOutput: () => (child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
  };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Polls /healthz a bounded number of times until it answers 200. Between failed attempts it waits
 * for the child to say something (it logs "Behovsbryggan is running" once listening) or to exit —
 * no fixed sleeps. Throws if the child exits first or the deadline passes.
 */
export async function waitHealthy(run: AppProcess, port: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let status = 0;
  for (let attempt = 0; attempt < 200 && Date.now() < deadline; attempt++) {
    if (run.child.exitCode !== null) throw new Error(`exited with ${run.child.exitCode}: ${run.stderr()}${run.stdout()}`);
    status = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) })
      .then((res) => res.status)
      .catch(() => 0);
    if (status === 200) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([run.nextOutput(), new Promise((resolve) => (timer = setTimeout(resolve, Math.max(0, deadline - Date.now()))))]);
    clearTimeout(timer);
  }
  throw new Error(`healthz never answered 200 (last ${status}); output: ${run.stdout()}${run.stderr()}`);
}

/** Resolves with the exit code, or 'timeout' after `ms`. */
export async function exitWithin(run: AppProcess, ms: number): Promise<number | null | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([run.exited, new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Waits until `condition` holds, checking it again whenever the child writes a line, whenever
 * `alsoWakeOn` resolves (for work another instance may do instead: it writes nothing to this child's
 * output), and once more at the deadline: event-driven, no fixed sleeps. Throws if the child exits
 * first or time runs out.
 */
export async function untilOnOutput(
  run: AppProcess,
  condition: () => Promise<boolean>,
  what: string,
  timeoutMs = 30_000,
  alsoWakeOn?: () => Promise<unknown>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    if (run.child.exitCode !== null) throw new Error(`the child exited (${run.child.exitCode}) before ${what}: ${run.stderr()}`);
    let timer: NodeJS.Timeout | undefined;
    const wakes = [run.nextOutput(), new Promise((resolve) => (timer = setTimeout(resolve, Math.max(0, deadline - Date.now()))))];
    if (alsoWakeOn) wakes.push(alsoWakeOn());
    await Promise.race(wakes);
    clearTimeout(timer);
  }
  if (await condition()) return;
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
