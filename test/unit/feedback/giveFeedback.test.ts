// FeedbackService against real databases (a SQLite file; PostgreSQL too when TEST_POSTGRES_URL is
// set): two people's first 👍 (or 🙋) at the same instant, each through its own app instance, are
// both counted; a conflict on any key but "this person's feedback" or "this delivery" is run
// again, not swallowed; a delivery is marked handled in the transaction of its effect, so a failed
// change leaves it free for Slack's retry and a duplicate delivery changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../../src/platform/db/client.js';
import { isDeliveryHandled } from '../../../src/platform/db/processedEvents.js';
import type { Logger } from '../../../src/logger.js';
import { FeedbackService } from '../../../src/feedback/giveFeedback.js';
import { failureOf, flakyDb } from '../../support/flakyDb.js';
import { testDatabases } from '../../support/postgres.js';
import { TEST_CHANNELS } from '../../support/testApp.js';
import { addNeed, type TestDb } from '../../support/testDb.js';

/** Pairs of simultaneous first reactions: in a run before the fix, PostgreSQL lost one of about 3 in 10. */
const PAIRS = 20;

const anyone = { isAdmin: () => false, isMember: () => Promise.resolve(true) };

/** A logger that keeps its info lines (the rest is dropped). */
function recordingLogger(): Logger & { infos: string[] } {
  const infos: string[] = [];
  const logger = {
    infos,
    info: (_obj: unknown, msg?: string) => void infos.push(String(msg)),
    warn: () => undefined,
    error: () => undefined,
    debug: () => undefined,
    child: () => logger,
  };
  return logger as unknown as Logger & { infos: string[] };
}

/** A real unique violation of a key no caller takes for "already recorded": a training example's. */
async function trainingExampleConflict(db: Db): Promise<unknown> {
  const key = `conflict:${Math.random()}`;
  await db.trainingExample.create({ data: { key, text: 'x', source: 'test' } });
  return failureOf(db.trainingExample.create({ data: { key, text: 'x', source: 'test' } }));
}

const opened: Db[] = [];
/** A client of its own whose next `failures` transactions fail with `error`. */
async function failingTransactions(url: string, error: unknown, failures: number): Promise<Db> {
  const { db } = await flakyDb(url, '$transaction', error, failures);
  opened.push(db);
  return db;
}

