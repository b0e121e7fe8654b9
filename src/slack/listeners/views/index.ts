import type { App } from '@slack/bolt';
import { NEED_MODAL_CALLBACK_ID } from '../../blocks/needModal.js';
import type { ListenerDeps } from '../../deps.js';
import { RECATEGORISE_CALLBACK_ID } from '../../blocks/recategoriseModal.js';
import { needSubmission } from './needSubmission.js';
import { recategoriseSubmission } from './recategoriseSubmission.js';

export function register(app: App, deps: ListenerDeps): void {
  app.view(NEED_MODAL_CALLBACK_ID, needSubmission(deps));
  app.view(RECATEGORISE_CALLBACK_ID, recategoriseSubmission(deps));
}
