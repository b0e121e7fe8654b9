// Read models for what the Slack layer shows about a need: plain data, no Slack types.
import type { Db } from '../db/client.js';

export interface AreaMatchView {
  slug: string;
  name: string;
  nameEn: string;
  score: number;
  terms: string[];
}

export interface NeedView {
  id: number;
  title: string;
  description: string;
  sector: string | null;
  municipality: string;
  contactUserId: string;
  recordedByUserId: string;
  recordedAt: Date;
  abstained: boolean;
  /** Suggested areas, best first (empty when the matcher abstained). */
  areas: AreaMatchView[];
  environments: { name: string; reason: string }[];
}

export interface SuggestionView {
  suggestionId: number;
  channelId: string;
  need: NeedView;
}

export async function loadNeedView(db: Db, needId: number): Promise<NeedView | null> {
  const need = await db.need.findUnique({
    where: { id: needId },
    include: {
      municipality: true,
      classifications: { include: { area: true }, orderBy: { rank: 'asc' } },
      environments: { include: { environment: true }, orderBy: { rank: 'asc' } },
    },
  });
  if (!need) return null;
  const areas = need.classifications
    .filter((c) => c.suggested)
    .map((c) => ({ slug: c.areaSlug, name: c.area.name, nameEn: c.area.nameEn, score: c.score, terms: c.terms.split('\n').filter(Boolean) }));
  return {
    id: need.id,
    title: need.title,
    description: need.description,
    sector: need.sector,
    municipality: need.municipality.name,
    contactUserId: need.contactUserId,
    recordedByUserId: need.recordedByUserId,
    recordedAt: need.recordedAt,
    abstained: need.abstained ?? false,
    areas,
    environments: need.environments.map((e) => ({ name: e.environment.name, reason: e.reason })),
  };
}

export async function loadSuggestionView(db: Db, suggestionId: number): Promise<SuggestionView | null> {
  const post = await db.suggestionPost.findUnique({ where: { id: suggestionId } });
  if (!post) return null;
  const need = await loadNeedView(db, post.needId);
  return need ? { suggestionId: post.id, channelId: post.channelId, need } : null;
}
