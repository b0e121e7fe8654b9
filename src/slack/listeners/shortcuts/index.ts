import type { App, MessageShortcut } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.js';
import { RECORD_NEED_SHORTCUT_ID, recordNeedFromMessage } from './recordNeedFromMessage.js';

export function register(app: App, deps: ListenerDeps): void {
  const handler = recordNeedFromMessage(deps);
  app.shortcut<MessageShortcut>({ callback_id: RECORD_NEED_SHORTCUT_ID, type: 'message_action' }, (args) => handler(args));
}
