// Reactions and buttons on suggestion messages, against the real Bolt app over HTTP: feedback is
// stored once, messages update in place, recategorisation re-routes, all-declined returns to
// intake, and confirmed areas become training examples.
import { describe, expect, it } from 'vitest';
import { SUGGESTION_ACTIONS } from '../../src/needs/blocks/suggestionMessage.js';
import type { RecordedCall } from '../support/fakeSlack.js';
import {
  buttonPayload,
  needSubmissionPayload,
  postCommand,
  postEvent,
  postInteraction,
  reactionEnvelope,
  recategoriseSubmissionPayload,
} from '../support/slackRequests.js';
import { useAppPerTest } from '../support/testApp.js';

const HOME_CARE_NEED =
  'Hemtjänsten vill ha sensorer och trygghetslarm som larmar när en brukare ramlar, uppkopplade mot våra digitala lås och tillsyn på natten.';

const ctx = useAppPerTest({ retrainDebounceMs: 10 });

interface PostedNeed {
  needId: number;
  /** channel → message ts of its suggestion */
  ts: Record<string, string>;
  /** channel → suggestion id (the buttons' value) */
  ids: Record<string, number>;
}

/** Records a need through /need and the modal, and waits until its suggestions are posted. */
async function recordNeed(description = HOME_CARE_NEED): Promise<PostedNeed> {
  const before = ctx.fake.callsOf('views.open').length;
  await postCommand(ctx.app.baseUrl, { userId: 'U0STAFF', channelId: 'C0TYPED' });
  await ctx.fake.waitForCalls('views.open', before + 1);
  const metadata = (ctx.fake.callsOf('views.open').at(-1)!.args.view as { private_metadata: string }).private_metadata;
  const kinda = await ctx.app.server.db.municipality.findUniqueOrThrow({ where: { name: 'Kinda' } });
  const lastBefore = (await ctx.app.server.db.need.findFirst({ orderBy: { id: 'desc' } }))?.id ?? 0;
  await postInteraction(ctx.app.baseUrl, needSubmissionPayload({ municipalityId: String(kinda.id), description }, metadata));
  const need = await ctx.app.server.db.need.findFirstOrThrow({ orderBy: { id: 'desc' } });
  expect(need.id).toBeGreaterThan(lastBefore);
  await ctx.app.server.settled();
  expect(await ctx.app.server.db.suggestionPost.count({ where: { needId: need.id, messageTs: null } })).toBe(0);
  const posts = await ctx.app.server.db.suggestionPost.findMany({ where: { needId: need.id } });
  expect(posts.length).toBeGreaterThan(0);
  return {
    needId: need.id,
    ts: Object.fromEntries(posts.map((p) => [p.channelId, p.messageTs!])),
    ids: Object.fromEntries(posts.map((p) => [p.channelId, p.id])),
  };
}

const updatesOf = (channel: string) => ctx.fake.callsOf('chat.update').filter((c) => c.args.channel === channel);
const textOf = (call: RecordedCall) => JSON.stringify(call.args.blocks);

async function react(type: 'reaction_added' | 'reaction_removed', reaction: string, userId: string, channel: string, ts: string, eventId?: string) {
  const res = await postEvent(ctx.app.baseUrl, reactionEnvelope({ type, reaction, userId, channel, ts, eventId }));
  expect(res.status).toBe(200);
}

