// Wires the running bot: database (migrated, seeded) → matcher → services → Bolt app → outbox
// worker and routing queue. index.ts calls this; integration tests call it in-process with their
// own config.
import type { Server } from 'node:http';
import type { App } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { createApp } from './platform/slack/app.js';
import { bindChannels, type ChannelsFile, loadChannelsConfig } from './channels/channelsConfig.js';
import { loadRegionPack } from './region/regionPack.js';
import type { Config } from './config.js';
import { type Db, dialectOf } from './platform/db/client.js';
import { prepareDatabase } from './platform/db/prepareDatabase.js';
import { isDeliveryHandled, markDelivery } from './platform/db/processedEvents.js';
import { createHealthCheck } from './platform/health.js';
import { InFlight } from './inFlight.js';
import { boltLogger, type Logger } from './logger.js';
import { startMaintenance } from './background/maintenance.js';
import { NeedsExport } from './export/needsExport.js';
import { FeedbackService } from './feedback/giveFeedback.js';
import { NeedsHome } from './register/home.js';
import { NeedChanges } from './change-need/needChanges.js';
import { MatcherProvider, regionTraining, type Trainer } from './training/matcherProvider.js';
import { cachedTrainer } from './training/matcherCache.js';
import { trainOffThread } from './training/trainOffThread.js';
import { NeedService } from './record-need/recordNeed.js';
import { RetrainScheduler } from './background/retrainScheduler.js';
import { RoutingQueue } from './background/routingQueue.js';
import { type BackgroundWork, drained, settled } from './background/settle.js';
import { ImportService } from './import/importService.js';
import { needIdBySubmissionKey } from './import/importRepository.js';
import { slackDownloadOrigins } from './import/importFile.js';
import { SimilarNeeds } from './needs/similarNeedsIndex.js';
import { NeedRegister } from './register/registerRepository.js';
import { UserPreferences } from './register/preferencesRepository.js';
import { OutboxWorker, type PacingPolicy } from './platform/outbox/outboxWorker.js';
import { fetchWithTimeout } from './platform/slack/fetchWithTimeout.js';
import { ChannelMembers } from './platform/slack/channelMembers.js';
import { createSlackOutboxSender } from './platform/outbox/sendFunctions.js';
import { slackPacing } from './platform/slack/pacing.js';
import { checkWorkspace, SOCKET_HELLO_TIMEOUT_MS, startSocketMode } from './platform/slack/startup.js';
import { PendingAcks } from './platform/slack/pendingAcks.js';
import { startWeeklySummaries } from './weekly-summary/schedule.js';
import { loadMunicipalities, loadAreas } from './region/referenceDataRepository.js';

export interface ServerOptions {
  logger: Logger;
  /** Overrides the channels file (tests); checked against the region pack's areas like the file. */
  channels?: ChannelsFile;
  /** The outbox worker's timing (tests shorten it; `now` lets a test hold and move the outbox's clock; `pacing` replaces Slack's rates). */
  outbox?: { pollIntervalMs?: number; baseDelayMs?: number; maxDelayMs?: number; now?: () => Date; pacing?: PacingPolicy };
  /** Quiet time before feedback triggers a retrain (tests shorten it). */
  retrainDebounceMs?: number;
  /** How long no Slack request must have arrived before routing and sending go on (default 100 ms). */
  quietMs?: number;
  /** Socket Mode: how long to wait for Slack's hello before giving up (default 10 s). */
  socketHelloTimeoutMs?: number;
  /** Trains the matcher at start and on retraining (default: in a worker thread; tests reuse a model trained on the same data), behind the matcher cache unless MATCHER_CACHE_DIR=off. */
  trainMatcher?: Trainer;
}

export interface RunningServer {
  app: App;
  db: Db;
  needs: NeedService;
  feedback: FeedbackService;
  matchers: MatcherProvider;
  retraining: RetrainScheduler;
  routing: RoutingQueue;
  outbox: OutboxWorker;
  /** The HTTP port actually bound (PORT=0 picks a free one); null in Socket Mode. */
  port: number | null;
  /**
   * Resolves once the app has nothing left to do right now: no request being handled, no need
   * waiting to be routed, no retrain running, no post due. Work scheduled for later (a debounced
   * retrain, a retry after backoff) is not waited for. What tests await instead of polling.
   */
  settled(): Promise<void>;
  /** Like settled, and also waits until no post is pending at all — retries after backoff included. */
  drained(): Promise<void>;
  /** Stops taking requests, finishes the work in flight, closes the database. */
  stop(): Promise<void>;
}

