import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.js';
import { needCommand } from './needCommand.js';

export function register(app: App, deps: ListenerDeps): void {
  app.command('/need', needCommand(deps));
}
