// Start-up against the workspace: the bot token must work and every configured channel exist
// (else start-up ends with one line per problem); public team channels are joined; in Socket Mode
// the connection must say hello within seconds.
import type { App } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { ChannelsConfig } from '../../channels/channelsConfig.js';
import type { Config } from '../../config.js';
import { boltLogger, type Logger } from '../../logger.js';
import { fetchWithTimeout } from './fetchWithTimeout.js';
import { channelLabel, checkBotToken, checkChannels, describeSlackFailure, StartupError } from './workspaceChecks.js';

export const SOCKET_HELLO_TIMEOUT_MS = 10_000;

/**
 * The bot token works and every configured channel exists; public channels the bot is not in are
 * joined (Slack sends reactions only from channels the bot is a member of). A private channel
 * without the bot, or one it cannot join, is a warning per channel; the app starts anyway.
 */
export async function checkWorkspace(config: Config, channels: ChannelsConfig, source: string, logger: Logger): Promise<void> {
  const client = new WebClient(config.slack.botToken, {
    slackApiUrl: config.slack.apiUrl,
    retryConfig: { retries: 0 },
    fetch: fetchWithTimeout(10_000),
    logger: boltLogger(logger),
  });
  const bot = await checkBotToken(client, config.slack.apiUrl);
  logger.info({ team: bot.team, bot: bot.botName }, 'bot token accepted');
  const ids = [channels.intake, ...channels.teams.map((t) => t.channel)];
  let checks;
  try {
    checks = await checkChannels(client, ids, { join: true });
  } catch (error) {
    throw new StartupError(describeSlackFailure(error, 'SLACK_BOT_TOKEN', config.slack.apiUrl));
  }
  const missing = checks.filter((c) => c.state === 'not_found');
  if (missing.length > 0) {
    throw new StartupError(
      missing
        .map(
          (c) =>
            `${source}: channel ${c.id} does not exist in ${bot.team} — check the id (channel details, at the bottom), or invite @${bot.botName} if it is a private channel`,
        )
        .join('\n'),
    );
  }
  for (const check of checks) {
    const channel = channelLabel(check);
    if (check.state === 'joined') logger.info({ channel: check.id }, 'joined a team channel');
    if (check.state === 'private_not_member')
      logger.warn(
        `channel ${channel} is private and @${bot.botName} is not in it: invite it (/invite @${bot.botName} in the channel), or reactions there never reach the app`,
      );
    if (check.state === 'cannot_join')
      logger.warn(`could not join channel ${channel} (${check.detail}): invite @${bot.botName} to it, or reactions there never reach the app`);
    if (check.state === 'archived') logger.warn(`channel ${channel} is archived: nothing can be posted there; change it in ${source}`);
  }
}

/** Socket Mode: connect, and give up with one clear line if Slack never says hello. */
export async function startSocketMode(app: App, config: Config, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new StartupError(
            `Socket Mode did not connect within ${timeoutMs / 1000} s (Slack never said hello): check SLACK_APP_TOKEN and that outgoing WebSocket connections to Slack (wss://wss-primary.slack.com) are allowed`,
          ),
        ),
      timeoutMs,
    );
  });
  try {
    await Promise.race([app.start(), timeout]);
  } catch (error) {
    await app.stop().catch(() => undefined);
    throw error instanceof StartupError ? error : new StartupError(describeSlackFailure(error, 'SLACK_APP_TOKEN', config.slack.apiUrl));
  } finally {
    clearTimeout(timer);
  }
}
