// The faults a real workspace throws at the app, against the real app over signed HTTP requests:
// malformed and hostile payloads, replays, requests from the future, a locked database, Slack
// rate-limiting and failing for a while. Nothing acknowledged is lost, nothing is posted twice,
// every failure is visible.
import { describe, expect, it } from 'vitest';
import { sqliteFilePath } from '../../src/platform/db/client.js';
import { SUGGESTION_ACTIONS } from '../../src/needs/blocks/suggestionMessage.js';
import { OUTBOX_EVENT_TYPE } from '../../src/platform/slack/exactlyOnce.js';
import { HOME_CARE_NEED, municipalityIdOf, openNeedModal, recordNeed, submitNeed } from '../support/needs.js';
import {
  buttonPayload,
  needSubmissionPayload,
  nextViewId,
  postCommand,
  postEvent,
  postInteraction,
  postSigned,
  reactionEnvelope,
  slashCommandBody,
} from '../support/slackRequests.js';
import { holdWriteLock } from '../support/sqliteFile.js';
import { startTestApp, useAppPerTest } from '../support/testApp.js';

const ctx = useAppPerTest({ maxDelayMs: 100 });
const EVENTS = () => `${ctx.app.baseUrl}/slack/events`;
const FORM = 'application/x-www-form-urlencoded';

async function rowCounts() {
  const db = ctx.app.server.db;
  return { needs: await db.need.count(), feedback: await db.feedback.count(), outbox: await db.outboxMessage.count() };
}

describe('correctly signed but malformed requests', () => {
  it('answers 4xx to bodies that are no Slack envelope (null, arrays, strings), and keeps serving', async () => {
    const bodies: [string, string][] = [
      ['payload=null', FORM],
      ['payload=%5B%5D', FORM],
      ['payload=%22text%22', FORM],
      ['payload=%7Bnot%20json', FORM],
      ['null', 'application/json'],
      ['[]', 'application/json'],
      ['"x"', 'application/json'],
      ['42', 'application/json'],
      ['{"type":"event_callback"}', 'application/json'],
      ['{"type":"event_callback","event_id":"Ev1","event":"reaction_added"}', 'application/json'],
      ['{"type":"block_actions","user":{"id":"U0X"},"actions":[]}', 'application/json'],
      ['{"type":"view_submission","user":{"id":"U0X"}}', 'application/json'],
      ['command=%2Fneed', FORM],
      ['x=1', 'text/plain'],
    ];
    for (const [body, type] of bodies) {
      const res = await postSigned(EVENTS(), body, type);
      expect(res.status, body).toBeGreaterThanOrEqual(400);
      expect(res.status, body).toBeLessThan(500);
    }
    expect((await fetch(`${ctx.app.baseUrl}/healthz`)).status).toBe(200);
    expect(await rowCounts()).toEqual({ needs: 0, feedback: 0, outbox: 0 });
  });

  it('acks payloads with missing or oversized fields without effect', async () => {
    const need = await recordNeed(ctx.app, ctx.fake);
    const before = await rowCounts();
    const opensBefore = ctx.fake.callsOf('views.open').length;
    // A message shortcut without a message.
    const shortcut = await postInteraction(ctx.app.baseUrl, {
      type: 'message_action',
      callback_id: 'record_need_from_message',
      trigger_id: 'trigger-1',
      team: { id: 'T0FAKE' },
      user: { id: 'U0ANNA' },
      channel: { id: 'C0TALK' },
    });
    expect(shortcut.status).toBe(200);
    // A reaction without `reaction`, and one whose item is no message.
    const envelope = reactionEnvelope({ type: 'reaction_added', reaction: '+1', userId: 'U0ALICE', channel: 'C0IOT', ts: need.ts.C0IOT! });
    const { reaction: _reaction, ...noReaction } = envelope.event as Record<string, unknown>;
    expect((await postEvent(ctx.app.baseUrl, { ...envelope, event: noReaction })).status).toBe(200);
    expect(
      (await postEvent(ctx.app.baseUrl, { ...envelope, event_id: 'EvOther', event: { ...(envelope.event as object), item: { type: 'file', file: 'F1' } } }))
        .status,
    ).toBe(200);
    // A button whose value is a huge string, and one without actions' value.
    const press = buttonPayload({ actionId: SUGGESTION_ACTIONS.claim, value: '9'.repeat(5000), userId: 'U0DAVE', channel: 'C0IOT', messageTs: need.ts.C0IOT! });
    expect((await postInteraction(ctx.app.baseUrl, press)).status).toBe(200);
    // A submission without view.state, and one whose private_metadata holds a 200,000-character channel id.
    const metadata = await openNeedModal(ctx.app, ctx.fake);
    const submission = needSubmissionPayload({ municipalityId: await municipalityIdOf(ctx.app), description: HOME_CARE_NEED }, metadata) as {
      view: Record<string, unknown>;
    };
    const { state: _state, ...noState } = submission.view;
    const stateless = await postInteraction(ctx.app.baseUrl, { ...submission, view: noState });
    expect(((await stateless.json()) as { response_action: string }).response_action).toBe('errors');
    const giant = JSON.stringify({ v: 1, channelId: `C${'A'.repeat(200_000)}`, source: 'slash_command' });
    const huge = await postInteraction(
      ctx.app.baseUrl,
      needSubmissionPayload({ municipalityId: await municipalityIdOf(ctx.app), description: HOME_CARE_NEED }, giant),
    );
    expect(((await huge.json()) as { errors: Record<string, string> }).errors.municipality).toMatch(/kunde inte läsas/);
    // /need with no text field at all opens the modal, unfilled.
    const body = new URLSearchParams(slashCommandBody({}));
    body.delete('text');
    expect((await postSigned(EVENTS(), body.toString(), FORM)).status).toBe(200);

    await ctx.app.server.settled();
    expect(await rowCounts()).toEqual(before);
    const opened = ctx.fake.callsOf('views.open').slice(opensBefore);
    expect(opened).toHaveLength(2); // the modal above, and the one for /need without text
    expect(JSON.stringify(opened.at(-1)!.args.view)).not.toContain('initial_value');
  });

  it('parses row ids strictly: " 1", "0x1", "1e0", "1.0", "+1", "01" are not 1', async () => {
    const need = await recordNeed(ctx.app, ctx.fake);
    const id = need.ids.C0IOT!;
    for (const value of [` ${id}`, `0x${id.toString(16)}`, `${id}e0`, `${id}.0`, `+${id}`, `0${id}`, `${id} `]) {
      const press = buttonPayload({ actionId: SUGGESTION_ACTIONS.claim, value, userId: 'U0DAVE', channel: 'C0IOT', messageTs: need.ts.C0IOT! });
      expect((await postInteraction(ctx.app.baseUrl, press)).status).toBe(200);
    }
    await ctx.app.server.settled();
    expect(await ctx.app.server.db.feedback.count()).toBe(0);
    await postInteraction(
      ctx.app.baseUrl,
      buttonPayload({ actionId: SUGGESTION_ACTIONS.claim, value: String(id), userId: 'U0DAVE', channel: 'C0IOT', messageTs: need.ts.C0IOT! }),
    );
    await ctx.app.server.settled();
    expect(await ctx.app.server.db.feedback.count({ where: { kind: 'claim', userId: 'U0DAVE' } })).toBe(1);
  });
});

