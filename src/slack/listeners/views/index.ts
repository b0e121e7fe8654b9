import type { App } from '@slack/bolt';
import { NEED_MODAL_CALLBACK_ID } from '../../blocks/needModal.js';
import type { ListenerDeps } from '../../deps.js';
import { needSubmission } from './needSubmission.js';

export function register(app: App, deps: ListenerDeps): void {
  app.view(NEED_MODAL_CALLBACK_ID, needSubmission(deps));
}
