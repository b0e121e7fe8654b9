// Loads weekly summaries. Every figure is counted in the database (GROUP BY and COUNT in SQLite or
// PostgreSQL),
// never by looping over needs in JavaScript: only grouped counts and the rows shown in the message
// (at most NEW_NEEDS_SHOWN + WAITING_SHOWN needs per channel) come back.
//
// Which needs a channel sees: a need's areas are its corrected areas when someone corrected them
// (Need.correctedAreas), otherwise its suggested classifications, best first. A channel sees the
// needs with at least one of its areas; an `areas: all` channel sees every need, those without any
// area under "none". Each need counts once, under its best area among the channel's, so the
// per-area figures add up to the total just like the per-municipality ones.
//
// The counts are grouped by that ordered area list (the "signature", e.g. "energi,transporter"),
// which is the same for every channel; each channel's figures are then summed from the groups
// (a few hundred at most). The grouped counts of a week are shared by all channels' summaries and
// kept for a short while (see SHARED_TTL_MS), so the 20 sends of a Monday run query them once.
//
// Dates: Prisma's SQLite adapter stores DateTime as ISO text "2026-11-23T07:00:00.000+00:00"; the
// raw queries compare against parameters in exactly that format, so text order is time order.
// On PostgreSQL, DateTime is timestamp(3) (without time zone) holding UTC, "2026-11-23 07:00:00";
// the parameters are UTC in that form and compared as timestamps.
//
// One SQL text serves both databases: identifiers are double-quoted (PostgreSQL folds unquoted
// names to lower case; SQLite accepts the quotes), and the few differences (placeholders, string
// aggregation, substring position, booleans) come from `dialectSql` below.
import { type Dialect, dialectOf, type Db } from '../platform/db/client.js';
import { enqueue } from '../platform/outbox/outboxQueue.js';
import type { AreaSlug } from '../matching/types.js';
import { AREA_SLUG_PATTERN } from '../needs/needAreas.js';
import { addWeeks, formatIsoWeek, type IsoWeek, weekRange } from '../platform/isoWeek.js';
import {
  AVERAGE_WEEKS,
  type CountWithTrend,
  NEW_NEEDS_SHOWN,
  type SummaryAreaKey,
  type SummaryNeed,
  TREND_WEEKS,
  WAITING_DAYS,
  WAITING_SHOWN,
  type WeeklySummary,
} from './weeklySummary.js';
import { suggestionLink } from '../needs/suggestionLink.js';
import { loadAreas, municipalityNames as loadMunicipalityNames } from '../region/referenceDataRepository.js';

export interface SummaryScope {
  channelId: string;
  areas: AreaSlug[] | 'all';
  week: IsoWeek;
  timezone: string;
}

/** A DateTime parameter in the SQLite adapter's storage format. */
export function sqlTime(date: Date): string {
  return date.toISOString().replace('Z', '+00:00');
}

/** What differs between SQLite and PostgreSQL in the queries below. */
interface DialectSql {
  /** A DateTime parameter, comparable with the stored values. */
  time(date: Date): string;
  /** The query with its `?` placeholders as the driver wants them (PostgreSQL: $1, $2, …). */
  placeholders(sql: string): string;
  /** Comma-joined `expr` of the group, in `orderBy` order. */
  joinComma(expr: string, orderBy: string): string;
  /** 1-based position of `needle` in `haystack`, 0 when absent. */
  position(haystack: string, needle: string): string;
  /** A boolean column's true value. */
  readonly true: string;
  /** `expr` in a form the planner will not look up through an index (SQLite's unary plus). */
  noIndex(expr: string): string;
}

const DIALECT_SQL: Record<Dialect, DialectSql> = {
  sqlite: {
    time: sqlTime,
    placeholders: (sql) => sql,
    joinComma: (expr, orderBy) => `group_concat(${expr}, ',' ORDER BY ${orderBy})`,
    position: (haystack, needle) => `instr(${haystack}, ${needle})`,
    true: '1',
    noIndex: (expr) => `+${expr}`,
  },
  postgresql: {
    // timestamp(3) without time zone, holding UTC (as Prisma's PostgreSQL adapter writes it).
    time: (date) => date.toISOString().replace('T', ' ').replace('Z', ''),
    placeholders: (sql) => {
      let n = 0;
      return sql.replace(/\?/g, () => `$${++n}`);
    },
    joinComma: (expr, orderBy) => `string_agg(${expr}, ',' ORDER BY ${orderBy})`,
    position: (haystack, needle) => `strpos(${haystack}, ${needle})`,
    true: 'TRUE',
    noIndex: (expr) => expr,
  },
};

