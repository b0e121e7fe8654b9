// createApp(deps): a Bolt App with every listener registered. No I/O at import or construction
// beyond what Bolt itself does; the caller starts it.
import { App, type Logger as BoltLogger, type ReceiverEvent, SocketModeReceiver } from '@slack/bolt';
import type { Config } from '../../config.js';
import type { Db } from '../db/client.js';
import type { HealthReport } from '../health.js';
import { healthRoute } from '../health.js';
import type { InFlight } from '../../inFlight.js';
import type { ListenerDeps } from './deps.js';
import { envelopeOf } from './envelope.js';
import { SlackHttpReceiver } from './httpReceiver.js';
import type { PendingAcks } from './pendingAcks.js';
import { registerListeners } from '../../listeners.js';
import { dedupeEvents } from './dedupeEvents.js';

export interface AppDeps extends ListenerDeps {
  config: Config;
  db: Db;
  logger: BoltLogger;
  health: () => Promise<HealthReport>;
  /** Listener work still running after the ack (tests and shutdown wait for it). */
  inFlight: InFlight;
  /** Requests waiting for their ack (background routing gives way to them). */
  pendingAcks: PendingAcks;
}

export { SLACK_EVENTS_PATH } from './httpReceiver.js';

/**
 * Web API calls made from listeners (views.open) are worth one quick retry at most: a trigger_id
 * dies after 3 s, so the WebClient's default (10 retries over ~30 min; Socket Mode would even set
 * 100) only delays the "could not open" answer. Posts go through the outbox, which retries itself.
 */
const LISTENER_RETRY = { retries: 1, minTimeout: 250, maxTimeout: 500 };

/**
 * Bolt's App, refusing what is no Slack envelope before Bolt's dispatch reads it (the HTTP
 * receiver answers such requests with 400 itself; this covers Socket Mode, whose payloads reach
 * processEvent directly), and counting requests until they are acked.
 */
class GuardedApp extends App {
  constructor(
    options: ConstructorParameters<typeof App>[0],
    private readonly pendingAcks: PendingAcks,
  ) {
    super(options);
  }

  override async processEvent(event: ReceiverEvent): Promise<void> {
    if (envelopeOf(event.body) === null) {
      this.logger.debug('ignored a payload that is no Slack envelope');
      await event.ack();
      return;
    }
    const acked = this.pendingAcks.begin();
    try {
      await super.processEvent({ ...event, ack: (response) => (acked(), event.ack(response)) });
    } finally {
      acked();
    }
  }
}

export function createApp(deps: AppDeps): App {
  const { config, db, logger } = deps;
  const common = {
    token: config.slack.botToken,
    logger,
    clientOptions: { slackApiUrl: config.slack.apiUrl, retryConfig: LISTENER_RETRY },
  };
  const app =
    config.slack.mode === 'socket'
      ? new GuardedApp(
          {
            ...common,
            // Its own client options: the socket client keeps its patient retries for
            // apps.connections.open (reconnecting through a Slack hiccup) without lending them to listeners.
            receiver: new SocketModeReceiver({
              appToken: config.slack.appToken ?? '',
              logger,
              installerOptions: { clientOptions: { slackApiUrl: config.slack.apiUrl } },
            }),
          },
          deps.pendingAcks,
        )
      : new GuardedApp(
          {
            ...common,
            receiver: new SlackHttpReceiver({
              signingSecret: config.slack.signingSecret ?? '',
              logger,
              getRoutes: { '/healthz': healthRoute(deps.health) },
              pendingAcks: deps.pendingAcks,
            }),
          },
          deps.pendingAcks,
        );
  // First: everything after it, including the listener's work after its ack, counts as in flight.
  app.use(async ({ next }) => {
    await deps.inFlight.track(next());
  });
  app.use(dedupeEvents(db));
  registerListeners(app, deps);
  app.error((error) => {
    logger.error('unhandled error in a listener', error);
    return Promise.resolve();
  });
  return app;
}
