// A need's suggestion message in Slack: posted once per channel when the need is routed (or
// re-routed), updated whenever the need changes (feedback, an edit, a withdrawal, an erased
// contact). The send functions of the outbox kinds `suggestion` and `suggestion_update`; the
// message itself is built by blocks/suggestionMessage.ts from the stored read model.
import { WebAPIPlatformError } from '@slack/web-api';
import type { OutboxRow } from '../platform/outbox/outboxWorker.js';
import type { SlackOutboxSenderDeps } from '../platform/outbox/sendFunctions.js';
import { findEarlierPost, isOutboxPost, outboxMetadata } from '../platform/slack/exactlyOnce.js';
import { renderSuggestion } from './blocks/suggestionMessage.js';
import { loadSuggestionView } from './store/needViews.js';
import { markSuggestionPosted } from './store/suggestionPosts.js';

/** The message to update is gone: nothing to update, nothing to retry. */
const MESSAGE_GONE = new Set(['message_not_found', 'channel_not_found', 'cant_update_message', 'is_archived']);

/** Posts a suggestion; after an unknown outcome, adopts the post Slack may already have made. */
export async function sendSuggestion(deps: SlackOutboxSenderDeps, row: OutboxRow, suggestionId: number): Promise<void> {
  const { db, client, locale } = deps;
  const view = await loadSuggestionView(db, suggestionId);
  if (!view || view.messageTs) return; // the need was deleted, or this post already went out
  const earlier = row.unknownOutcomeSince ? await findEarlierPost(deps, view.channelId, row.unknownOutcomeSince, isOutboxPost(row.dedupeKey)) : null;
  let ts = earlier;
  if (earlier) deps.logger.info({ suggestionId, channel: view.channelId, ts: earlier }, 'found the earlier post of a suggestion; not posting again');
  else {
    const message = renderSuggestion(view, locale);
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
  await markSuggestionPosted(db, suggestionId, ts, view.state === 'pending');
  // An adopted post shows what the need looked like then: bring it up to date.
  if (earlier) await updateSuggestion(deps, suggestionId);
}

/** Re-renders a posted suggestion with the need's current state. */
export async function updateSuggestion({ db, client, locale }: SlackOutboxSenderDeps, suggestionId: number): Promise<void> {
  const view = await loadSuggestionView(db, suggestionId);
  if (!view?.messageTs) return;
  const message = renderSuggestion(view, locale);
  try {
    await client.chat.update({ channel: view.channelId, ts: view.messageTs, text: message.text, blocks: message.blocks });
  } catch (error) {
    if (error instanceof WebAPIPlatformError && MESSAGE_GONE.has(error.data.error)) return;
    throw error;
  }
}
