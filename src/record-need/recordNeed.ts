// The need's path through the domain: record it (before the Slack ack), then classify it, rank
// innovation environments, decide the channels and queue the posts (after the ack).
import type { ChannelsConfig } from '../channels/channelsConfig.js';
import { z } from 'zod';
import { insertRowsReturning } from '../platform/db/bulkInsert.js';
import type { Db } from '../platform/db/client.js';
import type { Logger } from '../logger.js';
import { isRetryableConflict, retryOnConflict, UNIQUE_KEYS, violatesUniqueKey } from '../platform/db/errors.js';
import { searchIndexText } from '../matching/index.js';
import type { AreaSlug, EnvironmentProfile } from '../matching/types.js';
import type { OutboxWake } from '../platform/outbox/outboxWorker.js';
import type { MatcherProvider } from '../training/matcherProvider.js';
import type { RouteLater } from '../background/routingQueue.js';
import { currentAreas } from '../needs/needAreas.js';
import { needText, type NeedInput } from '../needs/needInput.js';
import { loadNeedDetail, type NeedDetail } from '../needs/store/needViews.js';
import { decideRouting, type RoutingContext } from './routingDecision.js';
import type { SimilarNeeds } from '../needs/similarNeedsIndex.js';
import { AlreadyRoutedError, type NeedRouting, writeRoutings } from './needRepository.js';

export type NeedSource = 'slash_command' | 'shortcut' | 'app_home' | 'import';

export interface RecordMeta {
  /** Null only for an imported need with no Slack person attached. */
  recordedByUserId: string | null;
  originChannelId: string | null;
  source: NeedSource;
  /** Recognises the same submission arriving again (e.g. "view:V0123"): it is recorded once. */
  submissionKey?: string;
  /** When the need arose, if not now (an imported row's datum). */
  recordedAt?: Date;
  /** Where an imported need came from (Need.sourceLabel). */
  sourceLabel?: string | null;
}

export interface NeedServiceDeps {
  db: Db;
  matchers: MatcherProvider;
  channels: ChannelsConfig;
  /** Woken after posts were queued, so it sends them now instead of at its next poll. */
  outbox?: OutboxWake;
  /** Routes a newly recorded need in the background (the RoutingQueue); absent: the caller routes. */
  routing?: RouteLater;
  /** One info line per need recorded and routed: ids only, never what people typed. */
  logger?: Logger;
  now?: () => Date;
  /** Finds needs of other municipalities like a routed one (stored with it); none when absent. */
  similar?: Pick<SimilarNeeds, 'find' | 'upsert'>;
}

export interface RecordedNeed {
  id: number;
  title: string;
  /** False: the submission (its key) was recorded before, and this is that need. */
  created: boolean;
}

export interface RouteResult {
  /** False: the need was routed before (or is gone), nothing was queued now. */
  routed: boolean;
  channels: string[];
}

const NOT_ROUTED: RouteResult = { routed: false, channels: [] };

/** What recordNeeds writes of a need (every column with a default included: see db/bulkInsert.ts). */
const NEED_COLUMNS = [
  'municipalityId',
  'title',
  'description',
  'sector',
  'municipalContact',
  'ourContactUserId',
  'recordedByUserId',
  'originChannelId',
  'source',
  'submissionKey',
  'searchText',
  'recordedAt',
  'sourceLabel',
  'status',
] as const;
const insertedNeeds = z.array(z.object({ id: z.coerce.number().int(), title: z.string(), submissionKey: z.string() }));

interface UnroutedNeed {
  id: number;
  municipalityId: number;
  title: string;
  description: string;
  source: string;
}

export class NeedService {
  private environments: EnvironmentProfile[] | null = null;

  constructor(private readonly deps: NeedServiceDeps) {}

  /** Everything about one need, for its own page. */
  needDetail(needId: number): Promise<NeedDetail | null> {
    return loadNeedDetail(this.deps.db, needId);
  }

