import type { App } from '@slack/bolt';
import { NEED_REROUTE_CALLBACK_ID, NEED_WITHDRAW_CALLBACK_ID } from '../../blocks/needChangeModals.js';
import { NEED_EDIT_CALLBACK_ID, NEED_MODAL_CALLBACK_ID } from '../../blocks/needModal.js';
import { RECATEGORISE_CALLBACK_ID } from '../../blocks/recategoriseModal.js';
import { IMPORT_CALLBACK_ID } from '../../blocks/importModal.js';
import { importSubmission } from './importSubmission.js';
import type { ListenerDeps } from '../../deps.js';
import { needEditSubmission, rerouteSubmission, withdrawSubmission } from './needChangeSubmissions.js';
import { needSubmission } from './needSubmission.js';
import { recategoriseSubmission } from './recategoriseSubmission.js';

export function register(app: App, deps: ListenerDeps): void {
  app.view(NEED_MODAL_CALLBACK_ID, needSubmission(deps));
  app.view(RECATEGORISE_CALLBACK_ID, recategoriseSubmission(deps));
  app.view(NEED_EDIT_CALLBACK_ID, needEditSubmission(deps));
  app.view(NEED_REROUTE_CALLBACK_ID, rerouteSubmission(deps));
  app.view(NEED_WITHDRAW_CALLBACK_ID, withdrawSubmission(deps));
  app.view(IMPORT_CALLBACK_ID, importSubmission(deps));
}
