// The real app in Socket Mode: Bolt's SocketModeReceiver asks the FakeSlack (apps.connections.open,
// app token) for a WebSocket URL, connects to a local FakeSocketMode and receives envelopes there;
// acks go back over the socket, Web API calls still go to the FakeSlack. Loopback only.
import { createHook } from 'node:async_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../support/fakeSlack.js';
import { type Ack, FakeSocketMode } from '../support/fakeSocketMode.js';
import { needSubmissionPayload, reactionEnvelope, slashCommandBody } from '../support/slackRequests.js';
import { startTestApp, TEST_APP_TOKEN, type TestApp } from '../support/testApp.js';

const HOME_CARE_NEED =
  'Hemtjänsten i Kinda vill ha sensorer och trygghetslarm som larmar när en brukare ramlar, uppkopplade mot våra digitala lås och tillsyn på natten.';
const BOT_TOKEN = 'xoxb-test-token';

let fake: FakeSlack;
let socket: FakeSocketMode;
let app: TestApp;
/** Sockets, servers and timers created from here on (the fakes', the app's), while they live. */
const resources = trackResources();

beforeAll(async () => {
  resources.enable();
  fake = await FakeSlack.start();
  socket = await FakeSocketMode.start();
  fake.socketModeUrl = socket.url;
  app = await startTestApp(fake, { socketMode: true });
});

afterAll(async () => {
  // Idempotent: the last test already stopped everything unless an earlier one failed. Each is
  // unset if beforeAll failed before creating it.
  await (app as TestApp | undefined)?.stop();
  await (socket as FakeSocketMode | undefined)?.stop();
  await (fake as FakeSlack | undefined)?.stop();
  resources.disable();
});

/** The slash command as Socket Mode delivers it: the same fields as the HTTP form, as a JSON object. */
function commandPayload(text = '', triggerId = `trigger-${Math.random().toString(36).slice(2)}`): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(slashCommandBody({ text, channelId: 'C0TYPED', userId: 'U0STAFF', triggerId })));
}

async function openModal(text = ''): Promise<{ envelopeId: string; ack: Ack; triggerId: string; view: Record<string, unknown> }> {
  const before = fake.callsOf('views.open').length;
  const payload = commandPayload(text);
  const envelopeId = socket.send('slash_commands', payload);
  const ack = await socket.waitForAck(envelopeId);
  await fake.waitForCalls('views.open', before + 1);
  const call = fake.callsOf('views.open').at(-1)!;
  expect(call.token).toBe(BOT_TOKEN);
  return { envelopeId, ack, triggerId: payload.trigger_id!, view: call.args.view as Record<string, unknown> };
}

async function municipalityId(name: string): Promise<string> {
  return String((await app.server.db.municipality.findUniqueOrThrow({ where: { name } })).id);
}

/** Records a need through /need and the modal over the socket; waits until its suggestions are posted. */
async function recordNeed(): Promise<{ needId: number; ts: Record<string, string> }> {
  const { view } = await openModal();
  const lastBefore = (await app.server.db.need.findFirst({ orderBy: { id: 'desc' } }))?.id ?? 0;
  const ack = await socket.deliver(
    'interactive',
    needSubmissionPayload({ municipalityId: await municipalityId('Kinda'), description: HOME_CARE_NEED }, String(view.private_metadata)),
  );
  expect(ack.payload ?? {}).toEqual({});
  const need = await app.server.db.need.findFirstOrThrow({ orderBy: { id: 'desc' } });
  expect(need.id).toBeGreaterThan(lastBefore);
  // Routed after the ack: once the app has settled, every suggestion is posted.
  await app.server.settled();
  const posts = await app.server.db.suggestionPost.findMany({ where: { needId: need.id } });
  expect(posts.length).toBeGreaterThan(0);
  expect(posts.every((p) => p.messageTs !== null)).toBe(true);
  return { needId: need.id, ts: Object.fromEntries(posts.map((p) => [p.channelId, p.messageTs!])) };
}

