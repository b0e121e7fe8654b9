// The needs register, through the real app with signed requests and the fake Slack: the App Home,
// `/need mine|list|search`, a need's own page, editing and withdrawing, and who may do what.
import type { HomeView, KnownBlock, ModalView } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { type RecordedCall } from '../support/fakeSlack.js';
import { HOME_CARE_NEED, municipalityIdOf, recordNeed } from '../support/needs.js';
import {
  appHomeOpenedEnvelope,
  buttonPayload,
  needFormValues,
  postCommand,
  postEvent,
  postInteraction,
  reactionEnvelope,
  recategoriseSubmissionPayload,
  viewActionPayload,
  viewSubmission,
} from '../support/slackRequests.js';
import { TEST_CHANNELS, type TestApp, useAppPerTest } from '../support/testApp.js';
import type { FakeSlack } from '../support/fakeSlack.js';

const ADMIN = 'U0ADMIN';
const OUTSIDER = 'U0OUTSIDER';

const ctx = useAppPerTest({ channels: { ...TEST_CHANNELS, admins: [ADMIN] } });

const LOGISTICS_NEED =
  'Bygglogistik vid stora byggnationer i centrum: vi vill samordna transporter, leveranser och lastzoner till byggarbetsplatserna så att trafiken flyter.';
const LEAK_NEED = 'Läckor i VA-nätet kostar oss mycket vatten. Vi behöver sensorer och mätning som hittar vattenläckorna tidigt, innan de blir stora skador.';

/** Records a need straight through the service (quicker than the modal when a test needs many). */
async function storeNeed(
  app: TestApp,
  options: { description: string; municipality?: string; by?: string; title?: string; settle?: boolean },
): Promise<number> {
  const { id } = await app.server.needs.recordNeed(
    {
      municipalityId: Number(await municipalityIdOf(app, options.municipality ?? 'Kinda')),
      title: options.title ?? options.description.split(/[.:]/)[0]!.slice(0, 80),
      description: options.description,
      sector: null,
      municipalContact: null,
      ourContactUserId: null,
    },
    { recordedByUserId: options.by ?? 'U0STAFF', originChannelId: null, source: 'slash_command' },
  );
  if (options.settle !== false) await app.server.settled();
  return id;
}

const blockIds = (view: { blocks: readonly { block_id?: string }[] }) => view.blocks.map((b) => b.block_id ?? '');
const textOf = (view: { blocks: unknown[] }) => JSON.stringify(view.blocks);

async function openHome(app: TestApp, fake: FakeSlack, userId: string): Promise<HomeView> {
  const before = fake.callsOf('views.publish').length;
  expect((await postEvent(app.baseUrl, appHomeOpenedEnvelope(userId))).status).toBe(200);
  await fake.waitForCalls('views.publish', before + 1);
  const call = fake.callsOf('views.publish').at(-1)!;
  expect(call.args.user_id).toBe(userId);
  return call.args.view as HomeView;
}

/** Presses something in the App Home (the view it was drawn in hands back its private_metadata). */
async function inHome(
  app: TestApp,
  fake: FakeSlack,
  userId: string,
  home: HomeView,
  action: Parameters<typeof viewActionPayload>[0]['action'],
): Promise<HomeView> {
  const before = fake.callsOf('views.publish').length;
  const res = await postInteraction(app.baseUrl, viewActionPayload({ userId, viewType: 'home', action, privateMetadata: home.private_metadata ?? '' }));
  expect(res.status).toBe(200);
  await fake.waitForCalls('views.publish', before + 1);
  return fake.callsOf('views.publish').at(-1)!.args.view as HomeView;
}

/** `/need <text>` with a response_url on the fake; the ephemeral answer. */
async function command(
  app: TestApp,
  fake: FakeSlack,
  text: string,
  userId = 'U0STAFF',
): Promise<{ text: string; blocks: KnownBlock[]; response_type: string }> {
  const before = fake.callsOf('response').length;
  expect((await postCommand(app.baseUrl, { text, userId, responseUrl: `${fake.url}response` })).status).toBe(200);
  await fake.waitForCalls('response', before + 1);
  return fake.callsOf('response').at(-1)!.args as unknown as { text: string; blocks: KnownBlock[]; response_type: string };
}

