// MatcherProvider.isStale on a real SQLite file: a model trained before another instance changed
// the training data (a 👍 there, a withdrawn need's example deleted) is stale until retrained;
// this is what the maintenance job asks every five minutes to retrain for feedback it never saw.
import { describe, expect, it } from 'vitest';
import { FeedbackService } from '../../../src/feedback/giveFeedback.js';
import { loadTrainingData, MatcherProvider } from '../../../src/training/matcherProvider.js';
import { SHIPPED_REGION, SHIPPED_SLUGS, shippedMatcher } from '../../support/shippedMatcher.js';
import { TEST_CHANNELS } from '../../support/testApp.js';
import { addNeed, useTestDb } from '../../support/testDb.js';

// One database file for both: loadTrainingData reads whatever examples the file holds.
const testDb = useTestDb();

describe('MatcherProvider.isStale', () => {
  it('is stale after another instance’s feedback made or removed a training example, fresh after a retrain', async () => {
    const t = testDb();
    // Staleness is about the data's version, not the model: the same trained model stands in for each retrain.
    const here = await MatcherProvider.create(t.db, SHIPPED_REGION, () => Promise.resolve(shippedMatcher()));
    expect(await here.isStale(t.db)).toBe(false);

    // Another instance stores a 👍 that makes the need a training example.
    const needId = await addNeed(t, {
      municipality: 'Kinda',
      areas: ['uppkopplade'],
      recordedAt: '2027-03-01T09:00:00Z',
      posts: { C0IOT: '1700000000.000001' },
    });
    const elsewhere = new FeedbackService({ db: t.db, channels: TEST_CHANNELS, authority: { isAdmin: () => false, isMember: () => Promise.resolve(true) } });
    await elsewhere.addFeedback({ needId, userId: 'U0ALICE', kind: 'up', channelId: 'C0IOT', via: 'reaction' });
    expect(await here.isStale(t.db)).toBe(true);
    await here.retrain(t.db);
    expect(await here.isStale(t.db)).toBe(false);

    // Its example rewritten with other labels (someone moves the need to another area) is a change too.
    expect((await elsewhere.recategorise(needId, 'U0BOB', ['logistik'], 'C0IOT')).changed).toBe(true);
    const relabelled = await t.db.trainingExample.findUniqueOrThrow({ where: { key: `need:${needId}` } });
    expect(await here.isStale(t.db)).toBe(true);
    await here.retrain(t.db);

    // And so is an example deleted (a withdrawn need's).
    await t.db.trainingExample.delete({ where: { id: relabelled.id } });
    expect(await here.isStale(t.db)).toBe(true);
  });
});

describe('loadTrainingData', () => {
  it('trains on the pack’s areas (in its order) and phrases, with the database’s examples', async () => {
    const t = testDb();
    const data = await loadTrainingData(t.db, SHIPPED_REGION);
    expect(data.areas.map((a) => a.slug)).toEqual([...SHIPPED_SLUGS]);
    expect(data.phrases).toBe(SHIPPED_REGION.phrases);
    expect(data.examples.length).toBe(await t.db.trainingExample.count());
    expect(data.examples.some((e) => e.areas.includes('material'))).toBe(true);
  });

  it('leaves out the labels of an area the pack no longer has, keeping the examples', async () => {
    const t = testDb();
    const region = { ...SHIPPED_REGION, areas: SHIPPED_REGION.areas.filter((a) => a.slug !== 'material') };
    const all = await loadTrainingData(t.db, SHIPPED_REGION);
    const data = await loadTrainingData(t.db, region);
    expect(data.areas.map((a) => a.slug)).toEqual(SHIPPED_SLUGS.filter((s) => s !== 'material'));
    expect(data.examples).toHaveLength(all.examples.length);
    expect(data.examples.some((e) => e.areas.includes('material') || (e.negativeAreas ?? []).includes('material'))).toBe(false);
    expect(data.version).toEqual(all.version); // the database's examples are the same
  });
});
