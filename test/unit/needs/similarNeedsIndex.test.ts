// SimilarNeeds.catchUp on a real SQLite file: needs another instance stored after this index was
// built become findable at the next catch-up, whatever order their ids came in; nothing is added twice.
// And load() lets the event loop turn while it indexes the region's labelled needs.
import { describe, expect, it, vi } from 'vitest';
import { SimilarityIndex } from '../../../src/matching/similar/similarityIndex.js';
import { SimilarNeeds } from '../../../src/needs/similarNeedsIndex.js';
import { addNeed, useTestDb } from '../../support/testDb.js';

// One database file for both: each test states the needs it adds and looks only at those.
const testDb = useTestDb();

describe('SimilarNeeds.catchUp', () => {
  const LEAKS = 'Sensorer i VA-nätet som larmar om läckor i ledningarna och mäter flödet i realtid';
  const describeNeed = (id: number, description: string) => testDb().db.need.update({ where: { id }, data: { title: 'Läckor i VA-nätet', description } });

  it('finds a need another instance stored after the index was built, once caught up', async () => {
    const t = testDb();
    const similar = new SimilarNeeds(t.db, { threshold: 0.1 });
    const first = await addNeed(t, { municipality: 'Kinda', areas: ['uppkopplade'], recordedAt: '2027-03-01T09:00:00Z' });
    await describeNeed(first, LEAKS);
    await similar.load();
    const size = similar.size;
    // This instance routes a need of its own (a higher id) before another instance's lower one is read.
    const elsewhere = await addNeed(t, { municipality: 'Boxholm', areas: ['uppkopplade'], recordedAt: '2027-03-02T09:00:00Z' });
    await describeNeed(elsewhere, LEAKS);
    const ours = await addNeed(t, { municipality: 'Ydre', areas: ['logistik'], recordedAt: '2027-03-02T10:00:00Z' });
    await similar.upsert({ id: ours, municipalityId: t.municipalityIds.get('Ydre')!, text: 'Samordnad varudistribution till skolorna' });
    const probe = { id: 999_999, municipalityId: t.municipalityIds.get('Motala')!, text: `Läckor i VA-nätet. ${LEAKS}` };
    expect((await similar.find(probe)).map((f) => f.needId)).not.toContain(elsewhere);

    expect(await similar.catchUp()).toBe(1);
    expect((await similar.find(probe)).map((f) => f.needId)).toContain(elsewhere);
    expect(similar.size).toBe(size + 2);
    expect(await similar.catchUp()).toBe(0);
  });
});

describe('SimilarNeeds.load', () => {
  it('lets requests in while it indexes the labelled needs: the event loop turns between slices of them', async () => {
    const t = testDb();
    // An event-loop turn calls tick; the index's addBackground is watched (and still runs). vi's
    // call order, shared by both, tells how many turns came between the first and the last text.
    let counting = true;
    const tick = vi.fn(() => {
      if (counting) setImmediate(tick);
    });
    setImmediate(tick);
    const addBackground = vi.spyOn(SimilarityIndex.prototype, 'addBackground');
    let texts: number[];
    try {
      await new SimilarNeeds(t.db, { sliceMs: 0 }).load(); // a slice per text (the app's are 5 ms long)
      texts = [...addBackground.mock.invocationCallOrder];
    } finally {
      addBackground.mockRestore();
      counting = false;
    }
    const labelled = await t.db.trainingExample.count({ where: { source: 'seed' } });
    expect(texts).toHaveLength(labelled);
    expect(labelled).toBeGreaterThan(600);
    const turnsBetween = tick.mock.invocationCallOrder.filter((order) => order > texts[0]! && order < texts.at(-1)!).length;
    // In one synchronous block no turn would come between them; here one at least after each text.
    expect(turnsBetween).toBeGreaterThanOrEqual(labelled - 1);
  });
});
