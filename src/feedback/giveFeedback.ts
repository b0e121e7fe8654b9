// People's reactions and buttons on suggestion messages: a 👍/👎 is stored once per need,
// channel and person, a claim or ✅ once per need and person; the need's status follows from them;
// corrections re-route the need; everything that changes queues message updates and teaches the
// matcher. Who may do what (permissions.ts) is checked here, whatever the Slack layer shows.
import type { ChannelsConfig } from '../channels/channelsConfig.js';
import { channelScope, routeNeed } from '../channels/routing.js';
import { type Db, dialectOf, type Tx } from '../platform/db/client.js';
import type { Logger } from '../logger.js';
import { retryOnConflict, UNIQUE_KEYS, violatesUniqueKey } from '../platform/db/errors.js';
import { markDelivery } from '../platform/db/processedEvents.js';
import { lockNeed } from '../platform/db/rowLock.js';
import type { AreaSlug } from '../matching/types.js';
import type { OutboxWake } from '../platform/outbox/outboxWorker.js';
import type { RetrainRequest } from '../background/retrainScheduler.js';
import { formatCorrectedAreas, currentAreas, parseCorrectedAreas } from '../needs/needAreas.js';
import { replaceCurrentAreas } from '../needs/store/needAreas.js';
import { type FeedbackKind, trainingLabelsFor } from '../needs/learningLabels.js';
import { type Allowed, allowedFor, may, type NeedAction } from '../needs/permissions.js';
import { needText } from '../needs/needInput.js';
import { nextStatus } from '../needs/needStatus.js';
import * as store from './feedbackRepository.js';
import * as needRecord from '../needs/store/needRecord.js';
import type { FeedbackKey, SuggestionPostRef } from './feedbackRepository.js';
import { queueMessageUpdates } from '../needs/store/suggestionPosts.js';

export type { FeedbackKind } from '../needs/learningLabels.js';

/** The last line of a database error: which key or conflict, without Prisma's call site. */
const conflictText = (error: unknown): string => (error instanceof Error ? (error.message.split('\n').at(-1) ?? '') : String(error));

/** Tells who is an administrator and who sits in which channel (the Slack layer knows). */
export interface Authority {
  isAdmin(userId: string): boolean;
  /** Whether the user is a member of the channel; rejects when that cannot be told right now. */
  isMember(channelId: string, userId: string): Promise<boolean>;
}

export interface FeedbackServiceDeps {
  db: Db;
  channels: ChannelsConfig;
  authority: Authority;
  /** Woken when outbox rows were queued, so it sends them now. */
  outbox?: OutboxWake;
  /** Asked to retrain (debounced, in the background) when training examples changed. */
  retraining?: RetrainRequest;
  /** One info line per change people make: ids only. */
  logger?: Logger;
  now?: () => Date;
}

export interface FeedbackInput {
  needId: number;
  userId: string;
  kind: FeedbackKind;
  /** The channel of the stored suggestion post the person acted on. */
  channelId: string;
  /** A reaction or a button: "Inte vårt område" (a button) is the channel's answer, a 👎 anyone's. */
  via: 'reaction' | 'button';
}

export interface FeedbackOutcome {
  /** False when nothing changed (a redelivery, a double click, an undo of nothing, a refusal). */
  changed: boolean;
  /** Set when the person may not do this: who may; or that the need was withdrawn. */
  refused?: Allowed | 'withdrawn';
}

/**
 * The Slack delivery a change comes from (an event id, a button press's key): marked as handled in
 * the change's own transaction, so a failed change leaves it free for Slack's retry, and a
 * duplicate delivery, even one running at the same instant on another instance, changes nothing.
 */
export interface Delivery {
  delivery?: string;
}

/** 👍/👎 speak for a channel; a claim or ✅ for the person. */
export const scopeOf = (kind: FeedbackKind, channelId: string): string => (kind === 'up' || kind === 'down' ? channelId : '');