/** "Visa" on a suggestion message: the need's page as views.open got it. */
async function openNeedPage(app: TestApp, fake: FakeSlack, needId: number, userId: string): Promise<ModalView> {
  const before = fake.callsOf('views.open').length;
  await postInteraction(app.baseUrl, buttonPayload({ actionId: 'need_view', value: String(needId), userId, channel: 'C0IOT', messageTs: '1.000001' }));
  await fake.waitForCalls('views.open', before + 1);
  return fake.callsOf('views.open').at(-1)!.args.view as ModalView;
}

/** A button on the need's page (a modal): the modal pushed on top. */
async function onNeedPage(app: TestApp, fake: FakeSlack, actionId: 'need_edit' | 'need_withdraw', needId: number, userId: string): Promise<ModalView> {
  const before = fake.callsOf('views.push').length;
  await postInteraction(
    app.baseUrl,
    viewActionPayload({ userId, viewType: 'modal', action: { actionId, value: String(needId) }, privateMetadata: JSON.stringify({ needId }) }),
  );
  await fake.waitForCalls('views.push', before + 1);
  return fake.callsOf('views.push').at(-1)!.args.view as ModalView;
}

const updatesOf = (fake: FakeSlack, ts: Record<string, string>) =>
  fake.callsOf('chat.update').filter((c: RecordedCall) => Object.values(ts).includes(String(c.args.ts)));

