// The App Home tab: counts, "Nytt behov", Mina behov, Väntar på svar i mina områden, Senaste
// behoven with filters, each list paged with "Visa fler". Pure: HomeData in, a Home view out,
// within Slack's 100 blocks (three lists of at most 24 lines and the frame around them).
import type { ActionsBlock, HomeView, KnownBlock, PlainTextOption } from '@slack/types';
import { z } from 'zod';
import { messages, type Locale } from '../i18n/messages.js';
import { type HomeData, type HomeList, HOME_LIST_MAX, type HomePages, FIRST_PAGES } from './home.js';
import { NEED_STATUSES } from './registerRepository.js';
import { type AreaNames, areaName, needItemSection } from '../needs/blocks/needItem.js';
import { escapeMrkdwn, LIMITS, truncate } from '../platform/slack/blockText.js';
import { parsePrivateMetadata } from '../platform/slack/privateMetadata.js';

export const HOME_ACTIONS = {
  newNeed: 'home_new_need',
  more: 'home_more',
  municipality: 'home_filter_municipality',
  area: 'home_filter_area',
  status: 'home_filter_status',
  myAreas: 'home_my_areas',
  followChannels: 'home_follow_channels',
  export: 'home_export',
  importFile: 'home_import',
} as const;

/** The option value of "no filter". */
export const FILTER_ALL = 'all';

export interface AppHomeContext {
  locale: Locale;
  municipalities: readonly { id: number; name: string }[];
  areas: AreaNames;
  now: Date;
}

/** The view remembers how far each list is paged, so a filter change keeps the rest as it was. */
const pagesSchema = z.object({ mine: z.number().int(), waiting: z.number().int(), latest: z.number().int() });

export function readHomePages(privateMetadata: string | undefined): HomePages {
  return parsePrivateMetadata(pagesSchema, privateMetadata) ?? FIRST_PAGES;
}

const plain = (text: string) => ({ type: 'plain_text' as const, text: truncate(text, LIMITS.optionText), emoji: true });
const option = (text: string, value: string): PlainTextOption => ({ text: plain(text), value });

export function appHomeView(data: HomeData, ctx: AppHomeContext): HomeView {
  const t = messages(ctx.locale);
  const h = t.home;
  const item =
    <N extends HomeData['latest']['items'][number]>(list: HomeList, note?: (need: N) => string | undefined) =>
    (need: N) => {
      const text = note?.(need);
      return needItemSection(need, { locale: ctx.locale, areas: ctx.areas, now: ctx.now, list, ...(text ? { note: text } : {}) });
    };
  const more = (list: HomeList, shown: number, hasMore: boolean): KnownBlock[] => {
    if (!hasMore) return [];
    if (shown >= HOME_LIST_MAX) return [{ type: 'context', elements: [{ type: 'mrkdwn', text: h.moreElsewhere }] }];
    return [{ type: 'actions', block_id: `more_${list}`, elements: [{ type: 'button', action_id: HOME_ACTIONS.more, text: plain(h.more), value: list }] }];
  };
  const areaList = (slugs: readonly string[]) => slugs.map((s) => escapeMrkdwn(areaName(s, ctx.areas, ctx.locale))).join(', ');

  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(h.header) },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: h.counts(data.counts.open, data.counts.claimed, data.counts.resolvedSince, yearOf(ctx.now)) },
      accessory: { type: 'button', action_id: HOME_ACTIONS.newNeed, text: plain(h.newNeed), style: 'primary', value: 'new' },
    },
    // Workshop notes in: next to "Nytt behov" (a section has one accessory, so a row of its own).
    {
      type: 'actions',
      block_id: 'home_import',
      elements: [{ type: 'button', action_id: HOME_ACTIONS.importFile, text: plain(t.importing.homeButton), value: 'import' }],
    },
    { type: 'divider' },

    { type: 'header', text: plain(h.mineTitle) },
    { type: 'context', elements: [{ type: 'mrkdwn', text: h.mineHint }] },
    ...(data.mine.items.length > 0
      ? data.mine.items.map(item('mine', (need: HomeData['mine']['items'][number]) => need.roles.map((r) => h.roles[r]).join(', ')))
      : [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: h.mineEmpty } }]),
    ...more('mine', data.mine.items.length, data.mine.more),
    { type: 'divider' },

    { type: 'header', text: plain(h.waitingTitle) },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: data.waiting.followsChannels
            ? data.waiting.areas.length > 0
              ? h.areasFollow(areaList(data.waiting.areas))
              : h.areasFollowNone
            : data.waiting.areas.length > 0
              ? h.areasChosen(areaList(data.waiting.areas))
              : h.areasChosenNone,
        },
      ],
    },
    myAreasActions(data, ctx),
    ...(data.waiting.items.length > 0
      ? data.waiting.items.map(item('waiting'))
      : data.waiting.areas.length > 0
        ? [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: h.waitingEmpty } }]
        : []),
    ...more('waiting', data.waiting.items.length, data.waiting.more),
    { type: 'divider' },

    { type: 'header', text: plain(h.latestTitle) },
    filterActions(data, ctx),
    ...(data.latest.items.length > 0
      ? data.latest.items.map(item('latest'))
      : [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: h.latestEmpty } }]),
    ...more('latest', data.latest.items.length, data.latest.more),
    ...adminExportBlocks(data, ctx),
  ];
  return { type: 'home', blocks, private_metadata: JSON.stringify(data.pages) };
}