describe.each(testDatabases)('FeedbackService on %s', (name, open) => {
  let t: TestDb;
  /** A second client on the same database: the second app instance. */
  let other: Db;
  let serial = 0;
  beforeAll(async () => {
    t = await open();
    other = await createDb(t.url);
  }, 60_000);
  afterAll(async () => {
    for (const db of opened.splice(0)) await db.$disconnect();
    await other.$disconnect();
    await t.close();
  });

  const service = (db: Db, extra: Partial<ConstructorParameters<typeof FeedbackService>[0]> = {}) =>
    new FeedbackService({ db, channels: TEST_CHANNELS, authority: anyone, ...extra });
  const postedNeed = () =>
    addNeed(t, {
      municipality: 'Kinda',
      areas: ['uppkopplade'],
      recordedAt: '2027-03-01T09:00:00Z',
      posts: { C0IOT: `1700000000.${String(++serial).padStart(6, '0')}` },
    });

  it(`counts both of two people's first 👍 at the same instant, on two instances (${PAIRS} pairs)`, async () => {
    const first = service(t.db);
    const second = service(other);
    const needs = await Promise.all(Array.from({ length: PAIRS }, postedNeed));
    const outcomes = await Promise.all(
      needs.flatMap((needId) => [
        first.addFeedback({ needId, userId: 'U0ALICE', kind: 'up', channelId: 'C0IOT', via: 'reaction', delivery: `Ev${needId}A` }),
        second.addFeedback({ needId, userId: 'U0BOB', kind: 'up', channelId: 'C0IOT', via: 'reaction', delivery: `Ev${needId}B` }),
      ]),
    );
    expect(outcomes.every((o) => o.changed)).toBe(true);
    for (const needId of needs) {
      expect(await t.db.feedback.count({ where: { needId, kind: 'up' } }), `need ${needId}`).toBe(2);
      const example = await t.db.trainingExample.findUniqueOrThrow({ where: { key: `need:${needId}` }, include: { labels: true } });
      expect(example.labels.map((l) => [l.areaSlug, l.positive])).toEqual([['uppkopplade', true]]);
      // The message's update is queued, once, whichever instance queued it.
      const post = await t.db.suggestionPost.findFirstOrThrow({ where: { needId } });
      expect(await t.db.outboxMessage.count({ where: { dedupeKey: `suggestion_update:${post.id}` } })).toBe(1);
      for (const eventId of [`Ev${needId}A`, `Ev${needId}B`]) expect(await isDeliveryHandled(t.db, eventId)).toBe(true);
    }
  }, 60_000);

  it(`counts both of two people's first 🙋 at the same instant; the earlier claim holds the need (${PAIRS} pairs)`, async () => {
    const first = service(t.db);
    const second = service(other);
    const needs = await Promise.all(Array.from({ length: PAIRS }, postedNeed));
    await Promise.all(
      needs.flatMap((needId) => [
        first.addFeedback({ needId, userId: 'U0ALICE', kind: 'claim', channelId: 'C0IOT', via: 'reaction' }),
        second.addFeedback({ needId, userId: 'U0BOB', kind: 'claim', channelId: 'C0IOT', via: 'reaction' }),
      ]),
    );
    for (const needId of needs) {
      const claims = await t.db.feedback.findMany({ where: { needId, kind: 'claim' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
      expect(claims.map((c) => c.userId).sort()).toEqual(['U0ALICE', 'U0BOB']);
      const need = await t.db.need.findUniqueOrThrow({ where: { id: needId } });
      expect(need.status).toBe('claimed');
      expect([claims[0]!.userId, claims[1]!.userId]).toContain(need.claimedByUserId);
      // One status event: open→claimed, not one per person.
      expect(await t.db.needEvent.count({ where: { needId, kind: 'status' } })).toBe(1);
    }
  }, 60_000);

  it('changes once for the same delivery arriving twice at the same instant (two instances)', async () => {
    const needId = await postedNeed();
    const input = { needId, userId: 'U0ALICE', kind: 'up' as const, channelId: 'C0IOT', via: 'reaction' as const, delivery: `EvTWICE${needId}` };
    const outcomes = await Promise.all([service(t.db).addFeedback(input), service(other).addFeedback(input)]);
    expect(outcomes.map((o) => o.changed).sort()).toEqual([false, true]);
    expect(await t.db.feedback.count({ where: { needId } })).toBe(1);
    // Alice takes it back; the old delivery, replayed, must not bring it back.
    await service(t.db).removeFeedback({ ...input, delivery: `EvREMOVE${needId}` });
    expect((await service(other).addFeedback(input)).changed).toBe(false);
    expect(await t.db.feedback.count({ where: { needId } })).toBe(0);
  });

  it('runs the change again when it lost a race on another key, and loses nothing', async () => {
    const needId = await postedNeed();
    const conflict = await trainingExampleConflict(t.db);
    const logger = recordingLogger();
    const outcome = await service(await failingTransactions(t.url, conflict, 2), { logger }).addFeedback({
      needId,
      userId: 'U0ALICE',
      kind: 'up',
      channelId: 'C0IOT',
      via: 'reaction',
      delivery: `EvRACE${needId}`,
    });
    expect(outcome.changed).toBe(true);
    expect(await t.db.feedback.count({ where: { needId, userId: 'U0ALICE' } })).toBe(1);
    expect(await isDeliveryHandled(t.db, `EvRACE${needId}`)).toBe(true);
    expect(logger.infos.filter((m) => m === 'feedback change lost a race; running it again')).toHaveLength(2);
  });

  it('takes a violation of the feedback key for "already recorded", without running it again', async () => {
    const needId = await postedNeed();
    await service(t.db).addFeedback({ needId, userId: 'U0ALICE', kind: 'up', channelId: 'C0IOT', via: 'reaction' });
    const duplicate = await failureOf(t.db.feedback.create({ data: { needId, userId: 'U0ALICE', kind: 'up', channelId: 'C0IOT', scope: 'C0IOT' } }));
    const logger = recordingLogger();
    const outcome = await service(await failingTransactions(t.url, duplicate, 1), { logger }).addFeedback({
      needId,
      userId: 'U0CAROL',
      kind: 'up',
      channelId: 'C0IOT',
      via: 'reaction',
    });
    expect(outcome.changed).toBe(false);
    expect(logger.infos).not.toContain('feedback change lost a race; running it again');
  });

  it('leaves the delivery unmarked when the change fails, so Slack’s retry is processed', async () => {
    const needId = await postedNeed();
    const input = { needId, userId: 'U0ALICE', kind: 'up' as const, channelId: 'C0IOT', via: 'reaction' as const, delivery: `EvFAIL${needId}` };
    await expect(service(await failingTransactions(t.url, new Error('connection lost'), 1)).addFeedback(input)).rejects.toThrow('connection lost');
    expect(await isDeliveryHandled(t.db, input.delivery)).toBe(false);
    expect(await t.db.feedback.count({ where: { needId } })).toBe(0);
    // The retry of the same event.
    expect((await service(t.db).addFeedback(input)).changed).toBe(true);
    expect(await isDeliveryHandled(t.db, input.delivery)).toBe(true);
    expect(await t.db.feedback.count({ where: { needId } })).toBe(1);
  });

  it('lets two presses of "Jag tar kontakt" at the same instant toggle twice, not add twice', async () => {
    const needId = await postedNeed();
    const press = (delivery: string, db: Db) =>
      service(db).toggleFeedback({ needId, userId: 'U0ALICE', kind: 'claim', channelId: 'C0IOT', via: 'button', delivery });
    const outcomes = await Promise.all([press(`action:A:${needId}:1`, t.db), press(`action:A:${needId}:2`, other)]);
    expect(outcomes.every((o) => o.changed)).toBe(true);
    expect(outcomes.map((o) => o.added).sort()).toEqual([false, true]);
    expect(await t.db.feedback.count({ where: { needId } })).toBe(0);
    expect((await t.db.need.findUniqueOrThrow({ where: { id: needId } })).status).toBe('open');
  });

  it(`counts nothing on a need withdrawn after the refusal was asked (${name})`, async () => {
    const needId = await postedNeed();
    const feedback = service(t.db);
    await feedback.addFeedback({ needId, userId: 'U0ALICE', kind: 'up', channelId: 'C0IOT', via: 'reaction' });
    await t.db.trainingExample.deleteMany({ where: { key: `need:${needId}` } });
    await t.db.need.update({ where: { id: needId }, data: { status: 'withdrawn' } });
    // Removing the reaction is always allowed, but it must not bring the deleted training example back.
    expect((await feedback.removeFeedback({ needId, userId: 'U0ALICE', kind: 'up', channelId: 'C0IOT' })).changed).toBe(false);
    expect(await t.db.trainingExample.count({ where: { key: `need:${needId}` } })).toBe(0);
  });
});
