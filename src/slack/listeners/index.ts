// Registers every listener. One folder per listener kind, as in Slack's bolt-ts starter template.
import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';
import * as commands from './commands/index.js';
import * as shortcuts from './shortcuts/index.js';
import * as views from './views/index.js';

export function registerListeners(app: App, deps: ListenerDeps): void {
  commands.register(app, deps);
  shortcuts.register(app, deps);
  views.register(app, deps);
}
