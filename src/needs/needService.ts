// The need's path through the domain: record it (before the Slack ack), then classify it, rank
// innovation environments, decide the channels and queue the posts (after the ack).
import type { ChannelsConfig } from '../channels/channelsConfig.js';
import { routeNeed } from '../channels/routing.js';
import type { Db } from '../db/client.js';
import type { Logger } from '../logger.js';
import { isUniqueViolation } from '../db/errors.js';
import { rankEnvironments, searchIndexText } from '../matching/index.js';
import type { AreaSlug, EnvironmentProfile } from '../matching/types.js';
import { enqueue } from '../outbox/outboxQueue.js';
import type { MatcherProvider } from './matcherProvider.js';
import { serialiseEnvironmentReason } from './environmentReason.js';
import { currentAreas, replaceCurrentAreas } from './needAreas.js';
import type { NeedInput } from './needInput.js';
import { loadNeedDetail, type NeedDetail } from './needViews.js';
import type { SimilarNeeds } from './similarNeeds.js';
import { replaceSimilar } from './store/similarNeeds.js';

export type NeedSource = 'slash_command' | 'shortcut' | 'app_home' | 'import';

export interface RecordMeta {
  recordedByUserId: string;
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
  /** Called after posts were queued, so the outbox worker sends them now instead of at its next poll. */
  onQueued?: () => void;
  /** Called with a newly recorded need, to be routed in the background (RoutingQueue). */
  onRecorded?: (needId: number) => void;
  /** One info line per need recorded and routed: ids only, never what people typed. */
  logger?: Logger;
  now?: () => Date;
  /** Finds needs of other municipalities like a routed one (stored with it); none when absent. */
  similar?: SimilarNeeds;
}

const ENVIRONMENTS_PER_NEED = 3;

export class NeedService {
  private environments: EnvironmentProfile[] | null = null;

  constructor(private readonly deps: NeedServiceDeps) {}

  async municipalities(): Promise<{ id: number; name: string }[]> {
    return this.deps.db.municipality.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } });
  }

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
      areas: currentAreas(need.classifications.map((c) => c.areaSlug), need.correctedAreas),
      corrected: need.correctedAreas !== null,
    };
  }

  /**
   * Stores the need; it is routed afterwards (onRecorded → routeNeed), so a crash in between loses
   * nothing. With a submissionKey that was recorded before, returns that need (created: false).
   */
  async recordNeed(input: NeedInput, meta: RecordMeta): Promise<{ id: number; title: string; created: boolean }> {
    const { db } = this.deps;
    const { submissionKey } = meta;
    const existing = async () =>
      submissionKey ? db.need.findUnique({ where: { submissionKey }, select: { id: true, title: true } }) : null;
    // One statement on the ack path: a key seen before shows up as a unique violation.
    let need: { id: number; title: string };
    try {
      need = await db.need.create({
        data: {
          municipalityId: input.municipalityId,
          title: input.title,
          description: input.description,
          sector: input.sector,
          municipalContact: input.municipalContact,
          ourContactUserId: input.ourContactUserId,
          recordedByUserId: meta.recordedByUserId,
          originChannelId: meta.originChannelId,
          source: meta.source,
          submissionKey: submissionKey ?? null,
          searchText: searchIndexText(`${input.title}. ${input.description}`),
          recordedAt: meta.recordedAt ?? this.now(),
          ...(meta.sourceLabel ? { sourceLabel: meta.sourceLabel } : {}),
        },
        select: { id: true, title: true },
      });
    } catch (error) {
      // The same submission again (a replay, or two at the same instant): the first stored it.
      const raced = isUniqueViolation(error) ? await existing() : null;
      if (raced) return { ...raced, created: false };
      throw error;
    }
    this.deps.logger?.info({ needId: need.id, municipalityId: input.municipalityId, source: meta.source }, 'need recorded');
    this.deps.onRecorded?.(need.id);
    return { ...need, created: true };
  }

  /**
   * Classifies the need, ranks environments and queues one suggestion post per channel plus the
   * confirmation, all in one transaction. Idempotent: a need that is already routed is left alone.
   */
  async routeNeed(needId: number): Promise<{ routed: boolean; channels: string[] }> {
    const { db, matchers, channels } = this.deps;
    const need = await db.need.findUnique({ where: { id: needId } });
    if (!need || need.routedAt) return { routed: false, channels: [] };

    const text = `${need.title}. ${need.description}`;
    const classification = matchers.current().classify(text);
    const suggestedAreas: AreaSlug[] = classification.suggested.map((s) => s.slug);
    const environments = rankEnvironments(text, classification, await this.environmentProfiles(), ENVIRONMENTS_PER_NEED);
    const routes = routeNeed(channels, suggestedAreas);
    const indexed = { id: needId, municipalityId: need.municipalityId, text };
    // Similar needs are a help, not a condition: without them (the index could not be built) the need is routed all the same.
    const similar = this.deps.similar
      ? await this.deps.similar.find(indexed).catch((error: unknown) => {
          this.deps.logger?.warn({ needId, err: error }, 'similar needs not looked up');
          return [];
        })
      : [];

    const routed = await db.$transaction(async (tx) => {
      // The guard makes concurrent routing of the same need (restart + live request) harmless.
      const claimed = await tx.need.updateMany({
        where: { id: needId, routedAt: null },
        data: { routedAt: this.now(), abstained: classification.abstain, modelVersion: classification.modelVersion },
      });
      if (claimed.count === 0) return false;
      await tx.needClassification.createMany({
        data: classification.ranked.map((area, index) => ({
          needId,
          areaSlug: area.slug,
          score: area.score,
          rank: index + 1,
          suggested: suggestedAreas.includes(area.slug),
          terms: area.terms.join('\n'),
          modelVersion: classification.modelVersion,
        })),
      });
      await replaceCurrentAreas(tx, needId, suggestedAreas);
      await tx.needEnvironment.createMany({
        data: environments.map((env, index) => ({
          needId,
          environmentId: env.id,
          rank: index + 1,
          score: env.score,
          reason: '',
          reasonData: serialiseEnvironmentReason(env.reason),
        })),
      });
      for (const route of routes) {
        const post = await tx.suggestionPost.create({ data: { needId, channelId: route.channel, reason: route.reason } });
        await enqueue(tx, { kind: 'suggestion', suggestionId: post.id, channelId: post.channelId });
      }
      await replaceSimilar(tx, needId, similar, this.now());
      // An imported need has nobody waiting for a confirmation: the import reports its own summary.
      if (need.source !== 'import') await enqueue(tx, { kind: 'confirmation', needId });
      return true;
    });
    if (routed) await this.deps.similar?.upsert(indexed).catch((error: unknown) => this.deps.logger?.warn({ needId, err: error }, 'need not added to the similar-needs index'));
    if (routed) {
      this.deps.logger?.info(
        { needId, areas: suggestedAreas, abstained: classification.abstain, channels: routes.map((r) => r.channel), modelVersion: classification.modelVersion, similar: similar.map((s) => s.needId) },
        'need classified and its posts queued',
      );
      this.deps.onQueued?.();
    }
    return { routed, channels: routed ? routes.map((r) => r.channel) : [] };
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

  private async environmentProfiles(): Promise<EnvironmentProfile[]> {
    // Reference data changes only by re-seeding, so it is read once per process.
    this.environments ??= (
      await this.deps.db.innovationEnvironment.findMany({ include: { areas: true }, orderBy: { id: 'asc' } })
    ).map((e) => ({
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
