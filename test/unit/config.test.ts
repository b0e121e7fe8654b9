import { afterEach, describe, expect, it, vi } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfigWithoutSlack, loadLocaleOrDefault, loadShadowDatabaseUrl, parseConfig } from '../../src/config.js';
import { DEFAULT_REGION_PACK } from '../../src/region/regionPack.js';

/** The English test pack (language en, time zone Europe/London). */
const ENGLISH_PACK = fileURLToPath(new URL('../fixtures/regions/english', import.meta.url));

const HTTP = { SLACK_BOT_TOKEN: 'xoxb-123-456-abc', SLACK_SIGNING_SECRET: 'abcdef0123456789abcdef0123456789' };

/** The problem lines parseConfig reports for an env (fails the test if it parses). */
function problems(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be rejected`);
}

describe('parseConfig', () => {
  it('reads a valid HTTP-mode config with defaults', () => {
    const config = parseConfig(HTTP);
    expect(config.slack).toEqual({
      botToken: HTTP.SLACK_BOT_TOKEN,
      signingSecret: HTTP.SLACK_SIGNING_SECRET,
      appToken: undefined,
      apiUrl: 'https://slack.com/api/',
      mode: 'http',
    });
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBe('file:./behovsbryggan.db');
    expect(config.channelsFile).toBe('channels.yml');
    expect(config.regionPack).toBe(DEFAULT_REGION_PACK);
    expect(config.logLevel).toBe('info');
    expect(config.locale).toBe('sv');
    expect(config.summary).toEqual({ cron: '0 8 * * 1', timezone: 'Europe/Stockholm' });
    expect(config.retentionMonths).toBe(36);
    expect(config.matcherCacheDir).toBe(path.resolve('.cache'));
  });

  it('takes LOCALE and SUMMARY_TIMEZONE from the region pack unless they are set', () => {
    const english = parseConfig({ ...HTTP, REGION_PACK: ENGLISH_PACK });
    expect(english.regionPack).toBe(ENGLISH_PACK);
    expect(english.locale).toBe('en');
    expect(english.summary.timezone).toBe('Europe/London');
    const overridden = parseConfig({ ...HTTP, REGION_PACK: ENGLISH_PACK, LOCALE: 'sv', SUMMARY_TIMEZONE: 'Europe/Stockholm' });
    expect(overridden.locale).toBe('sv');
    expect(overridden.summary.timezone).toBe('Europe/Stockholm');
  });

  it('resolves a relative REGION_PACK against the working directory', () => {
    expect(parseConfig({ ...HTTP, REGION_PACK: 'regions/jonkoping' }).regionPack).toBe(path.resolve('regions/jonkoping'));
  });

  it('reads RETENTION_MONTHS and refuses what is no whole number of months', () => {
    expect(parseConfig({ ...HTTP, RETENTION_MONTHS: '24' }).retentionMonths).toBe(24);
    expect(problems({ ...HTTP, RETENTION_MONTHS: 'tre år' })).toEqual(['RETENTION_MONTHS must be a number of months']);
    expect(problems({ ...HTTP, RETENTION_MONTHS: '0' })).toEqual(['RETENTION_MONTHS must be at least 1']);
  });

  it('reads MATCHER_CACHE_DIR as an absolute folder, or off; refuses a file', () => {
    expect(parseConfig({ ...HTTP, MATCHER_CACHE_DIR: 'var/cache/bb' }).matcherCacheDir).toBe(path.resolve('var/cache/bb'));
    expect(parseConfig({ ...HTTP, MATCHER_CACHE_DIR: '/tmp' }).matcherCacheDir).toBe('/tmp');
    expect(parseConfig({ ...HTTP, MATCHER_CACHE_DIR: 'off' }).matcherCacheDir).toBeNull();
    expect(problems({ ...HTTP, MATCHER_CACHE_DIR: fileURLToPath(import.meta.url) })).toEqual([
      'MATCHER_CACHE_DIR must be a folder (created when missing), or off',
    ]);
  });

  it('reads explicit values, adds the trailing slash to SLACK_API_URL and treats empty strings as unset', () => {
    const config = parseConfig({
      ...HTTP,
      PORT: '8080',
      DATABASE_URL: 'file:/var/lib/bb.db',
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
      LOG_LEVEL: 'debug',
      LOCALE: 'en',
      SUMMARY_TIMEZONE: 'UTC',
      CHANNELS_FILE: '',
    });
    expect(config.port).toBe(8080);
    expect(config.databaseUrl).toBe('file:/var/lib/bb.db');
    expect(config.slack.apiUrl).toBe('http://127.0.0.1:9999/api/');
    expect(config.logLevel).toBe('debug');
    expect(config.locale).toBe('en');
    expect(config.summary.timezone).toBe('UTC');
    expect(config.channelsFile).toBe('channels.yml');
  });

  it.each(['postgresql://postgres@127.0.0.1:5432/behovsbryggan', 'postgres://bb:secret@db.example:5432/bb?sslmode=require'])(
    'accepts the PostgreSQL DATABASE_URL %s',
    (url) => {
      expect(parseConfig({ ...HTTP, DATABASE_URL: url }).databaseUrl).toBe(url);
    },
  );

  it('chooses Socket Mode when SLACK_APP_TOKEN is set, without needing a signing secret', () => {
    const config = parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2-3', SLACK_APP_TOKEN: 'xapp-1-A0-123-abc' });
    expect(config.slack.mode).toBe('socket');
    expect(config.slack.appToken).toBe('xapp-1-A0-123-abc');
    expect(config.slack.signingSecret).toBeUndefined();
  });

  it.each([
    ['a malformed bot token', { SLACK_BOT_TOKEN: 'xoxp-user-token' }, /^SLACK_BOT_TOKEN must be a bot token starting with xoxb-$/],
    ['a malformed app token', { SLACK_APP_TOKEN: 'xoxb-not-an-app-token' }, /^SLACK_APP_TOKEN must be an app-level token starting with xapp-$/],
    ['PORT=abc', { PORT: 'abc' }, /^PORT must be a number$/],
    ['PORT=3.5', { PORT: '3.5' }, /^PORT must be a whole number$/],
    ['PORT=70000', { PORT: '70000' }, /^PORT must be 0–65535$/],
    [
      'a MySQL DATABASE_URL',
      { DATABASE_URL: 'mysql://root@localhost/bb' },
      /^DATABASE_URL must be a SQLite file URL \(file:\.\/behovsbryggan\.db\) or a PostgreSQL URL \(postgresql:\/\/…\)$/,
    ],
    ['LOG_LEVEL=loud', { LOG_LEVEL: 'loud' }, /^LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent$/],
    ['SUMMARY_TIMEZONE=Mars/Base', { SUMMARY_TIMEZONE: 'Mars/Base' }, /^SUMMARY_TIMEZONE must be an IANA timezone/],
    ['a malformed SUMMARY_CRON', { SUMMARY_CRON: 'every monday' }, /^SUMMARY_CRON must be a cron expression/],
    ['LOCALE=de', { LOCALE: 'de' }, /^LOCALE must be sv or en$/],
    ['a malformed SLACK_API_URL', { SLACK_API_URL: 'not a url' }, /^SLACK_API_URL must be a URL/],
  ])('reports %s on its own line', (_name, override, line) => {
    const lines = problems({ ...HTTP, ...override });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(line);
  });

  it('asks for the signing secret in HTTP mode', () => {
    const lines = problems({ SLACK_BOT_TOKEN: 'xoxb-1-2-3' });
    expect(lines).toEqual([expect.stringMatching(/^SLACK_SIGNING_SECRET is missing: HTTP mode needs it .*SLACK_APP_TOKEN for Socket Mode$/)]);
  });

  it('asks for the bot token when only an app token is set', () => {
    expect(problems({ SLACK_APP_TOKEN: 'xapp-1-A0-123-abc' })).toEqual([expect.stringMatching(/^SLACK_BOT_TOKEN is missing/)]);
  });

  it('lists every problem at once, one line each', () => {
    const lines = problems({
      SLACK_BOT_TOKEN: 'bad',
      SLACK_SIGNING_SECRET: 'abcdef0123456789',
      PORT: 'abc',
      DATABASE_URL: 'mysql://x',
      LOG_LEVEL: 'loud',
      SUMMARY_TIMEZONE: 'Mars/Base',
    });
    expect(lines).toHaveLength(5);
    for (const name of ['SLACK_BOT_TOKEN', 'PORT', 'DATABASE_URL', 'LOG_LEVEL', 'SUMMARY_TIMEZONE']) {
      expect(lines.filter((l) => l.startsWith(name))).toHaveLength(1);
    }
    for (const line of lines) expect(line).not.toMatch(/\n|at .*\.ts:\d+/);
  });

  it('reports a bad bot token and a missing signing secret together', () => {
    const lines = problems({ SLACK_BOT_TOKEN: 'bad' });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^SLACK_BOT_TOKEN/);
    expect(lines[1]).toMatch(/^SLACK_SIGNING_SECRET is missing/);
  });

  it.each([
    ['an empty environment', {}],
    ['only unrelated and blank variables', { PORT: '3000', SLACK_BOT_TOKEN: '  ', SLACK_SIGNING_SECRET: '' }],
  ])('shows the setup help for %s', (_name, env) => {
    const lines = problems(env);
    expect(lines[0]).toBe('No Slack credentials are set.');
    const help = lines.join('\n');
    expect(help).toContain('manifest.yml');
    expect(help).toContain('.env');
    expect(help).toMatch(/xoxb-/);
    expect(help).toMatch(/xapp-/);
    expect(help).toContain('SLACK_SIGNING_SECRET');
  });
});

describe('what operator commands read of the environment', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('gives doctor Swedish unless LOCALE says en, even when LOCALE is broken', () => {
    vi.stubEnv('LOCALE', 'en');
    expect(loadLocaleOrDefault()).toBe('en');
    vi.stubEnv('LOCALE', 'fr');
    expect(loadLocaleOrDefault()).toBe('sv');
    vi.stubEnv('LOCALE', '');
    expect(loadLocaleOrDefault()).toBe('sv');
  });

  it('takes SHADOW_DATABASE_URL for migrations, else a PostgreSQL DATABASE_URL, never a SQLite one', () => {
    vi.stubEnv('SHADOW_DATABASE_URL', 'postgresql://shadow@127.0.0.1/x');
    vi.stubEnv('DATABASE_URL', 'postgresql://main@127.0.0.1/y');
    expect(loadShadowDatabaseUrl()).toBe('postgresql://shadow@127.0.0.1/x');
    vi.stubEnv('SHADOW_DATABASE_URL', '');
    expect(loadShadowDatabaseUrl()).toBe('postgresql://main@127.0.0.1/y');
    vi.stubEnv('DATABASE_URL', 'file:./behovsbryggan.db');
    expect(loadShadowDatabaseUrl()).toBeUndefined();
  });

  it('looks without Slack credentials for a dry run, and keeps real ones when they are there', () => {
    vi.stubEnv('SLACK_BOT_TOKEN', '');
    vi.stubEnv('SLACK_APP_TOKEN', '');
    vi.stubEnv('SLACK_SIGNING_SECRET', '');
    expect(loadConfigWithoutSlack().slack.botToken).toBe('xoxb-dry-run');
    vi.stubEnv('SLACK_BOT_TOKEN', 'xoxb-1234567890-real');
    vi.stubEnv('SLACK_SIGNING_SECRET', 'a'.repeat(32));
    expect(loadConfigWithoutSlack().slack.botToken).toBe('xoxb-1234567890-real');
  });
});
