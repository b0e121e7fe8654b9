// The weekly summary, the use case: claim a week's summary for each channel exactly once (the
// outbox then sends it: messages.ts), and load one channel's summary as plain data — the figures
// counted in SQL (summaryRepository.ts) and the groups of needs shared across municipalities. The
// summary's shape is below; no Slack types, no SQL here.
import type { ChannelsConfig, TeamChannel } from '../channels/channelsConfig.js';
import type { AreaSlug } from '../matching/types.js';
import type { AreaName } from '../region/referenceDataRepository.js';
import type { Db } from '../platform/db/client.js';
import * as repository from './summaryRepository.js';
import { retryOnConflict, UNIQUE_KEYS, violatesUniqueKey } from '../platform/db/errors.js';
import { required } from '../required.js';
import { similarInWindow, type SimilarEdge, type WindowNeed } from '../needs/store/similarNeedLinks.js';
import { addWeeks, formatIsoWeek, type IsoWeek, weekRange } from '../platform/isoWeek.js';

/** An area's slug, or "none" = needs without a strength area (the matcher abstained; only `areas: all` channels see them). */
export type SummaryAreaKey = string;

export interface CountWithTrend {
  key: string;
  label: string;
  /** New needs in the reported week. */
  count: number;
  /** Mean of the four weeks before. */
  average: number;
}

export interface SummaryNeed {
  id: number;
  title: string;
  municipality: string;
  area: SummaryAreaKey;
  recordedAt: Date;
  /** https://slack.com/archives/<channel>/p<ts> of its suggestion message, if it was posted. */
  link: string | null;
}

export interface TrendPoint {
  /** "2026-W41" */
  week: string;
  area: SummaryAreaKey;
  municipality: string;
  count: number;
}

export interface WeeklySummary {
  channelId: string;
  isoWeek: string;
  timezone: string;
  areas: AreaSlug[] | 'all';
  /** The region's areas, in its order, with the names the message and the chart show. */
  regionAreas: AreaName[];
  start: Date;
  end: Date;
  newNeeds: {
    total: number;
    average: number;
    /** Sums to total; sorted by count, then name. */
    byMunicipality: CountWithTrend[];
    /** Each need counts once, under its best area among the channel's; sums to total. */
    byArea: CountWithTrend[];
    /** Newest first, at most NEW_NEEDS_SHOWN. */
    shown: SummaryNeed[];
  };
  waiting: {
    /** Open, unclaimed and recorded at least 14 days before the end of the week. */
    total: number;
    /** Oldest first, at most WAITING_SHOWN. */
    shown: SummaryNeed[];
  };
  claimed: number;
  resolved: number;
  feedback: { up: number; down: number; recategorised: number };
  /** The last eight weeks (the reported one last), for the chart. */
  trend: { weeks: string[]; points: TrendPoint[] };
  /** "Gemensamma behov": groups of similar needs of the last eight weeks spanning two or more municipalities. */
  shared?: SharedNeedGroup[];
}

/** Similar needs (NeedSimilar) of the last eight weeks that hang together, from several municipalities. */
export interface SharedNeedGroup {
  /** The newest need's title. */
  label: string;
  /** A link to the newest need's suggestion message, if it was posted. */
  link: string | null;
  /** Distinct, in order of their first need. */
  municipalities: string[];
  needIds: number[];
  newest: Date;
}

/** Shared-need groups shown per channel, at most (the most municipalities first). */
export const SHARED_GROUPS_SHOWN = 5;

export const NEW_NEEDS_SHOWN = 15;
export const WAITING_SHOWN = 10;
export const WAITING_DAYS = 14;
export const AVERAGE_WEEKS = 4;
export const TREND_WEEKS = 8;

/** Nothing happened: no new needs and no claims, resolutions or feedback. */
export function isEmptyWeek(s: WeeklySummary): boolean {
  const f = s.feedback;
  return s.newNeeds.total === 0 && s.claimed === 0 && s.resolved === 0 && f.up + f.down + f.recategorised === 0;
}

export interface ClaimResult {
  channel: string;
  isoWeek: string;
  /** true: this run queued the post; false: it was already claimed (posted or on its way). */
  claimed: boolean;
}

/** The team channels that get a weekly summary (optionally only the given ones). */
export function summaryChannels(channels: ChannelsConfig, only?: readonly string[]): TeamChannel[] {
  return channels.teams.filter((t) => t.weeklySummary && (!only || only.length === 0 || only.includes(t.channel)));
}

/** Claims (and queues) the week's summary for each channel; already-claimed ones are skipped. */
export async function claimSummaries(
  db: Db,
  teams: readonly TeamChannel[],
  week: IsoWeek,
  timezone: string,
  source: ClaimSource,
  now?: Date,
): Promise<ClaimResult[]> {
  const isoWeek = formatIsoWeek(week);
  const results: ClaimResult[] = [];
  for (const team of teams) {
    const claimed = await claimWeeklySummary(db, { channelId: team.channel, isoWeek, areas: team.areas, timezone, source, now });
    results.push({ channel: team.channel, isoWeek, claimed });
  }
  return results;
}

