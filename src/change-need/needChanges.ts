// Changing a recorded need: editing what was typed, and withdrawing a need recorded by mistake.
// Only the need's owners may (permissions.ts); every change is in the need's history and every
// posted copy of its message is updated in place (through the outbox).
import { type Db, dialectOf } from '../platform/db/client.js';
import { lockNeed } from '../platform/db/rowLock.js';
import type { Logger } from '../logger.js';
import { searchIndexText } from '../matching/index.js';
import type { AreaSlug } from '../matching/types.js';
import type { Authority } from '../feedback/giveFeedback.js';
import type { MatcherProvider } from '../training/matcherProvider.js';
import { currentAreas } from '../needs/needAreas.js';
import { needText, type NeedInput } from '../needs/needInput.js';
import { isSectorSlug } from '../needs/sectors.js';
import { type Allowed, allowedFor, may } from '../needs/permissions.js';
import type { SimilarNeeds } from '../needs/similarNeedsIndex.js';
import * as store from './needChangesRepository.js';
import { addNeedEvent, needPeople } from '../needs/store/needRecord.js';
import { replaceSimilar } from '../needs/store/similarNeedLinks.js';
import type { OutboxWake } from '../platform/outbox/outboxWorker.js';
import { queueMessageUpdates } from '../needs/store/suggestionPosts.js';
import type { RetrainRequest } from '../background/retrainScheduler.js';
export interface NeedChangesDeps {
  db: Db;
  authority: Authority;
  matchers: MatcherProvider;
  /** Woken when message updates were queued, so it sends them now. */
  outbox?: OutboxWake;
  /** Asked to retrain (debounced, in the background) when a withdrawn need's training example was removed. */
  retraining?: RetrainRequest;
  logger?: Logger;
  now?: () => Date;
  /** Kept up to date with edited and withdrawn needs; an edited need's similar needs are found again. */
  similar?: SimilarNeeds;
}

/** Fields whose change makes a need's similar needs be looked up again. */
const SIMILARITY_FIELDS: readonly string[] = ['municipalityId', 'title', 'description'];

const EDITABLE = ['municipalityId', 'title', 'description', 'sector', 'municipalContact', 'ourContactUserId'] as const;
export type EditableField = (typeof EDITABLE)[number];

export type EditOutcome =
  | { ok: false; refused: Allowed | 'withdrawn' | 'missing' }
  | {
      ok: true;
      changed: EditableField[];
      /** The need's areas now, and what the matcher suggests for the edited text. */
      currentAreas: AreaSlug[];
      suggestedAreas: AreaSlug[];
    };

export type WithdrawOutcome = { ok: false; refused: Allowed | 'withdrawn' | 'missing' } | { ok: true };

export class NeedChanges {
  constructor(private readonly deps: NeedChangesDeps) {}

  /** Null when the person may edit or withdraw the need; else who may (or why not). */
  async ownerRefusal(needId: number, userId: string): Promise<Allowed | 'withdrawn' | 'missing' | null> {
    const need = await needPeople(this.deps.db, needId);
    if (!need) return 'missing';
    if (need.status === 'withdrawn') return 'withdrawn';
    const actor = { userId, isAdmin: this.deps.authority.isAdmin(userId), isChannelMember: false };
    return may('edit', actor, need) ? null : allowedFor('edit');
  }

  /** What the edit form starts from: the need as it stands. */
  async editable(needId: number): Promise<NeedInput | null> {
    const need = await store.editableFields(this.deps.db, needId);
    if (!need) return null;
    return { ...need, sector: isSectorSlug(need.sector) ? need.sector : null };
  }

  async editNeed(needId: number, userId: string, input: NeedInput): Promise<EditOutcome> {
    const refused = await this.ownerRefusal(needId, userId);
    if (refused) return { ok: false, refused };
    const indexed = { id: needId, municipalityId: input.municipalityId, text: needText(input) };
    const found = this.deps.similar ? await this.deps.similar.find(indexed).catch(() => null) : null;
    const dialect = dialectOf(this.deps.db);
    const result = await store.inTransaction(this.deps.db, async (tx) => {
      // The need's lock, as every change to a need takes it (feedback too): one change at a time.
      await lockNeed(tx, dialect, needId);
      const need = await store.editFacts(tx, needId);
      const changed = EDITABLE.filter((field) => need[field] !== input[field]);
      if (changed.length > 0) {
        await store.writeEdit(tx, needId, Object.fromEntries(changed.map((f) => [f, input[f]])), searchIndexText(needText(input)));
        await addNeedEvent(tx, { needId, kind: 'edited', detail: changed.join(','), userId, at: this.now() });
        // A routed need's list of similar needs follows its new text (an unrouted one gets it when routed).
        if (found && need.routed && changed.some((f) => SIMILARITY_FIELDS.includes(f))) await replaceSimilar(tx, needId, found, this.now());
        await queueMessageUpdates(tx, [needId], this.now());
      }
      return { changed, currentAreas: currentAreas(need.suggestedAreas, need.correctedAreas) };
    });
    if (result.changed.length > 0) {
      if (result.changed.some((f) => SIMILARITY_FIELDS.includes(f))) await this.deps.similar?.upsert(indexed).catch(() => undefined);
      this.deps.logger?.info({ needId, userId, fields: result.changed }, 'need edited');
      this.deps.outbox?.wake();
    }
    const suggestion = this.deps.matchers.current().classify(needText(input));
    return { ok: true, ...result, suggestedAreas: suggestion.suggested.map((s) => s.slug) };
  }

  async withdrawNeed(needId: number, userId: string): Promise<WithdrawOutcome> {
    const refused = await this.ownerRefusal(needId, userId);
    if (refused) return { ok: false, refused };
    const dialect = dialectOf(this.deps.db);
    const trainingChanged = await store.inTransaction(this.deps.db, async (tx) => {
      await lockNeed(tx, dialect, needId);
      if (!(await store.markWithdrawn(tx, needId, this.now()))) return false;
      await addNeedEvent(tx, { needId, kind: 'withdrawn', detail: '', userId, at: this.now() });
      await queueMessageUpdates(tx, [needId], this.now());
      // Recorded by mistake: what people said about it must not teach the matcher.
      return store.deleteTrainingExampleOf(tx, needId);
    });
    await this.deps.similar?.remove(needId).catch(() => undefined);
    this.deps.logger?.info({ needId, userId }, 'need withdrawn');
    this.deps.outbox?.wake();
    if (trainingChanged) this.deps.retraining?.request();
    return { ok: true };
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }
}