describe('App Home', () => {
  it('publishes the right needs for the person who opened it: mine, waiting in my areas, the latest, counts', async () => {
    const { app, fake } = ctx;
    const homeCare = await recordNeed(app, fake);
    const logistics = await storeNeed(app, { description: LOGISTICS_NEED, municipality: 'Motala', by: 'U0BOB' });
    const logisticsAreas = (await app.server.db.needArea.findMany({ where: { needId: logistics } })).map((a) => a.areaSlug);
    const homeCareAreas = (await app.server.db.needArea.findMany({ where: { needId: homeCare.needId } })).map((a) => a.areaSlug);
    expect(logisticsAreas).toContain('logistik');
    expect(homeCareAreas).not.toContain('logistik');
    // Alice sits only in the logistics channel.
    for (const team of TEST_CHANNELS.teams) fake.members.set(team.channel, team.channel === 'C0LOGIST' ? ['U0ALICE'] : ['U0STAFF']);

    const staff = await openHome(app, fake, 'U0STAFF');
    expect(blockIds(staff)).toContain(`mine_need_${homeCare.needId}`);
    expect(blockIds(staff)).not.toContain(`mine_need_${logistics}`);
    expect(textOf(staff)).toContain('*2* öppna');
    expect(staff.blocks.length).toBeLessThanOrEqual(100);

    const alice = await openHome(app, fake, 'U0ALICE');
    expect(blockIds(alice).filter((id) => id.startsWith('mine_'))).toEqual([]);
    expect(blockIds(alice)).toContain(`waiting_need_${logistics}`);
    expect(blockIds(alice)).not.toContain(`waiting_need_${homeCare.needId}`);
    expect(blockIds(alice)).toEqual(expect.arrayContaining([`latest_need_${logistics}`, `latest_need_${homeCare.needId}`]));
    expect(textOf(alice)).toContain('Effektiv logistik');

    // The Messages tab is not ours to draw.
    const published = fake.callsOf('views.publish').length;
    await postEvent(app.baseUrl, appHomeOpenedEnvelope('U0ALICE', 'messages'));
    await app.server.settled();
    expect(fake.callsOf('views.publish')).toHaveLength(published);
  });

  it('re-publishes with a filter chosen in the Home, remembers it, and "Alla" clears it', async () => {
    const { app, fake } = ctx;
    const kinda = await storeNeed(app, { description: HOME_CARE_NEED, municipality: 'Kinda' });
    const motala = await storeNeed(app, { description: LOGISTICS_NEED, municipality: 'Motala' });
    const motalaId = await municipalityIdOf(app, 'Motala');

    const home = await openHome(app, fake, 'U0CAROL');
    const filtered = await inHome(app, fake, 'U0CAROL', home, { actionId: 'home_filter_municipality', selectedOption: motalaId });
    expect(blockIds(filtered)).toContain(`latest_need_${motala}`);
    expect(blockIds(filtered)).not.toContain(`latest_need_${kinda}`);
    const filters = filtered.blocks.find((b) => b.block_id === 'latest_filters') as { elements: { initial_option: { value: string } }[] };
    expect(filters.elements[0]!.initial_option.value).toBe(motalaId);

    // Stored: opening the tab again shows the same filter.
    expect(blockIds(await openHome(app, fake, 'U0CAROL'))).not.toContain(`latest_need_${kinda}`);

    const status = await inHome(app, fake, 'U0CAROL', filtered, { actionId: 'home_filter_status', selectedOption: 'resolved' });
    expect(blockIds(status).filter((id) => id.startsWith('latest_need_'))).toEqual([]);
    expect(textOf(status)).toContain('Inga behov matchar filtret.');

    await inHome(app, fake, 'U0CAROL', status, { actionId: 'home_filter_status', selectedOption: 'all' });
    const cleared = await inHome(app, fake, 'U0CAROL', status, { actionId: 'home_filter_municipality', selectedOption: 'all' });
    expect(blockIds(cleared)).toEqual(expect.arrayContaining([`latest_need_${motala}`, `latest_need_${kinda}`]));

    // A value that cannot be chosen changes nothing.
    const published = fake.callsOf('views.publish').length;
    await postInteraction(
      app.baseUrl,
      viewActionPayload({ userId: 'U0CAROL', viewType: 'home', action: { actionId: 'home_filter_area', selectedOption: 'no-such-area' } }),
    );
    await app.server.settled();
    expect(fake.callsOf('views.publish')).toHaveLength(published);
    expect((await app.server.db.userPreference.findUniqueOrThrow({ where: { userId: 'U0CAROL' } })).filters).toBe('{}');
  });

  it('my areas can be chosen in the Home and given back to my channels', async () => {
    const { app, fake } = ctx;
    const logistics = await storeNeed(app, { description: LOGISTICS_NEED });
    for (const team of TEST_CHANNELS.teams) fake.members.set(team.channel, []);

    const none = await openHome(app, fake, 'U0DAVE');
    expect(textOf(none)).toContain('Du är inte med i någon teamkanal');
    expect(blockIds(none)).not.toContain(`waiting_need_${logistics}`);

    const chosen = await inHome(app, fake, 'U0DAVE', none, { actionId: 'home_my_areas', selectedOptions: ['logistik'] });
    expect(blockIds(chosen)).toContain(`waiting_need_${logistics}`);
    expect(textOf(chosen)).toContain('Dina valda områden: Effektiv logistik');

    const back = await inHome(app, fake, 'U0DAVE', chosen, { actionId: 'home_follow_channels', value: 'follow' });
    expect(blockIds(back)).not.toContain(`waiting_need_${logistics}`);
    expect((await app.server.db.userPreference.findUniqueOrThrow({ where: { userId: 'U0DAVE' } })).areas).toBeNull();
  });

  it('pages a long list with "Visa fler" and opens the /need modal from "Nytt behov"', async () => {
    const { app, fake } = ctx;
    for (let i = 0; i < 9; i++) await storeNeed(app, { description: `${LOGISTICS_NEED} Etapp ${i + 1}.`, title: `Bygglogistik etapp ${i + 1}`, settle: false });
    await app.server.routing.idle();
    const home = await openHome(app, fake, 'U0STAFF');
    expect(blockIds(home).filter((id) => id.startsWith('latest_need_'))).toHaveLength(8);
    expect(blockIds(home)).toContain('more_latest');

    const more = await inHome(app, fake, 'U0STAFF', home, { actionId: 'home_more', value: 'latest' });
    expect(blockIds(more).filter((id) => id.startsWith('latest_need_'))).toHaveLength(9);
    expect(blockIds(more)).not.toContain('more_latest');
    // The other lists kept their first page.
    expect(blockIds(more).filter((id) => id.startsWith('mine_need_'))).toHaveLength(8);

    const opened = fake.callsOf('views.open').length;
    await postInteraction(app.baseUrl, viewActionPayload({ userId: 'U0STAFF', viewType: 'home', action: { actionId: 'home_new_need', value: 'new' } }));
    await fake.waitForCalls('views.open', opened + 1);
    const modal = fake.callsOf('views.open').at(-1)!.args.view as ModalView;
    expect(modal.callback_id).toBe('need_modal');
    expect(JSON.parse(modal.private_metadata!)).toEqual({ v: 1, channelId: null, source: 'app_home' });
  });
});