/** The key the person's feedback is stored under. */
const keyOf = (input: Omit<FeedbackInput, 'via'>): FeedbackKey => ({
  needId: input.needId,
  userId: input.userId,
  kind: input.kind,
  scope: scopeOf(input.kind, input.channelId),
});

function actionOf(kind: FeedbackKind, via: FeedbackInput['via']): NeedAction {
  if (kind === 'resolved') return 'resolve';
  if (kind === 'down' && via === 'button') return 'decline';
  return 'react';
}

export class FeedbackService {
  constructor(private readonly deps: FeedbackServiceDeps) {}

  /** The suggestion behind a Slack message, or null for any other message. */
  findSuggestion(channelId: string, messageTs: string): Promise<SuggestionPostRef | null> {
    return store.suggestionByMessage(this.deps.db, channelId, messageTs);
  }

  suggestionById(suggestionId: number): Promise<{ needId: number; channelId: string } | null> {
    return store.suggestionById(this.deps.db, suggestionId);
  }

  /**
   * Whether the person may take `action` on the need from a message in `channelId`; null when
   * allowed, else who may (or that the need is withdrawn).
   */
  async refusal(needId: number, userId: string, action: NeedAction, channelId: string | null): Promise<Allowed | 'withdrawn' | null> {
    const need = await needRecord.needPeople(this.deps.db, needId);
    if (!need) return null; // nothing to protect: the change itself will find no need
    if (need.status === 'withdrawn') return 'withdrawn';
    const allowed = allowedFor(action);
    if (allowed === 'anyone') return null;
    const { authority } = this.deps;
    const isAdmin = authority.isAdmin(userId);
    // Only asked when it could decide the answer (a Slack call, cached).
    const isChannelMember =
      allowed === 'channelMembers' && !isAdmin && channelId !== null && userId !== need.recordedByUserId && userId !== need.claimedByUserId
        ? await authority.isMember(channelId, userId)
        : false;
    return may(action, { userId, isAdmin, isChannelMember }, need) ? null : allowed;
  }

  async addFeedback(input: FeedbackInput & Delivery): Promise<FeedbackOutcome> {
    const refused = await this.refusal(input.needId, input.userId, actionOf(input.kind, input.via), input.channelId);
    if (refused) return { changed: false, refused };
    return this.change(input.needId, input.userId, (tx) => this.insertFeedback(tx, input), {
      event: 'feedback recorded',
      detail: { kind: input.kind, channelId: input.channelId },
      delivery: input.delivery,
    });
  }

  /** Withdraws the person's own feedback (a removed reaction, a second press): always allowed. */
  async removeFeedback(input: Omit<FeedbackInput, 'via'> & Delivery): Promise<FeedbackOutcome> {
    return this.change(input.needId, input.userId, (tx) => this.deleteFeedback(tx, input), {
      event: 'feedback withdrawn',
      detail: { kind: input.kind },
      delivery: input.delivery,
    });
  }

  /**
   * Buttons toggle: pressing "Jag tar kontakt" again withdraws the claim. Whether the press adds or
   * withdraws is decided inside the change, under the need's lock, so that two presses at once
   * toggle twice instead of both adding.
   */
  async toggleFeedback(input: FeedbackInput & Delivery): Promise<FeedbackOutcome & { added: boolean }> {
    const { needId, userId, kind, channelId } = input;
    // Who may add is asked before the transaction (it may ask Slack), and only when the press looks
    // like it adds: withdrawing one's own feedback is always allowed.
    const has = await store.hasFeedback(this.deps.db, keyOf(input));
    const refused = has ? undefined : await this.refusal(needId, userId, actionOf(kind, input.via), channelId);
    if (refused) return { changed: false, refused, added: true };
    const what = { event: 'feedback withdrawn', detail: { kind, channelId }, delivery: input.delivery };
    let added = false;
    const outcome = await this.change(
      needId,
      userId,
      async (tx) => {
        if (await this.deleteFeedback(tx, input)) return true;
        if (refused === undefined) return false; // it was withdrawn meanwhile; who may add was not asked
        added = await this.insertFeedback(tx, input);
        what.event = 'feedback recorded'; // read by change() once the transaction is over
        return added;
      },
      what,
    );
    return { ...outcome, added };
  }