describe('reactions', () => {
  it('stores 👍 once, updates every copy of the message, and ignores the retried event', async () => {
    const need = await recordNeed();
    expect(Object.keys(need.ts)).toEqual(expect.arrayContaining(['C0IOT', 'C0REGION']));

    await react('reaction_added', '+1', 'U0ALICE', 'C0IOT', need.ts.C0IOT!, 'EvSAME1');
    await ctx.fake.waitFor(() => updatesOf('C0IOT').length >= 1 && updatesOf('C0REGION').length >= 1, 'updates of both copies');
    expect(textOf(updatesOf('C0IOT').at(-1)!)).toContain(':+1: 1 · :-1: 0 i <#C0IOT>');
    expect(textOf(updatesOf('C0REGION').at(-1)!)).toContain(':+1: 1 · :-1: 0 i <#C0IOT>');
    expect(updatesOf('C0IOT').at(-1)!.args.ts).toBe(need.ts.C0IOT);

    await react('reaction_added', 'thumbsup::skin-tone-3', 'U0BOB', 'C0IOT', need.ts.C0IOT!);
    await ctx.app.server.settled();
    expect(await ctx.app.server.db.feedback.count({ where: { needId: need.needId, kind: 'up' } })).toBe(2);
    await ctx.fake.waitFor(() => updatesOf('C0IOT').some((c) => textOf(c).includes(':+1: 2 · :-1: 0 i <#C0IOT>')), 'second 👍 shown');

    // Alice takes her 👍 back; then Slack retries her original event (x-slack-retry-num). If the
    // retry were processed, her 👍 would come back.
    await react('reaction_removed', '+1', 'U0ALICE', 'C0IOT', need.ts.C0IOT!);
    await ctx.app.server.settled();
    expect(await ctx.app.server.db.feedback.count({ where: { needId: need.needId, kind: 'up' } })).toBe(1);
    const retry = await postEvent(
      ctx.app.baseUrl,
      reactionEnvelope({ type: 'reaction_added', reaction: '+1', userId: 'U0ALICE', channel: 'C0IOT', ts: need.ts.C0IOT!, eventId: 'EvSAME1' }),
      { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } },
    );
    expect(retry.status).toBe(200);
    // A later, different event as a marker: once it is stored, the retry (sent before it) has been
    // handled. With the dedupe middleware removed, this test fails (Alice's 👍 is back).
    await react('reaction_added', 'raising_hand', 'U0BOB', 'C0IOT', need.ts.C0IOT!);
    await ctx.app.server.settled();
    expect(await ctx.app.server.db.feedback.count({ where: { needId: need.needId, kind: 'claim' } })).toBe(1);
    expect(await ctx.app.server.db.feedback.findMany({ where: { needId: need.needId, kind: 'up' }, select: { userId: true } })).toEqual([{ userId: 'U0BOB' }]);
  });

  it('🙋 claims the need and removing it undoes the claim, with history', async () => {
    const need = await recordNeed();
    await react('reaction_added', 'raising_hand', 'U0CAROL', 'C0IOT', need.ts.C0IOT!);
    await ctx.app.server.settled();
    expect((await ctx.app.server.db.need.findUniqueOrThrow({ where: { id: need.needId } })).status).toBe('claimed');
    await ctx.fake.waitFor(() => updatesOf('C0IOT').some((c) => textOf(c).includes('<@U0CAROL> tar kontakt')), 'claimed update');
    expect((await ctx.app.server.db.need.findUniqueOrThrow({ where: { id: need.needId } })).claimedByUserId).toBe('U0CAROL');

    await react('reaction_removed', 'raising_hand', 'U0CAROL', 'C0IOT', need.ts.C0IOT!);
    await ctx.app.server.settled();
    expect((await ctx.app.server.db.need.findUniqueOrThrow({ where: { id: need.needId } })).status).toBe('open');
    const history = await ctx.app.server.db.needEvent.findMany({ where: { needId: need.needId, kind: 'status' }, orderBy: { id: 'asc' } });
    expect(history.map((h) => [h.detail, h.userId])).toEqual([
      ['open→claimed', 'U0CAROL'],
      ['claimed→open', 'U0CAROL'],
    ]);
  });

  it('✅ resolves the need', async () => {
    const need = await recordNeed();
    await react('reaction_added', 'white_check_mark', 'U0CAROL', 'C0IOT', need.ts.C0IOT!);
    await ctx.app.server.settled();
    expect((await ctx.app.server.db.need.findUniqueOrThrow({ where: { id: need.needId } })).status).toBe('resolved');
    await ctx.fake.waitFor(() => updatesOf('C0IOT').some((c) => textOf(c).includes(':white_check_mark: Löst')), 'resolved update');
  });

  it('ignores reactions on other messages, other emoji and the bot’s own reactions', async () => {
    const need = await recordNeed();
    await react('reaction_added', '+1', 'U0ALICE', 'C0IOT', '1111111111.000001'); // not a suggestion
    await react('reaction_added', 'tada', 'U0ALICE', 'C0IOT', need.ts.C0IOT!); // not feedback
    await react('reaction_added', '+1', 'U0BOT', 'C0IOT', need.ts.C0IOT!); // our own
    await react('reaction_added', '-1', 'U0ALICE', 'C0IOT', need.ts.C0IOT!); // the one that counts
    await ctx.app.server.settled();
    expect(await ctx.app.server.db.feedback.count()).toBe(1);
    expect((await ctx.app.server.db.feedback.findFirstOrThrow()).kind).toBe('down');
  });
});

