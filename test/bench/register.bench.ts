// Benchmark (not a test): the needs register with 100,000 needs. Prints figures.
//   npm run bench -- register            (or: npx tsx test/bench/register.bench.ts)
//   npm run bench -- register --quick    (20,000 needs, fewer rounds)
// 1. `/need search`: NeedRegister.search over ~30 realistic queries, with and without filters, on a
//    real SQLite file (FTS5 index from ensureSearchIndex). Target ≤ 50 ms per search.
// 2. App Home: NeedsHome.load → appHomeView → views.publish over HTTP to a local fake Slack, for
//    people with many needs of their own, first and last pages, with and without filters.
//    Target ≤ 300 ms per publish.
// 3. The same on PostgreSQL, when one is reachable (BENCH_POSTGRES_URL, else TEST_POSTGRES_URL,
//    else postgresql://postgres@127.0.0.1:5432/test): a throwaway database `bench_register`,
//    migrated by the app's own migration code and dropped afterwards.
// 4. Recall of our search terms (stems, compound heads, English glosses; indexed with 'simple' /
//    FTS5) against PostgreSQL's to_tsvector('swedish', …) on inflected and compound words.
// The needs are Swedish texts recombined from the shipped labelled needs and the test fixtures
// (seeded PRNG), spread over the 13 municipalities, four statuses, three years and 50 people.
import { mkdtempSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { WebClient } from '@slack/web-api';
import Database from 'better-sqlite3';
import type { ChannelsConfig } from '../../src/channels/channelsConfig.js';
import { createDb, type Db, sqliteFilePath } from '../../src/platform/db/client.js';
import { applyPendingMigrations } from '../../src/platform/db/migrate.js';
import { syncReferenceData } from '../../src/region/referenceDataRepository.js';
import { searchIndexText, searchQueryGroups, searchQueryTerms } from '../../src/matching/index.js';
import { seededRandom } from '../../src/matching/random.js';
import type { AreaSlug } from '../../src/matching/types.js';
import { FIRST_PAGES, HOME_LIST_MAX, type HomePages, type Membership, NeedsHome } from '../../src/register/home.js';
import { type NeedFilter, NeedRegister, type NeedStatus } from '../../src/register/registerRepository.js';
import { ensureSearchIndex } from '../../src/needs/store/searchIndex.js';
import { UserPreferences } from '../../src/register/preferencesRepository.js';
import { loadSeedData } from '../../src/region/regionPack.js';
import { sqlTime } from '../../src/weekly-summary/summaryRepository.js';
import { type AppHomeContext, appHomeView } from '../../src/register/appHomeBlocks.js';
import { slackLimitViolations } from '../support/blockLimits.js';
import { SHIPPED_SLUGS } from '../support/shippedMatcher.js';
import { FakeSlack } from '../support/fakeSlack.js';
import { createTestDb } from '../support/testDb.js';
import { runIfMain } from './runIfMain.js';

const SEARCH_TARGET_MS = 50;
const HOME_TARGET_MS = 300;
const NOW = new Date('2026-12-02T09:30:00Z');
const YEARS = 3;
const USERS = 50;
const SEARCH_LIMIT = 11; // what /need search asks for (10 shown, one more says "there is more")
const FIXTURES = fileURLToPath(new URL('../fixtures/matching', import.meta.url));

const CHANNELS: ChannelsConfig = {
  intake: 'C0123INTAKE',
  teams: [
    { channel: 'C0123VISUAL', areas: ['visualisering'], weeklySummary: true },
    { channel: 'C0123IOT', areas: ['uppkopplade'], weeklySummary: true },
    { channel: 'C0123GREEN', areas: ['miljonytta'], weeklySummary: true },
    { channel: 'C0123LOGIST', areas: ['logistik'], weeklySummary: true },
    { channel: 'C0123MATER', areas: ['material'], weeklySummary: true },
    { channel: 'C0123REGION', areas: 'all', weeklySummary: true },
  ],
  areas: [...SHIPPED_SLUGS],
};
const AREA_CHANNEL = new Map(CHANNELS.teams.flatMap((t) => (t.areas === 'all' ? [] : t.areas.map((a) => [a, t.channel] as const))));

// ---------------------------------------------------------------------------------------------
// Generated needs

interface PostRow {
  channelId: string;
  reason: string;
  messageTs: string | null;
  state: string;
  createdAt: Date;
  postedAt: Date | null;
}

interface NeedRow {
  id: number;
  municipalityName: string;
  title: string;
  description: string;
  ourContactUserId: string | null;
  recordedByUserId: string;
  source: string;
  status: NeedStatus;
  withdrawnAt: Date | null;
  claimedByUserId: string | null;
  claimedAt: Date | null;
  resolvedAt: Date | null;
  recordedAt: Date;
  abstained: boolean;
  searchText: string;
  areas: AreaSlug[];
  posts: PostRow[];
}

const userId = (i: number) => `U0BENCH${String(i).padStart(2, '0')}`;

function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

const sentencesOf = (text: string) =>
  text
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => s.length >= 12);
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Titles and sentences to recombine: the shipped labelled needs and the Swedish test fixtures. */
function corpus() {
  const labelled = loadSeedData().labelledNeeds.filter((n) => n.title);
  const publicSv = readJsonl<{ text: string; lang?: string }>(path.join(FIXTURES, 'public-needs.jsonl')).filter((n) => n.lang !== 'en');
  const styled = ['styled-needs.jsonl', 'styled-needs-dev.jsonl', 'styled-needs-holdout.jsonl'].flatMap((f) =>
    readJsonl<{ text: string }>(path.join(FIXTURES, f)),
  );
  const records = labelled.map((n) => ({ title: n.title!, sentences: sentencesOf(n.text) })).filter((r) => r.sentences.length > 0);
  const extraSentences = [...publicSv.flatMap((n) => sentencesOf(n.text)), ...styled.map((n) => capitalise(n.text.trim()))];
  const shortTitles = styled.map((n) => capitalise(n.text.trim())).filter((t) => t.length <= 80);
  return { records, allSentences: [...records.flatMap((r) => r.sentences), ...extraSentences], shortTitles };
}

