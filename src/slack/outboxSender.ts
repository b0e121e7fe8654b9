// Renders and sends outbox rows to Slack. The only place that turns an outbox row into a Web
// API call; Slack's errors become retryable or permanent OutboxSendErrors here.
import {
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
  type WebClient,
} from '@slack/web-api';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import type { Locale } from '../i18n/messages.js';
import { loadSuggestionView, type SuggestionView } from '../needs/needViews.js';
import { OutboxSendError, type OutboxRow, type OutboxSender } from '../outbox/outboxWorker.js';
import { confirmationText } from './blocks/confirmation.js';
import { suggestionMessage } from './blocks/suggestionMessage.js';
import { sendWeeklySummary } from './weeklySummarySender.js';

const suggestionPayload = z.object({ suggestionId: z.number().int() });
const confirmationPayload = z.object({ needId: z.number().int() });

/** Slack errors (ok:false) that a later attempt may get past. */
const TRANSIENT_PLATFORM_ERRORS = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);
/** Ephemeral messages need the bot in the channel; otherwise we DM the person instead. */
const EPHEMERAL_UNREACHABLE = new Set(['channel_not_found', 'not_in_channel', 'user_not_in_channel', 'is_archived']);

export function toOutboxError(error: unknown): OutboxSendError {
  if (error instanceof WebAPIRateLimitedError) return new OutboxSendError('rate limited', true, error.retryAfter * 1000);
  if (error instanceof WebAPIHTTPError) {
    const retryable = error.statusCode >= 500 || error.statusCode === 429 || error.statusCode === 408;
    return new OutboxSendError(`HTTP ${error.statusCode}`, retryable);
  }
  if (error instanceof WebAPIRequestError) return new OutboxSendError(`network: ${error.original.message}`, true);
  if (error instanceof WebAPIPlatformError) {
    const code = error.data.error;
    return new OutboxSendError(`slack: ${code}`, TRANSIENT_PLATFORM_ERRORS.has(code));
  }
  return new OutboxSendError(error instanceof Error ? error.message : String(error), true);
}

export interface SlackOutboxSenderDeps {
  db: Db;
  client: WebClient;
  locale: Locale;
  intakeChannel: string;
}

export function createSlackOutboxSender(deps: SlackOutboxSenderDeps): OutboxSender {
  const senders: Record<string, (payload: unknown) => Promise<void>> = {
    suggestion: (payload) => sendSuggestion(deps, suggestionPayload.parse(payload).suggestionId),
    confirmation: (payload) => sendConfirmation(deps, confirmationPayload.parse(payload).needId),
    suggestion_update: (payload) => updateSuggestion(deps, suggestionPayload.parse(payload).suggestionId),
    weekly_summary: (payload) => sendWeeklySummary(deps, payload),
  };
  return async (row: OutboxRow) => {
    const sender = senders[row.kind];
    if (!sender) throw new OutboxSendError(`unknown outbox kind ${row.kind}`, false);
    let payload: unknown;
    try {
      payload = JSON.parse(row.payload);
    } catch {
      throw new OutboxSendError('payload is not JSON', false);
    }
    try {
      await sender(payload);
    } catch (error) {
      throw error instanceof OutboxSendError ? error : error instanceof z.ZodError ? new OutboxSendError('bad payload', false) : toOutboxError(error);
    }
  };
}

function render(view: SuggestionView, locale: Locale) {
  return suggestionMessage(view.need, locale, {
    suggestionId: view.suggestionId,
    state: view.state,
    movedTo: view.movedTo,
    declinedBy: view.declinedBy,
  });
}

async function sendSuggestion({ db, client, locale }: SlackOutboxSenderDeps, suggestionId: number): Promise<void> {
  const view = await loadSuggestionView(db, suggestionId);
  if (!view || view.messageTs) return; // the need was deleted, or this post already went out
  const message = render(view, locale);
  const result = await client.chat.postMessage({
    channel: view.channelId,
    text: message.text,
    blocks: message.blocks,
    unfurl_links: false,
    unfurl_media: false,
  });
  await db.suggestionPost.update({
    where: { id: suggestionId },
    // A post moved away while it was queued keeps its "moved" state.
    data: { messageTs: result.ts ?? null, postedAt: new Date(), ...(view.state === 'pending' ? { state: 'posted' } : {}) },
  });
}

/** Re-renders a posted suggestion with the need's current state. */
async function updateSuggestion({ db, client, locale }: SlackOutboxSenderDeps, suggestionId: number): Promise<void> {
  const view = await loadSuggestionView(db, suggestionId);
  if (!view?.messageTs) return;
  const message = render(view, locale);
  try {
    await client.chat.update({ channel: view.channelId, ts: view.messageTs, text: message.text, blocks: message.blocks });
  } catch (error) {
    // Someone deleted the message: nothing to update, and nothing to retry.
    if (error instanceof WebAPIPlatformError && ['message_not_found', 'channel_not_found', 'cant_update_message'].includes(error.data.error)) return;
    throw error;
  }
}

async function sendConfirmation({ db, client, locale, intakeChannel }: SlackOutboxSenderDeps, needId: number): Promise<void> {
  const need = await db.need.findUnique({ where: { id: needId }, include: { suggestions: { orderBy: { id: 'asc' } } } });
  if (!need) return;
  const channels = need.suggestions.map((s) => s.channelId);
  const intakeOnly = channels.length === 1 && channels[0] === intakeChannel;
  const text = confirmationText(need.title, channels, intakeOnly, locale);
  if (need.originChannelId) {
    try {
      await client.chat.postEphemeral({ channel: need.originChannelId, user: need.recordedByUserId, text });
      return;
    } catch (error) {
      if (!(error instanceof WebAPIPlatformError && EPHEMERAL_UNREACHABLE.has(error.data.error))) throw error;
    }
  }
  // A DM: posting to a user id opens the app's Messages tab with that person.
  await client.chat.postMessage({ channel: need.recordedByUserId, text });
}
