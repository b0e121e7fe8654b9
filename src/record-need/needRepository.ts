// The writes of routing needs, inside the caller's transaction, a statement per table for however
// many needs (a single /need, or an import's batch of hundreds): the claim (routedAt), the
// classification, the current areas, the suggested environments, one suggestion post per channel
// with its outbox row, the similar needs found and, unless imported, the confirmation.
import { z } from 'zod';
import { insertRows, insertRowsReturning } from '../platform/db/bulkInsert.js';
import type { Tx } from '../platform/db/client.js';
import { enqueueMany, type OnceOutboxItem } from '../platform/outbox/outboxQueue.js';
import { serialiseEnvironmentReason } from '../needs/environmentReason.js';
import { replaceCurrentAreasOf } from '../needs/store/needAreas.js';
import type { RoutingDecision } from './routingDecision.js';
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
