// Renders and sends outbox rows to Slack: the only place that turns an outbox row into Web API
// calls. Slack's errors become OutboxSendErrors in outboxErrors.ts; posts are made exactly once
// with the metadata and history lookup of exactlyOnce.ts.
import { WebAPIPlatformError, type WebClient } from '@slack/web-api';
import type { Db } from '../db/client.js';
import type { Locale } from '../../i18n/messages.js';
import type { Logger } from '../../logger.js';
import { loadSuggestionView, type SuggestionView } from '../../needs/store/needViews.js';
import { similarFoundFor } from '../../needs/store/similarNeedLinks.js';
import { type OutboxItem, type OutboxKind, parseOutboxItem } from './outboxQueue.js';
import { OutboxSendError, type OutboxRow, type OutboxSender } from './outboxWorker.js';
import { confirmationText } from '../../record-need/messages.js';
import { findEarlierPost, isOutboxPost, outboxMetadata } from '../slack/exactlyOnce.js';
import { toOutboxError } from '../slack/outboxErrors.js';
import { suggestionMessage } from '../../needs/blocks/suggestionMessage.js';
import { sendWeeklySummary } from '../../weekly-summary/sendWeeklySummary.js';

/** Ephemeral messages need the bot in the channel; otherwise we DM the person instead. */
const EPHEMERAL_UNREACHABLE = new Set(['channel_not_found', 'not_in_channel', 'user_not_in_channel', 'is_archived']);
/** The message to update is gone: nothing to update, nothing to retry. */
const MESSAGE_GONE = new Set(['message_not_found', 'channel_not_found', 'cant_update_message', 'is_archived']);

export interface SlackOutboxSenderDeps {
  db: Db;
  client: WebClient;
  locale: Locale;
  intakeChannel: string;
  logger: Logger;
}

/** Sends one outbox item of one kind. */
type SendFunction<K extends OutboxKind> = (deps: SlackOutboxSenderDeps, row: OutboxRow, item: Extract<OutboxItem, { kind: K }>) => Promise<void>;

/** Each outbox kind and the function that sends it: a new kind does not compile until it has one. */
const SEND_FUNCTIONS: { [K in OutboxKind]: SendFunction<K> } = {
  suggestion: (deps, row, item) => sendSuggestion(deps, row, item.suggestionId),
  suggestion_update: (deps, _row, item) => updateSuggestion(deps, item.suggestionId),
  confirmation: (deps, _row, item) => sendConfirmation(deps, item.needId),
  weekly_summary: (deps, row, item) => sendWeeklySummary(deps, row, item),
};

function sendItem(deps: SlackOutboxSenderDeps, row: OutboxRow, item: OutboxItem): Promise<void> {
  // The table's type ties each kind to its function; TypeScript cannot follow that through an index
  // by a union, so the one lookup is widened here.
  const send = SEND_FUNCTIONS[item.kind] as (deps: SlackOutboxSenderDeps, row: OutboxRow, item: OutboxItem) => Promise<void>;
  return send(deps, row, item);
}

export function createSlackOutboxSender(deps: SlackOutboxSenderDeps): OutboxSender {
  return async (row: OutboxRow) => {
    const item = parseOutboxItem(row.kind, row.payload);
    if (!item) throw new OutboxSendError(`unreadable outbox row (${row.kind})`, 'permanent', { outcomeKnown: true });
    try {
      await sendItem(deps, row, item);
    } catch (error) {
      throw toOutboxError(error);
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

async function sendSuggestion(deps: SlackOutboxSenderDeps, row: OutboxRow, suggestionId: number): Promise<void> {
  const { db, client, locale } = deps;
  const view = await loadSuggestionView(db, suggestionId);
  if (!view || view.messageTs) return; // the need was deleted, or this post already went out
  const earlier = row.unknownOutcomeSince ? await findEarlierPost(deps, view.channelId, row.unknownOutcomeSince, isOutboxPost(row.dedupeKey)) : null;
  let ts = earlier;
  if (earlier) deps.logger.info({ suggestionId, channel: view.channelId, ts: earlier }, 'found the earlier post of a suggestion; not posting again');
  else {
    const message = render(view, locale);
    const result = await client.chat.postMessage({
      channel: view.channelId,
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      unfurl_media: false,
      metadata: outboxMetadata(row),
    });
    ts = result.ts ?? null;
  }
  await db.suggestionPost.update({
    where: { id: suggestionId },
    // A post moved away while it was queued keeps its "moved" state.
    data: { messageTs: ts, postedAt: new Date(), ...(view.state === 'pending' ? { state: 'posted' } : {}) },
  });
  // An adopted post shows what the need looked like then: bring it up to date.
  if (earlier) await updateSuggestion(deps, suggestionId);
}

/** Re-renders a posted suggestion with the need's current state. */
async function updateSuggestion({ db, client, locale }: SlackOutboxSenderDeps, suggestionId: number): Promise<void> {
  const view = await loadSuggestionView(db, suggestionId);
  if (!view?.messageTs) return;
  const message = render(view, locale);
  try {
    await client.chat.update({ channel: view.channelId, ts: view.messageTs, text: message.text, blocks: message.blocks });
  } catch (error) {
    if (error instanceof WebAPIPlatformError && MESSAGE_GONE.has(error.data.error)) return;
    throw error;
  }
}

/**
 * The confirmation is ephemeral (or a DM when the bot cannot reach the channel). Ephemeral
 * messages leave no history to check, so after an unknown outcome it may come twice — only the
 * person who recorded the need sees that, and it beats not knowing whether the need was saved.
 */
async function sendConfirmation({ db, client, locale, intakeChannel }: SlackOutboxSenderDeps, needId: number): Promise<void> {
  const need = await db.need.findUnique({ where: { id: needId }, include: { suggestions: { orderBy: { id: 'asc' } } } });
  if (!need) return;
  const recorder = need.recordedByUserId;
  // Nobody to tell: an imported need with no Slack person attached (imports queue no confirmation).
  if (recorder === null) return;
  const channels = need.suggestions.map((s) => s.channelId);
  const noClearMatch = need.abstained === true || (channels.length === 1 && channels[0] === intakeChannel);
  const similar = await similarFoundFor(db, needId);
  const text = confirmationText({ title: need.title, channelIds: channels, noClearMatch, intakeChannel, similar }, locale);
  if (need.originChannelId) {
    try {
      await client.chat.postEphemeral({ channel: need.originChannelId, user: recorder, text });
      return;
    } catch (error) {
      if (!(error instanceof WebAPIPlatformError && EPHEMERAL_UNREACHABLE.has(error.data.error))) throw error;
    }
  }
  // A DM: posting to a user id opens the app's Messages tab with that person.
  await client.chat.postMessage({ channel: recorder, text });
}
