// The export, where it enters from Slack: "Exportera" in the Home tab (admins). The CLI's `export`
// enters at export/cli.ts.
import type { App, BlockAction } from '@slack/bolt';
import type { ListenerDeps } from '../platform/slack/deps.js';
import { HOME_ACTIONS } from '../register/appHomeBlocks.js';
import { exportButton } from './exportAction.js';

export function register(app: App, deps: ListenerDeps): void {
  app.action<BlockAction>(HOME_ACTIONS.export, exportButton(deps));
}
