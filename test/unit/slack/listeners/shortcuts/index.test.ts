// The shortcuts folder registers "Spara som behov" as a message shortcut, and it reaches the handler.
import { describe, expect, it } from 'vitest';
import { RECORD_NEED_SHORTCUT_ID } from '../../../../../src/slack/listeners/shortcuts/recordNeedFromMessage.js';
import { register } from '../../../../../src/slack/listeners/shortcuts/index.js';
import { asDeps, callListener, fakeApp, fakeDeps, shortcutArgs } from '../../../../support/listenerArgs.js';

describe('shortcuts register', () => {
  it('registers the message shortcut, which acks and opens the modal', async () => {
    const { app, registered } = fakeApp();
    register(app, asDeps(fakeDeps()));
    expect(registered).toHaveLength(1);
    expect(registered[0]).toMatchObject({ method: 'shortcut', constraint: { callback_id: RECORD_NEED_SHORTCUT_ID, type: 'message_action' } });
    const args = shortcutArgs({ trigger_id: 't', user: { id: 'U0STAFF' }, channel: { id: 'C0TYPED' }, message: { text: 'Ett behov' } });
    await callListener(registered[0]!.listener, args);
    expect(args.ack).toHaveBeenCalledOnce();
    expect(args.client.views.open).toHaveBeenCalledOnce();
  });
});
