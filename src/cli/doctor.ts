// `npm run cli -- doctor`: what an installer runs after filling in .env and channels.yml. Checks
// the configuration (the same schema as start), the bot token and its scopes, the Socket Mode
// token or the signing secret, every configured channel, the database and the matcher, and prints
// a checklist (✔/✘, with what to do for each ✘) in the language of LOCALE. Exit 0 when the flow
// will work, 1 otherwise. It changes nothing in Slack (no joins); the database gets its pending
// migrations and reference data, as `npm start` would.
import { WebClient } from '@slack/web-api';
import { type ChannelsConfig, ChannelsConfigError, loadChannelsConfig } from '../channels/channelsConfig.js';
import { type Config, ConfigError, loadConfig, loadLocaleOrDefault } from '../config.js';
import type { Db } from '../platform/db/client.js';
import { readMigrationsList } from '../platform/db/migrations-engine/migrationsList.js';
import { defaultMigrationsDir, parseDatabaseUrl } from '../platform/db/migrations-engine/datasource.js';
import { createHealthCheck } from '../platform/health.js';
import { messages, type Locale } from '../i18n/messages.js';
import { loadTrainingData, MatcherProvider, regionTraining, type Trainer } from '../training/matcherProvider.js';
import { cachedTrainer, type MatcherCacheLogger } from '../training/matcherCache.js';
import { trainOffThread } from '../training/trainOffThread.js';
import { loadRegionPack, type RegionPack, RegionPackError } from '../region/regionPack.js';
import { fetchWithTimeout } from '../platform/slack/fetchWithTimeout.js';
import { REQUIRED_BOT_SCOPES } from '../platform/slack/scopes.js';
import { type BotIdentity, channelLabel, checkBotToken, checkChannels, describeSlackFailure, StartupError } from '../platform/slack/workspaceChecks.js';
import { openDatabase } from './database.js';
import type { CliIo } from './index.js';

export interface DoctorEnv {
  loadConfig(): Config;
  /** The channels file, checked against the region pack's areas. */
  loadChannels(config: Config, areas: readonly string[]): ChannelsConfig;
  /** Colours only on a terminal; plain text in a log or a pipe. */
  isTTY: boolean;
  /** LOCALE for the checklist, also when the configuration itself is broken. */
  locale(): Locale;
  /** Trains the matcher (default: in a worker thread, as the app does; tests reuse a trained one), behind the matcher cache. */
  train?: Trainer;
}

// @types/node says boolean, but isTTY is undefined when stdout is a pipe or a file.
const stdout: { isTTY?: boolean } = process.stdout;

export const processDoctorEnv: DoctorEnv = {
  loadConfig,
  loadChannels: (config, areas) => loadChannelsConfig(config.channelsFile, areas),
  isTTY: stdout.isTTY ?? false,
  locale: loadLocaleOrDefault,
};

const HELP = [
  'usage: npm run cli -- doctor',
  '',
  'Checks that Behovsbryggan will work with this .env and channels file: configuration, bot token',
  'and scopes, Socket Mode token or signing secret, the channels, the database and the matcher.',
  'Exit 0 when everything is fine, 1 otherwise. Text in the language of LOCALE (sv or en).',
].join('\n');

interface Checklist {
  pass(text: string): void;
  fail(text: string, fix?: string): void;
  failures: number;
}

function checklist(io: CliIo, tty: boolean): Checklist {
  const paint = (code: number, text: string) => (tty ? `\u001b[${code}m${text}\u001b[0m` : text);
  const list: Checklist = {
    failures: 0,
    pass: (text) => io.stdout(`${paint(32, '✔')} ${text}`),
    fail: (text, fix) => {
      list.failures++;
      io.stdout(`${paint(31, '✘')} ${text}`);
      if (fix) io.stdout(`    → ${fix}`);
    },
  };
  return list;
}

export async function runDoctor(args: string[], io: CliIo, env: DoctorEnv = processDoctorEnv): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(HELP);
    return 0;
  }
  let t = messages(env.locale()).doctor;
  io.stdout(t.title);
  const list = checklist(io, env.isTTY);

  let config: Config;
  let channels: ChannelsConfig;
  let pack: RegionPack;
  try {
    config = env.loadConfig();
    t = messages(config.locale).doctor;
    pack = loadRegionPack(config.regionPack);
    list.pass(t.regionOk(pack.region.name, pack.areas.length, pack.municipalities.length, pack.labelledNeeds.length));
    channels = env.loadChannels(
      config,
      pack.areas.map((a) => a.slug),
    );
  } catch (error) {
    if (!(error instanceof ConfigError || error instanceof ChannelsConfigError || error instanceof RegionPackError)) throw error;
    const problems =
      error instanceof ConfigError
        ? error.problems
        : error instanceof RegionPackError
          ? error.problems.map((p) => `${error.dir}/${p}`)
          : error.message.split('\n');
    list.fail(t.configBad, `${problems.join('; ')} — ${t.configFix}`);
    io.stdout(t.someBad(list.failures));
    return 1;
  }
  const database = parseDatabaseUrl(config.databaseUrl).provider === 'sqlite' ? config.databaseUrl : 'PostgreSQL';
  list.pass(t.configOk(config.slack.mode, database));

  await checkSlack(config, channels, list, t);
  await checkDatabaseAndMatcher(config, pack, list, t, env.train);

  io.stdout(list.failures === 0 ? t.allOk : t.someBad(list.failures));
  return list.failures === 0 ? 0 : 1;
}

