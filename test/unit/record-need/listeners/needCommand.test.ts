// `/need`: ack, then the modal (views.open with the trigger id, before any slow work), prefilled
// with the text; `help` and `mine|list|search` are answered ephemerally and never open a modal.
import { describe, expect, it } from 'vitest';
import { messages } from '../../../../src/i18n/messages.js';
import { needModal } from '../../../../src/needs/blocks/needModal.js';
import { needCommand } from '../../../../src/record-need/listeners.js';
import { encodeNeedModalMetadata } from '../../../../src/needs/blocks/needModal.js';
import { asDeps, callListener, commandArgs, fakeDeps, MUNICIPALITIES } from '../../../support/listenerArgs.js';
import { slashCommandBody } from '../../../support/slackRequests.js';

const t = messages('sv');
const command = (text: string, userId = 'U0STAFF') => commandArgs(slashCommandBody({ text, userId, channelId: 'C0TYPED', triggerId: 'trigger-need' }));

const modal = (initialDescription: string) =>
  needModal({
    locale: 'sv',
    municipalities: MUNICIPALITIES,
    initialDescription,
    initialContactUserId: 'U0STAFF',
    privateMetadata: encodeNeedModalMetadata({ channelId: 'C0TYPED', source: 'slash_command' }),
  });

describe('needCommand', () => {
  it('acks and opens the need modal with the trigger id, remembering the channel', async () => {
    const args = command('');
    await callListener(needCommand(asDeps(fakeDeps())), args);
    expect(args.ack).toHaveBeenCalledExactlyOnceWith();
    expect(args.client.views.open).toHaveBeenCalledExactlyOnceWith({ trigger_id: 'trigger-need', view: modal('') });
    expect(args.respond).not.toHaveBeenCalled();
  });

  it('prefills the description with what was typed after /need', async () => {
    const args = command('  bygglogistik vid nya resecentrum ');
    await callListener(needCommand(asDeps(fakeDeps())), args);
    expect(args.client.views.open).toHaveBeenCalledWith({ trigger_id: 'trigger-need', view: modal('bygglogistik vid nya resecentrum') });
  });

  it.each(['help', 'hjälp'])('answers `/need %s` with the usage, ephemerally, and opens nothing', async (word) => {
    const args = command(word);
    await callListener(needCommand(asDeps(fakeDeps())), args);
    expect(args.ack).toHaveBeenCalledOnce();
    // The example names the region's first municipality and area (deps: Linköping, visualisering).
    expect(args.respond).toHaveBeenCalledExactlyOnceWith({ response_type: 'ephemeral', text: t.command.help('linköping', 'visualisering') });
    expect(args.client.views.open).not.toHaveBeenCalled();
  });

  it('answers `/need mine` with the person’s needs, ephemerally, and opens nothing', async () => {
    const deps = fakeDeps();
    deps.register.mine.mockResolvedValue([]);
    const args = command('mine');
    await callListener(needCommand(asDeps(deps)), args);
    expect(deps.register.mine).toHaveBeenCalledWith('U0STAFF', 11);
    expect(args.respond).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ response_type: 'ephemeral', text: t.find.mineNone }));
    expect(args.client.views.open).not.toHaveBeenCalled();
  });

  it('tells the person, ephemerally, when the modal cannot be opened', async () => {
    const args = command('');
    args.client.views.open.mockRejectedValue(new Error('expired_trigger_id'));
    await callListener(needCommand(asDeps(fakeDeps())), args);
    expect(args.respond).toHaveBeenCalledExactlyOnceWith({ response_type: 'ephemeral', text: t.command.openFailed });
    expect(args.logger.error).toHaveBeenCalledWith('views.open failed for /need', expect.any(Error));
  });

  it('acks a malformed command (a user id that is no Slack id) and does nothing else', async () => {
    const deps = fakeDeps();
    const args = command('mine', 'nobody');
    await callListener(needCommand(asDeps(deps)), args);
    expect(args.ack).toHaveBeenCalledOnce();
    expect(deps.register.mine).not.toHaveBeenCalled();
    expect(args.respond).not.toHaveBeenCalled();
    expect(args.client.views.open).not.toHaveBeenCalled();
  });
});
