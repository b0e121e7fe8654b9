// The needs as a report sees them, read in keyset-paginated batches (id > last id, ordered by id),
// so an export of any size holds one batch in memory at a time. Prisma in, plain objects out.
import type { Db } from '../platform/db/client.js';
import type { AreaSlug } from '../matching/types.js';
import { currentAreas, isAreaSlug } from '../needs/needAreas.js';
import { municipalityNames } from '../region/referenceDataRepository.js';

export interface ExportFilter {
  /** Recorded at or after. */
  from?: Date;
  /** Recorded before. */
  to?: Date;
  /** Any of these municipalities (empty or absent: all). */
  municipalityIds?: number[];
  /** Needs whose current areas include any of these (empty or absent: all). */
  areas?: AreaSlug[];
}

export interface ExportRow {
  id: number;
  recordedAt: Date;
  municipality: string;
  /** Sector slug, as stored. */
  sector: string | null;
  title: string;
  description: string;
  /** The areas as they stand: a person's correction, else the classifier's suggestion. */
  areas: AreaSlug[];
  /** What the classifier suggested when the need was routed. */
  suggestedAreas: AreaSlug[];
  status: string;
  claimedAt: Date | null;
  resolvedAt: Date | null;
  /** When the need was first claimed (its history), even if the claim was later given up. */
  firstClaimedAt: Date | null;
  /** Suggested innovation environments, best first. */
  environments: string[];
  /** Channels the need was posted to (not those it was moved away from). */
  channels: string[];
  up: number;
  down: number;
  source: string;
  withdrawnAt: Date | null;
}

export const EXPORT_BATCH = 5000;

function whereOf(filter: ExportFilter) {
  return {
    ...(filter.from || filter.to ? { recordedAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } } : {}),
    ...(filter.municipalityIds && filter.municipalityIds.length > 0 ? { municipalityId: { in: filter.municipalityIds } } : {}),
    ...(filter.areas && filter.areas.length > 0 ? { currentAreas: { some: { areaSlug: { in: filter.areas } } } } : {}),
  };
}

/** Every matching need, oldest id first, one batch at a time. */
export async function* exportBatches(db: Db, filter: ExportFilter = {}, batchSize = EXPORT_BATCH): AsyncGenerator<ExportRow[]> {
  const where = whereOf(filter);
  let after = 0;
  const municipalities = await municipalityNames(db);
  const environmentNames = new Map((await db.innovationEnvironment.findMany({ select: { id: true, name: true } })).map((e) => [e.id, e.name]));
  for (;;) {
    const needs = await db.need.findMany({
      where: { ...where, id: { gt: after } },
      orderBy: { id: 'asc' },
      take: batchSize,
      select: {
        id: true,
        recordedAt: true,
        municipalityId: true,
        sector: true,
        title: true,
        description: true,
        correctedAreas: true,
        status: true,
        claimedAt: true,
        resolvedAt: true,
        source: true,
        withdrawnAt: true,
      },
    });
    const first = needs[0]?.id;
    const last = needs.at(-1)?.id;
    if (first === undefined || last === undefined) return;
    // The related rows of the whole batch (one query each), grouped here: by id range when the batch
    // is about every need in it (an index range scan), by the ids themselves when a filter skips many.
    const sparse = last - first + 1 > needs.length * 2;
    const range = sparse ? { needId: { in: needs.map((n) => n.id) } } : { needId: { gte: first, lte: last } };
    const [classes, environments, posts, feedback, claims] = await Promise.all([
      db.needClassification.findMany({
        where: { ...range, suggested: true },
        orderBy: [{ needId: 'asc' }, { rank: 'asc' }],
        select: { needId: true, areaSlug: true },
      }),
      db.needEnvironment.findMany({ where: range, orderBy: [{ needId: 'asc' }, { rank: 'asc' }], select: { needId: true, environmentId: true } }),
      db.suggestionPost.findMany({ where: { ...range, state: { not: 'moved' } }, orderBy: { id: 'asc' }, select: { needId: true, channelId: true } }),
      db.feedback.groupBy({ by: ['needId', 'kind'], where: { ...range, kind: { in: ['up', 'down'] } }, _count: { _all: true } }),
      db.needEvent.groupBy({ by: ['needId'], where: { ...range, kind: 'status', detail: { endsWith: '→claimed' } }, _min: { at: true } }),
    ]);
    const byNeed = <T extends { needId: number }>(rows: T[]) => {
      const map = new Map<number, T[]>();
      for (const row of rows) {
        const list = map.get(row.needId);
        if (list) list.push(row);
        else map.set(row.needId, [row]);
      }
      return map;
    };
    const classesOf = byNeed(classes);
    const environmentsOf = byNeed(environments);
    const postsOf = byNeed(posts);
    const counts = new Map<string, number>(feedback.map((f) => [`${f.needId}:${f.kind}`, f._count._all]));
    const firstClaims = new Map(claims.map((c) => [c.needId, c._min.at]));
    yield needs.map((need) => {
      const suggested = (classesOf.get(need.id) ?? []).map((c) => c.areaSlug).filter(isAreaSlug);
      return {
        id: need.id,
        recordedAt: need.recordedAt,
        municipality: municipalities.get(need.municipalityId) ?? '',
        sector: need.sector,
        title: need.title,
        description: need.description,
        areas: currentAreas(suggested, need.correctedAreas),
        suggestedAreas: suggested,
        status: need.status,
        claimedAt: need.claimedAt,
        resolvedAt: need.resolvedAt,
        firstClaimedAt: firstClaims.get(need.id) ?? need.claimedAt,
        environments: (environmentsOf.get(need.id) ?? []).map((e) => environmentNames.get(e.environmentId) ?? ''),
        channels: [...new Set((postsOf.get(need.id) ?? []).map((p) => p.channelId))],
        up: counts.get(`${need.id}:up`) ?? 0,
        down: counts.get(`${need.id}:down`) ?? 0,
        source: need.source,
        withdrawnAt: need.withdrawnAt,
      };
    });
    if (needs.length < batchSize) return;
    after = last;
  }
}
