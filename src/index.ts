// Entry point: config → process guards → startServer → signals. Whatever stops start-up ends the
// process with exit code 1 and one line per problem on stderr, never a stack trace.
import { ChannelsConfigError } from './channels/channelsConfig.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { installProcessGuards } from './processGuards.js';
import { RegionMismatchError } from './region/referenceDataRepository.js';
import { RegionPackError } from './region/regionPack.js';
import { startServer } from './server.js';
import { StartupError } from './platform/slack/workspaceChecks.js';

/** A shutdown that has not finished by then is cut short: a supervisor waits about 15 s. */
const SHUTDOWN_GRACE_MS = 12_000;

function cannotStart(problems: string[]): never {
  process.stderr.write(`Behovsbryggan cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) cannotStart(error.problems);
    throw error;
  }
  const logger = createLogger(config.logLevel);
  installProcessGuards(logger);
  let server;
  try {
    server = await startServer(config, { logger });
  } catch (error) {
    if (error instanceof RegionPackError) cannotStart(error.problems.map((p) => `${error.dir}/${p}`));
    if (error instanceof ChannelsConfigError || error instanceof RegionMismatchError || error instanceof StartupError) {
      cannotStart(error.message.split('\n'));
    }
    // Anything else is unexpected: the details go to the log (debug), the person gets one line.
    logger.debug({ err: error }, 'start-up failed');
    cannotStart([`${error instanceof Error ? error.message.split('\n')[0] : String(error)} (LOG_LEVEL=debug shows the details)`]);
  }
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error(`shutdown did not finish within ${SHUTDOWN_GRACE_MS / 1000} s; exiting`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    server
      .stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

void main();