/** Picks an index with the given relative weights. */
function weightedPicker(weights: readonly number[], random: () => number): () => number {
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) cumulative.push((sum += w));
  return () => {
    const x = random() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

export function generateNeeds(count: number, municipalities: readonly { name: string; population: number }[]): NeedRow[] {
  const random = seededRandom(20261202);
  const { records, allSentences, shortTitles } = corpus();
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  // Bigger municipalities record more, but the small ones are not empty.
  const municipality = weightedPicker(
    municipalities.map((m) => Math.sqrt(m.population)),
    random,
  );
  // A few people record most needs (Zipf-like): the busiest has thousands of their own.
  const person = weightedPicker(
    Array.from({ length: USERS }, (_, i) => 1 / (i + 1) ** 0.9),
    random,
  );
  const from = NOW.getTime() - YEARS * 365 * 86_400_000;
  const span = NOW.getTime() - 3_600_000 - from;
  const rows: NeedRow[] = [];
  for (let i = 0; i < count; i++) {
    const record = pick(records);
    const place = municipalities[municipality()]!.name;
    let title = random() < 0.8 ? record.title : pick(shortTitles);
    if (random() < 0.15) title = `${title} i ${place}`;
    const own = record.sentences.filter(() => random() < 0.75);
    const sentences = [...(own.length > 0 ? own : record.sentences.slice(0, 1))];
    for (let k = Math.floor(random() * 3); k > 0; k--) sentences.splice(Math.floor(random() * (sentences.length + 1)), 0, pick(allSentences));
    const description = sentences.join(' ');

    const recordedAt = new Date(from + Math.floor(random() * span));
    const later = (days: number) => new Date(Math.min(NOW.getTime() - 60_000, recordedAt.getTime() + 3_600_000 + random() * days * 86_400_000));
    const r = random();
    const status: NeedStatus = r < 0.45 ? 'open' : r < 0.7 ? 'claimed' : r < 0.95 ? 'resolved' : 'withdrawn';
    const claimedAt = status === 'claimed' || status === 'resolved' ? later(14) : null;
    const resolvedAt = status === 'resolved' && claimedAt ? new Date(Math.min(NOW.getTime() - 1000, claimedAt.getTime() + random() * 60 * 86_400_000)) : null;
    const recordedBy = userId(person());
    const abstained = random() < 0.08;
    const first = pick(SHIPPED_SLUGS);
    const second = random() < 0.3 ? pick(SHIPPED_SLUGS) : first;
    const areas: AreaSlug[] = abstained ? [] : [...new Set([first, second])];

    const posts: PostRow[] = [];
    const ts = (k: number) => `${Math.floor(recordedAt.getTime() / 1000) + 60}.${String(i * 4 + k).padStart(6, '0')}`;
    const pending = random() < 0.02; // Slack has not accepted the post (yet): no messageTs
    const post = (channelId: string, reason: string, k: number) =>
      posts.push({
        channelId,
        reason,
        messageTs: pending ? null : ts(k),
        state: pending ? 'pending' : 'posted',
        createdAt: recordedAt,
        postedAt: pending ? null : new Date(recordedAt.getTime() + 60_000),
      });
    if (areas.length === 0) post(CHANNELS.intake, 'intake', 0);
    areas.forEach((a, k) => post(AREA_CHANNEL.get(a)!, 'area', k));
    if (random() < 0.5) post('C0123REGION', 'all', 3);

    rows.push({
      id: i + 1,
      municipalityName: place,
      title: title.slice(0, 150),
      description,
      ourContactUserId: random() < 0.8 ? (random() < 0.6 ? recordedBy : userId(person())) : null,
      recordedByUserId: recordedBy,
      source: random() < 0.9 ? 'slash_command' : random() < 0.5 ? 'shortcut' : 'import',
      status,
      withdrawnAt: status === 'withdrawn' ? later(30) : null,
      claimedByUserId: claimedAt ? userId(person()) : null,
      claimedAt,
      resolvedAt,
      recordedAt,
      abstained,
      // Exactly what NeedService.recordNeed (and an edit) writes.
      searchText: searchIndexText(`${title.slice(0, 150)}. ${description}`),
      areas,
      posts,
    });
  }
  return rows;
}

// Prisma's createMany takes ~0.5 ms a row here (a minute for 100,000 needs and their rows), so
// the rows go in with plain SQL: one prepared statement per table in one transaction on SQLite,
// unnest() over arrays in batches on PostgreSQL. Dates are stored as the Prisma client stores them.

/** SQLite: a connection of its own to the app's file (WAL), one transaction. */
export function insertNeedsSqlite(file: string, rows: readonly NeedRow[], municipalityIds: ReadonlyMap<string, number>): void {
  const sqlite = new Database(file);
  try {
    const time = (d: Date | null) => (d === null ? null : sqlTime(d));
    const need = sqlite.prepare(
      `INSERT INTO Need (id, municipalityId, title, description, contactUserId, recordedByUserId, source, status, withdrawnAt,
         claimedByUserId, claimedAt, resolvedAt, recordedAt, routedAt, abstained, modelVersion, searchText)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'bench', ?)`,
    );
    const area = sqlite.prepare('INSERT INTO NeedArea (needId, areaSlug) VALUES (?, ?)');
    const post = sqlite.prepare('INSERT INTO SuggestionPost (needId, channelId, reason, messageTs, state, createdAt, postedAt) VALUES (?, ?, ?, ?, ?, ?, ?)');
    sqlite.transaction(() => {
      for (const n of rows) {
        need.run(
          n.id,
          municipalityIds.get(n.municipalityName)!,
          n.title,
          n.description,
          n.ourContactUserId,
          n.recordedByUserId,
          n.source,
          n.status,
          time(n.withdrawnAt),
          n.claimedByUserId,
          time(n.claimedAt),
          time(n.resolvedAt),
          sqlTime(n.recordedAt),
          sqlTime(routedAt(n)),
          n.abstained ? 1 : 0,
          n.searchText,
        );
        for (const a of n.areas) area.run(n.id, a);
        for (const p of n.posts) post.run(n.id, p.channelId, p.reason, p.messageTs, p.state, sqlTime(p.createdAt), time(p.postedAt));
      }
    })();
  } finally {
    sqlite.close();
  }
}

const routedAt = (n: NeedRow) => new Date(n.recordedAt.getTime() + 2000);

/** PostgreSQL: INSERT … SELECT FROM unnest(arrays), 10,000 needs at a time. */
export async function insertNeedsPostgres(db: Db, rows: readonly NeedRow[]): Promise<void> {
  const municipalityIds = new Map((await db.municipality.findMany()).map((m) => [m.name, m.id]));
  // timestamp(3) columns hold UTC without a zone (as the Prisma client writes them).
  const time = (d: Date | null) => (d === null ? null : d.toISOString().replace('T', ' ').replace('Z', ''));
  const insert = (table: string, columns: string[], types: string[], values: unknown[][]) =>
    db.$executeRawUnsafe(
      `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) SELECT * FROM unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`,
      ...values,
    );
  const BATCH = 10_000;
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const col = <T>(f: (n: NeedRow) => T) => batch.map(f);
    await insert(
      'Need',
      [
        'id',
        'municipalityId',
        'title',
        'description',
        'contactUserId',
        'recordedByUserId',
        'source',
        'status',
        'withdrawnAt',
        'claimedByUserId',
        'claimedAt',
        'resolvedAt',
        'recordedAt',
        'routedAt',
        'abstained',
        'modelVersion',
        'searchText',
      ],
      [
        'int',
        'int',
        'text',
        'text',
        'text',
        'text',
        'text',
        'text',
        'timestamp(3)',
        'text',
        'timestamp(3)',
        'timestamp(3)',
        'timestamp(3)',
        'timestamp(3)',
        'boolean',
        'text',
        'text',
      ],
      [
        col((n) => n.id),
        col((n) => municipalityIds.get(n.municipalityName)!),
        col((n) => n.title),
        col((n) => n.description),
        col((n) => n.ourContactUserId),
        col((n) => n.recordedByUserId),
        col((n) => n.source),
        col((n) => n.status),
        col((n) => time(n.withdrawnAt)),
        col((n) => n.claimedByUserId),
        col((n) => time(n.claimedAt)),
        col((n) => time(n.resolvedAt)),
        col((n) => time(n.recordedAt)),
        col((n) => time(routedAt(n))),
        col((n) => n.abstained),
        col(() => 'bench'),
        col((n) => n.searchText),
      ],
    );
    const areas = batch.flatMap((n) => n.areas.map((a) => [n.id, a] as const));
    await insert('NeedArea', ['needId', 'areaSlug'], ['int', 'text'], [areas.map((a) => a[0]), areas.map((a) => a[1])]);
    const posts = batch.flatMap((n) => n.posts.map((p) => ({ needId: n.id, ...p })));
    await insert(
      'SuggestionPost',
      ['needId', 'channelId', 'reason', 'messageTs', 'state', 'createdAt', 'postedAt'],
      ['int', 'text', 'text', 'text', 'text', 'timestamp(3)', 'timestamp(3)'],
      [
        posts.map((p) => p.needId),
        posts.map((p) => p.channelId),
        posts.map((p) => p.reason),
        posts.map((p) => p.messageTs),
        posts.map((p) => p.state),
        posts.map((p) => time(p.createdAt)),
        posts.map((p) => time(p.postedAt)),
      ],
    );
  }
  // The ids were given: move the sequences past them, as if the app had inserted the rows.
  for (const table of ['Need', 'SuggestionPost']) {
    await db.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT max(id) FROM "${table}"))`);
  }
}

// ---------------------------------------------------------------------------------------------
// Figures

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

function stats(samples: readonly number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), max: sorted[sorted.length - 1] ?? NaN };
}

const loadAverage = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
const ms = (x: number) => `${x.toFixed(1)} ms`;
const line = (label: string, samples: readonly number[]) => {
  const s = stats(samples);
  return `${label}: p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, max ${ms(s.max)} (n=${s.n})`;
};
/** Against the target: the p95 and the worst single sample. */
const verdict = (samples: readonly number[], target: number) => {
  const { p95, max } = stats(samples);
  const word = (x: number) => (x <= target ? 'within' : 'OVER');
  return `target ≤ ${target} ms: p95 ${word(p95)}, max ${word(max)}`;
};

// ---------------------------------------------------------------------------------------------
// 1. Search

const QUERIES = [
  'läcka',
  'vattenläcka',
  'läckor',
  'leak',
  'hemtjänst',
  'hemtjänst digital',
  'skolskjuts',
  'skola',
  'buller',
  'snöröjning',
  'avfall',
  'återvinning',
  'laddinfrastruktur',
  'sensorer',
  'trygghetslarm',
  'kollektivtrafik landsbygd',
  'elev',
  'digital tvilling',
  'översvämning',
  'bredband',
  'planering',
  'vatten',
  'energi',
  'cykelväg',
  'drönare',
  'solceller',
  'parkering centrum',
  'matavfall',
  'home care',
  'vr',
  'flygbilder',
  'xyzzyqwerty', // matches nothing
];

interface SearchFigures {
  samples: number[];
  perQuery: { query: string; filter: string; terms: string[][]; hits: number; ms: number }[];
}

async function measureSearch(db: Db, label: string, rounds: number): Promise<SearchFigures> {
  const register = new NeedRegister(db);
  const municipalities = await db.municipality.findMany({ orderBy: { name: 'asc' } });
  const byName = (name: string) => municipalities.find((m) => m.name === name)!.id;
  const filters: { name: string; filter: NeedFilter }[] = [
    { name: 'no filter', filter: {} },
    { name: 'Linköping', filter: { municipalityId: byName('Linköping') } },
    { name: 'Ydre', filter: { municipalityId: byName('Ydre') } },
  ];
  // Warm-up: query planning, page cache, the FTS index's first pages.
  for (const q of QUERIES.slice(0, 5)) await register.search(searchQueryGroups(q), {}, SEARCH_LIMIT);

  const samples: number[] = [];
  const perQuery: SearchFigures['perQuery'] = [];
  for (const [qi, query] of QUERIES.entries()) {
    // Every query without a filter; every other one also within a big and within a small municipality.
    const applicable = qi % 2 === 0 ? filters : filters.slice(0, 1);
    for (const { name, filter } of applicable) {
      const times: number[] = [];
      let hits = 0;
      let terms: string[][] = [];
      for (let r = 0; r < rounds; r++) {
        const started = performance.now();
        terms = searchQueryGroups(query);
        const items = await register.search(terms, filter, SEARCH_LIMIT);
        times.push(performance.now() - started);
        hits = items.length;
      }
      samples.push(...times);
      perQuery.push({ query, filter: name, terms, hits, ms: stats(times).p50 });
    }
  }
  console.log(`\n[${label}] search: ${perQuery.length} query/filter combinations × ${rounds} rounds, limit ${SEARCH_LIMIT}`);
  console.log('  query                          filter      terms                                hits  median');
  for (const p of perQuery) {
    console.log(
      `  ${p.query.padEnd(30)} ${p.filter.padEnd(11)} ${p.terms
        .map((g) => g.join('|'))
        .join(' ')
        .slice(0, 36)
        .padEnd(36)} ${String(p.hits).padStart(4)}  ${ms(p.ms).padStart(9)}`,
    );
  }
  console.log(`  ${line('per search', samples)} — ${verdict(samples, SEARCH_TARGET_MS)}`);
  return { samples, perQuery };
}

// ---------------------------------------------------------------------------------------------
// 2. App Home

interface HomeScenario {
  label: string;
  user: string;
  pages: HomePages;
  /** Set before the scenario (not timed), as the person would have chosen in the Home. */
  prefs: { areas: AreaSlug[] | null; filter: NeedFilter };
}

async function measureHome(db: Db, rows: readonly NeedRow[], fake: FakeSlack, label: string, rounds: number): Promise<number[]> {
  const register = new NeedRegister(db);
  const preferences = new UserPreferences(db);
  // The person sits in the IoT and logistics team channels; the stub answers at once.
  const membership: Membership = {
    channelsOf: (_user, channelIds) => Promise.resolve(channelIds.filter((c) => c === 'C0123IOT' || c === 'C0123LOGIST')),
  };
  const home = new NeedsHome({ register, preferences, channels: CHANNELS, membership });
  const client = new WebClient('xoxb-bench', { slackApiUrl: fake.url, retryConfig: { retries: 0 } });
  const municipalities = await db.municipality.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } });
  const areas = (await db.strengthArea.findMany({ orderBy: [{ position: 'asc' }, { slug: 'asc' }] })).map((a) => ({
    slug: a.slug,
    name: a.name,
    nameEn: a.nameEn,
  }));
  const ctx: AppHomeContext = { locale: 'sv', municipalities, areas, now: NOW };

  // Whose Home: the person with the most needs of their own, one in the middle, one with none.
  const mineCount = new Map<string, number>();
  for (const n of rows) {
    if (n.status === 'withdrawn') continue;
    for (const u of new Set([n.recordedByUserId, n.ourContactUserId, n.claimedByUserId])) if (u) mineCount.set(u, (mineCount.get(u) ?? 0) + 1);
  }
  const ranked = [...mineCount.entries()].sort((a, b) => b[1] - a[1]);
  const [busiest, busiestCount] = ranked[0]!;
  const [middle, middleCount] = ranked[Math.floor(ranked.length / 2)]!;
  const idOf = (name: string) => municipalities.find((m) => m.name === name)!.id;
  const MAX: HomePages = { mine: HOME_LIST_MAX, waiting: HOME_LIST_MAX, latest: HOME_LIST_MAX };
  const none = { areas: null, filter: {} };
  const scenarios: HomeScenario[] = [
    { label: `busiest (${busiestCount} mine), first pages`, user: busiest, pages: FIRST_PAGES, prefs: none },
    { label: `busiest, max pages (${HOME_LIST_MAX})`, user: busiest, pages: MAX, prefs: none },
    { label: 'busiest, max pages, filter Linköping', user: busiest, pages: MAX, prefs: { areas: null, filter: { municipalityId: idOf('Linköping') } } },
    {
      label: 'busiest, first pages, filter area+status',
      user: busiest,
      pages: FIRST_PAGES,
      prefs: { areas: null, filter: { area: 'material', status: 'resolved' } },
    },
    {
      label: 'busiest, max pages, Ydre+material+withdrawn',
      user: busiest,
      pages: MAX,
      prefs: { areas: null, filter: { municipalityId: idOf('Ydre'), area: 'material', status: 'withdrawn' } },
    },
    { label: 'busiest, max pages, all 5 areas chosen', user: busiest, pages: MAX, prefs: { areas: [...SHIPPED_SLUGS], filter: {} } },
    { label: `middle (${middleCount} mine), first pages`, user: middle, pages: FIRST_PAGES, prefs: none },
    { label: 'newcomer (0 mine), first pages, one area', user: 'U0BENCHNEW', pages: FIRST_PAGES, prefs: { areas: ['visualisering'], filter: {} } },
  ];

  const all: number[] = [];
  const phases = { load: [] as number[], render: [] as number[], publish: [] as number[] };
  console.log(`\n[${label}] App Home: load → appHomeView → views.publish (HTTP, local fake Slack), ${rounds} rounds per scenario`);
  let bytes = 0;
  let blocks = 0;
  const violations = new Set<string>();
  for (const sc of scenarios) {
    await preferences.setAreas(sc.user, sc.prefs.areas);
    await preferences.setFilter(sc.user, sc.prefs.filter);
    const times: number[] = [];
    let shown = '';
    for (let r = -2; r < rounds; r++) {
      const t0 = performance.now();
      const data = await home.load(sc.user, sc.pages, NOW);
      const t1 = performance.now();
      const view = appHomeView(data, ctx);
      const json = JSON.stringify(view);
      const t2 = performance.now();
      await client.views.publish({ user_id: sc.user, view });
      const t3 = performance.now();
      if (r < 0) {
        // Warm-up rounds (not counted); check the view once.
        for (const v of slackLimitViolations(view)) violations.add(v);
        bytes = Math.max(bytes, json.length);
        blocks = Math.max(blocks, view.blocks.length);
        shown = `mine ${data.mine.items.length}${data.mine.more ? '+' : ''}, waiting ${data.waiting.items.length}${data.waiting.more ? '+' : ''}, latest ${data.latest.items.length}${data.latest.more ? '+' : ''}`;
        continue;
      }
      times.push(t3 - t0);
      phases.load.push(t1 - t0);
      phases.render.push(t2 - t1);
      phases.publish.push(t3 - t2);
    }
    all.push(...times);
    console.log(`  ${line(sc.label.padEnd(46), times)}  [${shown}]`);
  }
  fake.reset(); // the fake keeps every call; the views are not needed
  console.log(`  phases: ${line('load', phases.load)}; ${line('render+stringify', phases.render)}; ${line('views.publish', phases.publish)}`);
  console.log(
    `  largest view: ${blocks} blocks, ${(bytes / 1024).toFixed(1)} KiB JSON; Block Kit limit violations: ${violations.size === 0 ? 'none' : [...violations].join('; ')}`,
  );
  console.log(`  ${line('per publish, all scenarios', all)} — ${verdict(all, HOME_TARGET_MS)}`);
  return all;
}

// ---------------------------------------------------------------------------------------------
// 4. Recall: query word inflected or inside a compound in the document

const RECALL_PAIRS: { query: string; doc: string }[] = [
  { query: 'läcka', doc: 'Vi har återkommande läckor i VA-nätet.' },
  { query: 'läcka', doc: 'Vattenläckorna blir fler varje vinter.' },
  { query: 'vattenläcka', doc: 'Flera vattenläckor i centrum förra året.' },
  { query: 'leak', doc: 'Vi har läckor i ledningsnätet som vi inte hittar.' },
  { query: 'leak', doc: 'Läckage i vattenledningarna kostar mycket.' },
  { query: 'hemtjänst', doc: 'Hemtjänsten kör många onödiga mil.' },
  { query: 'hemtjänst', doc: 'Personalen i hemtjänstens nattpatrull behöver larm.' },
  { query: 'skola', doc: 'Skolskjutsarna är svåra att planera.' },
  { query: 'skola', doc: 'Skolorna på landsbygden saknar bra uppkoppling.' },
  { query: 'buller', doc: 'Trafikbullret längs E4 stör de boende.' },
  { query: 'buller', doc: 'Bullret från industrin är ett problem på kvällarna.' },
  { query: 'snöröjning', doc: 'Snöröjningen på cykelvägarna fungerar dåligt.' },
  { query: 'cykelväg', doc: 'Cykelvägarna behöver snöröjas tidigare på morgonen.' },
  { query: 'laddstolpe', doc: 'Fler laddstolpar behövs för kommunens elbilar.' },
  { query: 'översvämning', doc: 'Översvämningarna i källare efter skyfall ökar.' },
  { query: 'sensor', doc: 'Sensorerna i fastigheterna larmar för sent.' },
  { query: 'avfall', doc: 'Avfallshanteringen vid återvinningscentralen måste effektiviseras.' },
  { query: 'kollektivtrafik', doc: 'Kollektivtrafiken på landsbygden går för sällan.' },
];

async function recallComparison(pg: Db | null): Promise<void> {
  console.log(`\n[recall] does the query find the document? (${RECALL_PAIRS.length} pairs, every one a match a person would expect)`);
  console.log("  ours = every searchQueryTerms(query) term among searchIndexText(doc)'s terms (how the index's AND query matches);");
  console.log('  per word = each query word found by one of its own terms (its stem or its English gloss), not all of them;');
  console.log("  PG swedish = to_tsvector('swedish', doc) @@ plainto_tsquery('swedish', query)");
  console.log(`  ${'query'.padEnd(15)} ${'document'.padEnd(66)} ${'our terms'.padEnd(18)} ours  per word  ${pg ? 'PG swedish (its lexemes)' : ''}`);
  let ours = 0;
  let perWord = 0;
  let theirs = 0;
  for (const { query, doc } of RECALL_PAIRS) {
    const docTerms = new Set(searchIndexText(doc).split(' '));
    // As the index matches: every word by one of its alternatives.
    const groups = searchQueryGroups(query);
    const ok = groups.length > 0 && groups.every((g) => g.some((t) => docTerms.has(t)));
    if (ok) ours++;
    const words = query.split(/\s+/).filter(Boolean);
    const wordOk = words.every((w) => searchQueryTerms(w).some((t) => docTerms.has(t)));
    if (wordOk) perWord++;
    let pgCell = '';
    if (pg) {
      const [row] = await pg.$queryRawUnsafe<{ hit: boolean; q: string }[]>(
        `SELECT to_tsvector('swedish', $1) @@ plainto_tsquery('swedish', $2) AS hit, plainto_tsquery('swedish', $2)::text AS q`,
        doc,
        query,
      );
      if (row?.hit) theirs++;
      pgCell = `${row?.hit ? 'yes' : 'no '}  ${row?.q ?? ''}`;
    }
    console.log(
      `  ${query.padEnd(15)} ${doc.slice(0, 66).padEnd(66)} ${groups
        .map((g) => g.join('|'))
        .join(' ')
        .padEnd(18)} ${ok ? 'yes ' : 'no  '}  ${wordOk ? 'yes     ' : 'no      '}  ${pgCell}`,
    );
  }
  const pct = (n: number) => `${n}/${RECALL_PAIRS.length} (${((100 * n) / RECALL_PAIRS.length).toFixed(0)} %)`;
  console.log(
    `  recall: ours ${pct(ours)}; ours per word ${pct(perWord)}${pg ? `; PostgreSQL to_tsvector('swedish') ${pct(theirs)}` : '; PostgreSQL not reachable, its column skipped'}`,
  );
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

const PG_DATABASE = 'bench_register';

async function pgAdmin(url: string) {
  const { PrismaPg } = await import('@prisma/adapter-pg');
  return new PrismaPg({ connectionString: url, connectionTimeoutMillis: 3000 }).connect();
}

interface Figures {
  search: number[];
  home: number[];
}

/**
 * Search and App Home on PostgreSQL with the same needs; `alongside` runs on the connection before
 * the database is dropped. Returns null when no server is reachable.
 */
async function postgresPart(rows: readonly NeedRow[], fake: FakeSlack, rounds: number, alongside: (db: Db) => Promise<void>): Promise<Figures | null> {
  const base = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
  let admin: Awaited<ReturnType<typeof pgAdmin>>;
  try {
    admin = await pgAdmin(base);
    await admin.executeScript('SELECT 1');
  } catch (error) {
    console.log(`\n[PostgreSQL] not reachable at ${base} (${(error as Error).message.split('\n')[0]}): skipped`);
    return null;
  }
  // A database of its own rather than a schema: the Prisma client names its tables "public"."Need".
  const url = new URL(base);
  url.pathname = `/${PG_DATABASE}`;
  let db: Db | null = null;
  try {
    let started = performance.now();
    await admin.executeScript(`DROP DATABASE IF EXISTS "${PG_DATABASE}" WITH (FORCE)`); // left by an interrupted run
    await admin.executeScript(`CREATE DATABASE "${PG_DATABASE}"`);
    await applyPendingMigrations(url.toString());
    db = await createDb(url.toString());
    await syncReferenceData(db, loadSeedData());
    const migrated = performance.now() - started;
    started = performance.now();
    await insertNeedsPostgres(db, rows);
    const inserted = performance.now() - started;
    started = performance.now();
    await ensureSearchIndex(db);
    const indexed = performance.now() - started;
    await db.$executeRawUnsafe('VACUUM ANALYZE'); // what autovacuum does shortly after a bulk load
    console.log(
      `\n[PostgreSQL] ${url.host}/${PG_DATABASE}: migrated + reference data in ${(migrated / 1000).toFixed(1)} s, ` +
        `${rows.length} needs inserted in ${(inserted / 1000).toFixed(1)} s, GIN index built in ${(indexed / 1000).toFixed(1)} s`,
    );
    const search = (await measureSearch(db, 'PostgreSQL', rounds)).samples;
    const home = await measureHome(db, rows, fake, 'PostgreSQL', Math.max(5, rounds * 3));
    await alongside(db);
    return { search, home };
  } finally {
    await db?.$disconnect();
    try {
      await admin.executeScript(`DROP DATABASE IF EXISTS "${PG_DATABASE}" WITH (FORCE)`);
    } finally {
      await admin.dispose();
    }
  }
}

// ---------------------------------------------------------------------------------------------

export async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const count = quick ? 20_000 : 100_000;
  const rounds = quick ? 2 : 3;
  console.log(
    `needs register benchmark: ${count} needs over ${YEARS} years, ${USERS} people, targets: search ≤ ${SEARCH_TARGET_MS} ms, App Home ≤ ${HOME_TARGET_MS} ms; ` +
      `${cpus().length} CPUs, load average ${loadAverage()} (other work on the machine shows in every figure)`,
  );

  const t = await createTestDb(mkdtempSync(path.join(tmpdir(), 'behovsbryggan-register-')));
  const fake = await FakeSlack.start();
  try {
    let started = performance.now();
    const municipalities = (await t.db.municipality.findMany()).map((m) => ({ name: m.name, population: m.population }));
    const rows = generateNeeds(count, municipalities);
    const generated = performance.now() - started;
    started = performance.now();
    insertNeedsSqlite(sqliteFilePath(t.url), rows, t.municipalityIds);
    const inserted = performance.now() - started;
    started = performance.now();
    const { rebuilt } = await ensureSearchIndex(t.db);
    const indexed = performance.now() - started;
    const posts = rows.reduce((n, r) => n + r.posts.length, 0);
    const areas = rows.reduce((n, r) => n + r.areas.length, 0);
    const statuses = Object.fromEntries(['open', 'claimed', 'resolved', 'withdrawn'].map((s) => [s, rows.filter((r) => r.status === s).length]));
    console.log(
      `generated ${count} needs (searchIndexText each, avg ${(rows.reduce((n, r) => n + r.searchText.length, 0) / count).toFixed(0)} chars) in ${(generated / 1000).toFixed(1)} s; ` +
        `SQLite: inserted with ${areas} NeedArea and ${posts} SuggestionPost rows in ${(inserted / 1000).toFixed(1)} s; ` +
        `FTS5 index ${rebuilt ? 'rebuilt' : 'already in step'} in ${(indexed / 1000).toFixed(1)} s`,
    );
    console.log(
      `  statuses: ${Object.entries(statuses)
        .map(([s, n]) => `${s} ${n}`)
        .join(', ')}; SQLite file ${t.url.replace(/^file:/, '')}`,
    );

    const sqliteSearch = await measureSearch(t.db, 'SQLite', rounds);
    const sqliteHome = await measureHome(t.db, rows, fake, 'SQLite', Math.max(5, rounds * 3));

    const pg = await postgresPart(rows, fake, rounds, recallComparison);
    if (!pg) await recallComparison(null);

    console.log(`\nsummary (load average now ${loadAverage()}):`);
    const summary = (label: string, f: Figures) => {
      const s = stats(f.search);
      const h = stats(f.home);
      console.log(
        `  ${label.padEnd(10)} search p50 ${ms(s.p50)} / p95 ${ms(s.p95)} / max ${ms(s.max)} (${verdict(f.search, SEARCH_TARGET_MS)}); ` +
          `App Home publish p50 ${ms(h.p50)} / p95 ${ms(h.p95)} / max ${ms(h.max)} (${verdict(f.home, HOME_TARGET_MS)})`,
      );
    };
    summary('SQLite', { search: sqliteSearch.samples, home: sqliteHome });
    if (pg) summary('PostgreSQL', pg);
  } finally {
    await fake.stop();
    await t.close();
  }
}

runIfMain(import.meta.url, main);