  /** Stores the person's feedback; false when it is already there (a redelivery). */
  private async insertFeedback(tx: Tx, input: FeedbackInput): Promise<boolean> {
    const key = keyOf(input);
    if (await store.hasFeedback(tx, key)) return false;
    await store.insertFeedback(tx, key, input.channelId, this.now());
    if (input.kind === 'down') await this.returnToIntakeIfEveryoneDeclined(tx, input.needId, input.userId);
    return true;
  }

  private deleteFeedback(tx: Tx, input: Omit<FeedbackInput, 'via'>): Promise<boolean> {
    return store.deleteFeedback(tx, keyOf(input));
  }

  /**
   * A person chose the right areas (empty = no strength area fits) on the message in `channelId`
   * (null: not from a channel message, e.g. the need's own page): re-route the need. `as` is what
   * the person is doing: "Byt styrkeområde", or moving the need after their own edit (owners).
   */
  async recategorise(
    needId: number,
    userId: string,
    areas: readonly AreaSlug[],
    channelId: string | null,
    as: Extract<NeedAction, 'changeAreas' | 'edit'> = 'changeAreas',
  ): Promise<FeedbackOutcome> {
    const refused = await this.refusal(needId, userId, as, channelId);
    if (refused) return { changed: false, refused };
    return this.change(
      needId,
      userId,
      async (tx) => {
        const need = await store.correctionOf(tx, needId);
        if (!need) return false;
        const corrected = formatCorrectedAreas(areas, this.deps.channels.areas);
        if (need.correctedAreas === corrected) return false;
        await store.setCorrectedAreas(tx, needId, corrected);
        await replaceCurrentAreas(tx, needId, areas);
        await needRecord.addNeedEvent(tx, { needId, kind: 'recategorised', detail: corrected, userId, at: this.now() });

        // The posts follow the new areas: moved away from channels that no longer fit, back where
        // they fit again, and new ones where the need was never posted.
        const targets = new Set(routeNeed(this.deps.channels, parseCorrectedAreas(corrected) ?? []).map((r) => r.channel));
        for (const post of need.posts) {
          const shouldShow = targets.has(post.channelId);
          if (!shouldShow && post.state !== 'moved') await store.setPostState(tx, post.id, 'moved');
          if (shouldShow && post.state === 'moved') await store.setPostState(tx, post.id, post.messageTs ? 'posted' : 'pending');
          targets.delete(post.channelId);
        }
        for (const channelId of targets) await store.addSuggestionPost(tx, needId, channelId, 'recategorised', this.now());
        return true;
      },
      { event: 'need recategorised', detail: { areas } },
    );
  }

