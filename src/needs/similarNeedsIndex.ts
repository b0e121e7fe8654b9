// Needs of other municipalities about the same thing. Holds the in-memory similarity index
// (matching/similar/) over every stored need that is not withdrawn: built from the database once,
// in the background at start-up, then kept up to date as needs are routed (added), edited
// (replaced) and withdrawn (removed). What a lookup finds at routing time is stored (NeedSimilar)
// by the callers, so messages and pages render it without the index.
//
// With several instances on one database, each index learns of the needs another instance
// stored at the maintenance job's next catchUp (every five minutes); edits and withdrawals made
// there reach it at its next start (what was stored stays right either way).
import type { Db } from '../platform/db/client.js';
import type { Logger } from '../logger.js';
import { SIMILARITY_THRESHOLD, SimilarityIndex } from '../matching/similar/similarityIndex.js';
import { backgroundTexts, indexableNeeds } from './store/similarNeedLinks.js';

/** Similar needs found and shown per need, at most. */
export const SIMILAR_SHOWN = 3;
const PAGE = 2_000;
/** How long indexing the background may hold the event loop at a time. */
const BACKGROUND_SLICE_MS = 5;

export interface SimilarFound {
  needId: number;
  score: number;
}

export interface IndexedNeed {
  id: number;
  municipalityId: number;
  text: string;
}

export class SimilarNeeds {
  private readonly index = new SimilarityIndex<number>();
  private loading: Promise<void> | null = null;
  /** The highest need id read from the database (not raised by upsert: a lower id may be stored elsewhere meanwhile). */
  private readUpTo = 0;

  constructor(
    private readonly db: Db,
    private readonly options: {
      threshold?: number;
      logger?: Logger;
      /** How long a slice of indexing the background may take (default 5 ms; tests choose 0). */
      sliceMs?: number;
    } = {},
  ) {}

  /** Builds the index from the database, once; later calls wait for the same build. */
  load(): Promise<void> {
    // A failed build (the database was away) is tried again by the next caller.
    this.loading ??= this.build().catch((error: unknown) => {
      this.loading = null;
      throw error;
    });
    return this.loading;
  }

  /** Up to SIMILAR_SHOWN needs of other municipalities like this one, best first. */
  async find(need: IndexedNeed): Promise<SimilarFound[]> {
    await this.load();
    return this.index
      .similarTo(need.text, {
        excludeKey: need.id,
        excludeGroup: need.municipalityId,
        limit: SIMILAR_SHOWN,
        threshold: this.options.threshold ?? SIMILARITY_THRESHOLD,
      })
      .map((hit) => ({ needId: hit.key, score: hit.score }));
  }

  /** A need routed or edited: findable from now on, with its current text. */
  async upsert(need: IndexedNeed): Promise<void> {
    await this.load();
    this.index.upsert({ key: need.id, group: need.municipalityId, text: need.text });
  }

  /** A withdrawn need: never found again. */
  async remove(needId: number): Promise<void> {
    await this.load();
    this.index.remove(needId);
  }

  /** Adds the needs stored since the index last read the database (by another instance); how many. */
  async catchUp(): Promise<number> {
    await this.load();
    const before = this.index.size;
    await this.readNeeds();
    return this.index.size - before;
  }

  get size(): number {
    return this.index.size;
  }

  private async build(): Promise<void> {
    const started = Date.now();
    this.options.logger?.debug('building the similar-needs index');
    // The background (the region's labelled needs: ~0.25 s for 900, more while the code is cold) is
    // indexed in slices of a few milliseconds, so a request that comes in meanwhile is not kept waiting.
    const sliceMs = this.options.sliceMs ?? BACKGROUND_SLICE_MS;
    let sliceStarted = performance.now();
    for (const text of await backgroundTexts(this.db)) {
      this.index.addBackground(text);
      if (performance.now() - sliceStarted >= sliceMs) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        sliceStarted = performance.now();
      }
    }
    await this.readNeeds();
    this.options.logger?.info({ needs: this.index.size, ms: Date.now() - started }, 'similar-needs index built');
  }

  /** Indexes the needs after `readUpTo`, a page at a time. */
  private async readNeeds(): Promise<void> {
    for (;;) {
      const page = await indexableNeeds(this.db, this.readUpTo, PAGE);
      for (const need of page) this.index.upsert({ key: need.id, group: need.municipalityId, text: need.text });
      const last = page.at(-1);
      if (last) this.readUpTo = last.id;
      if (page.length < PAGE) break;
      // Let requests in between pages: a large register takes seconds to index.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}