describe('messages and needs that are gone', () => {
  it('updates quietly when Slack says the message was deleted, and ignores reactions on a deleted need', async () => {
    const need = await recordNeed();
    ctx.fake.failNext('chat.update', { slackError: 'message_not_found' }, 10);
    await react('reaction_added', '+1', 'U0ALICE', 'C0IOT', need.ts.C0IOT!);
    await ctx.fake.waitFor(() => ctx.fake.callsOf('chat.update').length >= 2, 'update attempts');
    // Nothing to retry: the rows are done, none failed.
    await ctx.app.server.settled();
    expect(await ctx.app.server.db.outboxMessage.count({ where: { kind: 'suggestion_update', status: 'sent' } })).toBe(2);
    expect(await ctx.app.server.db.outboxMessage.count({ where: { status: 'failed' } })).toBe(0);

    await ctx.app.server.db.need.delete({ where: { id: need.needId } });
    await react('reaction_added', 'raising_hand', 'U0BOB', 'C0IOT', need.ts.C0IOT!);
    const marker = await recordNeed();
    await react('reaction_added', '+1', 'U0CAROL', 'C0IOT', marker.ts.C0IOT!);
    await ctx.app.server.settled();
    expect(await ctx.app.server.db.feedback.count({ where: { needId: marker.needId } })).toBe(1);
    expect(await ctx.app.server.db.feedback.count({ where: { userId: 'U0BOB' } })).toBe(0);
  });
});

describe('buttons', () => {
  it('"Jag tar kontakt" claims, and pressing it again withdraws the claim', async () => {
    const need = await recordNeed();
    const press = () =>
      postInteraction(
        ctx.app.baseUrl,
        buttonPayload({
          actionId: SUGGESTION_ACTIONS.claim,
          value: String(suggestionIdOf(need, 'C0IOT')),
          userId: 'U0DAVE',
          channel: 'C0IOT',
          messageTs: need.ts.C0IOT!,
        }),
      );
    expect((await press()).status).toBe(200);
    await ctx.app.server.settled();
    expect((await ctx.app.server.db.need.findUniqueOrThrow({ where: { id: need.needId } })).claimedByUserId).toBe('U0DAVE');
    await ctx.fake.waitFor(() => updatesOf('C0REGION').some((c) => textOf(c).includes('<@U0DAVE> tar kontakt')), 'claim shown in every copy');
    await press();
    await ctx.app.server.settled();
    expect((await ctx.app.server.db.need.findUniqueOrThrow({ where: { id: need.needId } })).status).toBe('open');
  });

  it('"Byt styrkeområde" opens a modal and re-routes the need to the new area’s channel', async () => {
    const need = await recordNeed();
    await postInteraction(
      ctx.app.baseUrl,
      buttonPayload({
        actionId: SUGGESTION_ACTIONS.recategorise,
        value: String(suggestionIdOf(need, 'C0IOT')),
        userId: 'U0ERIK',
        channel: 'C0IOT',
        messageTs: need.ts.C0IOT!,
      }),
    );
    await ctx.fake.waitFor(
      (calls) => calls.some((c) => c.method === 'views.open' && (c.args.view as { callback_id: string }).callback_id === 'recategorise_modal'),
      'recategorise modal',
    );
    const modal = ctx.fake.callsOf('views.open').at(-1)!.args.view as { private_metadata: string; title: { text: string } };
    expect(modal.title.text).toBe('Byt styrkeområde');

    const bad = await postInteraction(ctx.app.baseUrl, recategoriseSubmissionPayload(['none', 'logistik'], modal.private_metadata, 'U0ERIK'));
    expect(((await bad.json()) as { errors: Record<string, string> }).errors.areas).toMatch(/kan inte kombineras/);

    const ok = await postInteraction(ctx.app.baseUrl, recategoriseSubmissionPayload(['logistik'], modal.private_metadata, 'U0ERIK'));
    expect(await ok.text()).toBe('');
    await ctx.fake.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage' && c.args.channel === 'C0LOGIST'), 'post in logistics channel');
    const logisticsPost = ctx.fake.callsOf('chat.postMessage').find((c) => c.args.channel === 'C0LOGIST')!;
    expect(textOf(logisticsPost)).toContain('Effektiv logistik');
    expect(textOf(logisticsPost)).toContain('ändrat av <@U0ERIK>');
    await ctx.fake.waitFor(() => updatesOf('C0IOT').some((c) => textOf(c).includes('Flyttat till')), 'old copy marked as moved');

    const posts = await ctx.app.server.db.suggestionPost.findMany({ where: { needId: need.needId } });
    expect(posts.find((p) => p.channelId === 'C0IOT')!.state).toBe('moved');
    expect(posts.find((p) => p.channelId === 'C0REGION')!.state).toBe('posted'); // sees every need
    const example = await ctx.app.server.db.trainingExample.findUniqueOrThrow({ where: { key: `need:${need.needId}` }, include: { labels: true } });
    expect(example.labels.map((l) => [l.areaSlug, l.positive])).toEqual([['logistik', true]]);
  });

  it('goes back to intake with its history when every team channel said no', async () => {
    const need = await recordNeed();
    const teamChannels = Object.keys(need.ts);
    for (const [index, channel] of teamChannels.entries()) {
      // "Inte vårt område" is the channel's answer: its members may give it.
      ctx.fake.members.set(channel, [`U0NO${index}`]);
      await postInteraction(
        ctx.app.baseUrl,
        buttonPayload({
          actionId: SUGGESTION_ACTIONS.notOurs,
          value: String(suggestionIdOf(need, channel)),
          userId: `U0NO${index}`,
          channel,
          messageTs: need.ts[channel]!,
        }),
      );
    }
    await ctx.fake.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage' && c.args.channel === 'C0INTAKE'), 'back to intake');
    const intakePost = ctx.fake.callsOf('chat.postMessage').find((c) => c.args.channel === 'C0INTAKE')!;
    expect(textOf(intakePost)).toContain('Ingen tog den');
    for (const channel of teamChannels) expect(textOf(intakePost)).toContain(`<#${channel}>`);
    expect(await ctx.app.server.db.needEvent.count({ where: { needId: need.needId, kind: 'returned_to_intake' } })).toBe(1);
  });
});

