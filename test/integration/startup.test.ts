// `npm start` as a real child process: bad configuration ends it with exit code 1 and one readable
// line per problem on stderr; good configuration serves /healthz, migrates and seeds the SQLite
// file, and SIGTERM ends it cleanly with exit code 0.
//
// The child runs with a clean environment (PATH, HOME and the variables under test). It runs from
// the repository root, because the migrations folder is resolved against the working directory
// (see the report: defaultMigrationsDir); every variable the app reads is set explicitly (empty
// means unset to parseConfig, and dotenv never overrides a variable that exists), so a developer's
// .env in the repository root cannot leak in.
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exitWithin, freePort, killAll, ROOT, spawnApp as start, spawnNpmStart, untilOnOutput, waitHealthy } from '../support/appProcess.js';
import { FakeSlack } from '../support/fakeSlack.js';
import { tempDir } from '../support/testApp.js';
import { smallShippedPack } from '../support/smallPack.js';

const VALID_SECRET = 'startup-test-signing-secret-0123';

/** Runs the app to its end; fails if it is still running after `timeoutMs`. */
async function runToExit(env: Record<string, string>, timeoutMs = 20_000): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const run = start(env);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still running after ${timeoutMs} ms; stderr: ${run.stderr()}`)), timeoutMs);
  });
  try {
    const code = await Promise.race([run.exited, timeout]);
    return { code, stderr: run.stderr(), stdout: run.stdout() };
  } finally {
    clearTimeout(timer);
  }
}

function expectCleanFailure(stderr: string): string[] {
  const lines = stderr.trimEnd().split('\n');
  expect(lines[0]).toBe('Behovsbryggan cannot start:');
  expect(stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m); // no stack trace
  return lines.slice(1);
}

let dir: string;
let fake: FakeSlack;

beforeAll(async () => {
  fake = await FakeSlack.start();
  dir = tempDir('behovsbryggan-startup-');
});
afterEach(() => killAll());
afterAll(async () => {
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('start-up with bad configuration', () => {
  it('shows the setup help when no Slack credentials are set', async () => {
    const { code, stderr } = await runToExit({});
    expect(code).toBe(1);
    const lines = expectCleanFailure(stderr);
    expect(lines[0]).toBe('  - No Slack credentials are set.');
    expect(stderr).toContain('manifest.yml');
    expect(stderr).toContain('.env');
  });

  it('names a malformed bot token', async () => {
    const { code, stderr } = await runToExit({ SLACK_BOT_TOKEN: 'xoxp-user-token', SLACK_SIGNING_SECRET: VALID_SECRET });
    expect(code).toBe(1);
    expect(expectCleanFailure(stderr)).toEqual(['  - SLACK_BOT_TOKEN must be a bot token starting with xoxb-']);
  });

  it('asks for the signing secret in HTTP mode', async () => {
    const { code, stderr } = await runToExit({ SLACK_BOT_TOKEN: 'xoxb-1-2-abc' });
    expect(code).toBe(1);
    const lines = expectCleanFailure(stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^ {2}- SLACK_SIGNING_SECRET is missing: HTTP mode needs it/);
  });

  it('names the channels file and the bad area, before touching the database', async () => {
    const channelsFile = path.join(dir, 'bad-channels.yml');
    writeFileSync(channelsFile, 'intake: C0INTAKE\nteams:\n  - channel: C0SPACE\n    areas: [rymdteknik]\n');
    const dbFile = path.join(dir, 'never-created.db');
    const { code, stderr } = await runToExit({
      SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
      SLACK_SIGNING_SECRET: VALID_SECRET,
      CHANNELS_FILE: channelsFile,
      DATABASE_URL: `file:${dbFile}`,
      SLACK_API_URL: fake.url,
    });
    expect(code).toBe(1);
    const lines = expectCleanFailure(stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^ {2}- ${channelsFile.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: teams\\.0\\.areas `));
    expect(existsSync(dbFile)).toBe(false);
  });

  it('says how to create a channels file that does not exist', async () => {
    const missing = path.join(dir, 'no-such-channels.yml');
    const { code, stderr } = await runToExit({
      SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
      SLACK_SIGNING_SECRET: VALID_SECRET,
      CHANNELS_FILE: missing,
      DATABASE_URL: `file:${path.join(dir, 'never-created-either.db')}`,
      SLACK_API_URL: fake.url,
    });
    expect(code).toBe(1);
    expect(expectCleanFailure(stderr)).toEqual([
      `  - Channels file ${missing} cannot be read: copy channels.example.yml to ${missing} (or set CHANNELS_FILE) and fill in your channel ids`,
    ]);
  });
});

