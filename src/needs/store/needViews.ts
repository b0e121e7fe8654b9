// Read models for what the Slack layer shows about a need: plain data, no Slack types.
import type { Db } from '../../platform/db/client.js';
import type { EnvironmentReason } from '../../matching/types.js';
import { suggestionLink } from '../suggestionLink.js';
import { storedEnvironmentReason } from '../environmentReason.js';
import { currentAreas, parseCorrectedAreas } from '../needAreas.js';
import { SIMILAR_SHOWN } from '../similarNeedsIndex.js';
import { laterSimilarTo, similarFoundFor, type SimilarNeedView } from './similarNeedLinks.js';

export type { SimilarNeedView };

export interface AreaMatchView {
  slug: string;
  name: string;
  nameEn: string;
  /** The classifier's calibrated score; null when a person chose the area. */
  score: number | null;
  terms: string[];
}

/** A suggested environment: its name and why (structured, or the prose line an older version stored). */
export interface EnvironmentView {
  name: string;
  reason: EnvironmentReason | string;
  /** The names of the area a structured reason is about (absent for cross-cutting and prose reasons). */
  area?: { name: string; nameEn: string };
}

export interface ChannelFeedbackView {
  channelId: string;
  up: number;
  down: number;
}

export interface NeedView {
  id: number;
  title: string;
  description: string;
  sector: string | null;
  municipality: string;
  /** "Kontakt i kommunen", as typed. */
  municipalContact: string | null;
  /** "Vår kontakt" (Slack user id). */
  ourContactUserId: string | null;
  /** Null: imported with no Slack person attached; shown as "importerad från ‹sourceLabel›". */
  recordedByUserId: string | null;
  /** Where an imported need came from (the file's källa, the import's --source or the file's name). */
  sourceLabel: string | null;
  recordedAt: Date;
  /** No area is a clear match (and nobody has chosen one). */
  abstained: boolean;
  /** The need's areas, best first: a person's correction, else the classifier's suggestion. */
  areas: AreaMatchView[];
  /** Who changed the areas ("Byt styrkeområde"), when someone did. */
  recategorisedBy: string | null;
  environments: EnvironmentView[];
  status: 'open' | 'claimed' | 'resolved' | 'withdrawn';
  /** Set when the need was withdrawn (recorded by mistake), with who did it. */
  withdrawn: { at: Date; byUserId: string | null } | null;
  claimedByUserId: string | null;
  feedbackByChannel: ChannelFeedbackView[];
  /** Needs of other municipalities about the same thing, found when this one was routed (withdrawn ones left out). */
  similar?: SimilarNeedView[];
}

export type HistoryKind = 'recorded' | 'routed' | 'status' | 'recategorised' | 'returned_to_intake' | 'edited' | 'withdrawn' | 'contact_erased';

export interface HistoryEntry {
  at: Date;
  kind: HistoryKind;
  userId: string | null;
  /**
   * status: "open→claimed"; recategorised: area slugs; edited: field names; returned: channels;
   * recorded with no person (an import with no Slack person attached): the source label.
   */
  detail: string;
}

/** Everything about one need, for its own page. */
export interface NeedDetail {
  need: NeedView;
  posts: { channelId: string; link: string | null; state: string }[];
  history: HistoryEntry[];
  /** Needs recorded later, elsewhere, that found this one (newest first). */
  laterSimilar?: SimilarNeedView[];
}

export interface SuggestionView {
  suggestionId: number;
  channelId: string;
  messageTs: string | null;
  /** pending | posted | moved */
  state: string;
  /** area | all | intake | returned | recategorised */
  reason: string;
  /** Channels the need now lives in, when this post was moved away by a recategorisation. */
  movedTo: string[];
  /** Team channels that all said 👎, when the need came back to intake. */
  declinedBy: string[];
  need: NeedView;
}

export async function loadNeedView(db: Db, needId: number): Promise<NeedView | null> {
  const need = await db.need.findUnique({
    where: { id: needId },
    include: {
      municipality: true,
      classifications: { include: { area: true }, orderBy: { rank: 'asc' } },
      environments: { include: { environment: true }, orderBy: { rank: 'asc' } },
      feedback: { where: { kind: { in: ['up', 'down'] } } },
      history: { where: { kind: { in: ['recategorised', 'withdrawn'] } }, orderBy: { id: 'desc' } },
    },
  });
  if (!need) return null;

  const corrected = parseCorrectedAreas(need.correctedAreas);
  let areas: AreaMatchView[];
  if (corrected === null) {
    areas = need.classifications
      .filter((c) => c.suggested)
      .map((c) => ({ slug: c.areaSlug, name: c.area.name, nameEn: c.area.nameEn, score: c.score, terms: c.terms.split('\n').filter(Boolean) }));
  } else {
    const areaRows = await db.strengthArea.findMany({ where: { slug: { in: corrected } } });
    areas = corrected.flatMap((slug) => {
      const area = areaRows.find((a) => a.slug === slug);
      return area ? [{ slug, name: area.name, nameEn: area.nameEn, score: null, terms: [] }] : [];
    });
  }

  const byChannel = new Map<string, ChannelFeedbackView>();
  for (const f of need.feedback) {
    const entry = byChannel.get(f.channelId) ?? { channelId: f.channelId, up: 0, down: 0 };
    if (f.kind === 'up') entry.up++;
    else entry.down++;
    byChannel.set(f.channelId, entry);
  }

  return {
    id: need.id,
    title: need.title,
    description: need.description,
    sector: need.sector,
    municipality: need.municipality.name,
    municipalContact: need.municipalContact,
    ourContactUserId: need.ourContactUserId,
    recordedByUserId: need.recordedByUserId,
    sourceLabel: need.sourceLabel,
    recordedAt: need.recordedAt,
    abstained: areas.length === 0,
    areas,
    recategorisedBy: corrected === null ? null : (need.history.find((e) => e.kind === 'recategorised')?.userId ?? null),
    environments: await environmentViews(db, need.environments),
    status: need.status as NeedView['status'],
    withdrawn: need.withdrawnAt ? { at: need.withdrawnAt, byUserId: need.history.find((e) => e.kind === 'withdrawn')?.userId ?? null } : null,
    claimedByUserId: need.claimedByUserId,
    feedbackByChannel: [...byChannel.values()].sort((a, b) => a.channelId.localeCompare(b.channelId)),
    similar: await similarFoundFor(db, needId),
  };
}

