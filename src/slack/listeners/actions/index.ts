import type { App, BlockButtonAction } from '@slack/bolt';
import { SUGGESTION_ACTIONS } from '../../blocks/suggestionMessage.js';
import type { ListenerDeps } from '../../deps.js';
import { claimButton, notOursButton, recategoriseButton } from './suggestionButtons.js';

export function register(app: App, deps: ListenerDeps): void {
  app.action<BlockButtonAction>(SUGGESTION_ACTIONS.claim, claimButton(deps));
  app.action<BlockButtonAction>(SUGGESTION_ACTIONS.notOurs, notOursButton(deps));
  app.action<BlockButtonAction>(SUGGESTION_ACTIONS.recategorise, recategoriseButton(deps));
}
