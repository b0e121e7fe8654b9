// Similar needs in other municipalities, through the real app: recorded with /need's modal,
// routed, posted to the fake Slack; the suggestion message, the confirmation and the need's page.
import type { KnownBlock, ModalView } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { FakeSlack } from '../support/fakeSlack.js';
import { municipalityIdOf, openNeedModal } from '../support/needs.js';
import { buttonPayload, needFormValues, needSubmissionPayload, nextViewId, postInteraction, viewSubmission } from '../support/slackRequests.js';
import { weeklySummaryMessage } from '../../src/weekly-summary/messages.js';
import { isoWeekOf } from '../../src/platform/isoWeek.js';
import { loadWeeklySummary } from '../../src/weekly-summary/weeklySummary.js';
import { assertWithinSlackLimits } from '../support/blockLimits.js';
import { type TestApp, useAppPerTest } from '../support/testApp.js';

const ctx = useAppPerTest();

const ROUTES_MOTALA = {
  title: 'Ruttplanering i hemtjänsten',
  description:
    'Planeringen i hemtjänsten görs manuellt och personalen kör kors och tvärs genom kommunen. Vi vill optimera rutterna och schemaläggningen utifrån brukarnas tidsfönster.',
};
const ROUTES_KINDA = {
  title: 'Smartare rutter för hemtjänsten',
  description: 'Hemtjänstens personal kör onödigt långt mellan brukarna. Vi söker ett verktyg som optimerar rutterna och schemaläggningen i hemtjänsten.',
};
const BRIDGES = {
  title: 'Korrosion på broarna',
  description: 'Stålkonstruktionerna i våra broar och kajer längs ån rostar sönder. Vi söker beläggningar och material som håller längre.',
};

interface Recorded {
  needId: number;
  /** The suggestion messages posted for it. */
  posts: { channel: string; blocks: KnownBlock[] }[];
  /** What the person who recorded it was told. */
  confirmation: string;
}

async function record(app: TestApp, fake: FakeSlack, municipality: string, need: { title: string; description: string }): Promise<Recorded> {
  const metadata = await openNeedModal(app, fake);
  const posted = fake.callsOf('chat.postMessage').length;
  const confirmations = fake.callsOf('chat.postEphemeral').length;
  const payload = needSubmissionPayload({ municipalityId: await municipalityIdOf(app, municipality), ...need }, metadata, 'U0STAFF', nextViewId());
  const res = await postInteraction(app.baseUrl, payload);
  expect(await res.text()).toBe('');
  await app.server.drained();
  const stored = await app.server.db.need.findFirstOrThrow({ orderBy: { id: 'desc' } });
  return {
    needId: stored.id,
    posts: fake
      .callsOf('chat.postMessage')
      .slice(posted)
      .map((c) => ({ channel: String(c.args.channel), blocks: c.args.blocks as KnownBlock[] })),
    confirmation: fake
      .callsOf('chat.postEphemeral')
      .slice(confirmations)
      .map((c) => String(c.args.text))
      .join('\n'),
  };
}

async function needPage(app: TestApp, fake: FakeSlack, needId: number): Promise<string> {
  const before = fake.callsOf('views.open').length;
  await postInteraction(
    app.baseUrl,
    buttonPayload({ actionId: 'need_view', value: String(needId), userId: 'U0STAFF', channel: 'C0REGION', messageTs: '1.000001' }),
  );
  await fake.waitForCalls('views.open', before + 1);
  return JSON.stringify((fake.callsOf('views.open').at(-1)!.args.view as ModalView).blocks);
}

const similarSection = (blocks: KnownBlock[]): string | undefined =>
  blocks.flatMap((b) => (b.type === 'section' && b.text?.text.includes('Liknande behov i andra kommuner') ? [b.text.text] : []))[0];

const MONTH = new Intl.DateTimeFormat('sv-SE', { month: 'long', year: 'numeric', timeZone: 'Europe/Stockholm' }).format(new Date());