describe('replays and requests from the future', () => {
  it('records a submission of the same view once, and answers every re-send the same way', async () => {
    const metadata = await openNeedModal(ctx.app, ctx.fake);
    const payload = needSubmissionPayload({ municipalityId: await municipalityIdOf(ctx.app), description: HOME_CARE_NEED }, metadata, 'U0STAFF', nextViewId());
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const timestamp = Math.floor(Date.now() / 1000);
    for (let i = 0; i < 5; i++) {
      // Byte for byte the same signed request, inside Slack's five minutes.
      const res = await postSigned(EVENTS(), body, FORM, { timestamp });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('');
    }
    await ctx.app.server.settled();
    expect(await ctx.app.server.db.need.count()).toBe(1);
    expect(ctx.fake.callsOf('chat.postEphemeral')).toHaveLength(1); // one confirmation
  });

  it('processes a replayed button press once: the claim toggle is not undone by the replay', async () => {
    const need = await recordNeed(ctx.app, ctx.fake);
    const press = buttonPayload({
      actionId: SUGGESTION_ACTIONS.claim,
      value: String(need.ids.C0IOT),
      userId: 'U0DAVE',
      channel: 'C0IOT',
      messageTs: need.ts.C0IOT!,
    });
    for (let i = 0; i < 3; i++) expect((await postInteraction(ctx.app.baseUrl, press)).status).toBe(200);
    await ctx.app.server.settled();
    const stored = await ctx.app.server.db.need.findUniqueOrThrow({ where: { id: need.needId } });
    expect([stored.status, stored.claimedByUserId]).toEqual(['claimed', 'U0DAVE']);
  });

  it('refuses signed requests from the future as it refuses old ones', async () => {
    const body = slashCommandBody({ text: 'x' });
    const now = Math.floor(Date.now() / 1000);
    for (const ahead of [5 * 60 + 30, 3600, 365 * 24 * 3600]) {
      expect((await postSigned(EVENTS(), body, FORM, { timestamp: now + ahead })).status, `+${ahead} s`).toBe(401);
    }
    expect((await postSigned(EVENTS(), body, FORM, { timestamp: now - 5 * 60 - 30 })).status).toBe(401);
    expect((await postSigned(EVENTS(), body, FORM, { timestamp: now + 60 })).status).toBe(200); // a clock a minute off is fine
    await ctx.app.server.settled();
    expect(ctx.fake.callsOf('views.open')).toHaveLength(1);
  });
});

