// Everything recording and routing a need reads and writes, returning plain objects: the need
// itself (one, or an import's batch in one INSERT), what routing reads, and the writes of routing,
// a statement per table for however many needs (a single /need, or an import's batch of hundreds):
// the claim (routedAt), the classification, the current areas, the suggested environments, one
// suggestion post per channel with its outbox row, the similar needs found and, unless imported,
// the confirmation. Also what the posts of this journey read and mark when they are sent.
import { z } from 'zod';
import { insertRows, insertRowsReturning } from '../platform/db/bulkInsert.js';
import type { Db, Tx } from '../platform/db/client.js';
import { retryOnConflict, UNIQUE_KEYS, violatesUniqueKey } from '../platform/db/errors.js';
import type { EnvironmentProfile } from '../matching/types.js';
import type { SimilarNeedView } from '../needs/store/needViews.js';
import { similarFoundFor } from '../needs/store/similarNeedLinks.js';
import { enqueueMany, type OnceOutboxItem } from '../platform/outbox/outboxQueue.js';
import { serialiseEnvironmentReason } from '../needs/environmentReason.js';
import { replaceCurrentAreasOf } from '../needs/store/needAreas.js';
import type { RoutingDecision } from './recordNeed.js';
import type { SimilarFound } from '../needs/similarNeedsIndex.js';
import { replaceSimilarOf } from '../needs/store/similarNeedLinks.js';

export interface NeedRouting extends RoutingDecision {
  needId: number;
  similar: SimilarFound[];
  /** Queue a confirmation to the person who recorded it (an imported need has nobody waiting for one). */
  confirm: boolean;
}

/** Some need of the batch was routed by someone else meanwhile: the caller's transaction must roll back. */
export class AlreadyRoutedError extends Error {
  constructor(
    readonly expected: number,
    readonly claimed: number,
  ) {
    super(`${expected - claimed} of ${expected} needs were routed meanwhile`);
  }
}

/**
 * Writes the routings; throws AlreadyRoutedError (nothing may be kept) when a need was not unrouted
 * any more. `now` dates the routing; posts and outbox rows are dated by the clock the outbox worker
 * reads (the real one), or a post would wait for the injected time.
 */
export async function writeRoutings(tx: Tx, routings: readonly NeedRouting[], now: Date): Promise<void> {
  if (routings.length === 0) return;
  const queuedAt = new Date();
  // The guard (routedAt still null) makes concurrent routing of the same need (restart + live
  // request) harmless: one claim per model version and abstention, since those are stored with it.
  const claims = new Map<string, { abstained: boolean; modelVersion: string; ids: number[] }>();
  for (const r of routings) {
    const { abstain, modelVersion } = r.classification;
    const group = `${abstain}\u001f${modelVersion}`;
    const claim = claims.get(group) ?? { abstained: abstain, modelVersion, ids: [] };
    claim.ids.push(r.needId);
    claims.set(group, claim);
  }
  let claimed = 0;
  for (const { abstained, modelVersion, ids } of claims.values()) {
    claimed += (await tx.need.updateMany({ where: { id: { in: ids }, routedAt: null }, data: { routedAt: now, abstained, modelVersion } })).count;
  }
  if (claimed !== routings.length) throw new AlreadyRoutedError(routings.length, claimed);

  await insertRows(
    tx,
    'NeedClassification',
    ['needId', 'areaSlug', 'score', 'rank', 'suggested', 'terms', 'modelVersion'],
    routings.flatMap((r) =>
      r.classification.ranked.map((area, index) => ({
        needId: r.needId,
        areaSlug: area.slug,
        score: area.score,
        rank: index + 1,
        suggested: r.suggestedAreas.includes(area.slug),
        terms: area.terms.join('\n'),
        modelVersion: r.classification.modelVersion,
      })),
    ),
  );
  await replaceCurrentAreasOf(
    tx,
    routings.map((r) => ({ needId: r.needId, areas: r.suggestedAreas })),
  );
  await insertRows(
    tx,
    'NeedEnvironment',
    ['needId', 'environmentId', 'rank', 'score', 'reason', 'reasonData'],
    routings.flatMap((r) =>
      r.environments.map((env, index) => ({
        needId: r.needId,
        environmentId: env.id,
        rank: index + 1,
        score: env.score,
        reason: '',
        reasonData: serialiseEnvironmentReason(env.reason),
      })),
    ),
  );
  const posts = postRows.parse(
    await insertRowsReturning(
      tx,
      'SuggestionPost',
      ['needId', 'channelId', 'reason', 'state', 'createdAt'],
      routings.flatMap((r) =>
        r.routes.map((route) => ({ needId: r.needId, channelId: route.channel, reason: route.reason, state: 'pending', createdAt: queuedAt })),
      ),
      ['id', 'needId', 'channelId'],
    ),
  );
  // Posts first (in id order: the order they were inserted in, the routings' and their channels'), then the confirmations.
  const items: OnceOutboxItem[] = [
    ...posts.sort((a, b) => a.id - b.id).map((post) => ({ kind: 'suggestion' as const, suggestionId: post.id, channelId: post.channelId })),
    ...routings.filter((r) => r.confirm).map((r) => ({ kind: 'confirmation' as const, needId: r.needId })),
  ];
  await enqueueMany(tx, items, queuedAt);
  await replaceSimilarOf(
    tx,
    routings.map((r) => ({ needId: r.needId, hits: r.similar })),
    now,
  );
}

