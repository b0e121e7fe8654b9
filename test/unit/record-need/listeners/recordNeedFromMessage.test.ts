// "Spara som behov" on a message: ack, then the need modal prefilled with the message's text (as
// plain text), the person as "vår kontakt" and where it came from in private_metadata.
import { describe, expect, it } from 'vitest';
import { needModal } from '../../../../src/needs/blocks/needModal.js';
import { encodeNeedModalMetadata } from '../../../../src/needs/blocks/needModal.js';
import { recordNeedFromMessage } from '../../../../src/record-need/listeners.js';
import { asDeps, callListener, fakeDeps, MUNICIPALITIES, shortcutArgs } from '../../../support/listenerArgs.js';

function shortcut(extra: Record<string, unknown> = {}) {
  return {
    type: 'message_action',
    callback_id: 'record_need_from_message',
    trigger_id: 'trigger-shortcut',
    team: { id: 'T0FAKE', domain: 'fake' },
    user: { id: 'U0STAFF', name: 'staff' },
    channel: { id: 'C0TYPED', name: 'allmant' },
    message: { type: 'message', ts: '1700000000.000100', user: 'U0OTHER', text: 'Motala behöver *hjälp* med &lt;laddstolpar&gt;' },
    message_ts: '1700000000.000100',
    response_url: 'http://127.0.0.1:9/response',
    ...extra,
  };
}

describe('recordNeedFromMessage', () => {
  it('acks, then opens the need modal with the trigger id, prefilled from the message', async () => {
    const args = shortcutArgs(shortcut());
    await callListener(recordNeedFromMessage(asDeps(fakeDeps())), args);
    expect(args.ack).toHaveBeenCalledExactlyOnceWith();
    const view = needModal({
      locale: 'sv',
      municipalities: MUNICIPALITIES,
      initialDescription: 'Motala behöver *hjälp* med <laddstolpar>', // entities decoded, as typed
      initialContactUserId: 'U0STAFF',
      privateMetadata: encodeNeedModalMetadata({ channelId: 'C0TYPED', source: 'shortcut' }),
    });
    expect(args.client.views.open).toHaveBeenCalledExactlyOnceWith({ trigger_id: 'trigger-shortcut', view });
    expect(args.ack.mock.invocationCallOrder[0]).toBeLessThan(args.client.views.open.mock.invocationCallOrder[0]!);
  });

  it('acks a malformed shortcut (no trigger id) and opens nothing', async () => {
    const args = shortcutArgs(shortcut({ trigger_id: undefined }));
    await callListener(recordNeedFromMessage(asDeps(fakeDeps())), args);
    expect(args.ack).toHaveBeenCalledOnce();
    expect(args.client.views.open).not.toHaveBeenCalled();
  });

  it('logs a failed views.open instead of throwing', async () => {
    const args = shortcutArgs(shortcut());
    args.client.views.open.mockRejectedValue(new Error('expired_trigger_id'));
    await callListener(recordNeedFromMessage(asDeps(fakeDeps())), args);
    expect(args.logger.error).toHaveBeenCalledWith('views.open failed for the message shortcut', expect.any(Error));
  });
});
