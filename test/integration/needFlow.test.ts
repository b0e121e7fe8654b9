// The core loop against the real Bolt app over HTTP: /need → modal → submission → stored →
// classified → posted, with the Web API recorded by a local fake Slack server.
import { describe, expect, it } from 'vitest';
import { needSubmissionPayload, postCommand, postInteraction, postSigned, slashCommandBody } from '../support/slackRequests.js';
import { startTestApp, type TestApp, useAppPerTest } from '../support/testApp.js';

const HOME_CARE_NEED =
  'Hemtjänsten i Kinda vill ha sensorer och trygghetslarm som larmar när en brukare ramlar, uppkopplade mot våra digitala lås och tillsyn på natten.';

const ctx = useAppPerTest();

async function openModal(text = ''): Promise<{ privateMetadata: string; view: Record<string, unknown> }> {
  const res = await postCommand(ctx.app.baseUrl, { text, channelId: 'C0TYPED', userId: 'U0STAFF' });
  expect(res.status).toBe(200);
  await ctx.fake.waitForCalls('views.open', 1);
  const view = ctx.fake.callsOf('views.open')[0]!.args.view as Record<string, unknown>;
  return { privateMetadata: String(view.private_metadata), view };
}

async function municipalityId(name: string): Promise<string> {
  const m = await ctx.app.server.db.municipality.findUniqueOrThrow({ where: { name } });
  return String(m.id);
}

describe('/need', () => {
  it('acks and opens a Swedish modal with the 13 municipalities and the command text', async () => {
    const { view } = await openModal('bygglogistik vid nya resecentrum');
    expect((view.title as { text: string }).text).toBe('Nytt behov');
    const blocks = view.blocks as { block_id?: string; element?: { options?: unknown[]; initial_value?: string; initial_user?: string } }[];
    const byId = (id: string) => blocks.find((b) => b.block_id === id)!;
    expect(byId('municipality').element!.options).toHaveLength(13);
    expect(byId('description').element!.initial_value).toBe('bygglogistik vid nya resecentrum');
    expect(byId('contact').element!.initial_user).toBe('U0STAFF');
    expect(ctx.fake.callsOf('views.open')[0]!.args.trigger_id).toMatch(/^trigger-/);
  });
});

describe('/need help', () => {
  it.each(['help', 'hjälp', ' HJÄLP '])('answers "%s" ephemerally with how to use it, and opens no modal', async (text) => {
    const res = await postCommand(ctx.app.baseUrl, { text, channelId: 'C0TYPED', userId: 'U0STAFF', responseUrl: `${ctx.fake.url}response` });
    expect(res.status).toBe(200);
    await ctx.app.server.settled();
    expect(ctx.fake.callsOf('views.open')).toHaveLength(0);
    const reply = ctx.fake.callsOf('response')[0]!.args;
    expect(reply.response_type).toBe('ephemeral');
    expect(String(reply.text)).toContain('registrerar ett behov från en kommun');
    expect(String(reply.text)).toContain('Spara som behov');
    expect(String(reply.text)).toContain(':raising_hand: jag tar kontakt');
  });
});

describe('message shortcut "Spara som behov"', () => {
  it('opens the same modal prefilled with the message text, Slack markup decoded', async () => {
    const res = await postInteraction(ctx.app.baseUrl, {
      type: 'message_action',
      callback_id: 'record_need_from_message',
      trigger_id: 'trigger-shortcut',
      team: { id: 'T0FAKE', domain: 'fake' },
      user: { id: 'U0ANNA', username: 'anna', team_id: 'T0FAKE' },
      channel: { id: 'C0TALK', name: 'kommunbesok' },
      message: { type: 'message', ts: '1700000001.000100', user: 'U0KOMMUN', text: 'Ödeshög vill ha bättre VA-övervakning &amp; larm, fråga <@U0PER|per>' },
      message_ts: '1700000001.000100',
      response_url: 'http://127.0.0.1:9/response',
      token: 'deprecated-verification-token',
    });
    expect(res.status).toBe(200);
    await ctx.fake.waitForCalls('views.open', 1);
    const call = ctx.fake.callsOf('views.open')[0]!;
    expect(call.args.trigger_id).toBe('trigger-shortcut');
    const view = call.args.view as {
      callback_id: string;
      private_metadata: string;
      blocks: { block_id?: string; element?: { initial_value?: string; initial_user?: string } }[];
    };
    expect(view.callback_id).toBe('need_modal');
    const byId = (id: string) => view.blocks.find((b) => b.block_id === id)!;
    expect(byId('description').element!.initial_value).toBe('Ödeshög vill ha bättre VA-övervakning & larm, fråga @per');
    expect(byId('contact').element!.initial_user).toBe('U0ANNA');
    expect(JSON.parse(view.private_metadata)).toMatchObject({ channelId: 'C0TALK', source: 'shortcut' });
  });
});

