// Periodic housekeeping: route needs whose routing failed after the ack, forget processed Slack
// event ids once Slack can no longer retry them, clear the municipal contact of needs resolved
// or withdrawn longer ago than the retention period (README → Personal data), and catch up with
// another instance on the same database: retrain when it changed the training data, and index the
// needs it stored.
import { Cron } from 'croner';
import type { Db } from '../platform/db/client.js';
import { pruneProcessedEvents } from '../platform/db/processedEvents.js';
import type { Logger } from '../logger.js';
import { clearExpiredMunicipalContacts } from '../privacy/privacyRepository.js';
import type { MatcherProvider } from '../training/matcherProvider.js';
import type { NeedService } from '../record-need/recordNeed.js';
import type { SimilarNeeds } from '../needs/similarNeedsIndex.js';
import type { RouteLater } from './routingQueue.js';
import type { RetrainRequest } from './retrainScheduler.js';
import type { OutboxWake } from '../platform/outbox/outboxWorker.js';

/** A need not routed a minute after it was recorded is not being routed by a live request. */
const ROUTING_GRACE_MS = 60_000;
/** Slack retries an event for about an hour; a day is a generous margin. */
const EVENT_ID_RETENTION_MS = 24 * 60 * 60_000;

/** The retention sweep on its own: what the job runs every five minutes. Returns the needs cleared. */
export async function applyRetention(deps: { db: Db; logger: Logger; retentionMonths: number; outbox?: OutboxWake }, now = new Date()): Promise<number[]> {
  const cleared = await clearExpiredMunicipalContacts(deps.db, deps.retentionMonths, now);
  if (cleared.length > 0) {
    deps.logger.info({ needs: cleared, retentionMonths: deps.retentionMonths }, 'municipal contacts cleared after the retention period');
    deps.outbox?.wake();
  }
  return cleared;
}

export function startMaintenance(deps: {
  db: Db;
  needs: NeedService;
  routing: RouteLater;
  /** The model in use and who retrains it: a model trained before another instance's feedback is retrained. */
  matchers: MatcherProvider;
  retraining: RetrainRequest;
  /** The similar-needs index: needs stored by another instance are added. */
  similar?: SimilarNeeds;
  logger: Logger;
  /** Months a resolved or withdrawn need keeps its municipal contact (RETENTION_MONTHS); absent: no sweep. */
  retentionMonths?: number;
  /** Woken when the retention sweep queued message updates. */
  outbox?: OutboxWake;
}): { stop(): void } {
  const job = new Cron('*/5 * * * *', { protect: true, unref: true }, async () => {
    try {
      const now = Date.now();
      const unrouted = await deps.needs.unroutedNeedIds(new Date(now - ROUTING_GRACE_MS));
      if (unrouted.length > 0) deps.logger.warn({ needs: unrouted }, 'routing needs that were left unrouted');
      for (const id of unrouted) deps.routing.routeLater(id);
      await pruneProcessedEvents(deps.db, new Date(now - EVENT_ID_RETENTION_MS));
      if (await deps.matchers.isStale(deps.db)) deps.retraining.request();
      await deps.similar?.catchUp();
      if (deps.retentionMonths !== undefined) {
        await applyRetention(
          { db: deps.db, logger: deps.logger, retentionMonths: deps.retentionMonths, ...(deps.outbox ? { outbox: deps.outbox } : {}) },
          new Date(now),
        );
      }
    } catch (error) {
      deps.logger.error({ err: error }, 'maintenance failed');
    }
  });
  return { stop: () => job.stop() };
}