export async function startServer(config: Config, options: ServerOptions): Promise<RunningServer> {
  const { logger } = options;
  // Read configuration files first: a bad region pack or channels file stops us before the DB.
  const pack = loadRegionPack(config.regionPack);
  const slugs = pack.areas.map((a) => a.slug);
  const channels = options.channels ? bindChannels(options.channels, slugs, 'the channels') : loadChannelsConfig(config.channelsFile, slugs);
  // Then the workspace: a refused token or a missing channel ends start-up within seconds.
  await checkWorkspace(config, channels, options.channels ? 'the channels' : config.channelsFile, logger);

  const { db, shipped } = await prepareDatabase(config.databaseUrl, pack, logger);

  // A restart with the same training data and matcher code loads the model it trained last time.
  const train = options.trainMatcher ?? trainOffThread;
  const matcherLogger = logger.child({ component: 'matcher' });
  const matchers = await MatcherProvider.create(db, regionTraining(pack), cachedTrainer(train, config.matcherCacheDir, matcherLogger));
  logger.info({ modelVersion: matchers.current().version }, 'matcher ready');

  // The outbox owns retries (persisted, survive restarts), so this client does not retry itself.
  const outboxClient = new WebClient(config.slack.botToken, {
    slackApiUrl: config.slack.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    // A hung request must end well within the outbox lease (60 s).
    fetch: fetchWithTimeout(20_000),
    logger: boltLogger(logger),
  });
  const outboxLogger = logger.child({ component: 'outbox' });
  // Acks first: routing and sending wait for a quiet moment (no Slack request for 100 ms), up to
  // 2 s, so a burst of submissions is answered before the work it causes competes for the loop.
  const pendingAcks = new PendingAcks();
  const quietMs = options.quietMs ?? 100;
  const quietMoment = () => pendingAcks.whenQuiet(quietMs, 2_000);
  const outbox = new OutboxWorker({
    db,
    logger: outboxLogger,
    send: createSlackOutboxSender({ db, client: outboxClient, locale: config.locale, intakeChannel: channels.intake, logger: outboxLogger }),
    pacing: slackPacing,
    // One instance per SQLite file: a lease found at start belongs to a process that died.
    releaseLeasesOnStart: dialectOf(db) === 'sqlite',
    yieldTo: quietMoment,
    ...options.outbox,
  });
  // Recording a need hands it to the routing queue, which routes with the need service once started.
  const routing = new RoutingQueue({ yieldTo: quietMoment, logger: logger.child({ component: 'routing' }) });
  // Built in the background once the app listens (seconds for a large register); routing waits for it.
  const similar = new SimilarNeeds(db, { logger: logger.child({ component: 'similar' }) });
  const needs = new NeedService({ db, matchers, channels, outbox, routing, logger: logger.child({ component: 'needs' }), similar });
  const retraining = new RetrainScheduler(() => matchers.retrain(db), logger, options.retrainDebounceMs);
  // Membership lookups (permissions, the App Home's areas): quick, with one retry at most.
  const members = new ChannelMembers(
    new WebClient(config.slack.botToken, {
      slackApiUrl: config.slack.apiUrl,
      retryConfig: { retries: 1, minTimeout: 200, maxTimeout: 500 },
      fetch: fetchWithTimeout(5_000),
      logger: boltLogger(logger),
    }),
    channels.admins ?? [],
  );
  const feedback = new FeedbackService({
    db,
    channels,
    authority: members,
    outbox,
    retraining,
    logger: logger.child({ component: 'feedback' }),
  });
  const changes = new NeedChanges({
    db,
    authority: members,
    matchers,
    similar,
    outbox,
    retraining,
    logger: logger.child({ component: 'needs' }),
  });
  const register = new NeedRegister(db);
  const preferences = new UserPreferences(db);
  const home = new NeedsHome({ register, preferences, channels, membership: members });
  const [municipalities, areas] = await Promise.all([loadMunicipalities(db), loadAreas(db)]);

  const exports = new NeedsExport({ db, locale: config.locale, areas, isAdmin: (userId) => members.isAdmin(userId) });

  const inFlight = new InFlight();
  const app = createApp({
    config,
    db,
    logger: boltLogger(logger),
    needs,
    feedback,
    register,
    home,
    preferences,
    changes,
    deliveries: { handled: (key) => isDeliveryHandled(db, key), claim: (key) => markDelivery(db, key) },
    locale: config.locale,
    municipalities,
    areas,
    exports,
    imports: {
      service: new ImportService({ needs, matcher: () => matchers.current(), channels, municipalities, needIdByKey: (key) => needIdBySubmissionKey(db, key) }),
      downloadOrigins: slackDownloadOrigins(config.slack.apiUrl),
    },
    health: createHealthCheck({ db, expectedMigrations: shipped }),
    inFlight,
    pendingAcks,
  });
  let port: number | null = null;
  try {
    if (config.slack.mode === 'socket') await startSocketMode(app, config, options.socketHelloTimeoutMs ?? SOCKET_HELLO_TIMEOUT_MS);
    else {
      const address = ((await app.start(config.port)) as Server).address();
      port = typeof address === 'object' && address ? address.port : config.port;
    }
  } catch (error) {
    await db.$disconnect();
    throw error;
  }
  logger.info({ mode: config.slack.mode, port }, 'Behovsbryggan is running');
  await outbox.start();
  const scheduled = await startWeeklySummaries({ config, db, channels, logger: logger.child({ component: 'summaries' }), outbox });
  // Needs stored just before a crash (acked, not yet routed) are routed now.
  const recovered = await routing.start(needs);
  if (recovered > 0) logger.info({ recovered }, 'routing needs left over from the last run');
  const maintenance = startMaintenance({
    db,
    needs,
    routing,
    matchers,
    retraining,
    similar,
    logger: logger.child({ component: 'maintenance' }),
    retentionMonths: config.retentionMonths,
    outbox,
  });
  // Last: indexing the region's labelled needs takes a quarter of a second of this thread, which
  // before listening delayed the start by as much, and right after it the first requests (measured).
  similar.load().catch((error: unknown) => logger.warn({ err: error }, 'similar-needs index not built yet; the next routing tries again'));

  const background: BackgroundWork = { inFlight, routing, retraining, outbox };
  let stopping: Promise<void> | null = null;
  return {
    app,
    db,
    needs,
    feedback,
    matchers,
    retraining,
    routing,
    outbox,
    port,
    settled: () => settled(background),
    drained: () => drained(background),
    stop: () =>
      (stopping ??= (async () => {
        scheduled.stop();
        maintenance.stop();
        await app.stop();
        await inFlight.idle();
        await routing.stop();
        await outbox.stop();
        await retraining.stop();
        await db.$disconnect();
      })()),
  };
}