describe('/need mine | list | search', () => {
  it('answers each subcommand ephemerally with the right needs, and says so when nothing matches', async () => {
    const { app, fake } = ctx;
    const leak = await storeNeed(app, { description: LEAK_NEED, municipality: 'Norrköping', title: 'Läckor i VA-nätet' });
    const logistics = await storeNeed(app, { description: LOGISTICS_NEED, municipality: 'Motala', by: 'U0BOB' });

    const mine = await command(app, fake, 'mine');
    expect(mine.response_type).toBe('ephemeral');
    expect(blockIds(mine)).toEqual(['', `find_need_${leak}`]);
    expect(mine.text).toBe('Dina behov:');

    const list = await command(app, fake, 'list motala');
    expect(blockIds(list)).toEqual(['', `find_need_${logistics}`]);
    expect(list.text).toContain('i Motala');

    // Forgiving: no diacritics, "kommun" after the name, an area word, a status word.
    expect(blockIds(await command(app, fake, 'lista Norrkopings kommun öppna'))).toEqual(['', `find_need_${leak}`]);
    expect(blockIds(await command(app, fake, 'list logistik'))).toContain(`find_need_${logistics}`);
    const none = await command(app, fake, 'list linköping');
    expect(none.text).toBe('Inga behov i Linköping.');

    // Swedish inflection and compounds: "läcka" finds "Läckor … vattenläckorna".
    const search = await command(app, fake, 'search läcka');
    expect(blockIds(search)).toEqual(['', `find_need_${leak}`]);
    expect(blockIds(await command(app, fake, 'sök vattenläcka'))).toContain(`find_need_${leak}`);
    const miss = await command(app, fake, 'search fågelholkar');
    expect(miss.text).toBe('Inga behov matchar ”fågelholkar”.');
    expect(blockIds(miss)).toEqual(['']);
    expect((await command(app, fake, 'search')).text).toContain('Skriv vad du söker efter');
    // A word in /need list that is no municipality, area or status is searched for.
    expect(blockIds(await command(app, fake, 'list norrköping läckor'))).toEqual(['', `find_need_${leak}`]);
    // /need alone still opens the modal.
    const opened = fake.callsOf('views.open').length;
    await postCommand(app.baseUrl, { text: '' });
    await fake.waitForCalls('views.open', opened + 1);
  });

  it('shows ten and links to the Home tab when there are more', async () => {
    const { app, fake } = ctx;
    for (let i = 0; i < 11; i++)
      await storeNeed(app, { description: `${LOGISTICS_NEED} Etapp ${i + 1}.`, title: `Bygglogistik etapp ${i + 1}`, settle: false });
    await app.server.routing.idle();
    const answer = await command(app, fake, 'list');
    expect(blockIds(answer).filter((id) => id.startsWith('find_need_'))).toHaveLength(10);
    const more = answer.blocks.find((b) => b.block_id === 'find_more') as { accessory: { url: string } };
    expect(more.accessory.url).toBe('slack://app?team=T0FAKE&id=A0APP&tab=home');
  });
});