// Exactly once per (channel, ISO week): whoever inserts the WeeklySummaryClaim row posts the
// summary. The claim and its outbox row are written in one transaction, so either both exist (and
// the outbox sends, with retries, until Slack has it) or neither does. A second app instance, a
// restart or a manual `summary --post` hits the primary key and queues nothing.

export type ClaimSource = 'scheduled' | 'catch_up' | 'cli';

export interface ClaimRequest {
  channelId: string;
  isoWeek: string;
  areas: AreaSlug[] | 'all';
  timezone: string;
  source: ClaimSource;
  now?: Date;
}

export function encodeAreas(areas: AreaSlug[] | 'all'): string {
  return areas === 'all' ? 'all' : areas.join(',');
}

export function decodeAreas(text: string): AreaSlug[] | 'all' {
  return text === 'all' ? 'all' : text.split(',').filter(Boolean);
}

/**
 * True when this call claimed the week for the channel (and queued its post); false if it was
 * taken. Only the claim's own key means "taken"; any other conflict runs the claim again.
 */
export async function claimWeeklySummary(db: Db, request: ClaimRequest): Promise<boolean> {
  const claim = { ...request, areas: encodeAreas(request.areas), claimedAt: request.now ?? new Date() };
  return retryOnConflict(() => repository.insertClaimAndPost(db, claim), { ownKeys: [UNIQUE_KEYS.weeklySummaryClaim] }).catch((error: unknown) => {
    if (violatesUniqueKey(error, UNIQUE_KEYS.weeklySummaryClaim)) return false;
    throw error;
  });
}

// "Gemensamma behov" of the weekly summary: the needs of the last eight weeks that similar-need
// lookups linked (NeedSimilar), grouped by those links (connected components), keeping the groups
// that span two or more municipalities and touch the channel's areas. The grouping is pure; the
// loader reads the links of the window through the store.

export function groupSharedNeeds(
  edges: readonly SimilarEdge[],
  needs: readonly WindowNeed[],
  areas: readonly AreaSlug[] | 'all',
  limit: number = SHARED_GROUPS_SHOWN,
): SharedNeedGroup[] {
  const byId = new Map(needs.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  const find = (id: number): number => {
    const path: number[] = [];
    let root = id;
    for (let up = parent.get(root); up !== undefined && up !== root; up = parent.get(root)) {
      path.push(root);
      root = up;
    }
    for (const at of path) parent.set(at, root);
    return root;
  };
  for (const { needId, similarNeedId } of edges) {
    if (!byId.has(needId) || !byId.has(similarNeedId)) continue;
    if (!parent.has(needId)) parent.set(needId, needId);
    if (!parent.has(similarNeedId)) parent.set(similarNeedId, similarNeedId);
    const a = find(needId);
    const b = find(similarNeedId);
    if (a !== b) parent.set(Math.max(a, b), Math.min(a, b));
  }
  const components = new Map<number, WindowNeed[]>();
  for (const id of parent.keys()) {
    const root = find(id);
    // Only needs of the window get a parent (the loop above skips links to others).
    components.set(root, [...(components.get(root) ?? []), required(byId.get(id), `need ${id} of the window`)]);
  }
  const groups: SharedNeedGroup[] = [];
  for (const members of components.values()) {
    members.sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime() || a.id - b.id);
    const municipalities = [...new Set(members.map((m) => m.municipality))];
    const newest = members.at(-1);
    if (newest === undefined || municipalities.length < 2) continue;
    if (areas !== 'all' && !members.some((m) => m.areas.some((a) => areas.includes(a)))) continue;
    groups.push({ label: newest.title, link: newest.link, municipalities, needIds: members.map((m) => m.id), newest: newest.recordedAt });
  }
  groups.sort((a, b) => b.municipalities.length - a.municipalities.length || b.newest.getTime() - a.newest.getTime());
  return groups.slice(0, limit);
}

/** The groups of the eight weeks ending with `week` (the chart's weeks) for a channel's areas. */
export async function loadSharedNeeds(db: Db, scope: { week: IsoWeek; timezone: string; areas: AreaSlug[] | 'all' }): Promise<SharedNeedGroup[]> {
  const from = weekRange(addWeeks(scope.week, -(TREND_WEEKS - 1)), scope.timezone).start;
  const to = weekRange(scope.week, scope.timezone).end;
  const { edges, needs } = await similarInWindow(db, from, to);
  return groupSharedNeeds(edges, needs, scope.areas);
}

/** One channel's summary of one week: the figures counted in SQL, and the groups of shared needs. */
export async function loadWeeklySummary(db: Db, scope: repository.SummaryScope): Promise<WeeklySummary> {
  const [figures, shared] = await Promise.all([repository.loadWeeklyFigures(db, scope), loadSharedNeeds(db, scope)]);
  return { ...figures, shared };
}
