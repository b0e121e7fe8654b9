import type { App, BlockAction, BlockButtonAction } from '@slack/bolt';
import { HOME_ACTIONS } from '../../blocks/appHome.js';
import { IMPORT_ACTIONS } from '../../blocks/importModal.js';
import { FIND_ACTIONS } from '../../blocks/findResults.js';
import { NEED_PAGE_ACTIONS } from '../../blocks/needItem.js';
import { SUGGESTION_ACTIONS } from '../../blocks/suggestionMessage.js';
import type { ListenerDeps } from '../../deps.js';
import { exportButton } from './exportAction.js';
import { importButton, importConfirmButton } from './importActions.js';
import { filterSelect, followChannelsButton, moreButton, myAreasSelect, newNeedButton } from './homeActions.js';
import { editNeedButton, viewNeedButton, withdrawNeedButton } from './needPage.js';
import { claimButton, notOursButton, recategoriseButton } from './suggestionButtons.js';

export function register(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>(SUGGESTION_ACTIONS.claim, claimButton(deps));
  app.action<BlockButtonAction>(SUGGESTION_ACTIONS.notOurs, notOursButton(deps));
  app.action<BlockButtonAction>(SUGGESTION_ACTIONS.recategorise, recategoriseButton(deps));

  app.action<BlockAction>(NEED_PAGE_ACTIONS.view, viewNeedButton(deps));
  app.action<BlockAction>(NEED_PAGE_ACTIONS.edit, editNeedButton(deps));
  app.action<BlockAction>(NEED_PAGE_ACTIONS.withdraw, withdrawNeedButton(deps));

  // A link button (the Home tab from a /need list answer): Slack opens the link; we only ack.
  app.action<BlockAction>(FIND_ACTIONS.openHome, async ({ ack }) => ack());

  app.action<BlockAction>(HOME_ACTIONS.newNeed, newNeedButton(deps));
  app.action<BlockAction>(HOME_ACTIONS.more, moreButton(deps));
  app.action<BlockAction>(HOME_ACTIONS.municipality, filterSelect(deps, 'municipalityId'));
  app.action<BlockAction>(HOME_ACTIONS.area, filterSelect(deps, 'area'));
  app.action<BlockAction>(HOME_ACTIONS.status, filterSelect(deps, 'status'));
  app.action<BlockAction>(HOME_ACTIONS.myAreas, myAreasSelect(deps));
  app.action<BlockAction>(HOME_ACTIONS.followChannels, followChannelsButton(deps));
  app.action<BlockAction>(HOME_ACTIONS.export, exportButton(deps));

  app.action<BlockAction>(HOME_ACTIONS.importFile, importButton(deps));
  app.action<BlockAction>(IMPORT_ACTIONS.confirm, importConfirmButton(deps));
}