describe('Socket Mode', () => {
  it('connects with the app token, acks /need over the socket and opens the Swedish modal', async () => {
    const opens = fake.callsOf('apps.connections.open');
    expect(opens).toHaveLength(1);
    expect(opens[0]!.token).toBe(TEST_APP_TOKEN);
    expect(socket.connected).toBe(true);
    expect(app.server.port).toBeNull();

    const { envelopeId, ack, triggerId, view } = await openModal('bygglogistik vid nya resecentrum');
    expect(ack).toEqual({ envelope_id: envelopeId, payload: {} }); // a plain ack: no text posted back in the channel
    expect(fake.callsOf('views.open').at(-1)!.args.trigger_id).toBe(triggerId);
    expect((view.title as { text: string }).text).toBe('Nytt behov');
    expect((view.submit as { text: string }).text).toBe('Spara');
    const blocks = view.blocks as { block_id?: string; element?: { options?: unknown[]; initial_value?: string; initial_user?: string } }[];
    const byId = (id: string) => blocks.find((b) => b.block_id === id)!;
    expect(byId('municipality').element!.options).toHaveLength(13);
    expect(byId('description').element!.initial_value).toBe('bygglogistik vid nya resecentrum');
    expect(byId('contact').element!.initial_user).toBe('U0STAFF');
    expect(socket.unexpected).toEqual([]);
  });

  it('answers a bad submission with errors in the ack, and stores and posts a valid one', async () => {
    const { view } = await openModal();
    const metadata = String(view.private_metadata);
    const kinda = await municipalityId('Kinda');

    const refused = await socket.deliver('interactive', needSubmissionPayload({ municipalityId: kinda, description: 'för kort' }, metadata));
    expect(refused.payload?.response_action).toBe('errors');
    expect((refused.payload?.errors as Record<string, string>).description).toMatch(/minst 10 tecken/);
    expect(await app.server.db.need.count()).toBe(0);

    const postsBefore = fake.callsOf('chat.postMessage').length;
    const accepted = await socket.deliver(
      'interactive',
      needSubmissionPayload({ municipalityId: kinda, description: HOME_CARE_NEED, sector: 'hemtjanst' }, metadata),
    );
    expect(accepted.payload ?? {}).toEqual({}); // an empty ack closes the modal
    // Stored before the ack; classified by the routing queue right after.
    expect(await app.server.db.need.count()).toBe(1);
    await app.server.settled();
    const need = await app.server.db.need.findFirstOrThrow({ include: { classifications: true, municipality: true } });
    expect(need.municipality.name).toBe('Kinda');
    expect(need.recordedByUserId).toBe('U0STAFF');
    expect(need.classifications.find((c) => c.suggested && c.rank === 1)?.areaSlug).toBe('uppkopplade');

    await fake.waitFor(
      (calls) => calls.filter((c) => c.method === 'chat.postMessage').length >= postsBefore + 2 && calls.some((c) => c.method === 'chat.postEphemeral'),
      'posts and confirmation',
    );
    const posts = fake.callsOf('chat.postMessage').slice(postsBefore);
    const channels = posts.map((c) => c.args.channel);
    expect(channels).toContain('C0IOT');
    expect(channels).toContain('C0REGION');
    expect(channels).not.toContain('C0INTAKE');
    expect(new Set(channels).size).toBe(channels.length);
    expect(posts.every((c) => c.token === BOT_TOKEN)).toBe(true);
    expect(JSON.stringify(posts.find((c) => c.args.channel === 'C0IOT')!.args.blocks)).toContain('Kinda');
    const ephemeral = fake.callsOf('chat.postEphemeral').at(-1)!;
    expect([ephemeral.args.channel, ephemeral.args.user]).toEqual(['C0TYPED', 'U0STAFF']);
    await app.server.settled();
    expect(await app.server.db.suggestionPost.count({ where: { needId: need.id, state: 'posted', messageTs: { not: null } } })).toBe(channels.length);
  });

  it('acks payloads that are no Slack envelope without effect, and keeps the connection', async () => {
    const needsBefore = await app.server.db.need.count();
    for (const payload of [null, [], 'text', { type: 'view_submission', user: { id: 'U0X' } }, { type: 'block_actions', user: { id: 'U0X' }, actions: [] }]) {
      const ack = await socket.deliver('interactive', payload);
      expect(ack.payload ?? {}).toEqual({});
    }
    const ack = await socket.deliver('events_api', { type: 'event_callback', event_id: 'EvBAD', event: 'reaction_added' });
    expect(ack.payload ?? {}).toEqual({});
    await app.server.settled();
    expect(await app.server.db.need.count()).toBe(needsBefore);
    expect(socket.connected).toBe(true);
    expect(socket.connections).toBe(1);
  });

  it('stores a redelivered reaction once, and a redelivery after the removal does not bring it back', async () => {
    const need = await recordNeed();
    const ts = need.ts.C0IOT!;
    const upVoters = async () =>
      (await app.server.db.feedback.findMany({ where: { needId: need.needId, kind: 'up' }, orderBy: { userId: 'asc' } })).map((f) => f.userId);
    const reaction = (type: 'reaction_added' | 'reaction_removed', userId: string, eventId?: string) =>
      reactionEnvelope({ type, reaction: '+1', userId, channel: 'C0IOT', ts, eventId });

    // Alice's 👍 arrives, and Slack redelivers the same event (same event_id) on another envelope.
    const original = reaction('reaction_added', 'U0ALICE', 'EvSOCKET1');
    const first = socket.send('events_api', original);
    const redelivery = socket.send('events_api', original, { retryAttempt: 1, retryReason: 'timeout' });
    expect(first).not.toBe(redelivery);
    for (const id of [first, redelivery]) expect((await socket.waitForAck(id)).payload ?? {}).toEqual({});
    // A later event through the same path as a marker: once Bob's 👍 is stored, both deliveries of
    // Alice's (sent before it) have been handled.
    await socket.deliver('events_api', reaction('reaction_added', 'U0BOB'));
    await app.server.settled();
    expect(await upVoters()).toContain('U0BOB');
    expect(await upVoters()).toEqual(['U0ALICE', 'U0BOB']);
    expect(await app.server.db.feedback.count({ where: { needId: need.needId, userId: 'U0ALICE' } })).toBe(1);

    // Alice takes her 👍 back; then Slack redelivers her original event. Processed, it would bring
    // her 👍 back (this part fails with the dedupe middleware removed).
    await socket.deliver('events_api', reaction('reaction_removed', 'U0ALICE'));
    await app.server.settled();
    expect(await upVoters()).toEqual(['U0BOB']);
    await socket.deliver('events_api', original, { retryAttempt: 2, retryReason: 'timeout' });
    await socket.deliver('events_api', reaction('reaction_added', 'U0CAROL'));
    await app.server.settled();
    expect(await upVoters()).toContain('U0CAROL');
    expect(await upVoters()).toEqual(['U0BOB', 'U0CAROL']);
    expect(socket.unexpected).toEqual([]);
  });

  it('closes the socket cleanly on stop and leaves no handles behind', async () => {
    // The client checks the connection with a ping every few seconds; the fake answers with pongs.
    await socket.waitForPings(1, 5_000);
    expect(socket.connected).toBe(true);
    const closed = socket.waitForClose(5_000);
    await app.stop();
    expect(await closed).toEqual({ code: 1000, reason: '' }); // a close handshake, not a dropped connection
    expect(socket.connected).toBe(false);
    expect(socket.connections).toBe(1); // never reconnected

    await socket.stop();
    await fake.stop();
    // Nothing created since the start (sockets, servers, timers, ref'd or not: the client's ping,
    // a reconnect timer, the outbox and cron timers) is left once the fakes are stopped too.
    const leftovers = await resources.leftoversAfterSettling();
    expect(leftovers, `still there:\n${leftovers.join('\n')}`).toEqual([]);
    expect(fake.callsOf('apps.connections.open')).toHaveLength(1);
  });
});

