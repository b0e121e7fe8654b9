// Changing a need, where it enters from Slack: its page (from a list or the Home tab), and the
// edit, re-route and withdraw modals.
import type { App, BlockAction } from '@slack/bolt';
import { NEED_PAGE_ACTIONS } from '../needs/blocks/needItem.js';
import { NEED_EDIT_CALLBACK_ID } from '../needs/blocks/needModal.js';
import type { ListenerDeps } from '../platform/slack/deps.js';
import { NEED_REROUTE_CALLBACK_ID, NEED_WITHDRAW_CALLBACK_ID } from './needChangeModals.js';
import { needEditSubmission, rerouteSubmission, withdrawSubmission } from './needChangeSubmissions.js';
import { editNeedButton, viewNeedButton, withdrawNeedButton } from './needPage.js';

export function register(app: App, deps: ListenerDeps): void {
  app.action<BlockAction>(NEED_PAGE_ACTIONS.view, viewNeedButton(deps));
  app.action<BlockAction>(NEED_PAGE_ACTIONS.edit, editNeedButton(deps));
  app.action<BlockAction>(NEED_PAGE_ACTIONS.withdraw, withdrawNeedButton(deps));
  app.view(NEED_EDIT_CALLBACK_ID, needEditSubmission(deps));
  app.view(NEED_REROUTE_CALLBACK_ID, rerouteSubmission(deps));
  app.view(NEED_WITHDRAW_CALLBACK_ID, withdrawSubmission(deps));
}
