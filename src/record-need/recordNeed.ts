// Recording a need, the use case: store it before the Slack ack, then (in the background, after
// the ack) classify it, rank innovation environments, decide the channels and queue the posts. One
// path for a single /need and an import's batch. Reads and writes go through needRepository.ts;
// the routing decision is pure (decideRouting, below).
import type { ChannelsConfig } from '../channels/channelsConfig.js';
import { routeNeed as routeChannels, type Route } from '../channels/routing.js';
import type { Logger } from '../logger.js';
import { isRetryableConflict } from '../platform/db/errors.js';
import type { Db } from '../platform/db/client.js';
import { rankEnvironments, searchIndexText } from '../matching/index.js';
import type { AreaSlug, Classification, EnvironmentProfile, Matcher, RankedEnvironment } from '../matching/types.js';
import type { OutboxWake } from '../platform/outbox/outboxWorker.js';
import type { MatcherProvider } from '../training/matcherProvider.js';
import type { RouteLater } from '../background/routingQueue.js';
import { needText, type NeedInput } from '../needs/needInput.js';
import { loadNeedDetail, loadNeedSummary, type NeedDetail, type NeedSummary } from '../needs/store/needViews.js';
import type { SimilarNeeds } from '../needs/similarNeedsIndex.js';
import * as repository from './needRepository.js';
import { AlreadyRoutedError, type NeedRouting, type NewNeed, type UnroutedNeed } from './needRepository.js';

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

export class NeedService {
  private environments: EnvironmentProfile[] | null = null;

  constructor(private readonly deps: NeedServiceDeps) {}

  /**
   * Stores the need; it is routed afterwards (routing.routeLater → routeNeed), so a crash in between loses
   * nothing. With a submissionKey that was recorded before, returns that need (created: false).
   */
  async recordNeed(input: NeedInput, meta: RecordMeta): Promise<RecordedNeed> {
    const need = await repository.insertNeed(this.deps.db, this.newNeed(input, meta));
    if (need.created) {
      this.deps.logger?.info({ needId: need.id, municipalityId: input.municipalityId, source: meta.source }, 'need recorded');
      this.deps.routing?.routeLater(need.id);
    }
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
    const known = await repository.needsByKey(db, [...new Set(rows.map((r) => r.meta.submissionKey))]);
    const fresh = new Map<string, (typeof rows)[number]>();
    for (const row of rows) if (!known.has(row.meta.submissionKey) && !fresh.has(row.meta.submissionKey)) fresh.set(row.meta.submissionKey, row);
    let created: { id: number; title: string; submissionKey: string }[];
    try {
      created = await repository.insertNeeds(
        db,
        [...fresh.values()].map((r) => ({ ...this.newNeed(r.input, r.meta), submissionKey: r.meta.submissionKey })),
      );
    } catch (error) {
      // Another import stored one of these rows meanwhile (or the batch lost another race): one by
      // one, each recognises its own row and runs again on any other conflict.
      if (!isRetryableConflict(error)) throw error;
      const one: RecordedNeed[] = [];
      for (const row of rows) one.push(await repository.insertNeed(db, this.newNeed(row.input, row.meta)));
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
    const [need] = await repository.unroutedNeeds(this.deps.db, [needId]);
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
    const needs = await repository.unroutedNeeds(this.deps.db, needIds);
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
  unroutedNeedIds(recordedBefore?: Date): Promise<number[]> {
    return repository.unroutedNeedIds(this.deps.db, recordedBefore);
  }

  /** Everything about one need, for its own page. */
  needDetail(needId: number): Promise<NeedDetail | null> {
    return loadNeedDetail(this.deps.db, needId);
  }

  /** Title and current areas, for the "Byt styrkeområde" modal. */
  needSummary(needId: number): Promise<NeedSummary | null> {
    return loadNeedSummary(this.deps.db, needId);
  }

  /** Decides the routing of each need, then writes them all in one transaction (AlreadyRoutedError: none written). */
  private async routeTogether(needs: readonly UnroutedNeed[]): Promise<Map<number, RouteResult>> {
    const { matchers, channels } = this.deps;
    this.environments ??= await repository.environmentProfiles(this.deps.db); // reference data changes only at a (re)start
    const ctx: RoutingContext = { matcher: matchers.current(), environments: this.environments, channels };
    const routings: NeedRouting[] = [];
    for (const need of needs) {
      const text = needText(need);
      // An imported need has nobody waiting for a confirmation: the import reports its own summary.
      routings.push({ needId: need.id, ...decideRouting(text, ctx), similar: await this.similarTo(need, text), confirm: need.source !== 'import' });
    }
    await repository.writeRoutingsTogether(this.deps.db, routings, this.now());
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

  /**
   * Needs of other municipalities like this one. A help, not a condition: without them (the index
   * could not be built) the need is routed all the same. The need joins the index before the batch
   * is written, so the next need of the same batch (a workshop's other municipality) finds it.
   */
  private async similarTo(need: UnroutedNeed, text: string): Promise<NeedRouting['similar']> {
    const { similar, logger } = this.deps;
    if (!similar) return [];
    const indexed = { id: need.id, municipalityId: need.municipalityId, text };
    const found = await similar.find(indexed).catch((error: unknown) => {
      logger?.warn({ needId: need.id, err: error }, 'similar needs not looked up');
      return [];
    });
    await similar.upsert(indexed).catch((error: unknown) => logger?.warn({ needId: need.id, err: error }, 'need not added to the similar-needs index'));
    return found;
  }

  private newNeed(input: NeedInput, meta: RecordMeta): NewNeed {
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

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }
}

// What routing a need decides before anything is written: its classification, the innovation
// environments to suggest and the channels to post in. Pure (the matcher, the environments and the
// channel config are passed in), so a single /need and an import's batch are decided alike.

export const ENVIRONMENTS_PER_NEED = 3;

export interface RoutingDecision {
  classification: Classification;
  /** The areas the need is suggested for (empty: the matcher abstained). */
  suggestedAreas: AreaSlug[];
  environments: RankedEnvironment[];
  routes: Route[];
}

export interface RoutingContext {
  matcher: Matcher;
  environments: EnvironmentProfile[];
  channels: ChannelsConfig;
}

/** `text`: the need's needText (needInput.ts), as the matcher was trained on it. */
export function decideRouting(text: string, ctx: RoutingContext): RoutingDecision {
  const classification = ctx.matcher.classify(text);
  const suggestedAreas = classification.suggested.map((s) => s.slug);
  return {
    classification,
    suggestedAreas,
    environments: rankEnvironments(text, classification, ctx.environments, ENVIRONMENTS_PER_NEED),
    routes: routeChannels(ctx.channels, suggestedAreas),
  };
}
