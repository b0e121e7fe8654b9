// The App Home view and the need line it is made of: within Slack's limits from empty to full,
// unique block ids, the stored filter shown as chosen, Swedish and English, the paging state kept
// in private_metadata, and whatever people typed escaped.
import type { ActionsBlock, HomeView, SectionBlock, StaticSelect } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { messages } from '../../../src/i18n/messages.js';
import { FIRST_PAGES, HOME_LIST_MAX, HOME_PAGE, type HomeData, type HomePages } from '../../../src/register/home.js';
import type { MyNeedItem, NeedListItem } from '../../../src/register/registerRepository.js';
import { appHomeView, FILTER_ALL, HOME_ACTIONS, readHomePages, type AppHomeContext } from '../../../src/register/appHomeBlocks.js';
import { daysBetween, NEED_PAGE_ACTIONS, needItemSection } from '../../../src/needs/blocks/needItem.js';
import { loadSeedData } from '../../../src/region/regionPack.js';
import { slackLimitViolations } from '../../support/blockLimits.js';
import { emptyHome } from '../../support/listenerArgs.js';

const seed = loadSeedData();
const NOW = new Date('2026-06-10T10:00:00Z');
const MUNICIPALITIES = seed.municipalities.map((m, i) => ({ id: i + 1, name: m.name }));
const AREAS = seed.areas.map((a) => ({ slug: a.slug, name: a.name, nameEn: a.name_en }));
const ctx = (extra: Partial<AppHomeContext> = {}): AppHomeContext => ({ locale: 'sv', municipalities: MUNICIPALITIES, areas: AREAS, now: NOW, ...extra });

const HOSTILE_TITLE = `${'*fet* _kursiv_ ~struken~ `kod` > citat & <!channel> <!here> <@U0EVIL> <#C0EVIL> <http://evil.example|klicka> '.repeat(8)}slut`;

let nextId = 1;
function need(extra: Partial<NeedListItem> = {}): NeedListItem {
  const id = nextId++;
  return {
    id,
    title: `Behov ${id}`,
    municipality: 'Linköping',
    areas: ['logistik'],
    status: 'open',
    recordedAt: new Date('2026-06-01T10:00:00Z'),
    link: null,
    ...extra,
  };
}
const mine = (extra: Partial<MyNeedItem> = {}): MyNeedItem => ({ ...need(extra), roles: extra.roles ?? ['recorded'] });

function homeData(extra: Partial<HomeData> = {}): HomeData {
  return { ...emptyHome(), ...extra };
}

/** Every list full, more beyond each, titles as hostile and long as typed, links on every line. */
function maximalHome(): HomeData {
  const hostile = (i: number) => ({
    title: `${i} ${HOSTILE_TITLE}`,
    municipality: 'Ödeshög <!channel> & co',
    link: `https://slack.com/archives/C0LOGIST/p17000000${String(i).padStart(2, '0')}000100`,
    areas: ['visualisering', 'uppkopplade', 'miljonytta', 'logistik', 'material'] as NeedListItem['areas'],
    recordedAt: new Date('2020-01-01T00:00:00Z'),
  });
  const list = (n: number) => Array.from({ length: n }, (_, i) => hostile(i));
  return homeData({
    counts: { open: 123_456, claimed: 98_765, resolvedSince: 43_210 },
    mine: { items: list(HOME_LIST_MAX).map((x) => mine({ ...x, roles: ['recorded', 'ourContact', 'claimed'] })), more: true },
    waiting: { items: list(HOME_LIST_MAX).map((x) => need(x)), more: true, areas: AREAS.map((a) => a.slug), followsChannels: false },
    latest: {
      items: list(HOME_LIST_MAX).map((x) => need({ ...x, status: 'withdrawn' })),
      more: true,
      filter: { municipalityId: 13, area: 'material', status: 'withdrawn' },
    },
    pages: { mine: HOME_LIST_MAX, waiting: HOME_LIST_MAX, latest: HOME_LIST_MAX },
  });
}

const blockIds = (view: HomeView) => view.blocks.map((b) => b.block_id).filter((id): id is string => id !== undefined);
const actions = (view: HomeView, blockId: string) => view.blocks.find((b): b is ActionsBlock => b.type === 'actions' && b.block_id === blockId);
const select = (view: HomeView, actionId: string) =>
  actions(view, 'latest_filters')!.elements.find((e) => 'action_id' in e && e.action_id === actionId) as StaticSelect;
const allText = (view: HomeView) => JSON.stringify(view.blocks);

/** Every mrkdwn string in the view (what Slack parses for mentions and links). */
function mrkdwnTexts(blocks: readonly unknown[]): string[] {
  const out: string[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) {
      value.forEach(walk);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    if (record.type === 'mrkdwn' && typeof record.text === 'string') out.push(record.text);
    Object.values(record).forEach(walk);
  };
  walk(blocks);
  return out;
}