type DoctorTexts = ReturnType<typeof messages>['doctor'];

async function checkSlack(config: Config, channels: ChannelsConfig, list: Checklist, t: DoctorTexts): Promise<void> {
  const client = new WebClient(config.slack.botToken, { slackApiUrl: config.slack.apiUrl, retryConfig: { retries: 0 }, fetch: fetchWithTimeout(10_000) });
  let bot: BotIdentity | undefined;
  try {
    bot = await checkBotToken(client, config.slack.apiUrl);
  } catch (error) {
    list.fail(t.tokenBad, error instanceof StartupError ? error.message : String(error));
  }
  if (bot) {
    list.pass(t.tokenOk(bot.team, bot.botName));
    const { scopes } = bot;
    if (scopes === null) list.pass(t.scopesUnknown);
    else {
      const missing = REQUIRED_BOT_SCOPES.filter((scope) => !scopes.includes(scope));
      if (missing.length === 0) list.pass(t.scopesOk(REQUIRED_BOT_SCOPES.length));
      else list.fail(t.scopesBad(missing.join(', ')), t.scopesFix);
    }
  }

  if (config.slack.mode === 'socket') {
    const appClient = new WebClient(config.slack.appToken, { slackApiUrl: config.slack.apiUrl, retryConfig: { retries: 0 }, fetch: fetchWithTimeout(10_000) });
    try {
      const opened = await appClient.apps.connections.open({});
      if (!opened.url) throw new Error('apps.connections.open gave no URL');
      list.pass(t.socketOk);
    } catch (error) {
      list.fail(t.socketBad, describeSlackFailure(error, 'SLACK_APP_TOKEN', config.slack.apiUrl));
    }
  } else if (/^[0-9a-f]{32}$/.test(config.slack.signingSecret ?? '')) list.pass(t.secretOk);
  else list.fail(t.secretBad, t.secretFix);

  if (!bot) return; // the channels cannot be looked up without a working token
  let checks;
  try {
    checks = await checkChannels(client, [channels.intake, ...channels.teams.map((team) => team.channel)], { join: false });
  } catch (error) {
    list.fail(t.channelsBad, describeSlackFailure(error, 'SLACK_BOT_TOKEN', config.slack.apiUrl));
    return;
  }
  for (const check of checks) {
    const label = channelLabel(check);
    if (check.state === 'member' || check.state === 'joined') list.pass(t.channelMember(label));
    else if (check.state === 'can_join') list.pass(t.channelCanJoin(label));
    else if (check.state === 'private_not_member') list.fail(t.channelPrivate(label), t.channelPrivateFix(bot.botName));
    else if (check.state === 'archived') list.fail(t.channelArchived(label), t.channelArchivedFix(config.channelsFile));
    else list.fail(t.channelMissing(label), t.channelMissingFix(config.channelsFile, bot.botName));
  }
}

/** The checklist reports the matcher; a damaged cache file is trained over, and start logs it. */
const QUIET: MatcherCacheLogger = { info: () => undefined, warn: () => undefined, debug: () => undefined };

async function checkDatabaseAndMatcher(config: Config, pack: RegionPack, list: Checklist, t: DoctorTexts, train?: Trainer): Promise<void> {
  let db: Db | null = null;
  try {
    db = await openDatabase(config.databaseUrl, pack);
    const shipped = (await readMigrationsList(defaultMigrationsDir(parseDatabaseUrl(config.databaseUrl).provider))).migrationDirectories.map((d) => d.path);
    const report = await createHealthCheck({ db, expectedMigrations: shipped })();
    const problem = !report.database.ok
      ? report.database.detail
      : !report.migrations.ok
        ? `${report.migrations.detail}: ${(report.migrations.pending ?? []).join(', ')}`
        : null;
    if (problem) list.fail(t.databaseBad(problem), t.databaseFix);
    else list.pass(t.databaseOk(shipped.length));
  } catch (error) {
    list.fail(t.databaseBad((error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''), t.databaseFix);
    await db?.$disconnect();
    return;
  }
  try {
    const region = regionTraining(pack);
    const data = await loadTrainingData(db, region);
    // As start trains: behind the matcher cache, so a doctor run before a start trains once for both.
    const matcher = (await MatcherProvider.create(db, region, cachedTrainer(train ?? trainOffThread, config.matcherCacheDir, QUIET))).current();
    list.pass(t.matcherOk(data.examples.length, matcher.version));
  } catch (error) {
    list.fail(t.matcherBad(error instanceof Error ? error.message : String(error)));
  } finally {
    await db.$disconnect();
  }
}
