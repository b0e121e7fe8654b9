// People's reactions and buttons on suggestion messages: a 👍/👎 is stored once per need,
// channel and person, a claim or ✅ once per need and person; the need's status follows from them;
// corrections re-route the need; everything that changes queues message updates and teaches the
// matcher. Who may do what (permissions.ts) is checked here, whatever the Slack layer shows.
import type { ChannelsConfig } from '../channels/channelsConfig.js';
import { channelScope, routeNeed } from '../channels/routing.js';
import { type Db, dialectOf, type Tx } from '../db/client.js';
import type { Logger } from '../logger.js';
import { retryOnConflict, UNIQUE_KEYS, violatesUniqueKey } from '../db/errors.js';
import { markDelivery } from '../db/processedEvents.js';
import { lockNeed } from '../db/rowLock.js';
import type { AreaSlug } from '../matching/types.js';
import { enqueue } from '../outbox/outboxQueue.js';
import type { OutboxWake } from '../outbox/outboxWorker.js';
import type { RetrainRequest } from './retrainScheduler.js';
import { formatCorrectedAreas, currentAreas, parseCorrectedAreas, replaceCurrentAreas } from './needAreas.js';
import { type FeedbackKind, trainingLabelsFor } from './learningLabels.js';
import { type Allowed, allowedFor, may, type NeedAction } from './permissions.js';
import { needText } from './needInput.js';
import { queueMessageUpdates } from './store/messageUpdates.js';

export type { FeedbackKind } from './learningLabels.js';

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

type NeedStatus = 'open' | 'claimed' | 'resolved';

/** 👍/👎 speak for a channel; a claim or ✅ for the person. */
export const scopeOf = (kind: FeedbackKind, channelId: string): string => (kind === 'up' || kind === 'down' ? channelId : '');

function actionOf(kind: FeedbackKind, via: FeedbackInput['via']): NeedAction {
  if (kind === 'resolved') return 'resolve';
  if (kind === 'down' && via === 'button') return 'decline';
  return 'react';
}

export class FeedbackService {
  constructor(private readonly deps: FeedbackServiceDeps) {}

  /** The suggestion behind a Slack message, or null for any other message. */
  async findSuggestion(channelId: string, messageTs: string): Promise<{ suggestionId: number; needId: number; channelId: string } | null> {
    const post = await this.deps.db.suggestionPost.findUnique({ where: { channelId_messageTs: { channelId, messageTs } } });
    return post ? { suggestionId: post.id, needId: post.needId, channelId: post.channelId } : null;
  }

  async suggestionById(suggestionId: number): Promise<{ needId: number; channelId: string } | null> {
    return this.deps.db.suggestionPost.findUnique({ where: { id: suggestionId }, select: { needId: true, channelId: true } });
  }

  /**
   * Whether the person may take `action` on the need from a message in `channelId`; null when
   * allowed, else who may (or that the need is withdrawn).
   */
  async refusal(needId: number, userId: string, action: NeedAction, channelId: string | null): Promise<Allowed | 'withdrawn' | null> {
    const need = await this.deps.db.need.findUnique({
      where: { id: needId },
      select: { status: true, recordedByUserId: true, ourContactUserId: true, claimedByUserId: true },
    });
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
    const has = await this.deps.db.feedback.findUnique({ where: { needId_userId_kind_scope: { needId, userId, kind, scope: scopeOf(kind, channelId) } } });
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
    const scope = scopeOf(input.kind, input.channelId);
    const { needId, userId, kind, channelId } = input;
    const existing = await tx.feedback.findUnique({ where: { needId_userId_kind_scope: { needId, userId, kind, scope } } });
    if (existing) return false;
    await tx.feedback.create({ data: { needId, userId, kind, channelId, scope, createdAt: this.now() } });
    if (kind === 'down') await this.returnToIntakeIfEveryoneDeclined(tx, needId, userId);
    return true;
  }

