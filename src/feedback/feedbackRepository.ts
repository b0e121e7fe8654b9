// The feedback journey's repository: every read and write of people's reactions, buttons and
// corrections, in plain objects. The rules (who may, what the status is, what a need teaches) are
// in giveFeedback.ts and its pure helpers; this file only stores and fetches.
import type { Db, Tx } from '../platform/db/client.js';
import { enqueue } from '../platform/outbox/outboxQueue.js';
import type { FeedbackKind } from '../needs/learningLabels.js';

/** One person's feedback on a need, as it is keyed: the channel for 👍/👎, '' for a claim or ✅. */
export interface FeedbackKey {
  needId: number;
  userId: string;
  kind: FeedbackKind;
  scope: string;
}

export interface SuggestionPostRef {
  suggestionId: number;
  needId: number;
  channelId: string;
}

export interface PostState {
  id: number;
  channelId: string;
  state: string;
  messageTs: string | null;
}

/** The suggestion post behind a Slack message (channel, ts), or null for any other message. */
export async function suggestionByMessage(db: Db, channelId: string, messageTs: string): Promise<SuggestionPostRef | null> {
  const post = await db.suggestionPost.findUnique({
    where: { channelId_messageTs: { channelId, messageTs } },
    select: { id: true, needId: true, channelId: true },
  });
  return post ? { suggestionId: post.id, needId: post.needId, channelId: post.channelId } : null;
}

export function suggestionById(db: Db, suggestionId: number): Promise<{ needId: number; channelId: string } | null> {
  return db.suggestionPost.findUnique({ where: { id: suggestionId }, select: { needId: true, channelId: true } });
}

export async function hasFeedback(db: Db | Tx, key: FeedbackKey): Promise<boolean> {
  return (await db.feedback.findUnique({ where: { needId_userId_kind_scope: key }, select: { id: true } })) !== null;
}

export async function insertFeedback(tx: Tx, key: FeedbackKey, channelId: string, at: Date): Promise<void> {
  await tx.feedback.create({ data: { ...key, channelId, createdAt: at } });
}

/** Deletes the person's feedback; true when there was some. */
export async function deleteFeedback(tx: Tx, key: FeedbackKey): Promise<boolean> {
  return (await tx.feedback.deleteMany({ where: key })).count > 0;
}

/** The need's correction and its posts, what recategorising works from; null when there is no such need. */
export async function correctionOf(tx: Tx, needId: number): Promise<{ correctedAreas: string | null; posts: PostState[] } | null> {
  const need = await tx.need.findUnique({
    where: { id: needId },
    select: { correctedAreas: true, suggestions: { select: { id: true, channelId: true, state: true, messageTs: true }, orderBy: { id: 'asc' } } },
  });
  return need ? { correctedAreas: need.correctedAreas, posts: need.suggestions } : null;
}

export async function setCorrectedAreas(tx: Tx, needId: number, corrected: string): Promise<void> {
  await tx.need.update({ where: { id: needId }, data: { correctedAreas: corrected } });
}

export async function setPostState(tx: Tx, postId: number, state: 'posted' | 'pending' | 'moved'): Promise<void> {
  await tx.suggestionPost.update({ where: { id: postId }, data: { state } });
}

/** A new suggestion post in `channelId`, queued for posting. */
export async function addSuggestionPost(tx: Tx, needId: number, channelId: string, reason: 'recategorised' | 'returned', at: Date): Promise<void> {
  const post = await tx.suggestionPost.create({ data: { needId, channelId, reason } });
  await enqueue(tx, { kind: 'suggestion', suggestionId: post.id, channelId: post.channelId }, at);
}

/** The posts that still show the need (not moved away by a recategorisation). */
export function currentPosts(tx: Tx, needId: number): Promise<{ channelId: string }[]> {
  return tx.suggestionPost.findMany({ where: { needId, state: { not: 'moved' } }, select: { channelId: true } });
}

/** The channels whose 👎 the need has. */
export async function declinedChannels(tx: Tx, needId: number): Promise<Set<string>> {
  return new Set((await tx.feedback.findMany({ where: { needId, kind: 'down' }, select: { channelId: true } })).map((f) => f.channelId));
}

export interface StatusFacts {
  status: string;
  claimedByUserId: string | null;
  claimedAt: Date | null;
  resolvedAt: Date | null;
  /** Claims and ✅, oldest first. */
  feedback: { kind: string; userId: string; createdAt: Date }[];
}

/** What the need's status is decided on: its status fields and its claims and ✅, oldest first. */
export async function statusFacts(tx: Tx, needId: number): Promise<StatusFacts> {
  const need = await tx.need.findUniqueOrThrow({ where: { id: needId }, select: { status: true, claimedByUserId: true, claimedAt: true, resolvedAt: true } });
  const feedback = await tx.feedback.findMany({
    where: { needId, kind: { in: ['claim', 'resolved'] } },
    select: { kind: true, userId: true, createdAt: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return { ...need, feedback };
}

export async function setStatus(
  tx: Tx,
  needId: number,
  status: { status: string; claimedByUserId: string | null; claimedAt: Date | null; resolvedAt: Date | null },
): Promise<void> {
  await tx.need.update({ where: { id: needId }, data: status });
}

export interface TrainingFacts {
  title: string;
  description: string;
  correctedAreas: string | null;
  suggestedAreas: string[];
  feedback: { kind: string; channelId: string }[];
}

/** What the need teaches the matcher is decided on: its text, suggested areas, correction and feedback. */
export async function trainingFacts(tx: Tx, needId: number): Promise<TrainingFacts> {
  const need = await tx.need.findUniqueOrThrow({
    where: { id: needId },
    select: {
      title: true,
      description: true,
      correctedAreas: true,
      classifications: { where: { suggested: true }, select: { areaSlug: true } },
      feedback: { select: { kind: true, channelId: true } },
    },
  });
  return {
    title: need.title,
    description: need.description,
    correctedAreas: need.correctedAreas,
    suggestedAreas: need.classifications.map((c) => c.areaSlug),
    feedback: need.feedback,
  };
}

export interface TrainingLabelRow {
  areaSlug: string;
  positive: boolean;
}

/** The labels of the training example under `key`, or null when there is none. */
export async function trainingLabelsOf(tx: Tx, key: string): Promise<TrainingLabelRow[] | null> {
  const example = await tx.trainingExample.findUnique({ where: { key }, select: { labels: { select: { areaSlug: true, positive: true } } } });
  return example ? example.labels : null;
}

/** Replaces the training example under `key` (none when `labels` is null). */
export async function replaceTrainingExample(tx: Tx, key: string, example: { text: string; labels: TrainingLabelRow[] } | null): Promise<void> {
  await tx.trainingExample.deleteMany({ where: { key } });
  if (example) await tx.trainingExample.create({ data: { key, text: example.text, source: 'feedback', labels: { create: example.labels } } });
}

/** Runs one feedback change as one transaction (its reads and writes above take the `tx`). */
export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(work);
}
