// The register, where it enters from Slack: the App Home tab and its controls. (`/need mine|list|
// search` enters through the /need command, record-need/listeners.ts, and answers here:
// findNeedsCommand.ts.)
import type { App, BlockAction } from '@slack/bolt';
import type { ListenerDeps } from '../platform/slack/deps.js';
import { HOME_ACTIONS } from './appHomeBlocks.js';
import { appHomeOpened } from './appHomeOpened.js';
import { FIND_ACTIONS } from './findResultsBlocks.js';
import { filterSelect, followChannelsButton, moreButton, myAreasSelect, newNeedButton } from './homeActions.js';

export function register(app: App, deps: ListenerDeps): void {
  app.event('app_home_opened', appHomeOpened(deps));
  // A link button (the Home tab from a /need list answer): Slack opens the link; we only ack.
  app.action<BlockAction>(FIND_ACTIONS.openHome, async ({ ack }) => ack());
  app.action<BlockAction>(HOME_ACTIONS.newNeed, newNeedButton(deps));
  app.action<BlockAction>(HOME_ACTIONS.more, moreButton(deps));
  app.action<BlockAction>(HOME_ACTIONS.municipality, filterSelect(deps, 'municipalityId'));
  app.action<BlockAction>(HOME_ACTIONS.area, filterSelect(deps, 'area'));
  app.action<BlockAction>(HOME_ACTIONS.status, filterSelect(deps, 'status'));
  app.action<BlockAction>(HOME_ACTIONS.myAreas, myAreasSelect(deps));
  app.action<BlockAction>(HOME_ACTIONS.followChannels, followChannelsButton(deps));
}