describe('/need when Slack fails', () => {
  it('retries views.open once, then tells the person in Swedish that the form could not open', async () => {
    ctx.fake.failNext('views.open', { status: 500 }, 2);
    const res = await postCommand(ctx.app.baseUrl, { channelId: 'C0TYPED', userId: 'U0STAFF', responseUrl: `${ctx.fake.url}response` });
    expect(res.status).toBe(200);
    await ctx.fake.waitForCalls('response', 1);
    expect(ctx.fake.callsOf('views.open')).toHaveLength(2); // one quick retry, not the WebClient's ten
    const reply = ctx.fake.callsOf('response')[0]!.args;
    expect(reply.text).toBe('Formuläret kunde inte öppnas. Försök igen om en stund.');
    expect(reply.response_type).toBe('ephemeral');
  });
});

describe('submitting the modal', () => {
  it('refuses bad input on the right field, in Swedish, and stores nothing', async () => {
    const { privateMetadata } = await openModal();
    const cases: { values: Parameters<typeof needSubmissionPayload>[0]; field: string; message: RegExp }[] = [
      { values: { municipalityId: await municipalityId('Kinda'), description: '    ' }, field: 'description', message: /Skriv en beskrivning/ },
      { values: { municipalityId: await municipalityId('Kinda'), description: 'för kort' }, field: 'description', message: /minst 10 tecken/ },
      { values: { municipalityId: await municipalityId('Kinda'), description: 'x'.repeat(3001) }, field: 'description', message: /högst 3000 tecken/ },
      { values: { municipalityId: '99999', description: HOME_CARE_NEED }, field: 'municipality', message: /regionens kommuner/ },
      { values: { municipalityId: null, description: HOME_CARE_NEED }, field: 'municipality', message: /Välj en kommun/ },
    ];
    for (const c of cases) {
      const res = await postInteraction(ctx.app.baseUrl, needSubmissionPayload(c.values, privateMetadata));
      expect(res.status).toBe(200);
      const body = (await res.json()) as { response_action: string; errors: Record<string, string> };
      expect(body.response_action).toBe('errors');
      expect(Object.keys(body.errors)).toEqual([c.field]);
      expect(body.errors[c.field]).toMatch(c.message);
    }
    const tampered = await postInteraction(
      ctx.app.baseUrl,
      needSubmissionPayload({ municipalityId: await municipalityId('Kinda'), description: HOME_CARE_NEED }, '{"v":1,"channelId":"<script>"}'),
    );
    expect(((await tampered.json()) as { errors: Record<string, string> }).errors.municipality).toMatch(/kunde inte läsas/);
    expect(await ctx.app.server.db.need.count()).toBe(0);
    expect(await ctx.app.server.db.outboxMessage.count()).toBe(0);
  });

  it('stores, classifies and posts a valid need to the matched team channel and the all-areas channel', async () => {
    const { privateMetadata } = await openModal();
    const res = await postInteraction(
      ctx.app.baseUrl,
      needSubmissionPayload({ municipalityId: await municipalityId('Kinda'), description: HOME_CARE_NEED, sector: 'hemtjanst' }, privateMetadata),
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(''); // an empty ack closes the modal

    await ctx.fake.waitFor(
      (calls) => calls.filter((c) => c.method === 'chat.postMessage').length >= 2 && calls.some((c) => c.method === 'chat.postEphemeral'),
      'posts and confirmation',
    );
    const need = await ctx.app.server.db.need.findFirstOrThrow({ include: { classifications: true, suggestions: true, municipality: true } });
    expect(need.municipality.name).toBe('Kinda');
    expect(need.title.length).toBeGreaterThan(5); // derived from the description
    expect(need.recordedByUserId).toBe('U0STAFF');
    expect(need.abstained).toBe(false);
    expect(need.classifications.find((c) => c.suggested && c.rank === 1)?.areaSlug).toBe('uppkopplade');

    const postedChannels = ctx.fake.callsOf('chat.postMessage').map((c) => c.args.channel);
    expect(postedChannels).toContain('C0IOT');
    expect(postedChannels).toContain('C0REGION');
    expect(postedChannels).not.toContain('C0INTAKE');
    expect(new Set(postedChannels).size).toBe(postedChannels.length);

    const message = ctx.fake.callsOf('chat.postMessage').find((c) => c.args.channel === 'C0IOT')!;
    const blocksText = JSON.stringify(message.args.blocks);
    expect(blocksText).toContain('Smarta, säkra och robusta uppkopplade produkter och system');
    expect(blocksText).toContain('Kinda');
    expect(blocksText).toContain('<@U0STAFF>');
    expect((message.args.blocks as unknown[]).length).toBeLessThanOrEqual(50);

    const ephemeral = ctx.fake.callsOf('chat.postEphemeral')[0]!;
    expect(ephemeral.args.channel).toBe('C0TYPED');
    expect(ephemeral.args.user).toBe('U0STAFF');
    expect(String(ephemeral.args.text)).toContain('<#C0IOT>');

    await ctx.app.server.settled();
    expect(await ctx.app.server.db.suggestionPost.count({ where: { state: 'posted', messageTs: { not: null } } })).toBe(postedChannels.length);
  });

  it('stores the contact at the municipality as typed and our contact only when chosen', async () => {
    const { privateMetadata } = await openModal();
    const res = await postInteraction(
      ctx.app.baseUrl,
      needSubmissionPayload(
        {
          municipalityId: await municipalityId('Kinda'),
          description: HOME_CARE_NEED,
          municipalContact: 'Anna Svensson, enhetschef hemtjänsten, 0494-190 00',
          contactUserId: null,
        },
        privateMetadata,
      ),
    );
    expect(await res.text()).toBe('');
    await ctx.app.server.settled();
    const need = await ctx.app.server.db.need.findFirstOrThrow();
    expect([need.municipalContact, need.ourContactUserId]).toEqual(['Anna Svensson, enhetschef hemtjänsten, 0494-190 00', null]);
    const text = JSON.stringify(ctx.fake.callsOf('chat.postMessage')[0]!.args.blocks);
    expect(text).toContain('Kontakt i kommunen: Anna Svensson, enhetschef hemtjänsten, 0494-190 00');
    expect(text).not.toContain('Vår kontakt');
  });

  it('sends a need with no clear match to the intake channel', async () => {
    const { privateMetadata } = await openModal();
    await postInteraction(
      ctx.app.baseUrl,
      needSubmissionPayload(
        {
          municipalityId: await municipalityId('Ydre'),
          description: 'Vi har svårt att rekrytera socionomer och behöver få fler sökande till våra lediga tjänster inom individ- och familjeomsorgen.',
        },
        privateMetadata,
      ),
    );
    await ctx.app.server.settled();
    const intakePost = ctx.fake.callsOf('chat.postMessage').find((c) => c.args.channel === 'C0INTAKE')!;
    expect(JSON.stringify(intakePost.args.blocks)).toContain('Ingen tydlig matchning — hjälp oss sortera');
    expect(ctx.fake.callsOf('chat.postMessage').map((c) => c.args.channel)).not.toContain('C0IOT');
    // The person is told that nothing matched, although the all-areas channel got it too.
    expect(String(ctx.fake.callsOf('chat.postEphemeral')[0]!.args.text)).toMatch(
      /Det matchade inget styrkeområde tydligt, så det ligger i <#C0INTAKE> för sortering och är också delat i <#C0REGION>\.$/,
    );
  });

  it('falls back to a DM when the ephemeral confirmation cannot reach the channel', async () => {
    ctx.fake.failNext('chat.postEphemeral', { slackError: 'channel_not_found' });
    const { privateMetadata } = await openModal();
    await postInteraction(
      ctx.app.baseUrl,
      needSubmissionPayload({ municipalityId: await municipalityId('Motala'), description: HOME_CARE_NEED }, privateMetadata),
    );
    await ctx.app.server.drained();
    // The ephemeral was tried once, in the channel where /need was typed…
    expect(ctx.fake.callsOf('chat.postEphemeral').map((c) => [c.args.channel, c.args.user])).toEqual([['C0TYPED', 'U0STAFF']]);
    // …and the same confirmation went to the person as a DM instead, once.
    const dms = ctx.fake.callsOf('chat.postMessage').filter((c) => c.args.channel === 'U0STAFF');
    expect(dms).toHaveLength(1);
    const need = await ctx.app.server.db.need.findFirstOrThrow({ include: { suggestions: true } });
    const text = String(dms[0]!.args.text);
    expect(text).toContain(need.title);
    for (const s of need.suggestions) expect(text).toContain(`<#${s.channelId}>`);
    expect(need.suggestions.map((s) => s.channelId)).toContain('C0IOT');
    const confirmation = await ctx.app.server.db.outboxMessage.findFirstOrThrow({ where: { kind: 'confirmation' } });
    expect([confirmation.status, confirmation.attempts]).toEqual(['sent', 1]);
  });
});

describe('reliability', () => {
  it('posts exactly once when Slack answers 500 and then 200', async () => {
    ctx.fake.failNext('chat.postMessage', { status: 500 });
    const { privateMetadata } = await openModal();
    await postInteraction(
      ctx.app.baseUrl,
      needSubmissionPayload({ municipalityId: await municipalityId('Kinda'), description: HOME_CARE_NEED }, privateMetadata),
    );
    await ctx.app.server.drained(); // the retry after the 500 included
    expect(await ctx.app.server.db.outboxMessage.count({ where: { status: 'pending' } })).toBe(0);
    const posts = ctx.fake.callsOf('chat.postMessage');
    const suggestions = await ctx.app.server.db.suggestionPost.findMany();
    // One failed attempt plus exactly one successful post per channel.
    expect(posts.length).toBe(suggestions.length + 1);
    const successful = posts.slice(1).map((c) => c.args.channel);
    expect(new Set(successful).size).toBe(suggestions.length);
    const retried = await ctx.app.server.db.outboxMessage.findFirstOrThrow({ where: { attempts: 2 } });
    expect(retried.status).toBe('sent');
    expect(retried.lastError).toBeNull();
  });

  it('honours Retry-After on 429: that channel waits as long as Slack asked, the others do not', async () => {
    // The outbox's clock is the test's: it stands still (an hour ahead, so every row the app queues
    // is due) until the test moves it. Slack asks for a minute; no real minute passes.
    let clock = Date.now() + 3_600_000;
    await ctx.app.stop();
    ctx.app = await startTestApp(ctx.fake, { outboxNow: () => new Date(clock) });
    ctx.fake.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 60 });
    const { privateMetadata } = await openModal();
    await postInteraction(
      ctx.app.baseUrl,
      needSubmissionPayload({ municipalityId: await municipalityId('Kinda'), description: HOME_CARE_NEED }, privateMetadata),
    );
    await ctx.app.server.settled();
    const { db, outbox } = ctx.app.server;
    const suggestions = await db.suggestionPost.findMany();
    expect(suggestions.length).toBeGreaterThanOrEqual(2);
    const [limited, ...others] = ctx.fake.callsOf('chat.postMessage');
    const limitedChannel = limited!.args.channel;
    const postsTo = (channel: unknown) => ctx.fake.callsOf('chat.postMessage').filter((c) => c.args.channel === channel);
    // Every other channel got its post at once; the rate-limited one was not tried again.
    expect(others.map((c) => c.args.channel).sort()).toEqual(
      suggestions
        .map((s) => s.channelId)
        .filter((c) => c !== limitedChannel)
        .sort(),
    );
    const waiting = await db.outboxMessage.findFirstOrThrow({ where: { status: 'pending' } });
    expect(waiting.nextAttemptAt.getTime()).toBe(clock + 60_000); // Retry-After, not the backoff of a failure
    expect(waiting.attempts).toBe(0); // a 429 is no failed attempt

    clock += 59_999;
    outbox.wake();
    await ctx.app.server.settled();
    expect(postsTo(limitedChannel)).toHaveLength(1);

    clock += 1;
    await ctx.app.server.drained();
    expect(postsTo(limitedChannel)).toHaveLength(2);
    expect(await db.outboxMessage.count({ where: { status: { not: 'sent' } } })).toBe(0);
    expect(await db.suggestionPost.count({ where: { state: 'posted', messageTs: { not: null } } })).toBe(suggestions.length);
  });

  it('sends what was left in the outbox after a restart', async () => {
    ctx.fake.failNext('chat.postMessage', { status: 503 }, 100);
    const { privateMetadata } = await openModal();
    await postInteraction(
      ctx.app.baseUrl,
      needSubmissionPayload({ municipalityId: await municipalityId('Kinda'), description: HOME_CARE_NEED }, privateMetadata),
    );
    await ctx.fake.waitForCalls('chat.postMessage', 1);
    await ctx.app.stop({ keepFiles: true });
    expect(await countPending(ctx.app)).toBeGreaterThan(0);

    ctx.fake.reset();
    ctx.app = await startTestApp(ctx.fake, { dir: ctx.app.dir });
    await ctx.fake.waitFor((calls) => calls.filter((c) => c.method === 'chat.postMessage').length >= 2, 'posts after restart');
    await ctx.app.server.settled();
    expect(await ctx.app.server.db.outboxMessage.count({ where: { status: 'pending' } })).toBe(0);
    const channels = ctx.fake.callsOf('chat.postMessage').map((c) => c.args.channel);
    expect(new Set(channels).size).toBe(channels.length);
  });

  it('routes a need that was stored but not routed before a crash', async () => {
    const kinda = await municipalityId('Kinda');
    const stored = await ctx.app.server.db.need.create({
      data: {
        municipalityId: Number(kinda),
        title: 'Larm',
        description: HOME_CARE_NEED,
        ourContactUserId: 'U0STAFF',
        recordedByUserId: 'U0STAFF',
        source: 'slash_command',
      },
    });
    await ctx.app.stop({ keepFiles: true });
    ctx.app = await startTestApp(ctx.fake, { dir: ctx.app.dir });
    await ctx.app.server.drained();
    const need = await ctx.app.server.db.need.findUniqueOrThrow({ where: { id: stored.id }, include: { classifications: true, suggestions: true } });
    expect(need.routedAt).not.toBeNull();
    expect(need.modelVersion).toBe(ctx.app.server.matchers.current().version);
    expect(need.classifications.find((c) => c.suggested && c.rank === 1)?.areaSlug).toBe('uppkopplade');
    // Posted where a need recorded just now would be, once each; the person who recorded it is
    // told by DM (it has no channel of origin to answer in).
    const channels = ctx.fake.callsOf('chat.postMessage').map((c) => c.args.channel);
    expect(channels.sort()).toEqual(['C0IOT', 'C0REGION', 'U0STAFF']);
    expect(need.suggestions.map((s) => [s.channelId, s.state]).sort()).toEqual([
      ['C0IOT', 'posted'],
      ['C0REGION', 'posted'],
    ]);
  });

  it('rejects forged signatures and stale timestamps with 401, and survives a malformed body', async () => {
    const body = slashCommandBody({ text: 'x' });
    const forged = await postSigned(`${ctx.app.baseUrl}/slack/events`, body, 'application/x-www-form-urlencoded', { secret: 'wrong-secret' });
    expect(forged.status).toBe(401);
    const stale = await postSigned(`${ctx.app.baseUrl}/slack/events`, body, 'application/x-www-form-urlencoded', {
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(stale.status).toBe(401);
    const malformed = await postSigned(`${ctx.app.baseUrl}/slack/events`, '{not json', 'application/json');
    expect(malformed.status).toBeGreaterThanOrEqual(400);
    expect(malformed.status).toBeLessThan(500);
    expect(ctx.fake.callsOf('views.open')).toHaveLength(0);
    const health = await fetch(`${ctx.app.baseUrl}/healthz`);
    expect(health.status).toBe(200);
  });
});

async function countPending(testApp: TestApp): Promise<number> {
  const { createDb } = await import('../../src/platform/db/client.js');
  const db = await createDb(testApp.databaseUrl);
  try {
    return await db.outboxMessage.count({ where: { status: 'pending' } });
  } finally {
    await db.$disconnect();
  }
}
