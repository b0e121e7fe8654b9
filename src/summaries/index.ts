// Weekly summaries: the scheduled job and its wiring. (Being built for the weekly-summary issue.)
import type { ChannelsConfig } from '../channels/channelsConfig.js';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { Logger } from '../logger.js';
import type { OutboxWorker } from '../outbox/outboxWorker.js';

export interface WeeklySummaryDeps {
  config: Config;
  db: Db;
  channels: ChannelsConfig;
  logger: Logger;
  outbox: OutboxWorker;
}

export interface ScheduledJobs {
  stop(): void;
}

export async function startWeeklySummaries(_deps: WeeklySummaryDeps): Promise<ScheduledJobs> {
  return { stop: () => undefined };
}