describe('a database locked by another process', () => {
  it('answers /need, a submission and /healthz while the file is locked, and stores nothing it said it did not', async () => {
    const metadata = await openNeedModal(ctx.app, ctx.fake);
    const viewId = nextViewId();
    const lock = holdWriteLock(sqliteFilePath(ctx.app.databaseUrl));
    let released = false;
    const release = () => {
      released = true;
      lock.release();
    };
    // A safety net only: the answers below must all come while the lock is still held.
    const safety = setTimeout(release, 15_000);
    try {
      const kinda = await municipalityIdOf(ctx.app);
      const [command, submission, health] = await Promise.all([
        postCommand(ctx.app.baseUrl, { text: 'låst databas' }),
        postInteraction(ctx.app.baseUrl, needSubmissionPayload({ municipalityId: kinda, description: HOME_CARE_NEED }, metadata, 'U0STAFF', viewId)),
        fetch(`${ctx.app.baseUrl}/healthz`),
      ]);
      expect(released).toBe(false);
      expect(command.status).toBe(200);
      expect(submission.status).toBe(200);
      const answer = (await submission.json()) as { response_action: string; errors: Record<string, string> };
      expect(answer.response_action).toBe('errors');
      expect(answer.errors.description).toMatch(/kunde inte sparas/);
      expect(health.status).toBe(503);
      const report = (await health.json()) as { database: { ok: boolean } };
      expect(report.database.ok).toBe(false);
    } finally {
      clearTimeout(safety);
      release();
    }
    await ctx.app.server.settled();
    expect(await ctx.app.server.db.need.count()).toBe(0);
    // The person submits the same modal again once the database is free: stored, once.
    const again = await postInteraction(
      ctx.app.baseUrl,
      needSubmissionPayload({ municipalityId: await municipalityIdOf(ctx.app), description: HOME_CARE_NEED }, metadata, 'U0STAFF', viewId),
    );
    expect(await again.text()).toBe('');
    await ctx.app.server.settled();
    expect(await ctx.app.server.db.need.count()).toBe(1);
    expect((await fetch(`${ctx.app.baseUrl}/healthz`)).status).toBe(200);
  });
});

