import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.js';
import { appHomeOpened } from './appHomeOpened.js';
import { reactionAdded, reactionRemoved } from './reactions.js';

export function register(app: App, deps: ListenerDeps): void {
  app.event('reaction_added', reactionAdded(deps));
  app.event('reaction_removed', reactionRemoved(deps));
  app.event('app_home_opened', appHomeOpened(deps));
}
