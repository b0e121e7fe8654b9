// "Gemensamma behov" of the weekly summary: the needs of the last eight weeks that similar-need
// lookups linked (NeedSimilar), grouped by those links (connected components), keeping the groups
// that span two or more municipalities and touch the channel's areas. The grouping is pure; the
// loader reads the links of the window through the store.
import type { Db } from '../platform/db/client.js';
import { required } from '../required.js';
import type { AreaSlug } from '../matching/types.js';
import { similarInWindow, type SimilarEdge, type WindowNeed } from '../needs/store/similarNeedLinks.js';
import { addWeeks, type IsoWeek, weekRange } from './isoWeek.js';
import { SHARED_GROUPS_SHOWN, type SharedNeedGroup, TREND_WEEKS } from './model.js';

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
    if (areas !== 'all' && !members.some((m) => m.areas.some((a) => (areas as readonly string[]).includes(a)))) continue;
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