describe('Slack rate limiting and failing', () => {
  it('loses nothing in a 429 storm: every post goes out once Slack recovers, none is marked failed', async () => {
    ctx.fake.failFor(['chat.postMessage', 'chat.postEphemeral'], { status: 429, retryAfterSeconds: 1 }, 2_500);
    for (let i = 0; i < 3; i++) expect((await submitNeed(ctx.app, ctx.fake, { description: `${HOME_CARE_NEED} (${i})` })).status).toBe(200);
    await ctx.app.server.drained();
    const db = ctx.app.server.db;
    expect(await db.outboxMessage.count({ where: { status: 'failed' } })).toBe(0);
    const posts = await db.suggestionPost.findMany();
    expect(posts.length).toBeGreaterThanOrEqual(6);
    expect(posts.every((p) => p.messageTs !== null)).toBe(true);
    for (const post of posts) {
      expect(ctx.fake.messagesWithMetadata(post.channelId, 'outbox_key', `suggestion:${post.id}`)).toHaveLength(1);
    }
    expect(ctx.fake.callsOf('chat.postEphemeral').length).toBeGreaterThan(3); // 429s, then the three confirmations
  });

  it('paces posts to one channel under Slack’s rate, so it never provokes a 429', async () => {
    // The app's own pacing, not the faster one test apps get by default.
    await ctx.app.stop();
    ctx.app = await startTestApp(ctx.fake, { maxDelayMs: 100, pacing: 'slack' });
    ctx.fake.limitPostsPerChannel({ burst: 3, intervalMs: 1_000 });
    for (let i = 0; i < 6; i++) expect((await submitNeed(ctx.app, ctx.fake, { description: `${HOME_CARE_NEED} (${i})` })).status).toBe(200);
    await ctx.app.server.drained();
    expect(ctx.fake.rateLimited).toBe(0);
    expect(ctx.fake.history.get('C0REGION')).toHaveLength(6); // the all-areas channel got every need
  });

  it('does not post twice when Slack posted but its answer was a 500', async () => {
    ctx.fake.failNext('chat.postMessage', { status: 500, acted: true });
    await recordNeed(ctx.app, ctx.fake);
    await ctx.app.server.drained();
    const posts = await ctx.app.server.db.suggestionPost.findMany();
    for (const post of posts) {
      expect(ctx.fake.messagesWithMetadata(post.channelId, 'outbox_key', `suggestion:${post.id}`)).toHaveLength(1);
      expect(post.messageTs).not.toBeNull();
    }
    // The retry looked in the channel's history, found the post and adopted it.
    expect(ctx.fake.callsOf('conversations.history').length).toBeGreaterThanOrEqual(1);
    expect(ctx.fake.callsOf('chat.postMessage')).toHaveLength(posts.length);
    const history = ctx.fake.callsOf('conversations.history')[0]!.args;
    expect(String(history.include_all_metadata)).toBe('true');
    const tagged = ctx.fake.callsOf('chat.postMessage')[0]!.args.metadata as { event_type: string };
    expect(tagged.event_type).toBe(OUTBOX_EVENT_TYPE);
  });

  it('drains the queue once a 5xx outage ends', async () => {
    // Posting is down; opening modals still works (a partial outage, as Slack's usually are).
    ctx.fake.failFor(['chat.postMessage', 'chat.postEphemeral', 'conversations.history'], { status: 503 }, 1_500);
    await submitNeed(ctx.app, ctx.fake);
    await submitNeed(ctx.app, ctx.fake, { description: 'Vi behöver samordna varutransporter till skolor och förskolor för att minska antalet leveranser.' });
    await ctx.app.server.drained();
    const db = ctx.app.server.db;
    expect(await db.outboxMessage.count({ where: { status: { not: 'sent' } } })).toBe(0);
    const posts = await db.suggestionPost.findMany();
    for (const post of posts) expect(ctx.fake.messagesWithMetadata(post.channelId, 'outbox_key', `suggestion:${post.id}`)).toHaveLength(1);
  });

  it('ends a row only on a permanent error, and keeps it visible', async () => {
    ctx.fake.failNext('chat.postMessage', { slackError: 'channel_not_found' });
    await recordNeed(ctx.app, ctx.fake);
    await ctx.app.server.drained();
    const failed = await ctx.app.server.db.outboxMessage.findMany({ where: { status: 'failed' } });
    expect(failed).toHaveLength(1);
    expect(failed[0]!.lastError).toBe('slack: channel_not_found');
  });
});

describe('/healthz', () => {
  it('reports each part, and 503 when the database takes no writes, a migration is missing or the outbox is stuck', async () => {
    const health = async () => {
      const res = await fetch(`${ctx.app.baseUrl}/healthz`);
      return { status: res.status, body: (await res.json()) as Record<string, { ok: boolean; detail?: string }> & { ok: boolean } };
    };
    const fine = await health();
    expect(fine.status).toBe(200);
    expect(fine.body).toMatchObject({ ok: true, database: { ok: true }, migrations: { ok: true }, outbox: { ok: true, pending: 0, failed: 0 } });

    const db = ctx.app.server.db;
    await db.$executeRawUnsafe('PRAGMA query_only = 1'); // as a read-only file would be
    const readOnly = await health();
    expect(readOnly.status).toBe(503);
    expect(readOnly.body.database?.ok).toBe(false);
    await db.$executeRawUnsafe('PRAGMA query_only = 0');

    const [last] = await db.$queryRawUnsafe<{ migration_name: string }[]>('SELECT migration_name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1');
    await db.$executeRawUnsafe('UPDATE _prisma_migrations SET rolled_back_at = CURRENT_TIMESTAMP WHERE migration_name = ?', last!.migration_name);
    const unmigrated = await health();
    expect(unmigrated.status).toBe(503);
    expect(unmigrated.body.migrations).toMatchObject({ ok: false, pending: [last!.migration_name] });
    await db.$executeRawUnsafe('UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE migration_name = ?', last!.migration_name);

    await ctx.app.server.outbox.stop(); // nobody sends
    await db.outboxMessage.create({
      data: {
        dedupeKey: 'confirmation:need:999',
        kind: 'confirmation',
        lane: 'confirmation:999',
        payload: '{"needId":999}',
        nextAttemptAt: new Date(Date.now() - 20 * 60_000),
      },
    });
    const stuck = await health();
    expect(stuck.status).toBe(503);
    expect(stuck.body.outbox).toMatchObject({ ok: false, pending: 1 });
  });
});
