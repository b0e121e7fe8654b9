// Which channels a classified need goes to. Pure: config + suggested areas in, channel list out.
import type { AreaSlug } from '../matching/types.js';
import type { ChannelsConfig } from './channelsConfig.js';

export type RouteReason = 'area' | 'all' | 'intake';

export interface Route {
  channel: string;
  reason: RouteReason;
}

/**
 * Team channels whose areas include a suggested area, plus every `areas: all` channel.
 * With no suggested area (abstention) the need goes to intake — and to the `all` channels,
 * which by definition see every need.
 */
export function routeNeed(config: ChannelsConfig, suggestedAreas: readonly AreaSlug[]): Route[] {
  const routes: Route[] = [];
  const add = (channel: string, reason: RouteReason) => {
    if (!routes.some((r) => r.channel === channel)) routes.push({ channel, reason });
  };
  if (suggestedAreas.length === 0) add(config.intake, 'intake');
  for (const team of config.teams) {
    if (team.areas !== 'all' && team.areas.some((area) => suggestedAreas.includes(area))) add(team.channel, 'area');
  }
  for (const team of config.teams) {
    if (team.areas === 'all') add(team.channel, 'all');
  }
  // A suggested area nobody watches must not vanish: fall back to intake.
  if (routes.length === 0) add(config.intake, 'intake');
  return routes;
}

/** The areas a channel speaks for when people react in it. */
export function channelScope(config: ChannelsConfig, channelId: string): AreaSlug[] | 'all' | 'none' {
  const team = config.teams.find((t) => t.channel === channelId);
  if (!team) return 'none';
  return team.areas;
}

/** The areas team channels speak for together (an `areas: all` channel speaks for every area). */
export function areasOfChannels(config: ChannelsConfig, channelIds: readonly string[]): AreaSlug[] {
  const areas = new Set<AreaSlug>();
  for (const team of config.teams) {
    if (!channelIds.includes(team.channel)) continue;
    for (const area of team.areas === 'all' ? config.areas : team.areas) areas.add(area);
  }
  return config.areas.filter((area) => areas.has(area));
}