describe('appHomeView', () => {
  it('renders an empty home within Slack limits, saying each list is empty', () => {
    const view = appHomeView(homeData(), ctx());
    const h = messages('sv').home;
    expect(view.type).toBe('home');
    expect(slackLimitViolations(view)).toEqual([]);
    expect(allText(view)).toContain(h.mineEmpty);
    expect(allText(view)).toContain(h.latestEmpty);
    expect(allText(view)).toContain(h.areasFollowNone);
    expect(allText(view)).not.toContain(h.waitingEmpty); // no areas: the hint to choose some says it
    expect(view.blocks.some((b) => b.block_id?.startsWith('more_'))).toBe(false);
    expect(readHomePages(view.private_metadata)).toEqual(FIRST_PAGES);
  });

  it('renders a maximal home within Slack limits: 100 blocks at most, unique block ids', () => {
    const data = maximalHome();
    const view = appHomeView(data, ctx());
    expect(slackLimitViolations(view)).toEqual([]);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(new Set(blockIds(view)).size).toBe(blockIds(view).length);
    // Every line of every list is there, and the lists are full: "more" points elsewhere.
    for (const list of ['mine', 'waiting', 'latest'] as const)
      expect(view.blocks.filter((b) => b.block_id?.startsWith(`${list}_need_`))).toHaveLength(HOME_LIST_MAX);
    const moreElsewhere = messages('sv').home.moreElsewhere;
    const isMoreElsewhere = (b: (typeof view.blocks)[number]) =>
      b.type === 'context' && JSON.stringify(b) === JSON.stringify({ type: 'context', elements: [{ type: 'mrkdwn', text: moreElsewhere }] });
    expect(view.blocks.filter(isMoreElsewhere)).toHaveLength(3);
    expect(view.blocks.some((b) => b.block_id?.startsWith('more_'))).toBe(false);
    expect(select(view, HOME_ACTIONS.municipality).options).toHaveLength(1 + 13);
  });

  it('offers Exportera to admins only, within the limits even in the fullest home', () => {
    const hasExport = (view: HomeView) => JSON.stringify(view.blocks).includes(`"action_id":"${HOME_ACTIONS.export}"`);
    const admin = appHomeView({ ...maximalHome(), isAdmin: true }, ctx());
    expect(hasExport(admin)).toBe(true);
    expect(slackLimitViolations(admin)).toEqual([]);
    expect(new Set(blockIds(admin)).size).toBe(blockIds(admin).length);
    expect(JSON.stringify(appHomeView({ ...homeData(), isAdmin: true }, ctx({ locale: 'en' })).blocks)).toContain('"text":"Export"');
    expect(hasExport(appHomeView(maximalHome(), ctx()))).toBe(false);
    expect(hasExport(appHomeView({ ...homeData(), isAdmin: false }, ctx()))).toBe(false);
  });

  it('lets nothing a person typed reach Slack as a mention or link, even in the fullest home', () => {
    const view = appHomeView(maximalHome(), ctx());
    const texts = mrkdwnTexts(view.blocks);
    expect(texts.length).toBeGreaterThan(3 * HOME_LIST_MAX);
    for (const text of texts)
      for (const token of ['<!channel', '<!here', '<@U0EVIL', '<#C0EVIL', '<http://evil'])
        expect(text.includes(token), `${token} in ${text.slice(0, 120)}`).toBe(false);
    // Lines still link to their posted copy.
    expect(texts.some((t) => t.startsWith('*<https://slack.com/archives/C0LOGIST/p'))).toBe(true);
  });

  it('offers "Visa fler" for a list with more beyond a page, and nothing when there is no more', () => {
    const items = Array.from({ length: HOME_PAGE }, () => need());
    const view = appHomeView(
      homeData({
        latest: { items, more: true, filter: {} },
        mine: { items: [mine()], more: false },
        waiting: { items, more: true, areas: ['logistik'], followsChannels: true },
      }),
      ctx(),
    );
    const more = actions(view, 'more_latest')!;
    expect(more.elements).toEqual([expect.objectContaining({ type: 'button', action_id: HOME_ACTIONS.more, value: 'latest' })]);
    expect(actions(view, 'more_waiting')!.elements[0]).toMatchObject({ value: 'waiting' });
    expect(actions(view, 'more_mine')).toBeUndefined();
    expect(new Set(blockIds(view)).size).toBe(blockIds(view).length); // the same need in two lists
    expect(slackLimitViolations(view)).toEqual([]);
  });

  it('shows the stored filter as chosen in each select', () => {
    const view = appHomeView(homeData({ latest: { items: [], more: false, filter: { municipalityId: 3, area: 'material', status: 'withdrawn' } } }), ctx());
    for (const [actionId, value] of [
      [HOME_ACTIONS.municipality, '3'],
      [HOME_ACTIONS.area, 'material'],
      [HOME_ACTIONS.status, 'withdrawn'],
    ] as const) {
      const s = select(view, actionId);
      expect(s.initial_option?.value).toBe(value);
      expect(s.options).toContainEqual(s.initial_option); // Slack wants one of the options, exactly
    }
    expect(select(view, HOME_ACTIONS.municipality).initial_option!.text.text).toBe(MUNICIPALITIES[2]!.name);
  });

  it('shows "all" in each select without a filter, and for a municipality no longer listed', () => {
    for (const filter of [{}, { municipalityId: 999 }]) {
      const view = appHomeView(homeData({ latest: { items: [], more: false, filter } }), ctx());
      expect(select(view, HOME_ACTIONS.municipality).initial_option?.value).toBe(FILTER_ALL);
    }
    const view = appHomeView(homeData(), ctx());
    expect(select(view, HOME_ACTIONS.area).initial_option?.value).toBe(FILTER_ALL);
    expect(select(view, HOME_ACTIONS.status).initial_option).toEqual(select(view, HOME_ACTIONS.status).options![0]);
    expect(select(view, HOME_ACTIONS.status).options!.map((o) => o.value)).toEqual([FILTER_ALL, 'open', 'claimed', 'resolved', 'withdrawn']);
  });

  it('shows the chosen areas as chosen, and "follow my channels" only when not following them', () => {
    const chosen = appHomeView(homeData({ waiting: { items: [], more: false, areas: ['logistik', 'material'], followsChannels: false } }), ctx());
    const [areasSelect, follow] = actions(chosen, 'my_areas')!.elements as unknown as [
      { initial_options?: { value: string }[] },
      { action_id: string } | undefined,
    ];
    expect(areasSelect.initial_options?.map((o) => o.value)).toEqual(['logistik', 'material']);
    expect(follow?.action_id).toBe(HOME_ACTIONS.followChannels);
    expect(allText(chosen)).toContain(messages('sv').home.waitingEmpty);

    const following = appHomeView(homeData({ waiting: { items: [], more: false, areas: [], followsChannels: true } }), ctx());
    const elements = actions(following, 'my_areas')!.elements;
    expect(elements).toHaveLength(1);
    expect(elements[0]).not.toHaveProperty('initial_options');
  });

  it('is Swedish by default and English with locale "en"', () => {
    const data = homeData({
      mine: { items: [mine({ status: 'claimed', roles: ['claimed'] })], more: false },
      latest: { items: [need()], more: false, filter: {} },
    });
    const sv = allText(appHomeView(data, ctx()));
    const en = allText(appHomeView(data, ctx({ locale: 'en' })));
    for (const text of [
      'Mina behov',
      'Väntar på svar i mina områden',
      'Senaste behoven',
      'Nytt behov',
      'Alla kommuner',
      'du har tagit det',
      'Taget',
      '"Visa"',
      AREAS[0]!.name,
    ])
      expect(sv, text).toContain(text);
    for (const text of [
      'My needs',
      'Waiting for an answer in my areas',
      'Latest needs',
      'New need',
      'All municipalities',
      'you took it',
      'Claimed',
      '"View"',
      AREAS[0]!.nameEn,
    ])
      expect(en, text).toContain(text);
    expect(sv).not.toContain('My needs');
    expect(en).not.toContain('Mina behov');
    expect(en).not.toContain('Senaste');
  });

  it('counts with the year in Stockholm', () => {
    const data = homeData({ counts: { open: 4, claimed: 2, resolvedSince: 7 } });
    const text = (now: Date) => JSON.stringify(appHomeView(data, ctx({ now })).blocks[1]);
    expect(text(NOW)).toContain('*4* öppna · *2* tagna · *7* lösta 2026');
    expect(text(new Date('2026-12-31T23:30:00Z'))).toContain('lösta 2027');
  });
});

