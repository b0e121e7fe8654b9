// The one place the environment is read: dotenv + a zod schema. A bad value ends start-up
// with one line per problem (never a stack trace), see formatConfigErrors.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { DEFAULT_REGION_PACK } from './region/regionPack.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** DATABASE_URL on its own: operator commands that only touch the database read just this. */
export const databaseUrlSchema = z
  .string()
  .regex(/^(file:.+|postgres(ql)?:\/\/.+)/, 'DATABASE_URL must be a SQLite file URL (file:./behovsbryggan.db) or a PostgreSQL URL (postgresql://…)')
  .default('file:./behovsbryggan.db');

/** RETENTION_MONTHS: months after a need was resolved or withdrawn that its municipal contact is kept. */
export const retentionMonthsSchema = z.coerce
  .number({ error: 'RETENTION_MONTHS must be a number of months' })
  .int('RETENTION_MONTHS must be a whole number of months')
  .min(1, 'RETENTION_MONTHS must be at least 1')
  .max(1200, 'RETENTION_MONTHS must be at most 1200')
  .default(36);

/** LOCALE on its own, for operator commands. */
export const localeSchema = z.enum(['sv', 'en'], { error: 'LOCALE must be sv or en' }).default('sv');

/** The example values of .env.example ("xoxb-your-bot-token"): refused before any call to Slack. */
const isPlaceholder = (value: string) => /your[-_ ]/i.test(value) || /^(xoxb-|xapp-)?(x+|\.\.\.|changeme|todo)$/i.test(value);

const envSchema = z
  .object({
    SLACK_BOT_TOKEN: z
      .string({ error: 'SLACK_BOT_TOKEN is missing: the bot token (xoxb-…) from OAuth & Permissions' })
      .regex(/^xoxb-\S+$/, 'SLACK_BOT_TOKEN must be a bot token starting with xoxb-')
      .refine((v) => !isPlaceholder(v), {
        error: 'SLACK_BOT_TOKEN is still the example value from .env.example: paste the Bot User OAuth Token (xoxb-…) from OAuth & Permissions',
      }),
    SLACK_SIGNING_SECRET: z
      .string()
      .regex(/^\S{8,}$/, 'SLACK_SIGNING_SECRET looks malformed')
      .refine((v) => !isPlaceholder(v), { error: 'SLACK_SIGNING_SECRET is still the example value: copy the Signing Secret from Basic Information' })
      .optional(),
    SLACK_APP_TOKEN: z
      .string()
      .regex(/^xapp-\S+$/, 'SLACK_APP_TOKEN must be an app-level token starting with xapp-')
      .refine((v) => !isPlaceholder(v), {
        error:
          'SLACK_APP_TOKEN is still the example value from .env.example: create an app-level token with connections:write (Basic Information → App-Level Tokens), or remove the line for HTTP mode',
      })
      .optional(),
    PORT: z.coerce
      .number({ error: 'PORT must be a number' })
      .int('PORT must be a whole number')
      .min(0, 'PORT must be 0–65535')
      .max(65535, 'PORT must be 0–65535')
      .default(3000),
    DATABASE_URL: databaseUrlSchema,
    SLACK_API_URL: z.url({ error: 'SLACK_API_URL must be a URL such as https://slack.com/api/' }).default('https://slack.com/api/'),
    CHANNELS_FILE: z.string().min(1).default('channels.yml'),
    LOG_LEVEL: z.enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
    LOCALE: z.enum(['sv', 'en'], { error: 'LOCALE must be sv or en' }).optional(),
    REGION_PACK: z.string().min(1).optional(),
    SUMMARY_CRON: z
      .string()
      .regex(/^\S+( \S+){4,5}$/, 'SUMMARY_CRON must be a cron expression such as "0 8 * * 1"')
      .default('0 8 * * 1'),
    SUMMARY_TIMEZONE: z
      .string()
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'SUMMARY_TIMEZONE must be an IANA timezone such as Europe/Stockholm')
      .optional(),
    RETENTION_MONTHS: retentionMonthsSchema,
    MATCHER_CACHE_DIR: z
      .string()
      .refine((dir) => dir === 'off' || !isSomethingButAFolder(dir), 'MATCHER_CACHE_DIR must be a folder (created when missing), or off')
      .default('.cache'),
  })
  .superRefine((env, ctx) => {
    if (!env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message: 'SLACK_SIGNING_SECRET is missing: HTTP mode needs it (Basic Information → Signing Secret), or set SLACK_APP_TOKEN for Socket Mode',
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

function isSomethingButAFolder(file: string): boolean {
  try {
    return !statSync(file).isDirectory();
  } catch {
    return false; // nothing there yet: the cache creates it
  }
}

export interface Config {
  slack: {
    botToken: string;
    signingSecret?: string;
    appToken?: string;
    apiUrl: string;
    mode: 'socket' | 'http';
  };
  port: number;
  databaseUrl: string;
  channelsFile: string;
  /** The region pack's folder (REGION_PACK; default: the pack this build ships). */
  regionPack: string;
  logLevel: Env['LOG_LEVEL'];
  /** LOCALE, or the region pack's language. */
  locale: 'sv' | 'en';
  summary: { cron: string; timezone: string };
  /** Months after a need was resolved or withdrawn that its municipal contact is cleared. */
  retentionMonths: number;
  /** Where the trained matcher is kept between starts (MATCHER_CACHE_DIR, absolute); null (`off`): trained at every start. */
  matcherCacheDir: string | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

const SETUP_HELP = [
  'Behovsbryggan needs a Slack app before it can start:',
  '  1. Create the app at https://api.slack.com/apps → "Create New App" → "From a manifest", paste manifest.yml.',
  '  2. Install it to your workspace; copy the Bot User OAuth Token (xoxb-…).',
  '  3. Socket Mode: Basic Information → App-Level Tokens → create one with connections:write (xapp-…).',
  '     HTTP mode instead: copy the Signing Secret and set the request URLs to https://<host>/slack/events.',
  '  4. Put them in .env (see .env.example): SLACK_BOT_TOKEN, and SLACK_APP_TOKEN or SLACK_SIGNING_SECRET.',
].join('\n');

/** Parses an environment into a Config; throws ConfigError listing every problem. */
export function parseConfig(source: NodeJS.ProcessEnv): Config {
  // Treat empty strings (`FOO=` in .env) as unset so defaults and "missing" messages apply.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v.trim() !== ''));
  if (!cleaned.SLACK_BOT_TOKEN && !cleaned.SLACK_APP_TOKEN && !cleaned.SLACK_SIGNING_SECRET) {
    throw new ConfigError(['No Slack credentials are set.', SETUP_HELP]);
  }
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => issue.message));
  }
  const env = parsed.data;
  const regionPack = regionPackDir(env.REGION_PACK);
  const region = regionDefaults(regionPack);
  return {
    slack: {
      botToken: env.SLACK_BOT_TOKEN,
      signingSecret: env.SLACK_SIGNING_SECRET,
      appToken: env.SLACK_APP_TOKEN,
      apiUrl: env.SLACK_API_URL.endsWith('/') ? env.SLACK_API_URL : `${env.SLACK_API_URL}/`,
      mode: env.SLACK_APP_TOKEN ? 'socket' : 'http',
    },
    port: env.PORT,
    databaseUrl: env.DATABASE_URL,
    channelsFile: env.CHANNELS_FILE,
    regionPack,
    logLevel: env.LOG_LEVEL,
    locale: env.LOCALE ?? region.language,
    summary: { cron: env.SUMMARY_CRON, timezone: env.SUMMARY_TIMEZONE ?? region.timezone },
    retentionMonths: env.RETENTION_MONTHS,
    matcherCacheDir: env.MATCHER_CACHE_DIR === 'off' ? null : path.resolve(env.MATCHER_CACHE_DIR),
  };
}

/** DATABASE_URL from .env and the environment (empty = the default SQLite file); ConfigError when malformed. */
export function loadDatabaseUrl(): string {
  dotenv.config({ quiet: true });
  const raw = process.env.DATABASE_URL?.trim() ? process.env.DATABASE_URL : undefined;
  const parsed = databaseUrlSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => i.message));
  return parsed.data;
}

