// What routing a need decides before anything is written: its classification, the innovation
// environments to suggest and the channels to post in. Pure (the matcher, the environments and the
// channel config are passed in), so a single /need and an import's batch are decided alike.
import type { ChannelsConfig } from '../channels/channelsConfig.js';
import { routeNeed as routeChannels, type Route } from '../channels/routing.js';
import { rankEnvironments } from '../matching/index.js';
import type { AreaSlug, Classification, EnvironmentProfile, Matcher, RankedEnvironment } from '../matching/types.js';

export const ENVIRONMENTS_PER_NEED = 3;

export interface RoutingDecision {
  classification: Classification;
  /** The areas the need is suggested for (empty: the matcher abstained). */
  suggestedAreas: AreaSlug[];
  environments: RankedEnvironment[];
  routes: Route[];
}

export interface RoutingContext {
  matcher: Matcher;
  environments: EnvironmentProfile[];
  channels: ChannelsConfig;
}

/** `text`: the need's needText (needInput.ts), as the matcher was trained on it. */
export function decideRouting(text: string, ctx: RoutingContext): RoutingDecision {
  const classification = ctx.matcher.classify(text);
  const suggestedAreas = classification.suggested.map((s) => s.slug);
  return {
    classification,
    suggestedAreas,
    environments: rankEnvironments(text, classification, ctx.environments, ENVIRONMENTS_PER_NEED),
    routes: routeChannels(ctx.channels, suggestedAreas),
  };
}