  private async deleteFeedback(tx: Tx, input: Omit<FeedbackInput, 'via'>): Promise<boolean> {
    const scope = scopeOf(input.kind, input.channelId);
    const removed = await tx.feedback.deleteMany({ where: { needId: input.needId, userId: input.userId, kind: input.kind, scope } });
    return removed.count > 0;
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
        const need = await tx.need.findUnique({ where: { id: needId }, include: { suggestions: true } });
        if (!need) return false;
        const corrected = formatCorrectedAreas(areas);
        if (need.correctedAreas === corrected) return false;
        await tx.need.update({ where: { id: needId }, data: { correctedAreas: corrected } });
        await replaceCurrentAreas(tx, needId, areas);
        await tx.needEvent.create({ data: { needId, kind: 'recategorised', detail: corrected, userId, at: this.now() } });

        const targets = new Set(routeNeed(this.deps.channels, parseCorrectedAreas(corrected) ?? []).map((r) => r.channel));
        for (const post of need.suggestions) {
          const shouldShow = targets.has(post.channelId);
          if (!shouldShow && post.state !== 'moved') await tx.suggestionPost.update({ where: { id: post.id }, data: { state: 'moved' } });
          if (shouldShow && post.state === 'moved')
            await tx.suggestionPost.update({ where: { id: post.id }, data: { state: post.messageTs ? 'posted' : 'pending' } });
          targets.delete(post.channelId);
        }
        for (const channelId of targets) {
          const post = await tx.suggestionPost.create({ data: { needId, channelId, reason: 'recategorised' } });
          await enqueue(tx, { kind: 'suggestion', suggestionId: post.id, channelId: post.channelId }, this.now());
        }
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
      db.$transaction(async (tx) => {
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

  /** Status follows from the feedback: ✅ → resolved, a claim → claimed, else open. */
  private async updateStatus(tx: Tx, needId: number, userId: string): Promise<void> {
    const need = await tx.need.findUniqueOrThrow({ where: { id: needId } });
    if (need.status === 'withdrawn') return; // withdrawn stays withdrawn, whatever is undone later
    const feedback = await tx.feedback.findMany({ where: { needId, kind: { in: ['claim', 'resolved'] } }, orderBy: { createdAt: 'asc' } });
    const claim = feedback.find((f) => f.kind === 'claim');
    const resolved = feedback.find((f) => f.kind === 'resolved');
    const status: NeedStatus = resolved ? 'resolved' : claim ? 'claimed' : 'open';
    const claimedByUserId = claim?.userId ?? null;
    if (status === need.status && claimedByUserId === need.claimedByUserId) return;
    await tx.need.update({
      where: { id: needId },
      data: {
        status,
        claimedByUserId,
        claimedAt: claim ? (need.claimedByUserId === claimedByUserId ? need.claimedAt : claim.createdAt) : null,
        resolvedAt: resolved ? (need.resolvedAt ?? this.now()) : null,
      },
    });
    if (status !== need.status) {
      await tx.needEvent.create({ data: { needId, kind: 'status', detail: `${need.status}→${status}`, userId, at: this.now() } });
    }
  }

  /** If every team channel that got the need said 👎, it goes back to intake with that history. */
  private async returnToIntakeIfEveryoneDeclined(tx: Tx, needId: number, userId: string): Promise<void> {
    const { intake } = this.deps.channels;
    const posts = await tx.suggestionPost.findMany({ where: { needId, state: { not: 'moved' } } });
    const teamChannels = posts.filter((p) => p.channelId !== intake).map((p) => p.channelId);
    if (teamChannels.length === 0 || posts.some((p) => p.channelId === intake)) return;
    const declined = new Set((await tx.feedback.findMany({ where: { needId, kind: 'down' } })).map((f) => f.channelId));
    if (!teamChannels.every((channel) => declined.has(channel))) return;
    const post = await tx.suggestionPost.create({ data: { needId, channelId: intake, reason: 'returned' } });
    await enqueue(tx, { kind: 'suggestion', suggestionId: post.id, channelId: post.channelId }, this.now());
    await tx.needEvent.create({ data: { needId, kind: 'returned_to_intake', detail: teamChannels.join(','), userId, at: this.now() } });
  }

  /** Rebuilds the need's training example from its feedback; true when it changed. */
  private async updateTrainingExample(tx: Tx, needId: number): Promise<boolean> {
    const need = await tx.need.findUniqueOrThrow({
      where: { id: needId },
      include: { classifications: { where: { suggested: true } }, feedback: true },
    });
    const suggested = currentAreas(
      need.classifications.map((c) => c.areaSlug),
      null,
    );
    const labels = trainingLabelsFor(
      suggested,
      parseCorrectedAreas(need.correctedAreas),
      need.feedback.map((f) => ({ kind: f.kind as FeedbackKind, scope: channelScope(this.deps.channels, f.channelId) })),
    );
    const key = `need:${needId}`;
    const existing = await tx.trainingExample.findUnique({ where: { key }, include: { labels: true } });
    const wanted = labels
      ? [...labels.positive.map((areaSlug) => ({ areaSlug, positive: true })), ...labels.negative.map((areaSlug) => ({ areaSlug, positive: false }))]
      : null;
    const same =
      existing !== null &&
      wanted !== null &&
      existing.labels.length === wanted.length &&
      wanted.every((w) => existing.labels.some((l) => l.areaSlug === w.areaSlug && l.positive === w.positive));
    if (same || (existing === null && wanted === null)) return false;
    if (existing) await tx.trainingExample.delete({ where: { key } });
    if (wanted) {
      await tx.trainingExample.create({
        data: { key, text: needText(need), source: 'feedback', labels: { create: wanted } },
      });
    }
    return true;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }
}
