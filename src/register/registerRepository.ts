// The needs register: the queries behind the App Home, `/need mine|list|search` and a need's own
// page. Prisma calls in, plain objects out; no Slack types.
import type { Db } from '../platform/db/client.js';
import type { AreaSlug } from '../matching/types.js';
import { suggestionLink } from '../needs/suggestionLink.js';
import { isAreaSlug } from '../needs/needAreas.js';
import { type SearchScope, type SearchTerm, searchNeedIds } from '../needs/store/searchIndex.js';
import type { Prisma } from '../generated/prisma/client.js';

export const NEED_STATUSES = ['open', 'claimed', 'resolved', 'withdrawn'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

export interface NeedListItem {
  id: number;
  title: string;
  municipality: string;
  areas: AreaSlug[];
  status: NeedStatus;
  recordedAt: Date;
  /** A link to one posted copy of the suggestion message, when there is one. */
  link: string | null;
}

export interface MyNeedItem extends NeedListItem {
  /** Why it is mine: I recorded it, I am "Vår kontakt", I took it. */
  roles: ('recorded' | 'ourContact' | 'claimed')[];
}

export interface NeedFilter {
  municipalityId?: number;
  area?: AreaSlug;
  status?: NeedStatus;
}

export interface Counts {
  open: number;
  claimed: number;
  resolvedSince: number;
}

// What a list line shows, and nothing more: a need's description and searchText are most of its
// row, and reading them for every line made the lists and search slower.
const listSelect = {
  id: true,
  title: true,
  status: true,
  recordedAt: true,
  municipality: { select: { name: true } },
  currentAreas: { select: { areaSlug: true } },
  suggestions: { where: { messageTs: { not: null } }, orderBy: { id: 'asc' }, take: 1, select: { channelId: true, messageTs: true } },
} as const;

const mineSelect = { ...listSelect, recordedByUserId: true, ourContactUserId: true, claimedByUserId: true } as const;

type ListRow = Prisma.NeedGetPayload<{ select: typeof listSelect }>;

function toItem(row: ListRow): NeedListItem {
  const post = row.suggestions[0];
  return {
    id: row.id,
    title: row.title,
    municipality: row.municipality.name,
    areas: row.currentAreas.map((a) => a.areaSlug).filter(isAreaSlug),
    status: row.status as NeedStatus,
    recordedAt: row.recordedAt,
    link: post?.messageTs ? suggestionLink(post.channelId, post.messageTs) : null,
  };
}

/** Filters as a Prisma where: withdrawn needs only when asked for. */
function whereOf(filter: NeedFilter) {
  return {
    ...(filter.municipalityId !== undefined ? { municipalityId: filter.municipalityId } : {}),
    ...(filter.area !== undefined ? { currentAreas: { some: { areaSlug: filter.area } } } : {}),
    status: filter.status ?? { not: 'withdrawn' },
  };
}

/** The same filter for the search index's own query. */
function scopeOf(filter: NeedFilter): SearchScope {
  return {
    ...(filter.municipalityId !== undefined ? { municipalityId: filter.municipalityId } : {}),
    ...(filter.area !== undefined ? { area: filter.area } : {}),
    status: filter.status !== undefined ? { equals: filter.status } : { not: 'withdrawn' },
  };
}

/** Newest first, then the highest id (the order of "Mina behov" and the latest needs). */
const newestFirst = (a: { recordedAt: Date; id: number }, b: { recordedAt: Date; id: number }) =>
  b.recordedAt.getTime() - a.recordedAt.getTime() || b.id - a.id;

export class NeedRegister {
  constructor(private readonly db: Db) {}

  /** Open and claimed needs now, and needs resolved since `since` (the start of the year). */
  async counts(since: Date): Promise<Counts> {
    const [open, claimed, resolvedSince] = await Promise.all([
      this.db.need.count({ where: { status: 'open' } }),
      this.db.need.count({ where: { status: 'claimed' } }),
      this.db.need.count({ where: { status: 'resolved', resolvedAt: { gte: since } } }),
    ]);
    return { open, claimed, resolvedSince };
  }

  /** Needs I recorded, where I am "Vår kontakt", or that I took; newest first. */
  async mine(userId: string, limit: number, offset = 0): Promise<MyNeedItem[]> {
    // One query per role, each newest first and cut at the page's end, merged here: the OR of the
    // three made the database collect and sort every need a busy person has (tens of thousands).
    // Each is a walk down an index on (role column, recordedAt).
    const role = (where: { recordedByUserId: string } | { ourContactUserId: string } | { claimedByUserId: string }) =>
      this.db.need.findMany({
        where: { ...where, status: { not: 'withdrawn' } },
        orderBy: [{ recordedAt: 'desc' }, { id: 'desc' }],
        take: offset + limit,
        select: { id: true, recordedAt: true },
      });
    const found = (await Promise.all([role({ recordedByUserId: userId }), role({ ourContactUserId: userId }), role({ claimedByUserId: userId })])).flat();
    const ids = [...new Map(found.map((n) => [n.id, n])).values()]
      .sort(newestFirst)
      .slice(offset, offset + limit)
      .map((n) => n.id);
    if (ids.length === 0) return [];
    const rows = await this.db.need.findMany({ where: { id: { in: ids } }, orderBy: [{ recordedAt: 'desc' }, { id: 'desc' }], select: mineSelect });
    return rows.map((row) => ({
      ...toItem(row),
      roles: [
        ...(row.recordedByUserId === userId ? (['recorded'] as const) : []),
        ...(row.ourContactUserId === userId ? (['ourContact'] as const) : []),
        ...(row.claimedByUserId === userId ? (['claimed'] as const) : []),
      ],
    }));
  }

  /** Open needs nobody has taken in any of the areas, oldest first. */
  async waitingIn(areas: readonly AreaSlug[], limit: number, offset = 0): Promise<NeedListItem[]> {
    if (areas.length === 0) return [];
    const rows = await this.db.need.findMany({
      where: { status: 'open', claimedByUserId: null, currentAreas: { some: { areaSlug: { in: [...areas] } } } },
      orderBy: [{ recordedAt: 'asc' }, { id: 'asc' }],
      take: limit,
      skip: offset,
      select: listSelect,
    });
    return rows.map(toItem);
  }

  /** The latest needs in the region, with filters; newest first. */
  async latest(filter: NeedFilter, limit: number, offset = 0): Promise<NeedListItem[]> {
    const rows = await this.db.need.findMany({
      where: whereOf(filter),
      orderBy: [{ recordedAt: 'desc' }, { id: 'desc' }],
      take: limit,
      skip: offset,
      select: listSelect,
    });
    return rows.map(toItem);
  }

  /**
   * Needs matching the search terms (matching/text/searchTerms.ts: a term, or a word's alternatives),
   * best first, within the filter.
   */
  async search(terms: readonly SearchTerm[], filter: NeedFilter, limit: number): Promise<NeedListItem[]> {
    const ids = await this.searchIds(terms, filter, limit);
    if (ids.length === 0) return [];
    const rows = await this.db.need.findMany({ where: { id: { in: ids } }, select: listSelect });
    const rank = new Map(ids.map((id, i) => [id, i]));
    return rows.sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0)).map(toItem);
  }

  /** The best `limit` matches within the filter, best first. */
  private async searchIds(terms: readonly SearchTerm[], filter: NeedFilter, limit: number): Promise<number[]> {
    const chosen = filter.municipalityId !== undefined || filter.area !== undefined || filter.status !== undefined;
    if (!chosen) {
      // Only withdrawn needs fall out, so the index's first page, filtered, is nearly always enough
      // (and cheaper than reading every match's row). It is exact whenever it is used: the first
      // `limit` of a prefix of the ranking that survive are the first `limit` of all that survive.
      const probe = 2 * limit + 8;
      const ranked = await searchNeedIds(this.db, terms, probe);
      if (ranked.length === 0) return [];
      const within = new Set((await this.db.need.findMany({ where: { id: { in: ranked }, ...whereOf(filter) }, select: { id: true } })).map((r) => r.id));
      const ids = ranked.filter((id) => within.has(id));
      // When none survived, "any term" may apply within the filter where "all" did not.
      if (ids.length >= limit || (ranked.length < probe && ids.length > 0)) return ids.slice(0, limit);
    }
    return searchNeedIds(this.db, terms, limit, 0, scopeOf(filter));
  }
}