describe('similar needs in other municipalities', () => {
  it('names the first need in the second one’s message, confirmation and page, with municipality, title, month and a link', async () => {
    const { app, fake } = ctx;
    const first = await record(app, fake, 'Motala', ROUTES_MOTALA);
    expect(first.posts.length).toBeGreaterThan(0);
    // Nothing like it yet.
    for (const post of first.posts) expect(similarSection(post.blocks)).toBeUndefined();
    expect(first.confirmation).not.toContain('Liknande behov');

    const second = await record(app, fake, 'Kinda', ROUTES_KINDA);
    expect(second.posts.length).toBeGreaterThan(0);
    const firstPost = await app.server.db.suggestionPost.findFirstOrThrow({
      where: { needId: first.needId, messageTs: { not: null } },
      orderBy: { id: 'asc' },
    });
    const link = `https://slack.com/archives/${firstPost.channelId}/p${firstPost.messageTs!.replace('.', '')}`;
    for (const post of second.posts) {
      expect(similarSection(post.blocks)).toBe(`*Liknande behov i andra kommuner*\n• Motala — <${link}|Ruttplanering i hemtjänsten>, ${MONTH}`);
    }
    expect(second.confirmation).toContain(`Liknande behov: Motala — <${link}|Ruttplanering i hemtjänsten>, ${MONTH}`);

    // Stored at routing time, so every re-render shows the same list.
    const rows = await app.server.db.needSimilar.findMany({ where: { needId: second.needId } });
    expect(rows.map((r) => r.similarNeedId)).toEqual([first.needId]);
    expect(rows[0]!.score).toBeGreaterThan(0.2);

    // The second need's page names the first; the first need's page names the later one.
    expect(await needPage(app, fake, second.needId)).toContain('Motala — <');
    const firstPage = await needPage(app, fake, first.needId);
    expect(firstPage).toContain('Senare behov som liknar detta');
    expect(firstPage).toContain('Kinda — <');
  });

  it('does not list a need of the same municipality', async () => {
    const { app, fake } = ctx;
    await record(app, fake, 'Motala', ROUTES_MOTALA);
    const second = await record(app, fake, 'Motala', ROUTES_KINDA);
    expect(second.posts.length).toBeGreaterThan(0);
    for (const post of second.posts) expect(similarSection(post.blocks)).toBeUndefined();
    expect(second.confirmation).not.toContain('Liknande behov');
    expect(await app.server.db.needSimilar.count()).toBe(0);
  });

  it('does not list an unrelated need', async () => {
    const { app, fake } = ctx;
    await record(app, fake, 'Motala', ROUTES_MOTALA);
    const bridges = await record(app, fake, 'Norrköping', BRIDGES);
    for (const post of bridges.posts) expect(similarSection(post.blocks)).toBeUndefined();
    expect(await app.server.db.needSimilar.count()).toBe(0);
  });

  it('leaves a withdrawn need out: no longer found, and no longer shown where it was found', async () => {
    const { app, fake } = ctx;
    const first = await record(app, fake, 'Motala', ROUTES_MOTALA);
    const second = await record(app, fake, 'Kinda', ROUTES_KINDA);
    expect(await app.server.db.needSimilar.count({ where: { needId: second.needId } })).toBe(1);

    // Återkalla the first need (its recorder may).
    const before = fake.callsOf('views.push').length;
    await postInteraction(app.baseUrl, {
      type: 'block_actions',
      user: { id: 'U0STAFF', username: 'staff', team_id: 'T0FAKE' },
      team: { id: 'T0FAKE', domain: 'fake' },
      trigger_id: 'trigger-withdraw',
      view: { id: 'V0PAGE', type: 'modal', callback_id: 'need_page', private_metadata: JSON.stringify({ needId: first.needId }), hash: 'h1' },
      actions: [{ type: 'button', action_id: 'need_withdraw', block_id: 'need_page_actions', value: String(first.needId), action_ts: `${Date.now() / 1000}` }],
      api_app_id: 'A0APP',
      token: 'deprecated-verification-token',
    });
    await fake.waitForCalls('views.push', before + 1);
    const confirm = fake.callsOf('views.push').at(-1)!.args.view as ModalView;
    const res = await postInteraction(
      app.baseUrl,
      viewSubmission({ callbackId: 'need_withdraw_modal', userId: 'U0STAFF', privateMetadata: confirm.private_metadata! }),
    );
    expect(await res.text()).toBe('');
    await app.server.drained();
    expect((await app.server.db.need.findUniqueOrThrow({ where: { id: first.needId } })).status).toBe('withdrawn');

    expect(await needPage(app, fake, second.needId)).not.toContain('Liknande behov i andra kommuner');
    const third = await record(app, fake, 'Ydre', { title: 'Ruttoptimering i hemtjänsten', description: ROUTES_MOTALA.description });
    const found = await app.server.db.needSimilar.findMany({ where: { needId: third.needId } });
    expect(found.map((r) => r.similarNeedId)).toEqual([second.needId]);
  });

  it('looks again when a need is edited: the list follows the new text, and the edited need is found by it', async () => {
    const { app, fake } = ctx;
    const first = await record(app, fake, 'Motala', ROUTES_MOTALA);
    const second = await record(app, fake, 'Kinda', ROUTES_KINDA);
    expect((await app.server.db.needSimilar.findMany({ where: { needId: second.needId } })).map((r) => r.similarNeedId)).toEqual([first.needId]);

    const values = needFormValues({ municipalityId: await municipalityIdOf(app, 'Kinda'), ...BRIDGES }, 'U0STAFF');
    const res = await postInteraction(
      app.baseUrl,
      viewSubmission({ callbackId: 'need_edit_modal', userId: 'U0STAFF', privateMetadata: JSON.stringify({ needId: second.needId }), values }),
    );
    expect(res.status).toBe(200);
    await app.server.drained();
    expect((await app.server.db.need.findUniqueOrThrow({ where: { id: second.needId } })).title).toBe(BRIDGES.title);
    expect(await app.server.db.needSimilar.count({ where: { needId: second.needId } })).toBe(0);
    expect(await needPage(app, fake, second.needId)).not.toContain('Liknande behov i andra kommuner');

    // A bridge need elsewhere now finds the edited need, and no longer the home-care one.
    const third = await record(app, fake, 'Mjölby', {
      title: 'Broräcken som rostar',
      description: 'Räckena på våra broar och kajer rostar sönder på några år, vi behöver bättre beläggningar och material.',
    });
    expect((await app.server.db.needSimilar.findMany({ where: { needId: third.needId } })).map((r) => r.similarNeedId)).toEqual([second.needId]);
  });

  it('makes the weekly summary’s Gemensamma behov of needs recorded in two municipalities', async () => {
    const { app, fake } = ctx;
    await record(app, fake, 'Motala', ROUTES_MOTALA);
    const second = await record(app, fake, 'Kinda', ROUTES_KINDA);
    await record(app, fake, 'Norrköping', BRIDGES);
    const areas = (await app.server.db.needArea.findMany({ where: { needId: second.needId } })).map((a) => a.areaSlug);
    const week = isoWeekOf(new Date(), 'Europe/Stockholm');
    for (const [channelId, scope] of [
      ['C0REGION', 'all'],
      ['C0MATER', ['material']],
    ] as const) {
      const summary = await loadWeeklySummary(app.server.db, { channelId, areas: scope === 'all' ? 'all' : [...scope], week, timezone: 'Europe/Stockholm' });
      const message = weeklySummaryMessage(summary, 'sv');
      assertWithinSlackLimits(message.blocks);
      const text = JSON.stringify(message.blocks);
      if (channelId === 'C0REGION') {
        expect(text).toContain('*Gemensamma behov*');
        expect(text).toMatch(/2 kommuner: <https:\/\/slack\.com\/archives\/[^|]+\|Smartare rutter för hemtjänsten> \(Motala och Kinda\)/);
      } else if (!areas.includes('material')) {
        // A channel none of the group's needs is in does not get it.
        expect(text).not.toContain('Gemensamma behov');
      }
    }
  });
});
