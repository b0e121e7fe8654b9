// createApp(deps): a Bolt App with every listener registered. No I/O at import or construction
// beyond what Bolt itself does; the caller starts it.
import { App, HTTPReceiver, SocketModeReceiver, type Logger as BoltLogger } from '@slack/bolt';
import type { Config } from './config.js';
import { type Db, isDbReachable } from './db/client.js';
import type { ListenerDeps } from './slack/deps.js';
import { registerListeners } from './slack/listeners/index.js';
import { dedupeEvents } from './slack/middleware/dedupeEvents.js';

export interface AppDeps extends ListenerDeps {
  config: Config;
  db: Db;
  logger: BoltLogger;
}

export const SLACK_EVENTS_PATH = '/slack/events';

/**
 * Web API calls made from listeners (views.open) are worth one quick retry at most: a trigger_id
 * dies after 3 s, so the WebClient's default (10 retries over ~30 min; Socket Mode would even set
 * 100) only delays the "could not open" answer. Posts go through the outbox, which retries itself.
 */
const LISTENER_RETRY = { retries: 1, minTimeout: 250, maxTimeout: 500 };

export function createApp(deps: AppDeps): App {
  const { config, db, logger } = deps;
  const common = {
    token: config.slack.botToken,
    logger,
    clientOptions: { slackApiUrl: config.slack.apiUrl, retryConfig: LISTENER_RETRY },
  };
  const app =
    config.slack.mode === 'socket'
      ? new App({
          ...common,
          // Its own client options: the socket client keeps its patient retries for
          // apps.connections.open (reconnecting through a Slack hiccup) without lending them to listeners.
          receiver: new SocketModeReceiver({
            appToken: config.slack.appToken ?? '',
            logger,
            installerOptions: { clientOptions: { slackApiUrl: config.slack.apiUrl } },
          }),
        })
      : new App({
          ...common,
          receiver: new HTTPReceiver({
            signingSecret: config.slack.signingSecret ?? '',
            endpoints: SLACK_EVENTS_PATH,
            logger,
            // Answer Slack as soon as a listener acks; slow work continues after the response.
            processBeforeResponse: false,
            customRoutes: [
              {
                path: '/healthz',
                method: ['GET'],
                handler: (_req, res) => {
                  void isDbReachable(db).then((ok) => {
                    res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
                    res.end(JSON.stringify({ ok, database: ok ? 'reachable' : 'unreachable' }));
                  });
                },
              },
            ],
          }),
        });
  app.use(dedupeEvents(db));
  registerListeners(app, deps);
  app.error(async (error) => {
    logger.error('unhandled error in a listener', error);
  });
  return app;
}
