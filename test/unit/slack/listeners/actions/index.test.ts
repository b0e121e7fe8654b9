// The actions folder registers a listener for every button and select the app draws; the Home-tab
// link in a /need answer is only acked (Slack opens the link itself).
import { describe, expect, it } from 'vitest';
import { HOME_ACTIONS } from '../../../../../src/slack/blocks/appHome.js';
import { FIND_ACTIONS } from '../../../../../src/slack/blocks/findResults.js';
import { IMPORT_ACTIONS } from '../../../../../src/slack/blocks/importModal.js';
import { NEED_PAGE_ACTIONS } from '../../../../../src/slack/blocks/needItem.js';
import { SUGGESTION_ACTIONS } from '../../../../../src/slack/blocks/suggestionMessage.js';
import { register } from '../../../../../src/slack/listeners/actions/index.js';
import { asDeps, callListener, fakeApp, fakeDeps, interactionArgs } from '../../../../support/listenerArgs.js';

describe('actions register', () => {
  it('listens to every action id the app’s blocks use, each once', () => {
    const { app, registered } = fakeApp();
    register(app, asDeps(fakeDeps()));
    expect(registered.every((r) => r.method === 'action')).toBe(true);
    const ids = [SUGGESTION_ACTIONS, NEED_PAGE_ACTIONS, FIND_ACTIONS, HOME_ACTIONS, IMPORT_ACTIONS].flatMap((actions) => Object.values(actions));
    expect(registered.map((r) => r.constraint).sort()).toEqual(ids.sort());
  });

  it('only acks the Home-tab link button', async () => {
    const { app, registered } = fakeApp();
    register(app, asDeps(fakeDeps()));
    const args = interactionArgs({ actions: [{ action_id: FIND_ACTIONS.openHome }] });
    await callListener(registered.find((r) => r.constraint === FIND_ACTIONS.openHome)!.listener, args);
    expect(args.ack).toHaveBeenCalledExactlyOnceWith();
    expect(args.client.views.open).not.toHaveBeenCalled();
    expect(args.respond).not.toHaveBeenCalled();
  });
});
