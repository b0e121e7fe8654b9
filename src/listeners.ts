// Every way in from Slack, one journey at a time. Each journey's listeners.ts registers its
// command, shortcut, events, actions and view submissions (Slack's bolt-ts starter groups them by
// kind; here they sit with the journey they start, so one folder tells one story).
import type { App } from '@slack/bolt';
import * as changeNeed from './change-need/listeners.js';
import * as exportNeeds from './export/listeners.js';
import * as feedback from './feedback/listeners.js';
import * as importNeeds from './import/listeners.js';
import type { ListenerDeps } from './platform/slack/deps.js';
import * as recordNeed from './record-need/listeners.js';
import * as needRegister from './register/listeners.js';

export function registerListeners(app: App, deps: ListenerDeps): void {
  recordNeed.register(app, deps);
  feedback.register(app, deps);
  changeNeed.register(app, deps);
  needRegister.register(app, deps);
  importNeeds.register(app, deps);
  exportNeeds.register(app, deps);
}
