// Similar needs in the database: what the index is built from, the rows found at routing time
// (NeedSimilar), and what messages, pages and the weekly summary show of them. Prisma calls in,
// plain objects out; no Slack types.
import { insertRows } from '../../platform/db/bulkInsert.js';
import type { Db, Tx } from '../../platform/db/client.js';
import { suggestionLink } from '../suggestionLink.js';
import { currentAreas } from '../needAreas.js';
import { needText } from '../needInput.js';
import type { Prisma } from '../../generated/prisma/client.js';

export interface IndexableNeed {
  id: number;
  municipalityId: number;
  text: string;
}

/** A similar need as shown: municipality, title, month, and a link to a posted copy. */
export interface SimilarNeedView {
  id: number;
  title: string;
  municipality: string;
  recordedAt: Date;
  score: number;
  /** https://slack.com/archives/<channel>/p<ts> of one posted copy, if there is one. */
  link: string | null;
}

/** Needs that can be found (not withdrawn), in id order, a page at a time. */
export async function indexableNeeds(db: Db, afterId: number, take: number): Promise<IndexableNeed[]> {
  const rows = await db.need.findMany({
    where: { id: { gt: afterId }, status: { not: 'withdrawn' } },
    select: { id: true, municipalityId: true, title: true, description: true },
    orderBy: { id: 'asc' },
    take,
  });
  return rows.map((r) => ({ id: r.id, municipalityId: r.municipalityId, text: needText(r) }));
}

/** The shipped labelled needs: background for the idf, so a young register's words are not all "rare". */
export async function backgroundTexts(db: Db): Promise<string[]> {
  const rows = await db.trainingExample.findMany({ where: { source: 'seed' }, select: { text: true }, orderBy: { id: 'asc' } });
  return rows.map((r) => r.text);
}

/** Replaces what was found for a need (routing, an edit). */
export async function replaceSimilar(tx: Tx, needId: number, hits: readonly { needId: number; score: number }[], now: Date): Promise<void> {
  await replaceSimilarOf(tx, [{ needId, hits }], now);
}

/** The same for many needs at once (routing an import's batch): two statements. */
export async function replaceSimilarOf(
  tx: Tx,
  needs: readonly { needId: number; hits: readonly { needId: number; score: number }[] }[],
  now: Date,
): Promise<void> {
  if (needs.length === 0) return;
  await tx.needSimilar.deleteMany({ where: { needId: { in: needs.map((n) => n.needId) } } });
  const data = needs.flatMap(({ needId, hits }) =>
    hits.map((hit, index) => ({ needId, similarNeedId: hit.needId, rank: index + 1, score: hit.score, foundAt: now })),
  );
  await insertRows(tx, 'NeedSimilar', ['needId', 'similarNeedId', 'rank', 'score', 'foundAt'], data);
}

const needColumns = {
  id: true,
  title: true,
  recordedAt: true,
  municipality: { select: { name: true } },
  suggestions: {
    where: { messageTs: { not: null } },
    select: { channelId: true, messageTs: true, state: true },
    orderBy: { id: 'asc' as const },
  },
} as const;

type NeedRow = Prisma.NeedGetPayload<{ select: typeof needColumns }>;

function toView(need: NeedRow, score: number): SimilarNeedView {
  // A copy that still lives where it was posted, else any posted copy.
  const post = need.suggestions.find((s) => s.state !== 'moved') ?? need.suggestions[0];
  return {
    id: need.id,
    title: need.title,
    municipality: need.municipality.name,
    recordedAt: need.recordedAt,
    score,
    link: post?.messageTs ? suggestionLink(post.channelId, post.messageTs) : null,
  };
}

/** What was found for this need when it was routed, best first; withdrawn needs left out. */
export async function similarFoundFor(db: Db, needId: number): Promise<SimilarNeedView[]> {
  const rows = await db.needSimilar.findMany({
    where: { needId, similar: { status: { not: 'withdrawn' } } },
    select: { score: true, similar: { select: needColumns } },
    orderBy: { rank: 'asc' },
  });
  return rows.map((r) => toView(r.similar, r.score));
}

/** Later needs that found this one, newest first (at most `take`); withdrawn needs left out. */
export async function laterSimilarTo(db: Db, needId: number, take: number): Promise<SimilarNeedView[]> {
  const rows = await db.needSimilar.findMany({
    where: { similarNeedId: needId, need: { status: { not: 'withdrawn' } } },
    select: { score: true, need: { select: needColumns } },
    orderBy: [{ foundAt: 'desc' }, { needId: 'desc' }],
    take,
  });
  return rows.map((r) => toView(r.need, r.score));
}

export interface SimilarEdge {
  needId: number;
  similarNeedId: number;
}

export interface WindowNeed extends SimilarNeedView {
  /** Its areas now: a person's correction, else the classifier's suggestion. */
  areas: string[];
}

/**
 * The similar-need pairs among needs recorded in [from, to) that are not withdrawn, with those
 * needs (for the weekly summary's shared needs). Both ends of a pair lie in the window.
 */
export async function similarInWindow(db: Db, from: Date, to: Date): Promise<{ edges: SimilarEdge[]; needs: WindowNeed[] }> {
  const inWindow = { recordedAt: { gte: from, lt: to }, status: { not: 'withdrawn' } };
  const edges = await db.needSimilar.findMany({
    where: { need: inWindow, similar: inWindow },
    select: { needId: true, similarNeedId: true },
  });
  if (edges.length === 0) return { edges: [], needs: [] };
  const ids = [...new Set(edges.flatMap((e) => [e.needId, e.similarNeedId]))];
  const rows = await db.need.findMany({
    where: { id: { in: ids } },
    select: { ...needColumns, correctedAreas: true, classifications: { where: { suggested: true }, select: { areaSlug: true }, orderBy: { rank: 'asc' } } },
  });
  return {
    edges,
    // The areas as the weekly summary counts them: a person's correction, else the suggestion.
    needs: rows.map((r) => ({
      ...toView(r, 0),
      areas: currentAreas(
        r.classifications.map((c) => c.areaSlug),
        r.correctedAreas,
      ),
    })),
  };
}
