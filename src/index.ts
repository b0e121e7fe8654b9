// Entry point: config → database → app → start. Exit 1 with one line per problem on bad config.
import { ChannelsConfigError } from './channels/channelsConfig.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { installProcessGuards } from './processGuards.js';
import { SeedFileError } from './seed/seedFiles.js';
import { startServer } from './server.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Behovsbryggan cannot start:\n${error.problems.map((p) => `  - ${p}`).join('\n')}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  installProcessGuards(logger);
  let server;
  try {
    server = await startServer(config, { logger });
  } catch (error) {
    if (error instanceof ChannelsConfigError || error instanceof SeedFileError) {
      process.stderr.write(`Behovsbryggan cannot start:\n  - ${error.message.split('\n').join('\n  - ')}\n`);
      process.exit(1);
    }
    logger.fatal({ err: error }, 'start-up failed');
    process.exit(1);
  }
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
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