describe("a need's own page", () => {
  it('shows the need with its areas, posts, feedback and history; the owners get Redigera and Återkalla', async () => {
    const { app, fake } = ctx;
    const need = await recordNeed(app, fake);
    const [channel, ts] = Object.entries(need.ts)[0]!;
    await postEvent(app.baseUrl, reactionEnvelope({ type: 'reaction_added', reaction: 'raising_hand', userId: 'U0ALICE', channel, ts }));
    await app.server.settled();

    const page = await openNeedPage(app, fake, need.needId, 'U0STAFF');
    const text = textOf(page);
    expect(page.title.text).toBe('Behovet');
    expect(text).toContain('registrerat av <@U0STAFF>');
    expect(text).toContain(`delat i <#${channel}>`);
    expect(text).toContain('Öppet → Taget (<@U0ALICE>)');
    expect(text).toContain('Styrkeområden');
    expect(text).toMatch(/\d+ %, (stark|trolig|svag) matchning/);
    expect(text).toContain('Föreslagna innovationsmiljöer');
    expect(text).toContain('Hemtjänsten i Kinda vill ha sensorer');
    expect(blockIds(page)).toContain('need_page_actions');

    // Someone else sees the page without the owners' buttons.
    expect(blockIds(await openNeedPage(app, fake, need.needId, 'U0BOB'))).not.toContain('need_page_actions');
    // Every suggestion message carries "Visa".
    const posted = fake.callsOf('chat.postMessage').find((c) => c.args.channel === channel)!;
    expect(JSON.stringify(posted.args.blocks)).toContain('"action_id":"need_view"');
  });

  it('Redigera changes the need, updates every copy in place and is in the history; others are refused', async () => {
    const { app, fake } = ctx;
    const need = await recordNeed(app, fake);
    const form = await onNeedPage(app, fake, 'need_edit', need.needId, 'U0STAFF');
    expect(form.callback_id).toBe('need_edit_modal');
    expect(textOf(form)).toContain('Hemtjänsten i Kinda');

    const updates = updatesOf(fake, need.ts).length;
    const kinda = await municipalityIdOf(app, 'Kinda');
    const values = needFormValues(
      { municipalityId: kinda, title: 'Trygghetslarm i hemtjänsten', description: HOME_CARE_NEED, municipalContact: 'Eva, enhetschef' },
      'U0STAFF',
    );
    const res = await postInteraction(
      app.baseUrl,
      viewSubmission({
        callbackId: 'need_edit_modal',
        userId: 'U0STAFF',
        privateMetadata: JSON.stringify({ needId: need.needId }),
        values,
        rootViewId: 'V0PAGE',
      }),
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    await app.server.drained();

    const stored = await app.server.db.need.findUniqueOrThrow({ where: { id: need.needId } });
    expect(stored.title).toBe('Trygghetslarm i hemtjänsten');
    expect(stored.municipalContact).toBe('Eva, enhetschef');
    const copies = updatesOf(fake, need.ts).slice(updates);
    expect(copies.map((c) => c.args.ts).sort()).toEqual(Object.values(need.ts).sort());
    for (const copy of copies) expect(JSON.stringify(copy.args.blocks)).toContain('Trygghetslarm i hemtjänsten');
    // The page underneath is drawn again, with the change in its history.
    const redrawn = fake.callsOf('views.update').at(-1)!;
    expect(redrawn.args.view_id).toBe('V0PAGE');
    expect(textOf(redrawn.args.view as ModalView)).toContain('rubrik, kontakt i kommunen ändrat av <@U0STAFF>');

    // Someone else: no form, and a forged submission changes nothing.
    const refused = await onNeedPage(app, fake, 'need_edit', need.needId, 'U0BOB');
    expect(textOf(refused)).toContain('Det här kan bara den som registrerade behovet, vår kontakt och administratörer göra.');
    const forged = await postInteraction(
      app.baseUrl,
      viewSubmission({
        callbackId: 'need_edit_modal',
        userId: 'U0BOB',
        privateMetadata: JSON.stringify({ needId: need.needId }),
        values: needFormValues({ municipalityId: kinda, title: 'Kapad', description: HOME_CARE_NEED }, 'U0BOB'),
      }),
    );
    expect(((await forged.json()) as { response_action: string }).response_action).toBe('errors');
    expect((await app.server.db.need.findUniqueOrThrow({ where: { id: need.needId } })).title).toBe('Trygghetslarm i hemtjänsten');

    // An administrator may.
    expect((await onNeedPage(app, fake, 'need_edit', need.needId, ADMIN)).callback_id).toBe('need_edit_modal');
  });

  it('a description edit that points elsewhere offers to re-route, and re-routing moves the need', async () => {
    const { app, fake } = ctx;
    const need = await recordNeed(app, fake);
    const before = (await app.server.db.needArea.findMany({ where: { needId: need.needId } })).map((a) => a.areaSlug);
    expect(before).not.toContain('logistik');
    const values = needFormValues({ municipalityId: await municipalityIdOf(app, 'Kinda'), title: 'Bygglogistik', description: LOGISTICS_NEED }, 'U0STAFF');
    const res = await postInteraction(
      app.baseUrl,
      viewSubmission({ callbackId: 'need_edit_modal', userId: 'U0STAFF', privateMetadata: JSON.stringify({ needId: need.needId }), values }),
    );
    const answer = (await res.json()) as { response_action: string; view: ModalView };
    expect(answer.response_action).toBe('update');
    expect(answer.view.callback_id).toBe('need_reroute_modal');
    expect(textOf(answer.view)).toContain('Effektiv logistik');
    // Saved already, not moved yet.
    expect((await app.server.db.need.findUniqueOrThrow({ where: { id: need.needId } })).description).toBe(LOGISTICS_NEED);
    expect((await app.server.db.needArea.findMany({ where: { needId: need.needId } })).map((a) => a.areaSlug)).toEqual(before);

    const moved = await postInteraction(
      app.baseUrl,
      viewSubmission({ callbackId: 'need_reroute_modal', userId: 'U0STAFF', privateMetadata: answer.view.private_metadata! }),
    );
    expect(await moved.text()).toBe('');
    await app.server.drained();
    expect((await app.server.db.needArea.findMany({ where: { needId: need.needId } })).map((a) => a.areaSlug)).toContain('logistik');
    expect(fake.callsOf('chat.postMessage').some((c) => c.args.channel === 'C0LOGIST')).toBe(true);
  });

  it('Återkalla marks every copy, leaves the open lists and counts, and stays in the history', async () => {
    const { app, fake } = ctx;
    const need = await recordNeed(app, fake);
    const confirm = await onNeedPage(app, fake, 'need_withdraw', need.needId, 'U0STAFF');
    expect(confirm.callback_id).toBe('need_withdraw_modal');

    // Not the owner: refused, nothing changes.
    expect(textOf(await onNeedPage(app, fake, 'need_withdraw', need.needId, 'U0ALICE'))).toContain('vår kontakt och administratörer');
    const forged = await postInteraction(
      app.baseUrl,
      viewSubmission({ callbackId: 'need_withdraw_modal', userId: 'U0ALICE', privateMetadata: confirm.private_metadata! }),
    );
    expect(((await forged.json()) as { response_action: string }).response_action).toBe('update');
    expect((await app.server.db.need.findUniqueOrThrow({ where: { id: need.needId } })).status).toBe('open');

    // A 👍 made it a training example; withdrawing takes that back.
    const [upChannel, upTs] = Object.entries(need.ts)[0]!;
    await postEvent(app.baseUrl, reactionEnvelope({ type: 'reaction_added', reaction: '+1', userId: 'U0CAROL', channel: upChannel, ts: upTs }));
    await app.server.drained();
    expect(await app.server.db.trainingExample.count({ where: { key: `need:${need.needId}` } })).toBe(1);

    const updates = updatesOf(fake, need.ts).length;
    const res = await postInteraction(
      app.baseUrl,
      viewSubmission({ callbackId: 'need_withdraw_modal', userId: 'U0STAFF', privateMetadata: confirm.private_metadata! }),
    );
    expect(await res.text()).toBe('');
    await app.server.drained();

    expect(await app.server.db.trainingExample.count({ where: { key: `need:${need.needId}` } })).toBe(0);
    const copies = updatesOf(fake, need.ts).slice(updates);
    expect(copies.map((c) => c.args.ts).sort()).toEqual(Object.values(need.ts).sort());
    for (const copy of copies) {
      const blocks = JSON.stringify(copy.args.blocks);
      expect(blocks).toContain('*Återkallat* av <@U0STAFF>');
      expect(blocks).not.toContain('suggestion_claim');
    }
    const home = await openHome(app, fake, 'U0STAFF');
    expect(textOf(home)).toContain('*0* öppna');
    expect(blockIds(home).filter((id) => id.includes(`_need_${need.needId}`))).toEqual([]);
    expect(blockIds(await command(app, fake, 'list'))).toEqual(['']);
    // Still there when asked for, and in the history.
    expect(blockIds(await command(app, fake, 'list återkallade'))).toContain(`find_need_${need.needId}`);
    const page = await openNeedPage(app, fake, need.needId, 'U0STAFF');
    expect(textOf(page)).toContain('återkallat av <@U0STAFF>');
    expect(blockIds(page)).not.toContain('need_page_actions');

    // Feedback on a withdrawn need is not counted.
    await postEvent(app.baseUrl, reactionEnvelope({ type: 'reaction_added', reaction: '+1', userId: 'U0BOB', channel: upChannel, ts: upTs }));
    await app.server.settled();
    expect(await app.server.db.feedback.count({ where: { needId: need.needId } })).toBe(1);
  });
});

describe('who may do what', () => {
  it('👍 and "Jag tar kontakt": anyone who can see the message', async () => {
    const { app, fake } = ctx;
    const need = await recordNeed(app, fake);
    const [channel, ts] = Object.entries(need.ts)[0]!;
    fake.members.set(channel, ['U0STAFF']);
    await postEvent(app.baseUrl, reactionEnvelope({ type: 'reaction_added', reaction: '+1', userId: OUTSIDER, channel, ts }));
    await postInteraction(
      app.baseUrl,
      buttonPayload({ actionId: 'suggestion_claim', value: String(need.ids[channel]), userId: OUTSIDER, channel, messageTs: ts }),
    );
    await app.server.settled();
    expect(await app.server.db.feedback.count({ where: { needId: need.needId, userId: OUTSIDER } })).toBe(2);
    expect((await app.server.db.need.findUniqueOrThrow({ where: { id: need.needId } })).claimedByUserId).toBe(OUTSIDER);
  });

  it('✅: members of the channel, the recorder, the claimer and admins; a refused reaction is not counted', async () => {
    const { app, fake } = ctx;
    const need = await recordNeed(app, fake);
    const [channel, ts] = Object.entries(need.ts)[0]!;
    fake.members.set(channel, ['U0MEMBER']);
    const resolve = async (userId: string) => {
      await postEvent(app.baseUrl, reactionEnvelope({ type: 'reaction_added', reaction: 'white_check_mark', userId, channel, ts }));
      await app.server.settled();
      return (await app.server.db.need.findUniqueOrThrow({ where: { id: need.needId } })).status;
    };
    expect(await resolve(OUTSIDER)).toBe('open');
    expect(await app.server.db.feedback.count({ where: { needId: need.needId, userId: OUTSIDER } })).toBe(0);
    expect(await resolve('U0MEMBER')).toBe('resolved');
    expect(fake.callsOf('conversations.members').every((c) => c.args.channel === channel)).toBe(true);

    const second = await recordNeed(app, fake);
    const [c2, ts2] = Object.entries(second.ts)[0]!;
    fake.members.set(c2, []);
    await postEvent(app.baseUrl, reactionEnvelope({ type: 'reaction_added', reaction: 'white_check_mark', userId: ADMIN, channel: c2, ts: ts2 }));
    await app.server.settled();
    expect((await app.server.db.need.findUniqueOrThrow({ where: { id: second.needId } })).status).toBe('resolved');
    // The recorder (U0STAFF) may too, without being a member.
    const third = await recordNeed(app, fake);
    const [c3, ts3] = Object.entries(third.ts)[0]!;
    fake.members.set(c3, []);
    await postEvent(app.baseUrl, reactionEnvelope({ type: 'reaction_added', reaction: 'white_check_mark', userId: 'U0STAFF', channel: c3, ts: ts3 }));
    await app.server.settled();
    expect((await app.server.db.need.findUniqueOrThrow({ where: { id: third.needId } })).status).toBe('resolved');
  });

  it('"Inte vårt område": members of the channel of the post the button sits on; others get a short answer', async () => {
    const { app, fake } = ctx;
    const need = await recordNeed(app, fake);
    const [channel, ts] = Object.entries(need.ts)[0]!;
    fake.members.set(channel, ['U0MEMBER']);
    const press = (userId: string) =>
      postInteraction(
        app.baseUrl,
        buttonPayload({
          actionId: 'suggestion_not_ours',
          value: String(need.ids[channel]),
          userId,
          channel: 'C0SOMEWHEREELSE',
          messageTs: ts,
          responseUrl: `${fake.url}response`,
        }),
      );
    await press(OUTSIDER);
    await fake.waitForCalls('response', 1);
    expect(String(fake.callsOf('response')[0]!.args.text)).toContain(`Det här kan bara medlemmar i <#${channel}>`);
    expect(fake.callsOf('response')[0]!.args.response_type).toBe('ephemeral');
    expect(await app.server.db.feedback.count({ where: { needId: need.needId } })).toBe(0);
    // Checked against the stored post's channel, not the payload's.
    expect(fake.callsOf('conversations.members').map((c) => c.args.channel)).toEqual([channel]);

    await press('U0MEMBER');
    await app.server.settled();
    expect(await app.server.db.feedback.count({ where: { needId: need.needId, userId: 'U0MEMBER', kind: 'down', channelId: channel } })).toBe(1);
  });

  it('"Byt styrkeområde": the button and the submission are both checked against the need they name', async () => {
    const { app, fake } = ctx;
    const need = await recordNeed(app, fake);
    const [channel, ts] = Object.entries(need.ts)[0]!;
    fake.members.set(channel, ['U0MEMBER']);
    const opened = fake.callsOf('views.open').length;
    await postInteraction(
      app.baseUrl,
      buttonPayload({
        actionId: 'suggestion_recategorise',
        value: String(need.ids[channel]),
        userId: OUTSIDER,
        channel,
        messageTs: ts,
        responseUrl: `${fake.url}response`,
      }),
    );
    await fake.waitForCalls('response', 1);
    expect(fake.callsOf('views.open')).toHaveLength(opened);

    const metadata = JSON.stringify({ suggestionId: need.ids[channel] });
    const forged = await postInteraction(app.baseUrl, recategoriseSubmissionPayload(['material'], metadata, OUTSIDER));
    const answer = (await forged.json()) as { response_action: string; errors: Record<string, string> };
    expect(answer.response_action).toBe('errors');
    expect(answer.errors.areas).toContain('Det här kan bara medlemmar i');
    expect((await app.server.db.need.findUniqueOrThrow({ where: { id: need.needId } })).correctedAreas).toBeNull();

    await postInteraction(
      app.baseUrl,
      buttonPayload({ actionId: 'suggestion_recategorise', value: String(need.ids[channel]), userId: 'U0MEMBER', channel, messageTs: ts }),
    );
    await fake.waitForCalls('views.open', opened + 1);
    const allowed = await postInteraction(app.baseUrl, recategoriseSubmissionPayload(['material'], metadata, 'U0MEMBER'));
    expect(await allowed.text()).toBe('');
    await app.server.settled();
    expect((await app.server.db.need.findUniqueOrThrow({ where: { id: need.needId } })).correctedAreas).toBe('material');
  });
});

describe('feedback per channel', () => {
  it('one person saying 👎 in both team channels that got the need sends it back to intake', async () => {
    const { app, fake } = ctx;
    const need = await recordNeed(app, fake);
    const channels = Object.keys(need.ts).filter((c) => c !== TEST_CHANNELS.intake);
    expect(channels.length).toBeGreaterThanOrEqual(2);
    for (const [i, channel] of channels.entries()) {
      await postEvent(app.baseUrl, reactionEnvelope({ type: 'reaction_added', reaction: '-1', userId: 'U0BOB', channel, ts: need.ts[channel]! }));
      await app.server.drained();
      const returned = await app.server.db.suggestionPost.count({ where: { needId: need.needId, channelId: TEST_CHANNELS.intake, reason: 'returned' } });
      expect(returned).toBe(i === channels.length - 1 ? 1 : 0);
    }
    expect(await app.server.db.feedback.count({ where: { needId: need.needId, userId: 'U0BOB', kind: 'down' } })).toBe(channels.length);
    expect(fake.callsOf('chat.postMessage').some((c) => c.args.channel === TEST_CHANNELS.intake)).toBe(true);
  });
});
