// The App Home as a use case: what one person sees — counts, their needs, what waits in their
// areas, the latest in the region — read from the register, with their stored choices. Plain
// objects out; the Slack layer renders them (appHomeBlocks.ts).
import type { ChannelsConfig } from '../channels/channelsConfig.js';
import { areasOfChannels } from '../channels/routing.js';
import type { AreaSlug } from '../matching/types.js';
import type { Counts, MyNeedItem, NeedFilter, NeedListItem, NeedRegister } from './registerRepository.js';
import type { UserPreferences } from './preferencesRepository.js';

/** How many of each list are shown: a page at first, a page more per "Visa fler". */
export interface HomePages {
  mine: number;
  waiting: number;
  latest: number;
}

export type HomeList = keyof HomePages;
export const HOME_LISTS: readonly HomeList[] = ['mine', 'waiting', 'latest'];
export const HOME_PAGE = 8;
/** Three lists of at most this many keep the view within Slack's 100 blocks. */
export const HOME_LIST_MAX = 24;
export const FIRST_PAGES: HomePages = { mine: HOME_PAGE, waiting: HOME_PAGE, latest: HOME_PAGE };

export interface ListPage<T> {
  items: T[];
  /** More exist beyond what is shown. */
  more: boolean;
}

export interface HomeData {
  counts: Counts;
  mine: ListPage<MyNeedItem>;
  waiting: ListPage<NeedListItem> & {
    areas: AreaSlug[];
    /** The areas follow the person's team channels (nothing chosen). */
    followsChannels: boolean;
  };
  latest: ListPage<NeedListItem> & { filter: NeedFilter };
  pages: HomePages;
  /** The person is an admin (channels file): the view offers what only admins may do. */
  isAdmin?: boolean;
}

/** Which of the team channels a person sits in (the Slack layer knows). */
export interface Membership {
  channelsOf(userId: string, channelIds: readonly string[]): Promise<string[]>;
}

export interface NeedsHomeDeps {
  register: NeedRegister;
  preferences: UserPreferences;
  channels: ChannelsConfig;
  membership: Membership;
}

export const clampPages = (pages: HomePages): HomePages => ({
  mine: clampPage(pages.mine),
  waiting: clampPage(pages.waiting),
  latest: clampPage(pages.latest),
});
const clampPage = (n: number) => Math.min(HOME_LIST_MAX, Math.max(HOME_PAGE, Math.ceil(n / HOME_PAGE) * HOME_PAGE));

/** The start of the year in Sweden, for "resolved this year". */
export function startOfYear(now: Date): Date {
  const year = Number(now.toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric' }));
  // Midnight 1 January in Stockholm is 23:00 UTC the day before (CET, no summer time in January).
  return new Date(Date.UTC(year - 1, 11, 31, 23, 0, 0));
}

export class NeedsHome {
  constructor(private readonly deps: NeedsHomeDeps) {}

  /** The person's areas: chosen ones, else those of the team channels they are a member of. */
  /** A stored choice, without areas the region no longer has (retired from its pack). */
  private ofRegion(areas: readonly AreaSlug[]): AreaSlug[] {
    return areas.filter((slug) => this.deps.channels.areas.includes(slug));
  }

  async areasOf(userId: string): Promise<{ areas: AreaSlug[]; followsChannels: boolean }> {
    const { areas } = await this.deps.preferences.get(userId);
    if (areas !== null) return { areas: this.ofRegion(areas), followsChannels: false };
    return { areas: await this.channelAreas(userId), followsChannels: true };
  }

  async load(userId: string, requested: HomePages, now: Date): Promise<HomeData> {
    const { register, preferences } = this.deps;
    const pages = clampPages(requested);
    const prefs = await preferences.get(userId);
    const areas = prefs.areas === null ? await this.channelAreas(userId) : this.ofRegion(prefs.areas);
    // One more than shown tells whether there is more.
    const [counts, mine, waiting, latest] = await Promise.all([
      register.counts(startOfYear(now)),
      register.mine(userId, pages.mine + 1),
      register.waitingIn(areas, pages.waiting + 1),
      register.latest(prefs.filter, pages.latest + 1),
    ]);
    return {
      counts,
      mine: page(mine, pages.mine),
      waiting: { ...page(waiting, pages.waiting), areas, followsChannels: prefs.areas === null },
      latest: { ...page(latest, pages.latest), filter: prefs.filter },
      pages,
      isAdmin: (this.deps.channels.admins ?? []).includes(userId),
    };
  }

  private async channelAreas(userId: string): Promise<AreaSlug[]> {
    const teamChannels = this.deps.channels.teams.map((t) => t.channel);
    return areasOfChannels(this.deps.channels, await this.deps.membership.channelsOf(userId, teamChannels));
  }
}

function page<T>(rows: T[], shown: number): ListPage<T> {
  return { items: rows.slice(0, shown), more: rows.length > shown };
}