describe('start-up that Slack refuses or cannot be reached for', () => {
  const channelsFile = () => {
    const file = path.join(dir, 'one-channel.yml');
    writeFileSync(file, 'intake: C0INTAKE\n');
    return file;
  };

  it('refuses the .env.example placeholders before any call to Slack', async () => {
    fake.reset();
    const { code, stderr } = await runToExit({
      SLACK_BOT_TOKEN: 'xoxb-your-bot-token',
      SLACK_APP_TOKEN: 'xapp-your-app-token',
      SLACK_API_URL: fake.url,
      CHANNELS_FILE: channelsFile(),
      DATABASE_URL: `file:${path.join(dir, 'placeholder.db')}`,
    });
    expect(code).toBe(1);
    expect(expectCleanFailure(stderr)).toEqual([
      '  - SLACK_BOT_TOKEN is still the example value from .env.example: paste the Bot User OAuth Token (xoxb-…) from OAuth & Permissions',
      '  - SLACK_APP_TOKEN is still the example value from .env.example: create an app-level token with connections:write (Basic Information → App-Level Tokens), or remove the line for HTTP mode',
    ]);
    expect(fake.calls).toHaveLength(0);
  });

  it('says in one line that a revoked token was refused', async () => {
    fake.reset();
    fake.failNext('auth.test', { slackError: 'token_revoked' });
    const { code, stderr } = await runToExit({
      SLACK_BOT_TOKEN: 'xoxb-1-2-revoked',
      SLACK_SIGNING_SECRET: VALID_SECRET,
      SLACK_API_URL: fake.url,
      CHANNELS_FILE: channelsFile(),
      DATABASE_URL: `file:${path.join(dir, 'revoked.db')}`,
    });
    expect(code).toBe(1);
    expect(expectCleanFailure(stderr)).toEqual([
      '  - Slack refused SLACK_BOT_TOKEN (token_revoked): copy the Bot User OAuth Token (xoxb-…) again from OAuth & Permissions, and reinstall the app if it was removed',
    ]);
  });

  it.each([
    [
      'a name that does not resolve',
      () => Promise.resolve('http://no-such-host.invalid/api/'),
      /^ {2}- Slack cannot be reached at http:\/\/no-such-host\.invalid\/api\/ \((ENOTFOUND|EAI_AGAIN)\): check the network/,
    ],
    [
      'a port nobody listens on',
      async () => `http://127.0.0.1:${await freePort()}/api/`,
      /^ {2}- Slack cannot be reached at http:\/\/127\.0\.0\.1:\d+\/api\/ \(ECONNREFUSED\): check the network/,
    ],
  ])('says in one line that Slack cannot be reached (%s)', async (_what, url, line) => {
    const apiUrl = await url();
    const { code, stderr } = await runToExit({
      SLACK_BOT_TOKEN: 'xoxb-1-2-fine',
      SLACK_SIGNING_SECRET: VALID_SECRET,
      SLACK_API_URL: apiUrl,
      CHANNELS_FILE: channelsFile(),
      DATABASE_URL: `file:${path.join(dir, 'unreachable.db')}`,
    });
    expect(code).toBe(1);
    const lines = expectCleanFailure(stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(line);
  });
});

describe('start-up with good configuration', () => {
  it('serves /healthz, migrates and seeds the database, calls the configured Slack API and stops on SIGTERM', async () => {
    const channelsFile = path.join(dir, 'channels.yml');
    writeFileSync(channelsFile, 'intake: C0INTAKE\nteams:\n  - channel: C0REGION\n    areas: all\n');
    const dbFile = path.join(dir, 'app.db');
    const port = await freePort();
    fake.reset();
    const run = start({
      SLACK_BOT_TOKEN: 'xoxb-startup-test',
      SLACK_SIGNING_SECRET: VALID_SECRET,
      PORT: String(port),
      DATABASE_URL: `file:${dbFile}`,
      SLACK_API_URL: fake.url,
      CHANNELS_FILE: channelsFile,
      LOG_LEVEL: 'info',
      MATCHER_CACHE_DIR: path.join(dir, 'app-matcher-cache'), // never the repository's .cache
    });

    await waitHealthy(run, port);
    expect(run.stdout()).toContain('Behovsbryggan is running');
    // Bolt verifies the bot token at start, through SLACK_API_URL.
    await fake.waitFor((calls) => calls.some((c) => c.method === 'auth.test'), 'auth.test');
    expect(fake.callsOf('auth.test')[0]!.token).toBe('xoxb-startup-test');

    expect(run.child.kill('SIGTERM')).toBe(true);
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      run.exited,
      new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), 10_000);
      }),
    ]);
    clearTimeout(timer);
    expect(code).toBe(0);
    expect(run.stdout()).toContain('shutting down');
    expect(run.stderr()).toBe('');

    expect(existsSync(dbFile)).toBe(true);
    const db = new Database(dbFile, { readonly: true });
    try {
      const migrationFolders = readdirSync(path.join(ROOT, 'prisma', 'migrations'), { withFileTypes: true }).filter((e) => e.isDirectory());
      const applied = db.prepare('SELECT migration_name, finished_at FROM _prisma_migrations').all() as {
        migration_name: string;
        finished_at: string | null;
      }[];
      expect(applied.map((m) => m.migration_name).sort()).toEqual(migrationFolders.map((e) => e.name).sort());
      expect(applied.every((m) => m.finished_at !== null)).toBe(true);
      expect((db.prepare('SELECT COUNT(*) AS n FROM Municipality').get() as { n: number }).n).toBe(13);
      expect((db.prepare('SELECT COUNT(*) AS n FROM StrengthArea').get() as { n: number }).n).toBe(5);
      expect((db.prepare("SELECT COUNT(*) AS n FROM Municipality WHERE name = 'Kinda'").get() as { n: number }).n).toBe(1);
    } finally {
      db.close();
    }
  }, 180_000);

  it('runs the build with npm start, and shuts down when the npm process gets SIGTERM (as npm as PID 1 does in a container)', async () => {
    const channelsFile = path.join(dir, 'npm-channels.yml');
    writeFileSync(channelsFile, 'intake: C0INTAKE\n');
    const port = await freePort();
    const run = spawnNpmStart({
      SLACK_BOT_TOKEN: 'xoxb-npm-start',
      SLACK_SIGNING_SECRET: VALID_SECRET,
      PORT: String(port),
      DATABASE_URL: `file:${path.join(dir, 'npm.db')}`,
      SLACK_API_URL: fake.url,
      CHANNELS_FILE: channelsFile,
      LOG_LEVEL: 'info',
      MATCHER_CACHE_DIR: path.join(dir, 'npm-matcher-cache'),
    });
    await waitHealthy(run, port);
    expect(run.child.kill('SIGTERM')).toBe(true); // to npm, not to the app
    expect(await exitWithin(run, 15_000)).toBe(0);
    expect(run.stdout()).toContain('"msg":"shutting down"');
    // The app's process is gone with it: nobody answers on the port any more.
    const answer = await fetch(`http://127.0.0.1:${port}/healthz`)
      .then((r) => r.status)
      .catch(() => 'refused');
    expect(answer).toBe('refused');
  }, 180_000);

  it('keeps the trained matcher in MATCHER_CACHE_DIR: a restart with the same data loads it instead of training, a damaged file is trained over', async () => {
    const cacheDir = path.join(dir, 'matcher-cache');
    const channelsFile = path.join(dir, 'cache-channels.yml');
    writeFileSync(channelsFile, 'intake: C0INTAKE\n');
    /** One start to healthy and a clean stop; its log lines. */
    const startAndStop = async (): Promise<{ msg: string; modelVersion?: string }[]> => {
      const port = await freePort();
      const run = start({
        SLACK_BOT_TOKEN: 'xoxb-startup-test',
        SLACK_SIGNING_SECRET: VALID_SECRET,
        PORT: String(port),
        DATABASE_URL: `file:${path.join(dir, 'cache.db')}`,
        SLACK_API_URL: fake.url,
        CHANNELS_FILE: channelsFile,
        LOG_LEVEL: 'info',
        MATCHER_CACHE_DIR: cacheDir,
        // A tenth of the shipped pack: the same model's shape, trained in a second, twice in this test.
        REGION_PACK: smallShippedPack(),
      });
      await waitHealthy(run, port);
      expect(run.child.kill('SIGTERM')).toBe(true);
      expect(await exitWithin(run, 15_000)).toBe(0);
      expect(run.stderr()).toBe('');
      return run
        .stdout()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { msg: string; modelVersion?: string });
    };
    const versionOf = (lines: { msg: string; modelVersion?: string }[]) => lines.find((l) => l.msg === 'matcher ready')?.modelVersion;

    const first = await startAndStop();
    expect(first.map((l) => l.msg)).toContain('no cached matcher yet; training');
    const cacheFile = path.join(cacheDir, 'matcher.snapshot');
    expect(existsSync(cacheFile)).toBe(true);

    const second = await startAndStop();
    expect(second.map((l) => l.msg)).toContain('matcher loaded from cache');
    expect(second.map((l) => l.msg).filter((m) => m.includes('training'))).toEqual([]);
    expect(versionOf(second)).toBe(versionOf(first));

    writeFileSync(cacheFile, 'damaged');
    const third = await startAndStop();
    expect(third.map((l) => l.msg)).toContain('matcher cache unreadable; training instead');
    expect(versionOf(third)).toBe(versionOf(first));
  }, 180_000);

  it('puts off what can wait: the libraries of exports, imports and charts are loaded when used, the similar-needs index is built once the app listens', async () => {
    // A resolve hook in the child reports every package our modules import, on stderr.
    const hook = `export async function resolve(specifier, context, next) {
      const result = await next(specifier, context);
      if (/^(@[^/.][^/]*\\/)?[^./@:][^:]*$/.test(specifier) && context.parentURL?.includes('/src/')) process.stderr.write('[package] ' + specifier + '\\n');
      return result;
    }`;
    const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});`;
    const channelsFile = path.join(dir, 'modules-channels.yml');
    writeFileSync(channelsFile, 'intake: C0INTAKE\nteams:\n  - channel: C0REGION\n    areas: all\n');
    const port = await freePort();
    const run = start({
      NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent(register)}`,
      SLACK_BOT_TOKEN: 'xoxb-startup-test',
      SLACK_SIGNING_SECRET: VALID_SECRET,
      PORT: String(port),
      DATABASE_URL: `file:${path.join(dir, 'modules.db')}`,
      SLACK_API_URL: fake.url,
      CHANNELS_FILE: channelsFile,
      LOG_LEVEL: 'debug', // the similar-needs index logs when it starts building at debug
      MATCHER_CACHE_DIR: path.join(dir, 'modules-cache'),
    });
    await waitHealthy(run, port);
    await untilOnOutput(run, () => Promise.resolve(run.stdout().includes('similar-needs index built')), 'the similar-needs index');
    const messages = run
      .stdout()
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages.indexOf('Behovsbryggan is running')).toBeGreaterThanOrEqual(0);
    expect(messages.indexOf('building the similar-needs index')).toBeGreaterThan(messages.indexOf('Behovsbryggan is running'));
    expect(run.child.kill('SIGTERM')).toBe(true);
    expect(await exitWithin(run, 15_000)).toBe(0);
    const packages = new Set([...run.stderr().matchAll(/^\[package\] (.+)$/gm)].map((m) => m[1]));
    expect(packages).toContain('@slack/bolt'); // the hook saw the start's imports
    for (const later of ['exceljs', 'csv-parse', 'csv-stringify', 'vega', 'vega-lite', '@resvg/resvg-js', 'cli-progress'])
      expect(packages).not.toContain(later);
  }, 180_000);

  it('starts from a working directory outside the repository: its database and channels file there, its migrations and region pack its own', async () => {
    const elsewhere = tempDir('behovsbryggan-cwd-');
    try {
      writeFileSync(path.join(elsewhere, 'channels.yml'), 'intake: C0ELSEWHERE\n');
      const port = await freePort();
      fake.reset();
      const run = start(
        {
          SLACK_BOT_TOKEN: 'xoxb-startup-test',
          SLACK_SIGNING_SECRET: VALID_SECRET,
          PORT: String(port),
          DATABASE_URL: 'file:./app.db',
          SLACK_API_URL: fake.url,
          LOG_LEVEL: 'info', // waitHealthy wakes on output: the app logs once it listens
        },
        elsewhere,
      );
      await waitHealthy(run, port);
      // The channels file is the one in the working directory (the default CHANNELS_FILE, ./channels.yml).
      expect(fake.callsOf('conversations.info').map((c) => c.args.channel)).toContain('C0ELSEWHERE');
      expect(run.child.kill('SIGTERM')).toBe(true);
      expect(await exitWithin(run, 15_000)).toBe(0);
      expect(run.stderr()).toBe('');
      // The relative DATABASE_URL is relative to the working directory, not to the repository…
      expect(existsSync(path.join(ROOT, 'app.db'))).toBe(false);
      const db = new Database(path.join(elsewhere, 'app.db'), { readonly: true });
      try {
        // …and the migrations and the region pack are the repository's: every migration applied, the pack seeded.
        const migrationFolders = readdirSync(path.join(ROOT, 'prisma', 'migrations'), { withFileTypes: true }).filter((e) => e.isDirectory());
        const applied = db.prepare('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL').all() as { migration_name: string }[];
        expect(applied.map((m) => m.migration_name).sort()).toEqual(migrationFolders.map((e) => e.name).sort());
        expect((db.prepare('SELECT COUNT(*) AS n FROM Municipality').get() as { n: number }).n).toBe(13);
        expect((db.prepare('SELECT COUNT(*) AS n FROM StrengthArea').get() as { n: number }).n).toBe(5);
      } finally {
        db.close();
      }
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  }, 180_000);
});