/** Admins only: "Exportera" (the server checks again when it is pressed). */
function adminExportBlocks(data: HomeData, ctx: AppHomeContext): KnownBlock[] {
  if (!data.isAdmin) return [];
  const t = messages(ctx.locale).export;
  return [
    { type: 'divider' },
    {
      type: 'section',
      block_id: 'admin_export',
      text: { type: 'mrkdwn', text: t.hint },
      accessory: { type: 'button', action_id: HOME_ACTIONS.export, text: plain(t.button), value: 'xlsx' },
    },
  ];
}

function myAreasActions(data: HomeData, ctx: AppHomeContext): ActionsBlock {
  const h = messages(ctx.locale).home;
  const options = ctx.areas.map((a) => option(ctx.locale === 'sv' ? a.name : a.nameEn, a.slug));
  const initial = options.filter((o) => data.waiting.areas.includes(o.value as never));
  return {
    type: 'actions',
    block_id: 'my_areas',
    elements: [
      {
        type: 'multi_static_select',
        action_id: HOME_ACTIONS.myAreas,
        placeholder: plain(h.areasPlaceholder),
        options,
        ...(initial.length > 0 ? { initial_options: initial } : {}),
      },
      ...(data.waiting.followsChannels
        ? []
        : [{ type: 'button' as const, action_id: HOME_ACTIONS.followChannels, text: plain(h.followChannels), value: 'follow' }]),
    ],
  };
}

function filterActions(data: HomeData, ctx: AppHomeContext): ActionsBlock {
  const t = messages(ctx.locale);
  const { filter } = data.latest;
  const select = (actionId: string, all: string, choices: PlainTextOption[], current: string | undefined) => {
    const allOption = option(all, FILTER_ALL);
    const options = [allOption, ...choices].slice(0, LIMITS.options);
    return {
      type: 'static_select' as const,
      action_id: actionId,
      placeholder: plain(all),
      options,
      initial_option: options.find((o) => o.value === (current ?? FILTER_ALL)) ?? allOption,
    };
  };
  return {
    type: 'actions',
    block_id: 'latest_filters',
    elements: [
      select(
        HOME_ACTIONS.municipality,
        t.home.allMunicipalities,
        ctx.municipalities.map((m) => option(m.name, String(m.id))),
        filter.municipalityId?.toString(),
      ),
      select(
        HOME_ACTIONS.area,
        t.home.allAreas,
        ctx.areas.map((a) => option(ctx.locale === 'sv' ? a.name : a.nameEn, a.slug)),
        filter.area,
      ),
      select(
        HOME_ACTIONS.status,
        t.home.allStatuses,
        NEED_STATUSES.map((s) => option(t.status[s], s)),
        filter.status,
      ),
    ],
  };
}

function yearOf(now: Date): number {
  return Number(now.toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric' }));
}
