// The full-text index behind `/need search` and the App Home: Need.searchText (the matcher's
// stems, see matching/text/searchTerms.ts) indexed by the database's own full-text search —
// SQLite FTS5 (kept in step with Need by triggers), PostgreSQL a GIN index over
// to_tsvector('simple', …). Neither can be said in schema.prisma, so the app creates them at start
// (idempotent) and rebuilds the SQLite index when it is out of step, e.g. after a migration rebuilt
// the Need table (which drops its triggers).
import { dialectOf, type Db } from '../../platform/db/client.js';
import { needText } from '../needInput.js';

const FTS = 'NeedSearch';

const SQLITE_SETUP = [
  `CREATE VIRTUAL TABLE IF NOT EXISTS ${FTS} USING fts5(terms, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`,
  `CREATE TRIGGER IF NOT EXISTS ${FTS}_insert AFTER INSERT ON Need WHEN new.searchText IS NOT NULL BEGIN
     INSERT INTO ${FTS}(rowid, terms) VALUES (new.id, new.searchText); END`,
  `CREATE TRIGGER IF NOT EXISTS ${FTS}_update AFTER UPDATE OF searchText ON Need BEGIN
     DELETE FROM ${FTS} WHERE rowid = old.id;
     INSERT INTO ${FTS}(rowid, terms) SELECT new.id, new.searchText WHERE new.searchText IS NOT NULL; END`,
  `CREATE TRIGGER IF NOT EXISTS ${FTS}_delete AFTER DELETE ON Need BEGIN DELETE FROM ${FTS} WHERE rowid = old.id; END`,
];

const POSTGRES_SETUP = [`CREATE INDEX IF NOT EXISTS need_search_text_idx ON "Need" USING gin (to_tsvector('simple', coalesce("searchText", '')))`];

/** Creates the index (and, on SQLite, its triggers); rebuilds it when it does not match Need. */
export async function ensureSearchIndex(db: Db): Promise<{ rebuilt: boolean }> {
  if (dialectOf(db) === 'postgresql') {
    for (const sql of POSTGRES_SETUP) await db.$executeRawUnsafe(sql);
    return { rebuilt: false };
  }
  for (const sql of SQLITE_SETUP) await db.$executeRawUnsafe(sql);
  const [indexed] = await db.$queryRawUnsafe<{ n: bigint | number }[]>(`SELECT COUNT(*) AS n FROM ${FTS}`);
  const expected = await db.need.count({ where: { searchText: { not: null } } });
  if (Number(indexed?.n ?? 0) === expected) return { rebuilt: false };
  await db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`DELETE FROM ${FTS}`);
    await tx.$executeRawUnsafe(`INSERT INTO ${FTS}(rowid, terms) SELECT id, searchText FROM Need WHERE searchText IS NOT NULL`);
  });
  return { rebuilt: true };
}

/** Computes searchText for needs that have none (recorded before search existed), in batches. */
export async function fillMissingSearchText(db: Db, compute: (text: string) => string, batch = 500): Promise<number> {
  let filled = 0;
  for (;;) {
    const needs = await db.need.findMany({ where: { searchText: null }, select: { id: true, title: true, description: true }, take: batch });
    if (needs.length === 0) return filled;
    await db.$transaction(async (tx) => {
      for (const need of needs) await tx.need.update({ where: { id: need.id }, data: { searchText: compute(needText(need)) } });
    });
    filled += needs.length;
  }
}

/** Which needs a search may return: every condition given must hold. */
export interface SearchScope {
  municipalityId?: number;
  /** One of the need's current areas (NeedArea). */
  area?: string;
  status?: { equals: string } | { not: string };
}

/** A search term, or the alternatives of one query word (its stem, its English gloss's stem). */
export type SearchTerm = string | readonly string[];

/**
 * Need ids matching the terms, best first (the database's relevance, then the newest), among the
 * needs in scope. Every word must match (by one of its alternatives); when no need in scope has
 * them all, any may.
 */
export async function searchNeedIds(db: Db, terms: readonly SearchTerm[], limit: number, offset = 0, scope: SearchScope = {}): Promise<number[]> {
  // Terms are stems (letters and digits); anything else is dropped so nothing in them is query syntax.
  const groups = terms
    .map((term) => [...new Set((typeof term === 'string' ? [term] : term).map((t) => t.replace(/[^\p{L}\p{N}]/gu, '')).filter(Boolean))])
    .filter((group) => group.length > 0);
  if (groups.length === 0) return [];
  const all = await matching(db, groups, 'all', limit, offset, scope);
  if (all.length > 0 || groups.length === 1) return all;
  // Only a first page tells whether any need has them all (a later one may be past the end).
  if (offset > 0 && (await matching(db, groups, 'all', 1, 0, scope)).length > 0) return [];
  return matching(db, groups, 'any', limit, offset, scope);
}

