// What a Slack Web API failure means for an outbox row: come back later (429), try again (5xx,
// network), or give up (an error Slack will give again, e.g. channel_not_found).
import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from '@slack/web-api';
import { OutboxSendError } from '../outbox/outboxWorker.js';

/** Slack errors (ok:false) that a later attempt may get past. */
const TRANSIENT_PLATFORM_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'team_added_to_org']);

export function toOutboxError(error: unknown): OutboxSendError {
  if (error instanceof OutboxSendError) return error;
  if (error instanceof WebAPIRateLimitedError) {
    return new OutboxSendError('rate limited', 'rate_limited', { retryAfterMs: error.retryAfter * 1000, outcomeKnown: true });
  }
  if (error instanceof WebAPIHTTPError) {
    if (error.statusCode === 429) return new OutboxSendError('HTTP 429', 'rate_limited', { outcomeKnown: true });
    // A 5xx or a timeout may have happened after Slack acted: the outcome is unknown.
    if (error.statusCode >= 500 || error.statusCode === 408) return new OutboxSendError(`HTTP ${error.statusCode}`, 'retry');
    return new OutboxSendError(`HTTP ${error.statusCode}`, 'permanent', { outcomeKnown: true });
  }
  if (error instanceof WebAPIRequestError) return new OutboxSendError(`network: ${error.original.message}`, 'retry');
  if (error instanceof WebAPIPlatformError) {
    const code = error.data.error;
    if (code === 'ratelimited') return new OutboxSendError('slack: ratelimited', 'rate_limited', { outcomeKnown: true });
    return new OutboxSendError(`slack: ${code}`, TRANSIENT_PLATFORM_ERRORS.has(code) ? 'retry' : 'permanent', { outcomeKnown: true });
  }
  return new OutboxSendError(error instanceof Error ? error.message : String(error), 'retry');
}