function dialectSql(db: Db): DialectSql {
  return DIALECT_SQL[dialectOf(db)];
}

/** Runs a raw query written with `?` placeholders (the SQL is built here, never from input). */
function query<T>(db: Db, sql: string, ...params: unknown[]): Promise<T> {
  return db.$queryRawUnsafe<T>(dialectSql(db).placeholders(sql), ...params);
}

function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

function checkedSlugs(slugs: readonly AreaSlug[]): readonly AreaSlug[] {
  // A slug is lowercase ASCII letters, digits and "-" (region packs are validated so), so inlining it as an SQL literal is safe.
  for (const slug of slugs) if (!AREA_SLUG_PATTERN.test(slug)) throw new Error(`not an area slug: ${JSON.stringify(slug)}`);
  return slugs;
}

/** SQL: the need's ordered area list ("" = none), from its correction or its suggestions. */
function signatureSql(d: DialectSql): string {
  return `COALESCE(n."correctedAreas",
  (SELECT ${d.joinComma('nc."areaSlug"', 'nc."rank"')} FROM "NeedClassification" nc WHERE nc."needId" = n."id" AND nc."suggested" = ${d.true}),
  '')`;
}

/** SQL: the need's best area among `slugs` (NULL when it has none of them). */
function areaSql(d: DialectSql, slugs: readonly AreaSlug[]): string {
  const values = checkedSlugs(slugs)
    .map((s) => `('${s}')`)
    .join(', ');
  const list = slugs.map((s) => `'${s}'`).join(', ');
  // VALUES names its column "column1" in both databases.
  const position = d.position(`',' || n."correctedAreas" || ','`, `',' || v.column1 || ','`);
  return `(CASE WHEN n."correctedAreas" IS NOT NULL
    THEN (SELECT v.column1 FROM (VALUES ${values}) AS v WHERE ${position} > 0 ORDER BY ${position} LIMIT 1)
    ELSE (SELECT nc."areaSlug" FROM "NeedClassification" nc
          WHERE nc."needId" = n."id" AND nc."suggested" = ${d.true} AND nc."areaSlug" IN (${list})
          ORDER BY nc."rank" LIMIT 1)
  END)`;
}

/** SQL: does the channel see need `n`? (EXISTS, no ranking: cheap.) */
function inChannelSql(d: DialectSql, areas: AreaSlug[] | 'all'): string {
  if (areas === 'all') return '1 = 1';
  const list = checkedSlugs(areas)
    .map((s) => `'${s}'`)
    .join(', ');
  const corrected = areas.map((s) => `${d.position(`',' || n."correctedAreas" || ','`, `',${s},'`)} > 0`).join(' OR ');
  return `(CASE WHEN n."correctedAreas" IS NOT NULL THEN (${corrected})
    ELSE EXISTS (SELECT 1 FROM "NeedClassification" nc WHERE nc."needId" = n."id" AND nc."suggested" = ${d.true} AND nc."areaSlug" IN (${list})) END)`;
}

/** The channel's area for a signature: its first area the channel has; null = not in the channel. */
export function areaForSignature(signature: string, areas: AreaSlug[] | 'all'): SummaryAreaKey | null {
  const slugs: AreaSlug[] = signature.split(',').filter(Boolean);
  if (areas === 'all') return slugs[0] ?? 'none';
  return slugs.find((s) => areas.includes(s)) ?? null;
}

type Num = number | bigint;

/** Counts grouped by signature, the same for every channel. */
interface SharedCounts {
  /** New needs per (week index 0–7, municipality, signature) over the eight weeks. */
  trend: { wk: Num; municipalityId: Num; sig: string; n: Num }[];
  waiting: { sig: string; n: Num }[];
  activity: { sig: string; claimed: Num | null; resolved: Num | null }[];
  recategorised: { sig: string; n: Num }[];
}

/** How long a week's grouped counts are reused, when the data has not visibly changed. */
export const SHARED_TTL_MS = 120_000;
interface SharedCacheEntry {
  expires: number;
  fingerprint: string;
  counts: Promise<SharedCounts>;
}
const sharedCache = new WeakMap<Db, Map<string, SharedCacheEntry>>();

/**
 * Changes whenever a need is added or removed, or its history grows (status changes, corrections
 * and returns are logged as NeedEvents). Index-only lookups: a millisecond or two.
 */
