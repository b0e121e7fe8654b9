// How fast the outbox may talk to Slack (docs.slack.dev/apis/web-api/rate-limits): about one
// message per second per channel with short bursts, chat.update is Tier 3 (~50 per minute per
// workspace), chat.postEphemeral Tier 4 (~100 per minute). Staying under these means a burst of
// needs or the Monday fan-out never provokes a 429; when one comes anyway, the worker waits.
import type { BucketSpec } from '../outbox/pacer.js';
import type { PacingPolicy } from '../outbox/outboxWorker.js';

// Slack lets a channel take a burst of about three; we use two of them. A token is taken when a row
// is leased, and the request reaches Slack after the row's message is rendered — hundreds of ms
// later on a busy machine, more for one row than the next — so two sends can arrive closer than
// they left. The spare token absorbs that; a third post in a burst waits 1.1 s.
export const CHANNEL_POST_INTERVAL_MS = 1_100;
const PER_CHANNEL: Omit<BucketSpec, 'key'> = { burst: 2, intervalMs: CHANNEL_POST_INTERVAL_MS };
const PER_CONFIRMATION: Omit<BucketSpec, 'key'> = { burst: 1, intervalMs: 1_000 };
const CHAT_UPDATE: BucketSpec = { key: 'method:chat.update', burst: 10, intervalMs: 1_300 };
const CHAT_POST_EPHEMERAL: BucketSpec = { key: 'method:chat.postEphemeral', burst: 10, intervalMs: 700 };

export const slackPacing: PacingPolicy = ({ kind, lane }) => {
  const specs: BucketSpec[] = [];
  if (lane.startsWith('channel:')) specs.push({ key: lane, ...PER_CHANNEL });
  else if (lane !== '') specs.push({ key: lane, ...PER_CONFIRMATION });
  if (kind === 'suggestion_update') specs.push(CHAT_UPDATE);
  if (kind === 'confirmation') specs.push(CHAT_POST_EPHEMERAL);
  return specs;
};
