// The weekly summary of one channel as plain data: what the query produces, and what the blocks
// and the chart are rendered from. No Slack types, no database.
import type { AreaSlug } from '../matching/types.js';

/** "none" = needs without a strength area (the matcher abstained); only `areas: all` channels see them. */
export type SummaryAreaKey = AreaSlug | 'none';

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