const TRACKED = new Set(['Timeout', 'TCPWRAP', 'TCPSERVERWRAP', 'PIPEWRAP', 'TCPCONNECTWRAP']);

/**
 * Records the sockets, servers and timers created while enabled (ref'd or not) and forgets each
 * one when it is destroyed. The test runner's own timers (a test's timeout) are not counted.
 */
function trackResources() {
  const live = new Map<number, string>();
  const hook = createHook({
    init: (asyncId, type) => {
      if (!TRACKED.has(type)) return;
      // The first frame outside Node's internals and this hook: whoever created it.
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 40;
      const stack = new Error().stack ?? '';
      Error.stackTraceLimit = limit;
      const creator =
        stack
          .split('\n')
          .slice(1)
          .find((line) => !line.includes('(node:') && !line.includes('AsyncHook.init'))
          ?.trim() ?? '';
      if (/node_modules\/(@vitest|vitest)\//.test(creator)) return;
      live.set(asyncId, `${type} ${creator}`);
    },
    destroy: (asyncId) => {
      live.delete(asyncId);
    },
  });
  const leftovers = () => [...live.values()];
  return {
    enable: () => void hook.enable(),
    disable: () => void hook.disable(),
    /** What is still there, after giving closing sockets a bounded moment to go. */
    async leftoversAfterSettling(timeoutMs = 5_000): Promise<string[]> {
      const deadline = Date.now() + timeoutMs;
      while (leftovers().length > 0 && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
      return leftovers();
    },
  };
}