async function fingerprint(db: Db): Promise<string> {
  const rows = await query<Record<string, unknown>[]>(
    db,
    'SELECT (SELECT COUNT(*) FROM "Need") AS a, (SELECT MAX("id") FROM "Need") AS b, (SELECT MAX("id") FROM "NeedEvent") AS c',
  );
  return JSON.stringify(rows[0], (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
}

/** Drops the reused grouped counts (the benchmark measures cold runs with it). */
export function forgetSharedCounts(db: Db): void {
  sharedCache.delete(db);
}

async function sharedCounts(db: Db, week: IsoWeek, timezone: string): Promise<SharedCounts> {
  const key = `${formatIsoWeek(week)}|${timezone}`;
  const print = await fingerprint(db);
  let perDb = sharedCache.get(db);
  if (!perDb) sharedCache.set(db, (perDb = new Map<string, SharedCacheEntry>()));
  const cached = perDb.get(key);
  if (cached?.fingerprint === print && cached.expires > Date.now()) return cached.counts;
  const counts = querySharedCounts(db, week, timezone);
  perDb.set(key, { expires: Date.now() + SHARED_TTL_MS, fingerprint: print, counts });
  counts.catch(() => perDb.delete(key));
  return counts;
}

async function querySharedCounts(db: Db, week: IsoWeek, timezone: string): Promise<SharedCounts> {
  const d = dialectSql(db);
  const sig = signatureSql(d);
  const { start, end } = weekRange(week, timezone);
  const bounds = trendWeeksOf(week).map((w) => weekRange(w, timezone).start);
  // Week index by Stockholm-midnight boundaries (never "+ 7 days": DST weeks are 167/169 h).
  const bucket = `CASE ${bounds
    .slice(1)
    .map((_, i) => `WHEN n."recordedAt" >= ? THEN ${i + 1}`)
    .reverse()
    .join(' ')} ELSE 0 END`;
  const trend = await query<SharedCounts['trend']>(
    db,
    `SELECT wk, "municipalityId", sig, COUNT(*) AS n FROM (
       SELECT ${bucket} AS wk, n."municipalityId" AS "municipalityId", ${sig} AS sig
       FROM "Need" n WHERE n."recordedAt" >= ? AND n."recordedAt" < ? AND n."status" <> 'withdrawn'
     ) AS t GROUP BY wk, "municipalityId", sig`,
    ...bounds
      .slice(1)
      .reverse()
      .map((bound) => d.time(bound)),
    d.time(bounds[0] ?? start),
    d.time(end),
  );
  // Waiting: most needs may be older than the cutoff, so "+n.recordedAt" makes SQLite scan the
  // table in order instead of fetching each row through the recordedAt index.
  const waiting = await query<SharedCounts['waiting']>(
    db,
    `SELECT ${sig} AS sig, COUNT(*) AS n FROM "Need" n
     WHERE n."status" = 'open' AND n."claimedByUserId" IS NULL AND ${d.noIndex('n."recordedAt"')} <= ? GROUP BY sig`,
    d.time(waitingCutoff(end)),
  );
  const activity = await query<SharedCounts['activity']>(
    db,
    `SELECT ${sig} AS sig,
            SUM(CASE WHEN n."claimedAt" >= ? AND n."claimedAt" < ? THEN 1 ELSE 0 END) AS claimed,
            SUM(CASE WHEN n."resolvedAt" >= ? AND n."resolvedAt" < ? THEN 1 ELSE 0 END) AS resolved
     FROM "Need" n WHERE (n."claimedAt" >= ? AND n."claimedAt" < ?) OR (n."resolvedAt" >= ? AND n."resolvedAt" < ?)
     GROUP BY sig`,
    ...Array.from({ length: 4 }, () => [d.time(start), d.time(end)]).flat(),
  );
  const recategorised = await query<SharedCounts['recategorised']>(
    db,
    `SELECT ${sig} AS sig, COUNT(*) AS n FROM "NeedEvent" e JOIN "Need" n ON n."id" = e."needId"
     WHERE e."kind" = 'recategorised' AND e."at" >= ? AND e."at" < ? GROUP BY sig`,
    d.time(start),
    d.time(end),
  );
  return { trend, waiting, activity, recategorised };
}

function trendWeeksOf(week: IsoWeek): IsoWeek[] {
  return Array.from({ length: TREND_WEEKS }, (_, i) => addWeeks(week, i - (TREND_WEEKS - 1)));
}

/** Open needs recorded at or before this instant have waited at least WAITING_DAYS at the week's end. */
function waitingCutoff(weekEnd: Date): Date {
  return new Date(weekEnd.getTime() - WAITING_DAYS * 86_400_000);
}

interface NeedRow {
  id: Num;
  title: string;
  municipalityId: Num;
  recordedAt: unknown;
  area: string | null;
}

export async function loadWeeklyFigures(db: Db, scope: SummaryScope): Promise<WeeklySummary> {
  const { timezone, week, channelId, areas } = scope;
  const { start, end } = weekRange(week, timezone);
  const shared = await sharedCounts(db, week, timezone);
  const areaOf = (sig: string) => areaForSignature(sig, areas);

  const municipalities = await loadMunicipalityNames(db);
  const regionAreas = await loadAreas(db);
  const allAreas = regionAreas.map((a) => a.slug);
  const municipalityName = (id: Num) => municipalities.get(Number(id)) ?? `#${id}`;

  // Eight weeks of counts: the reported week is index 7, the four before it (the baseline of
  // the change) are 3–6, all eight make the chart.
  const trendWeeks = trendWeeksOf(week);
  const current = new Map<string, number>();
  const baseline = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n);
  const points = new Map<string, WeeklySummary['trend']['points'][number]>();
  for (const row of shared.trend) {
    const area = areaOf(row.sig);
    if (area === null) continue;
    const wk = Number(row.wk);
    const n = Number(row.n);
    const municipality = municipalityName(row.municipalityId);
    const isoWeek = formatIsoWeek(trendWeeks[wk] ?? week);
    const pointKey = `${isoWeek}|${municipality}|${area}`;
    const point = points.get(pointKey) ?? { week: isoWeek, area, municipality, count: 0 };
    point.count += n;
    points.set(pointKey, point);
    const target = wk === TREND_WEEKS - 1 ? current : wk >= TREND_WEEKS - 1 - AVERAGE_WEEKS ? baseline : null;
    if (target) {
      add(target, `m:${municipality}`, n);
      add(target, `a:${area}`, n);
      add(target, 'total', n);
    }
  }
  const withTrend = (prefix: string, key: string, label: string): CountWithTrend => ({
    key,
    label,
    count: current.get(`${prefix}${key}`) ?? 0,
    average: (baseline.get(`${prefix}${key}`) ?? 0) / AVERAGE_WEEKS,
  });
  const byCount = (a: CountWithTrend, b: CountWithTrend) => b.count - a.count || b.average - a.average || a.label.localeCompare(b.label, 'sv');
  const municipalityNames = new Set([...current.keys(), ...baseline.keys()].filter((k) => k.startsWith('m:')).map((k) => k.slice(2)));
  const byMunicipality = [...municipalityNames].map((name) => withTrend('m:', name, name)).sort(byCount);
  const areaKeys: SummaryAreaKey[] = [...(areas === 'all' ? allAreas : areas)];
  if (areas === 'all') areaKeys.push('none');
  const byArea = areaKeys.map((key) => withTrend('a:', key, key)).filter((c) => c.key !== 'none' || c.count > 0 || c.average > 0);

  const sum = <T extends { sig: string }>(rows: T[], value: (row: T) => Num | null) =>
    rows.reduce((total, row) => (areaOf(row.sig) === null ? total : total + Number(value(row) ?? 0)), 0);

  // The needs shown: newest first, and those waiting longest. Both walk the recordedAt index and
  // stop after the few rows shown; the area is ranked only for those rows.
  const d = dialectSql(db);
  const inChannel = inChannelSql(d, areas);
  const area = `COALESCE(${areaSql(d, areas === 'all' ? allAreas : areas)}, 'none')`;
  const shownColumns = `n."id" AS "id", n."title" AS "title", n."municipalityId" AS "municipalityId", n."recordedAt" AS "recordedAt", ${area} AS "area"`;
  const newRows = await query<NeedRow[]>(
    db,
    `SELECT ${shownColumns} FROM (
       SELECT n."id", n."title", n."municipalityId", n."recordedAt", n."correctedAreas" FROM "Need" n
       WHERE n."recordedAt" >= ? AND n."recordedAt" < ? AND n."status" <> 'withdrawn' AND ${inChannel}
       ORDER BY n."recordedAt" DESC, n."id" DESC LIMIT ${NEW_NEEDS_SHOWN}
     ) AS n ORDER BY n."recordedAt" DESC, n."id" DESC`,
    d.time(start),
    d.time(end),
  );
  const waitingRows = await query<NeedRow[]>(
    db,
    `SELECT ${shownColumns} FROM (
       SELECT n."id", n."title", n."municipalityId", n."recordedAt", n."correctedAreas" FROM "Need" n
       WHERE n."recordedAt" <= ? AND n."status" = 'open' AND n."claimedByUserId" IS NULL AND ${inChannel}
       ORDER BY n."recordedAt" ASC, n."id" ASC LIMIT ${WAITING_SHOWN}
     ) AS n ORDER BY n."recordedAt" ASC, n."id" ASC`,
    d.time(waitingCutoff(end)),
  );
  const feedback = await db.feedback.groupBy({
    by: ['kind'],
    where: { channelId, kind: { in: ['up', 'down'] }, createdAt: { gte: start, lt: end } },
    _count: { _all: true },
  });
  const feedbackOf = (kind: string) => feedback.find((f) => f.kind === kind)?._count._all ?? 0;

  // Links to the suggestion messages: this channel's post, else any posted one.
  const shownIds = [...newRows, ...waitingRows].map((r) => Number(r.id));
  const posts = shownIds.length
    ? await db.suggestionPost.findMany({
        where: { needId: { in: shownIds }, messageTs: { not: null } },
        select: { needId: true, channelId: true, messageTs: true },
        orderBy: { id: 'asc' },
      })
    : [];
  const linkOf = (needId: number): string | null => {
    const post = posts.find((p) => p.needId === needId && p.channelId === channelId) ?? posts.find((p) => p.needId === needId);
    return post?.messageTs ? suggestionLink(post.channelId, post.messageTs) : null;
  };
  const toNeed = (row: NeedRow): SummaryNeed => ({
    id: Number(row.id),
    title: row.title,
    municipality: municipalityName(row.municipalityId),
    area: row.area ?? 'none',
    recordedAt: toDate(row.recordedAt),
    link: linkOf(Number(row.id)),
  });

  return {
    channelId,
    isoWeek: formatIsoWeek(week),
    timezone,
    areas,
    regionAreas,
    start,
    end,
    newNeeds: {
      total: current.get('total') ?? 0,
      average: (baseline.get('total') ?? 0) / AVERAGE_WEEKS,
      byMunicipality,
      byArea,
      shown: newRows.map(toNeed),
    },
    waiting: { total: sum(shared.waiting, (r) => r.n), shown: waitingRows.map(toNeed) },
    claimed: sum(shared.activity, (r) => r.claimed),
    resolved: sum(shared.activity, (r) => r.resolved),
    feedback: { up: feedbackOf('up'), down: feedbackOf('down'), recategorised: sum(shared.recategorised, (r) => r.n) },
    trend: { weeks: trendWeeks.map(formatIsoWeek), points: [...points.values()] },
  };
}

// The claim of a week's summary for a channel (see weeklySummary.ts: claimWeeklySummary).

/**
 * Inserts the claim and its outbox row in one transaction: both exist (and the outbox sends, with
 * retries, until Slack has it) or neither does. A claim taken before fails on its primary key.
 */
export async function insertClaimAndPost(
  db: Db,
  claim: { channelId: string; isoWeek: string; areas: string; timezone: string; source: string; claimedAt: Date },
): Promise<true> {
  await db.$transaction(async (tx) => {
    const { channelId, isoWeek, areas, timezone, source, claimedAt } = claim;
    await tx.weeklySummaryClaim.create({ data: { channelId, isoWeek, areas, timezone, source, claimedAt } });
    await enqueue(tx, { kind: 'weekly_summary', channelId, isoWeek });
  });
  return true;
}

export interface StoredClaim {
  areas: string;
  timezone: string;
  source: string;
  sentAt: Date | null;
  fileId: string | null;
}

export function findClaim(db: Db, channelId: string, isoWeek: string): Promise<StoredClaim | null> {
  return db.weeklySummaryClaim.findUnique({
    where: { channelId_isoWeek: { channelId, isoWeek } },
    select: { areas: true, timezone: true, source: true, sentAt: true, fileId: true },
  });
}

/** The chart was uploaded: a retry after a crash finds the post by this file. */
export async function recordClaimFile(db: Db, channelId: string, isoWeek: string, fileId: string): Promise<void> {
  await db.weeklySummaryClaim.update({ where: { channelId_isoWeek: { channelId, isoWeek } }, data: { fileId } });
}

/** Slack has the summary: a retried send posts nothing. */
export async function markClaimSent(db: Db, channelId: string, isoWeek: string, fileId: string | null): Promise<void> {
  await db.weeklySummaryClaim.update({ where: { channelId_isoWeek: { channelId, isoWeek } }, data: { sentAt: new Date(), fileId } });
}

/** Whether the register held any need before `instant` (a catch-up on an empty one posts nothing). */
export async function anyNeedRecordedBefore(db: Db, instant: Date): Promise<boolean> {
  return (await db.need.findFirst({ where: { recordedAt: { lt: instant } }, select: { id: true } })) !== null;
}