describe('learning', () => {
  it('turns a 👍 in the area channel into a training example and retrains; new needs use the new model', async () => {
    const first = await recordNeed();
    const versionBefore = ctx.app.server.matchers.current().version;
    await react('reaction_added', '+1', 'U0ALICE', 'C0IOT', first.ts.C0IOT!);
    await ctx.app.server.settled();
    expect(await ctx.app.server.db.trainingExample.count({ where: { key: `need:${first.needId}` } })).toBe(1);
    const example = await ctx.app.server.db.trainingExample.findUniqueOrThrow({ where: { key: `need:${first.needId}` }, include: { labels: true } });
    expect(example.labels.map((l) => [l.areaSlug, l.positive])).toEqual([['uppkopplade', true]]);

    // The retrain is debounced (10 ms here) and runs in a worker: wait for it, not for a clock.
    await ctx.app.server.retraining.idle();
    expect(ctx.app.server.matchers.current().version).not.toBe(versionBefore);
    const second = await recordNeed('Trygghetslarmen i hemtjänsten behöver bytas mot digitala larm med sensorer.');
    const stored = await ctx.app.server.db.need.findUniqueOrThrow({ where: { id: second.needId } });
    expect(stored.modelVersion).toBe(ctx.app.server.matchers.current().version);

    // A 👎 in the area channel is negative evidence, replacing nothing else.
    await react('reaction_added', '-1', 'U0BOB', 'C0IOT', second.ts.C0IOT!);
    await ctx.app.server.settled();
    const labels = await ctx.app.server.db.trainingLabel.findMany({ where: { example: { key: `need:${second.needId}` } } });
    expect(labels.map((l) => [l.areaSlug, l.positive])).toEqual([['uppkopplade', false]]);
  });
});

function suggestionIdOf(need: PostedNeed, channel: string): number {
  const id = need.ids[channel];
  if (id === undefined) throw new Error(`need ${need.needId} was not posted in ${channel}`);
  return id;
}