  /**
   * Runs one change in a transaction that holds the need's lock: when it changed something,
   * recomputes the status, rebuilds the need's training example and queues an update of every
   * message showing the need. The delivery it came from is marked handled in the same transaction.
   * A unique violation means "already recorded" only for this person's feedback or this delivery;
   * any other conflict with a concurrent transaction runs the change again.
   */
  private async change(
    needId: number,
    userId: string,
    apply: (tx: Tx) => Promise<boolean>,
    what: { event: string; detail: Record<string, unknown>; delivery?: string | undefined },
  ): Promise<FeedbackOutcome> {
    const { db, logger } = this.deps;
    const dialect = dialectOf(db);
    const unchanged = { changed: false, trainingChanged: false };
    const attempt = () =>
      store.inTransaction(db, async (tx) => {
        const need = await lockNeed(tx, dialect, needId);
        // Withdrawn meanwhile (its refusal was asked before the lock): nothing more is counted or learnt.
        if (!need || need.status === 'withdrawn') return unchanged;
        if (what.delivery !== undefined && !(await markDelivery(tx, what.delivery))) return unchanged;
        if (!(await apply(tx))) return unchanged;
        await this.updateStatus(tx, needId, userId);
        const trainingChanged = await this.updateTrainingExample(tx, needId);
        await queueMessageUpdates(tx, [needId], this.now());
        return { changed: true, trainingChanged };
      });
    // The same delivery or the same feedback stored by a concurrent transaction: already recorded.
    const ownKeys = [UNIQUE_KEYS.processedEvent, UNIQUE_KEYS.feedback];
    const result = await retryOnConflict(attempt, {
      ownKeys,
      onRetry: (error, n) => logger?.info({ needId, userId, attempt: n, error: conflictText(error) }, 'feedback change lost a race; running it again'),
    }).catch((error: unknown) => {
      if (ownKeys.some((key) => violatesUniqueKey(error, key))) return unchanged;
      throw error;
    });
    if (result.changed) {
      logger?.info({ needId, userId, ...what.detail }, what.event);
      this.deps.outbox?.wake();
    }
    if (result.trainingChanged) this.deps.retraining?.request();
    return { changed: result.changed };
  }

  /** Status follows from the feedback (needStatus.ts); a changed status goes into the history. */
  private async updateStatus(tx: Tx, needId: number, userId: string): Promise<void> {
    const facts = await store.statusFacts(tx, needId);
    const next = nextStatus(facts, facts.feedback, this.now());
    if (!next) return;
    await store.setStatus(tx, needId, next);
    if (next.status !== facts.status) {
      await needRecord.addNeedEvent(tx, { needId, kind: 'status', detail: `${facts.status}→${next.status}`, userId, at: this.now() });
    }
  }

  /** If every team channel that got the need said 👎, it goes back to intake with that history. */
  private async returnToIntakeIfEveryoneDeclined(tx: Tx, needId: number, userId: string): Promise<void> {
    const { intake } = this.deps.channels;
    const posts = await store.currentPosts(tx, needId);
    const teamChannels = posts.filter((p) => p.channelId !== intake).map((p) => p.channelId);
    if (teamChannels.length === 0 || posts.some((p) => p.channelId === intake)) return;
    const declined = await store.declinedChannels(tx, needId);
    if (!teamChannels.every((channel) => declined.has(channel))) return;
    await store.addSuggestionPost(tx, needId, intake, 'returned', this.now());
    await needRecord.addNeedEvent(tx, { needId, kind: 'returned_to_intake', detail: teamChannels.join(','), userId, at: this.now() });
  }

  /** Rebuilds the need's training example from its feedback; true when it changed. */
  private async updateTrainingExample(tx: Tx, needId: number): Promise<boolean> {
    const need = await store.trainingFacts(tx, needId);
    const labels = trainingLabelsFor(
      currentAreas(need.suggestedAreas, null),
      parseCorrectedAreas(need.correctedAreas),
      need.feedback.map((f) => ({ kind: f.kind as FeedbackKind, scope: channelScope(this.deps.channels, f.channelId) })),
    );
    const key = `need:${needId}`;
    const existing = await store.trainingLabelsOf(tx, key);
    const wanted = labels
      ? [...labels.positive.map((areaSlug) => ({ areaSlug, positive: true })), ...labels.negative.map((areaSlug) => ({ areaSlug, positive: false }))]
      : null;
    const same =
      existing !== null &&
      wanted !== null &&
      existing.length === wanted.length &&
      wanted.every((w) => existing.some((l) => l.areaSlug === w.areaSlug && l.positive === w.positive));
    if (same || (existing === null && wanted === null)) return false;
    await store.replaceTrainingExample(tx, key, wanted ? { text: needText(need), labels: wanted } : null);
    return true;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }
}