  /** Title and current areas, for the "Byt styrkeområde" modal. */
  async needSummary(needId: number): Promise<{ title: string; areas: string[]; corrected: boolean } | null> {
    const need = await this.deps.db.need.findUnique({
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

  /**
   * Stores the need; it is routed afterwards (routing.routeLater → routeNeed), so a crash in between loses
   * nothing. With a submissionKey that was recorded before, returns that need (created: false).
   */
  async recordNeed(input: NeedInput, meta: RecordMeta): Promise<RecordedNeed> {
    const need = await this.insertNeed(input, meta);
    if (need.created) this.deps.routing?.routeLater(need.id);
    return need;
  }

  /**
   * Stores many needs (an import's batch) with one insert, in the order given. Each has a
   * submissionKey: a key recorded before, or earlier in the same batch, returns that need
   * (created: false). Unlike recordNeed nothing is handed to routing: the caller routes the batch
   * itself (routeNeeds) right after; should it stop in between, the needs are found unrouted at the
   * bot's next start (and by the next import of the same rows).
   */
  async recordNeeds(rows: readonly { input: NeedInput; meta: RecordMeta & { submissionKey: string } }[]): Promise<RecordedNeed[]> {
    const { db } = this.deps;
    if (rows.length === 0) return [];
    const keys = [...new Set(rows.map((r) => r.meta.submissionKey))];
    const known = new Map<string, { id: number; title: string }>();
    for (const n of await db.need.findMany({ where: { submissionKey: { in: keys } }, select: { id: true, title: true, submissionKey: true } })) {
      if (n.submissionKey) known.set(n.submissionKey, n);
    }
    const fresh = new Map<string, (typeof rows)[number]>();
    for (const row of rows) if (!known.has(row.meta.submissionKey) && !fresh.has(row.meta.submissionKey)) fresh.set(row.meta.submissionKey, row);
    let created: { id: number; title: string; submissionKey: string }[];
    try {
      created = insertedNeeds.parse(
        await insertRowsReturning(
          db,
          'Need',
          NEED_COLUMNS,
          [...fresh.values()].map((r) => ({ sourceLabel: null, status: 'open', ...this.needData(r.input, r.meta) })),
          ['id', 'title', 'submissionKey'],
        ),
      );
    } catch (error) {
      // Another import stored one of these rows meanwhile (or the batch lost another race): one by
      // one, each recognises its own row and runs again on any other conflict.
      if (!isRetryableConflict(error)) throw error;
      const one: RecordedNeed[] = [];
      for (const row of rows) one.push(await this.insertNeed(row.input, row.meta));
      return one;
    }
    const createdByKey = new Map(created.map((n) => [n.submissionKey, n] as const));
    if (created.length > 0)
      this.deps.logger?.info({ needs: created.length, firstNeedId: Math.min(...created.map((n) => n.id)), source: rows[0]?.meta.source }, 'needs recorded');
    // The first row of a key in this batch created it; a later one is "already there".
    const claimed = new Set<string>();
    return rows.map(({ meta: { submissionKey: key } }) => {
      const made = createdByKey.get(key);
      if (made && !claimed.has(key)) {
        claimed.add(key);
        return { id: made.id, title: made.title, created: true };
      }
      const need = known.get(key) ?? made;
      if (!need) throw new Error(`need ${key} neither found nor created`);
      return { id: need.id, title: need.title, created: false };
    });
  }

  /**
   * Classifies the need, ranks environments and queues one suggestion post per channel plus the
   * confirmation, all in one transaction. Idempotent: a need that is already routed is left alone.
   */
  async routeNeed(needId: number): Promise<RouteResult> {
    const [need] = await this.unrouted([needId]);
    if (!need) return NOT_ROUTED;
    try {
      return (await this.routeTogether([need])).get(needId) ?? NOT_ROUTED;
    } catch (error) {
      // Routed by someone else between the read and the claim.
      if (error instanceof AlreadyRoutedError) return NOT_ROUTED;
      throw error;
    }
  }

  /**
   * Routes many needs (an import's batch) exactly as routeNeed does, in one transaction; a need
   * routed before is left alone. Should the batch fail as a whole (one of them routed meanwhile, a
   * clash in the outbox), each is routed on its own.
   */
  async routeNeeds(needIds: readonly number[]): Promise<Map<number, RouteResult>> {
    const needs = await this.unrouted(needIds);
    const results = new Map<number, RouteResult>(needIds.map((id) => [id, NOT_ROUTED]));
    if (needs.length === 0) return results;
    try {
      for (const [id, result] of await this.routeTogether(needs)) results.set(id, result);
    } catch (error) {
      this.deps.logger?.warn({ needs: needs.length, err: error }, 'batch routing failed; routing its needs one by one');
      for (const need of needs) {
        try {
          results.set(need.id, await this.routeNeed(need.id));
        } catch (failed) {
          // The bot routes it in the background, retrying with backoff; the CLI reports the failure.
          if (!this.deps.routing) throw failed;
          this.deps.routing.routeLater(need.id);
        }
      }
    }
    return results;
  }

  /**
   * Needs recorded but not yet routed (the process stopped right after the ack, or routing failed).
   * `recordedBefore` leaves needs alone that the live path is routing right now.
   */
  async unroutedNeedIds(recordedBefore?: Date): Promise<number[]> {
    const pending = await this.deps.db.need.findMany({
      where: { routedAt: null, ...(recordedBefore ? { recordedAt: { lt: recordedBefore } } : {}) },
      select: { id: true },
      orderBy: { id: 'asc' },
    });
    return pending.map((n) => n.id);
  }

  /** Needs of these that are not routed yet, with what routing reads of them. */
  private unrouted(needIds: readonly number[]): Promise<UnroutedNeed[]> {
    return this.deps.db.need.findMany({
      where: { id: { in: [...needIds] }, routedAt: null },
      select: { id: true, municipalityId: true, title: true, description: true, source: true },
      orderBy: { id: 'asc' },
    });
  }

  /** Decides the routing of each need, then writes them all in one transaction (AlreadyRoutedError: none written). */
  private async routeTogether(needs: readonly UnroutedNeed[]): Promise<Map<number, RouteResult>> {
    const { db, matchers, channels, similar } = this.deps;
    const ctx: RoutingContext = { matcher: matchers.current(), environments: await this.environmentProfiles(), channels };
    const routings: NeedRouting[] = [];
    for (const need of needs) {
      const text = needText(need);
      const indexed = { id: need.id, municipalityId: need.municipalityId, text };
      // Similar needs are a help, not a condition: without them (the index could not be built) the need is routed all the same.
      const found = similar
        ? await similar.find(indexed).catch((error: unknown) => {
            this.deps.logger?.warn({ needId: need.id, err: error }, 'similar needs not looked up');
            return [];
          })
        : [];
      // In the index before the batch is written, so that the next need of the same batch (a
      // workshop's other municipality) finds this one; a need that ends up not routed is recorded all the same.
      await similar
        ?.upsert(indexed)
        .catch((error: unknown) => this.deps.logger?.warn({ needId: need.id, err: error }, 'need not added to the similar-needs index'));
      // An imported need has nobody waiting for a confirmation: the import reports its own summary.
      routings.push({ needId: need.id, ...decideRouting(text, ctx), similar: found, confirm: need.source !== 'import' });
    }
    await db.$transaction((tx) => writeRoutings(tx, routings, this.now()));
    for (const r of routings) {
      this.deps.logger?.info(
        {
          needId: r.needId,
          areas: r.suggestedAreas,
          abstained: r.classification.abstain,
          channels: r.routes.map((route) => route.channel),
          modelVersion: r.classification.modelVersion,
          similar: r.similar.map((s) => s.needId),
        },
        'need classified and its posts queued',
      );
    }
    this.deps.outbox?.wake();
    return new Map(routings.map((r) => [r.needId, { routed: true, channels: r.routes.map((route) => route.channel) }]));
  }

  private needData(input: NeedInput, meta: RecordMeta) {
    return {
      municipalityId: input.municipalityId,
      title: input.title,
      description: input.description,
      sector: input.sector,
      municipalContact: input.municipalContact,
      ourContactUserId: input.ourContactUserId,
      recordedByUserId: meta.recordedByUserId,
      originChannelId: meta.originChannelId,
      source: meta.source,
      submissionKey: meta.submissionKey ?? null,
      searchText: searchIndexText(needText(input)),
      recordedAt: meta.recordedAt ?? this.now(),
      ...(meta.sourceLabel ? { sourceLabel: meta.sourceLabel } : {}),
    };
  }

  /** One need, one statement (the ack path): a key seen before shows up as a unique violation. */
  private async insertNeed(input: NeedInput, meta: RecordMeta): Promise<RecordedNeed> {
    const { db } = this.deps;
    const { submissionKey } = meta;
    let need: { id: number; title: string };
    try {
      need = await retryOnConflict(() => db.need.create({ data: this.needData(input, meta), select: { id: true, title: true } }), {
        ownKeys: [UNIQUE_KEYS.needSubmission],
      });
    } catch (error) {
      // The same submission again (a replay, or two at the same instant): the first stored it.
      const raced =
        violatesUniqueKey(error, UNIQUE_KEYS.needSubmission) && submissionKey
          ? await db.need.findUnique({ where: { submissionKey }, select: { id: true, title: true } })
          : null;
      if (raced) return { ...raced, created: false };
      throw error;
    }
    this.deps.logger?.info({ needId: need.id, municipalityId: input.municipalityId, source: meta.source }, 'need recorded');
    return { ...need, created: true };
  }

  private async environmentProfiles(): Promise<EnvironmentProfile[]> {
    // Reference data changes only by re-seeding, so it is read once per process.
    this.environments ??= (await this.deps.db.innovationEnvironment.findMany({ include: { areas: true }, orderBy: { id: 'asc' } })).map((e) => ({
      id: e.id,
      name: e.name,
      areas: e.areas.map((a) => a.areaSlug as AreaSlug),
      crossCutting: e.crossCutting,
      offer: e.offer,
      role: e.role,
      focus: e.focus.split('\n').filter((term) => term.trim() !== ''),
      coordinates: e.areas.filter((a) => a.coordinator).map((a) => a.areaSlug as AreaSlug),
    }));
    return this.environments;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }
}
