// Choices made in the App Home: "Nytt behov", "Visa fler", the filters of "Senaste behoven", my
// areas and "Följ mina kanaler". Each stores what was chosen and publishes the view again.
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { HOME_LISTS, HOME_PAGE, type HomeList } from './home.js';
import { NEED_STATUSES, type NeedFilter } from './registerRepository.js';
import { FILTER_ALL, readHomePages } from './appHomeBlocks.js';
import { needModal } from '../needs/blocks/needModal.js';
import type { ListenerDeps } from '../platform/slack/deps.js';
import { publishHome } from './homeTab.js';
import { encodeNeedModalMetadata } from '../needs/blocks/needModal.js';
import { firstAction, parsePayload, type ViewActionPayload, viewActionPayload } from '../platform/slack/payloads.js';

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;
type Action = ViewActionPayload['actions'][number];

/** Parses the press; null (and nothing happens) for anything malformed. */
function parseHomeAction(args: ActionArgs): { payload: ViewActionPayload; action: Action } | null {
  const payload = parsePayload(viewActionPayload, args.body, args.logger, 'App Home action');
  return payload ? { payload, action: firstAction(payload) } : null;
}

async function republish(deps: ListenerDeps, args: ActionArgs, payload: ViewActionPayload, change?: (pages: ReturnType<typeof readHomePages>) => void) {
  const pages = readHomePages(payload.view?.private_metadata);
  change?.(pages);
  try {
    await publishHome(deps, args.client, payload.user.id, pages);
  } catch (error) {
    args.logger.error('could not publish the App Home', error);
  }
}

export const newNeedButton =
  (deps: ListenerDeps) =>
  async (args: ActionArgs): Promise<void> => {
    await args.ack();
    const parsed = parseHomeAction(args);
    if (!parsed) return;
    const view = needModal({
      locale: deps.locale,
      municipalities: deps.municipalities,
      initialContactUserId: parsed.payload.user.id,
      // No channel: the confirmation goes to the person's DM with the app.
      privateMetadata: encodeNeedModalMetadata({ channelId: null, source: 'app_home' }),
    });
    try {
      await args.client.views.open({ trigger_id: parsed.payload.trigger_id, view });
    } catch (error) {
      args.logger.error('views.open failed for "Nytt behov"', error);
    }
  };

const listSchema = z.enum(HOME_LISTS as [HomeList, ...HomeList[]]);

export const moreButton =
  (deps: ListenerDeps) =>
  async (args: ActionArgs): Promise<void> => {
    await args.ack();
    const parsed = parseHomeAction(args);
    const list = listSchema.safeParse(parsed?.action.value);
    if (!parsed || !list.success) return;
    await republish(deps, args, parsed.payload, (pages) => {
      pages[list.data] += HOME_PAGE;
    });
  };

/** A filter's new value, checked against what can be chosen; undefined = "all"; null = tampered. */
function filterValue<T>(value: string | undefined, allowed: (v: string) => T | undefined): T | undefined | null {
  if (value === undefined || value === FILTER_ALL) return undefined;
  return allowed(value) ?? null;
}

export const filterSelect =
  (deps: ListenerDeps, key: keyof NeedFilter) =>
  async (args: ActionArgs): Promise<void> => {
    await args.ack();
    const parsed = parseHomeAction(args);
    if (!parsed) return;
    const raw = parsed.action.selected_option?.value;
    const value =
      key === 'municipalityId'
        ? filterValue(raw, (v) => deps.municipalities.find((m) => String(m.id) === v)?.id)
        : key === 'area'
          ? filterValue(raw, (v) => deps.areas.find((a) => a.slug === v)?.slug)
          : filterValue(raw, (v) => NEED_STATUSES.find((s) => s === v));
    if (value === null) {
      args.logger.debug(`App Home filter ${key} with a value that cannot be chosen; ignored`);
      return;
    }
    const userId = parsed.payload.user.id;
    const { filter } = await deps.preferences.get(userId);
    // "All" (undefined) takes the filter off.
    const { [key]: _previous, ...others } = filter;
    const next: NeedFilter = value === undefined ? others : { ...filter, [key]: value };
    await deps.preferences.setFilter(userId, next);
    // A new filter starts its list from the top.
    await republish(deps, args, parsed.payload, (pages) => {
      pages.latest = HOME_PAGE;
    });
  };

export const myAreasSelect =
  (deps: ListenerDeps) =>
  async (args: ActionArgs): Promise<void> => {
    await args.ack();
    const parsed = parseHomeAction(args);
    if (!parsed) return;
    const chosen = (parsed.action.selected_options ?? []).map((o) => o.value);
    const areas = deps.areas.map((a) => a.slug).filter((s) => chosen.includes(s));
    if (areas.length !== new Set(chosen).size) {
      args.logger.debug('App Home areas with a value that is no area; ignored');
      return;
    }
    await deps.preferences.setAreas(parsed.payload.user.id, areas);
    await republish(deps, args, parsed.payload);
  };

export const followChannelsButton =
  (deps: ListenerDeps) =>
  async (args: ActionArgs): Promise<void> => {
    await args.ack();
    const parsed = parseHomeAction(args);
    if (!parsed) return;
    await deps.preferences.setAreas(parsed.payload.user.id, null);
    await republish(deps, args, parsed.payload);
  };
