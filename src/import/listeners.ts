// The import, where it enters from Slack: "Importera" in the Home tab (admins), the file modal and
// the confirming press. The CLI's `import` enters at import/cli.ts.
import type { App, BlockAction } from '@slack/bolt';
import type { ListenerDeps } from '../platform/slack/deps.js';
import { HOME_ACTIONS } from '../register/appHomeBlocks.js';
import { importButton, importConfirmButton } from './importActions.js';
import { IMPORT_ACTIONS, IMPORT_CALLBACK_ID } from './importModal.js';
import { importSubmission } from './importSubmission.js';

export function register(app: App, deps: ListenerDeps): void {
  app.action<BlockAction>(HOME_ACTIONS.importFile, importButton(deps));
  app.view(IMPORT_CALLBACK_ID, importSubmission(deps));
  app.action<BlockAction>(IMPORT_ACTIONS.confirm, importConfirmButton(deps));
}