/** The scope as SQL conditions on the need row `n`, with their parameters (numbered from `first`). */
function scopeSql(scope: SearchScope, placeholder: (n: number) => string, first: number, q: (name: string) => string) {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return placeholder(first + params.length - 1);
  };
  if (scope.municipalityId !== undefined) conditions.push(`n.${q('municipalityId')} = ${param(scope.municipalityId)}`);
  if (scope.status && 'equals' in scope.status) conditions.push(`n.${q('status')} = ${param(scope.status.equals)}`);
  if (scope.status && 'not' in scope.status) conditions.push(`n.${q('status')} <> ${param(scope.status.not)}`);
  if (scope.area !== undefined) {
    conditions.push(`EXISTS (SELECT 1 FROM ${q('NeedArea')} a WHERE a.${q('needId')} = n.${q('id')} AND a.${q('areaSlug')} = ${param(scope.area)})`);
  }
  return { where: conditions.map((c) => ` AND ${c}`).join(''), params, any: conditions.length > 0 };
}

async function matching(db: Db, groups: readonly string[][], mode: 'all' | 'any', limit: number, offset: number, scope: SearchScope): Promise<number[]> {
  if (dialectOf(db) === 'postgresql') return matchingPostgres(db, groups, mode, limit, offset, scope);
  // Quoted, so nothing in a term is FTS5 syntax.
  const any = (terms: readonly string[]) => terms.map((t) => `"${t}"`).join(' OR ');
  const query = mode === 'all' ? groups.map((g) => (g.length === 1 ? any(g) : `(${any(g)})`)).join(' AND ') : any(groups.flat());
  const within = scopeSql(
    scope,
    () => '?',
    2,
    (name) => name,
  );
  // The index drives the query; the need's row is read only when the scope asks about it.
  const rows = await db.$queryRawUnsafe<{ id: bigint | number }[]>(
    `SELECT ${FTS}.rowid AS id FROM ${FTS}${within.any ? ` JOIN Need n ON n.id = ${FTS}.rowid` : ''}
     WHERE ${FTS} MATCH ?${within.where} ORDER BY bm25(${FTS}), ${FTS}.rowid DESC LIMIT ? OFFSET ?`,
    query,
    ...within.params,
    limit,
    offset,
  );
  return rows.map((r) => Number(r.id));
}

const PG_VECTOR = `to_tsvector('simple', coalesce("searchText", ''))`;
/** What the scope and the order need of a matching need, read with it from the index's matches. */
const PG_COLUMNS = `id, "recordedAt", status, "municipalityId"`;

/**
 * PostgreSQL orders by ts_rank, then the newest. ts_rank needs each matching need's tsvector, and
 * to_tsvector over a need's searchText costs ~30 µs: thousands of matches for a common word took
 * 100–300 ms. But searchText holds each term once, and ts_rank without normalisation gives every
 * occurrence of a query term the same weight, so two of its three cases need no tsvector at all:
 *   - one term: every match has the same rank, so the newest come first;
 *   - any of several terms (OR): the rank is proportional to how many of the terms a need has;
 *     each term's matches come from the GIN index alone.
 * Only "all of several terms" (AND) ranks by proximity, with ts_rank over those matches (few).
 * The matches come from the index first (MATERIALIZED), with the columns the scope and the order
 * need, so the planner never computes to_tsvector row by row along another index or join.
 */
async function matchingPostgres(
  db: Db,
  groups: readonly string[][],
  mode: 'all' | 'any',
  limit: number,
  offset: number,
  scope: SearchScope,
): Promise<number[]> {
  const q = (name: string) => `"${name}"`;
  // tsquery folds case and drops duplicate terms itself; the counting below must too.
  const lower = groups.map((g) => [...new Set(g.map((t) => t.toLowerCase()))]);
  const terms = [...new Set(lower.flat())];
  let sql: string;
  let params: unknown[];
  // One word (its alternatives) or any word: ranked by how many terms match, from the index alone.
  if (lower.length === 1 || mode === 'any') {
    const branches = terms.map((_, i) => `SELECT ${PG_COLUMNS} FROM "Need" WHERE ${PG_VECTOR} @@ to_tsquery('simple', $${i + 1})`);
    const within = scopeSql(scope, (n) => `$${n}`, terms.length + 1, q);
    const next = terms.length + within.params.length + 1;
    sql = `WITH n AS MATERIALIZED (SELECT ${PG_COLUMNS}, COUNT(*) AS hits FROM (${branches.join(' UNION ALL ')}) t GROUP BY ${PG_COLUMNS})
      SELECT n.id FROM n WHERE TRUE${within.where}
      ORDER BY n.hits DESC, n."recordedAt" DESC, n.id DESC LIMIT $${next} OFFSET $${next + 1}`;
    params = [...terms, ...within.params, limit, offset];
  } else {
    const within = scopeSql(scope, (n) => `$${n}`, 2, q);
    const next = within.params.length + 2;
    sql = `WITH n AS MATERIALIZED (SELECT ${PG_COLUMNS}, "searchText" FROM "Need" WHERE ${PG_VECTOR} @@ to_tsquery('simple', $1))
      SELECT n.id FROM n WHERE TRUE${within.where}
      ORDER BY ts_rank(to_tsvector('simple', coalesce(n."searchText", '')), to_tsquery('simple', $1)) DESC, n."recordedAt" DESC, n.id DESC
      LIMIT $${next} OFFSET $${next + 1}`;
    // A word with alternatives becomes "(a | b)"; a word alone is itself.
    params = [lower.map((g) => (g.length === 1 ? g.join('') : `(${g.join(' | ')})`)).join(' & '), ...within.params, limit, offset];
  }
  const rows = await db.$queryRawUnsafe<{ id: bigint | number }[]>(sql, ...params);
  return rows.map((r) => Number(r.id));
}