describe('readHomePages', () => {
  it('round-trips the pages through private_metadata', () => {
    const pages: HomePages = { mine: 16, waiting: 24, latest: 8 };
    expect(readHomePages(appHomeView(homeData({ pages }), ctx()).private_metadata)).toEqual(pages);
  });

  it.each([undefined, '', 'garbage', '{', 'null', '[]', '42', '{"mine":8}', '{"mine":"8","waiting":8,"latest":8}', '{"mine":8.5,"waiting":8,"latest":8}'])(
    'reads %j as the first pages',
    (metadata) => {
      expect(readHomePages(metadata)).toEqual(FIRST_PAGES);
    },
  );
});

describe('needItemSection', () => {
  const options = { locale: 'sv' as const, areas: AREAS, now: NOW, list: 'latest' };
  const text = (block: SectionBlock) => block.text!.text;

  it('links the title to the posted copy when there is one', () => {
    const block = needItemSection(need({ id: 42, title: 'Läckor i VA-nätet', link: 'https://slack.com/archives/C0X/p1700000001000100' }), options);
    expect(text(block).split('\n')[0]).toBe('*<https://slack.com/archives/C0X/p1700000001000100|Läckor i VA-nätet>*');
  });

  it('shows a bold title without a link when nothing is posted', () => {
    const block = needItemSection(need({ title: 'Läckor i VA-nätet', link: null }), options);
    expect(text(block).split('\n')[0]).toBe('*Läckor i VA-nätet*');
    expect(text(block)).not.toContain('<');
  });

  it('gives the facts: municipality, area names, status, age, and the note', () => {
    const block = needItemSection(
      need({ municipality: 'Motala', areas: ['logistik', 'material'], status: 'claimed', recordedAt: new Date('2026-05-29T09:00:00Z') }),
      {
        ...options,
        note: 'du registrerade',
      },
    );
    const area = (slug: string) => AREAS.find((a) => a.slug === slug)!.name;
    expect(text(block).split('\n')[1]).toBe(`Motala · ${area('logistik')}, ${area('material')} · Taget · 12 dagar · du registrerade`);
  });

  it.each([
    ['2026-06-10T10:00:00Z', 'i dag', 'today'],
    ['2026-06-12T10:00:00Z', 'i dag', 'today'], // a clock ahead: never a negative age
    ['2026-06-09T09:00:00Z', '1 dag', '1 day'],
    ['2026-05-29T10:00:00Z', '12 dagar', '12 days'],
  ])('says the age of a need recorded %s: %s / %s', (recordedAt, sv, en) => {
    const item = need({ recordedAt: new Date(recordedAt) });
    expect(text(needItemSection(item, options))).toContain(` · ${sv}`);
    expect(text(needItemSection(item, { ...options, locale: 'en' }))).toContain(` · ${en}`);
  });

  it('says when no area fits, and shows an unknown slug as it is', () => {
    expect(text(needItemSection(need({ areas: [] }), options))).toContain('Inget styrkeområde');
    expect(text(needItemSection(need({ areas: [] }), { ...options, locale: 'en' }))).toContain('No strength area');
    expect(text(needItemSection(need({ areas: ['logistik'] }), { ...options, areas: [] }))).toContain(' · logistik · ');
  });

  it('escapes what people typed in the title and the municipality', () => {
    const block = needItemSection(
      need({ title: 'A & B <!channel> <@U0EVIL>', municipality: 'X <#C0EVIL>', link: 'https://slack.com/archives/C0X/p1' }),
      options,
    );
    expect(text(block)).toContain('*<https://slack.com/archives/C0X/p1|A &amp; B &lt;!channel&gt; &lt;@U0EVIL&gt;>*');
    expect(text(block)).toContain('X &lt;#C0EVIL&gt;');
    expect(text(block)).not.toMatch(/<!channel|<@U0EVIL|<#C0EVIL/);
  });

  it('shortens a long title before escaping it, so no entity is cut', () => {
    const block = needItemSection(need({ title: '<'.repeat(300) }), options);
    const heading = text(block).split('\n')[0]!;
    expect(heading).toBe(`*${'&lt;'.repeat(119)}…*`);
  });

  it('has a block id unique per list and a "Visa" button opening the need', () => {
    const item = need({ id: 7 });
    const block = needItemSection(item, { ...options, list: 'mine' });
    expect(block.block_id).toBe('mine_need_7');
    expect(needItemSection(item, options).block_id).toBe('latest_need_7');
    expect(block.accessory).toMatchObject({ type: 'button', action_id: NEED_PAGE_ACTIONS.view, value: '7', text: { text: 'Visa' } });
    expect(needItemSection(item, { ...options, locale: 'en' }).accessory).toMatchObject({ text: { text: 'View' } });
    expect(slackLimitViolations([block])).toEqual([]);
  });
});

describe('daysBetween', () => {
  it('counts whole days, never below zero', () => {
    expect(daysBetween(new Date('2026-06-01T10:00:00Z'), new Date('2026-06-02T09:59:59Z'))).toBe(0);
    expect(daysBetween(new Date('2026-06-01T10:00:00Z'), new Date('2026-06-02T10:00:00Z'))).toBe(1);
    expect(daysBetween(new Date('2026-06-03T10:00:00Z'), new Date('2026-06-01T10:00:00Z'))).toBe(0);
  });
});