/** Loads .env (quietly: dotenv 17 prints a banner otherwise) and parses process.env. */
export function loadConfig(): Config {
  dotenv.config({ quiet: true });
  return parseConfig(process.env);
}

/** LOCALE from .env and the environment, else the region pack's language, for operator commands (no Slack credentials needed). */
export function loadLocale(): z.infer<typeof localeSchema> {
  dotenv.config({ quiet: true });
  const raw = process.env.LOCALE?.trim() ? process.env.LOCALE.trim() : undefined;
  const parsed = localeSchema.safeParse(raw ?? regionDefaults(loadRegionPackDir()).language);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => i.message));
  return parsed.data;
}

/** REGION_PACK from .env and the environment (a folder), else the shipped pack: for every command. */
export function loadRegionPackDir(): string {
  dotenv.config({ quiet: true });
  const value = process.env.REGION_PACK?.trim();
  return regionPackDir(value === undefined || value === '' ? undefined : value);
}

function regionPackDir(value: string | undefined): string {
  return value === undefined ? DEFAULT_REGION_PACK : path.resolve(value);
}

/**
 * The pack's language and time zone, the defaults of LOCALE and SUMMARY_TIMEZONE. Read leniently:
 * a pack that cannot be read is reported in full when it is loaded (region/regionPack.ts).
 */
function regionDefaults(dir: string): { language: 'sv' | 'en'; timezone: string } {
  const fallback = { language: 'sv' as const, timezone: 'Europe/Stockholm' };
  try {
    const region = z
      .object({ language: z.enum(['sv', 'en']).catch('sv'), timezone: z.string().catch('Europe/Stockholm') })
      .safeParse(parseYaml(readFileSync(path.join(dir, 'region.yml'), 'utf8')));
    return region.success ? region.data : fallback;
  } catch {
    return fallback;
  }
}

/**
 * The configuration for looking without acting (`summary --dry-run`): .env and the environment as
 * loadConfig reads them, with placeholder Slack credentials where none are set, since nothing is
 * sent to Slack.
 */
export function loadConfigWithoutSlack(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return parseConfig({ ...process.env, SLACK_BOT_TOKEN: 'xoxb-dry-run', SLACK_SIGNING_SECRET: 'dry-run-only', SLACK_APP_TOKEN: '' });
  }
}

/** LOCALE for texts that must be written even when the configuration is broken (doctor): sv unless it says en. */
export function loadLocaleOrDefault(): z.infer<typeof localeSchema> {
  try {
    return loadLocale();
  } catch {
    return 'sv';
  }
}

/**
 * Where `npm run db:migration` may create its throwaway PostgreSQL databases: SHADOW_DATABASE_URL,
 * else DATABASE_URL when it names a PostgreSQL server; undefined for SQLite only.
 */
export function loadShadowDatabaseUrl(): string | undefined {
  dotenv.config({ quiet: true });
  const shadow = process.env.SHADOW_DATABASE_URL?.trim();
  if (shadow) return shadow;
  const database = process.env.DATABASE_URL?.trim();
  return database?.startsWith('postgres') ? database : undefined;
}