async function environmentViews(
  db: Db,
  rows: readonly { reason: string; reasonData: string | null; environment: { name: string } }[],
): Promise<EnvironmentView[]> {
  const reasons = rows.map(storedEnvironmentReason);
  const slugs = [...new Set(reasons.flatMap((r) => (typeof r !== 'string' && r.kind !== 'crossCutting' ? [r.area] : [])))];
  // The area names come from the strength areas in the database (seeded from strength-areas.yml), the one list of them.
  const areas = slugs.length > 0 ? await db.strengthArea.findMany({ where: { slug: { in: slugs } } }) : [];
  return rows.map((row, i) => {
    const reason = reasons[i] ?? row.reason;
    const area = typeof reason !== 'string' && reason.kind !== 'crossCutting' ? areas.find((a) => a.slug === reason.area) : undefined;
    return { name: row.environment.name, reason, ...(area ? { area: { name: area.name, nameEn: area.nameEn } } : {}) };
  });
}

export async function loadNeedDetail(db: Db, needId: number): Promise<NeedDetail | null> {
  const need = await loadNeedView(db, needId);
  if (!need) return null;
  const [row, posts, events, laterSimilar] = await Promise.all([
    db.need.findUniqueOrThrow({ where: { id: needId }, select: { routedAt: true } }),
    db.suggestionPost.findMany({ where: { needId }, orderBy: { id: 'asc' } }),
    db.needEvent.findMany({ where: { needId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] }),
    laterSimilarTo(db, needId, SIMILAR_SHOWN * 2),
  ]);
  const history: HistoryEntry[] = [
    { at: need.recordedAt, kind: 'recorded', userId: need.recordedByUserId, detail: need.recordedByUserId === null ? (need.sourceLabel ?? '') : '' },
    ...(row.routedAt
      ? [
          {
            at: row.routedAt,
            kind: 'routed' as const,
            userId: null,
            detail: posts
              .filter((p) => p.reason !== 'recategorised' && p.reason !== 'returned')
              .map((p) => p.channelId)
              .join(','),
          },
        ]
      : []),
    ...events.map((e) => ({ at: e.at, kind: e.kind as HistoryKind, userId: e.userId, detail: e.detail })),
  ];
  return {
    need,
    posts: posts.map((p) => ({ channelId: p.channelId, link: p.messageTs ? suggestionLink(p.channelId, p.messageTs) : null, state: p.state })),
    history,
    laterSimilar,
  };
}

export async function loadSuggestionView(db: Db, suggestionId: number): Promise<SuggestionView | null> {
  const post = await db.suggestionPost.findUnique({ where: { id: suggestionId } });
  if (!post) return null;
  const need = await loadNeedView(db, post.needId);
  if (!need) return null;
  const siblings = await db.suggestionPost.findMany({ where: { needId: post.needId, state: { not: 'moved' } }, orderBy: { id: 'asc' } });
  const returned =
    post.reason === 'returned' ? await db.needEvent.findFirst({ where: { needId: post.needId, kind: 'returned_to_intake' }, orderBy: { id: 'desc' } }) : null;
  return {
    suggestionId: post.id,
    channelId: post.channelId,
    messageTs: post.messageTs,
    state: post.state,
    reason: post.reason,
    movedTo: post.state === 'moved' ? siblings.map((s) => s.channelId) : [],
    declinedBy: returned ? returned.detail.split(',').filter(Boolean) : [],
    need,
  };
}

/** A need's title and current areas (the "Byt styrkeområde" modal). */
export interface NeedSummary {
  title: string;
  areas: string[];
  corrected: boolean;
}

export async function loadNeedSummary(db: Db, needId: number): Promise<NeedSummary | null> {
  const need = await db.need.findUnique({
    where: { id: needId },
    include: { classifications: { where: { suggested: true }, orderBy: { rank: 'asc' } } },
  });
  if (!need) return null;
  return {
    title: need.title,
    areas: currentAreas(
      need.classifications.map((c) => c.areaSlug),
      need.correctedAreas,
    ),
    corrected: need.correctedAreas !== null,
  };
}