/** What the INSERT … RETURNING gives back (integers may come as bigint from a raw query). */
const postRows = z.array(z.object({ id: z.coerce.number().int(), needId: z.coerce.number().int(), channelId: z.string() }));

/** The columns of a new need (every column with a default included: see platform/db/bulkInsert.ts). */
export interface NewNeed {
  municipalityId: number;
  title: string;
  description: string;
  sector: string | null;
  municipalContact: string | null;
  ourContactUserId: string | null;
  recordedByUserId: string | null;
  originChannelId: string | null;
  source: string;
  submissionKey: string | null;
  searchText: string;
  recordedAt: Date;
  sourceLabel?: string;
}

const NEED_COLUMNS = [
  'municipalityId',
  'title',
  'description',
  'sector',
  'municipalContact',
  'ourContactUserId',
  'recordedByUserId',
  'originChannelId',
  'source',
  'submissionKey',
  'searchText',
  'recordedAt',
  'sourceLabel',
  'status',
] as const;
const insertedNeeds = z.array(z.object({ id: z.coerce.number().int(), title: z.string(), submissionKey: z.string() }));

export interface StoredNeed {
  id: number;
  title: string;
}

/**
 * Stores one need (the ack path). A submission key stored before (a replay, or the same submission
 * twice at one instant) comes back as that need with `created: false`; any other conflict is run again.
 */
export async function insertNeed(db: Db, need: NewNeed): Promise<StoredNeed & { created: boolean }> {
  try {
    const created = await retryOnConflict(() => db.need.create({ data: need, select: { id: true, title: true } }), { ownKeys: [UNIQUE_KEYS.needSubmission] });
    return { ...created, created: true };
  } catch (error) {
    const raced =
      violatesUniqueKey(error, UNIQUE_KEYS.needSubmission) && need.submissionKey
        ? await db.need.findUnique({ where: { submissionKey: need.submissionKey }, select: { id: true, title: true } })
        : null;
    if (raced) return { ...raced, created: false };
    throw error;
  }
}

/** The needs already stored under these submission keys, by key. */
export async function needsByKey(db: Db, keys: readonly string[]): Promise<Map<string, StoredNeed>> {
  const found = await db.need.findMany({ where: { submissionKey: { in: [...keys] } }, select: { id: true, title: true, submissionKey: true } });
  return new Map(found.flatMap((n) => (n.submissionKey ? [[n.submissionKey, { id: n.id, title: n.title }] as const] : [])));
}

/** Many new needs with one INSERT … RETURNING (a unique violation writes none of them). */
export async function insertNeeds(db: Db, needs: readonly (NewNeed & { submissionKey: string })[]): Promise<(StoredNeed & { submissionKey: string })[]> {
  return insertedNeeds.parse(
    await insertRowsReturning(
      db,
      'Need',
      NEED_COLUMNS,
      needs.map((n) => ({ sourceLabel: null, status: 'open', ...n })),
      ['id', 'title', 'submissionKey'],
    ),
  );
}

export interface UnroutedNeed {
  id: number;
  municipalityId: number;
  title: string;
  description: string;
  source: string;
}

/** Those of these needs that are not routed yet, with what routing reads of them. */
export function unroutedNeeds(db: Db, needIds: readonly number[]): Promise<UnroutedNeed[]> {
  return db.need.findMany({
    where: { id: { in: [...needIds] }, routedAt: null },
    select: { id: true, municipalityId: true, title: true, description: true, source: true },
    orderBy: { id: 'asc' },
  });
}

/** Ids of every need not routed yet (recorded before `recordedBefore`, when given). */
export async function unroutedNeedIds(db: Db, recordedBefore?: Date): Promise<number[]> {
  const pending = await db.need.findMany({
    where: { routedAt: null, ...(recordedBefore ? { recordedAt: { lt: recordedBefore } } : {}) },
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  return pending.map((n) => n.id);
}

/** The routings written in one transaction (AlreadyRoutedError: none written). */
export function writeRoutingsTogether(db: Db, routings: readonly NeedRouting[], now: Date): Promise<void> {
  return db.$transaction((tx) => writeRoutings(tx, routings, now));
}

/** The innovation environments as the matcher ranks them. */
export async function environmentProfiles(db: Db): Promise<EnvironmentProfile[]> {
  const environments = await db.innovationEnvironment.findMany({ include: { areas: true }, orderBy: { id: 'asc' } });
  return environments.map((e) => ({
    id: e.id,
    name: e.name,
    areas: e.areas.map((a) => a.areaSlug),
    crossCutting: e.crossCutting,
    offer: e.offer,
    role: e.role,
    focus: e.focus.split('\n').filter((term) => term.trim() !== ''),
    coordinates: e.areas.filter((a) => a.coordinator).map((a) => a.areaSlug),
  }));
}

/** What the confirmation to the person who recorded a need says, and where it goes; null when the need is gone. */
export interface ConfirmationView {
  title: string;
  recordedByUserId: string | null;
  originChannelId: string | null;
  abstained: boolean;
  channelIds: string[];
  similar: SimilarNeedView[];
}

export async function loadConfirmation(db: Db, needId: number): Promise<ConfirmationView | null> {
  const need = await db.need.findUnique({ where: { id: needId }, include: { suggestions: { orderBy: { id: 'asc' } } } });
  if (!need) return null;
  return {
    title: need.title,
    recordedByUserId: need.recordedByUserId,
    originChannelId: need.originChannelId,
    abstained: need.abstained === true,
    channelIds: need.suggestions.map((s) => s.channelId),
    similar: await similarFoundFor(db, needId),
  };
}
