// registerListeners wires every journey's listeners into the app: each command, event, action id
// and modal the app draws is listened to exactly once, by the journey that owns it.
import { describe, expect, it } from 'vitest';
import * as changeNeed from '../../src/change-need/listeners.js';
import { NEED_REROUTE_CALLBACK_ID, NEED_WITHDRAW_CALLBACK_ID } from '../../src/change-need/needChangeModals.js';
import * as exportNeeds from '../../src/export/listeners.js';
import { RECATEGORISE_CALLBACK_ID } from '../../src/feedback/messages.js';
import * as feedback from '../../src/feedback/listeners.js';
import { IMPORT_ACTIONS, IMPORT_CALLBACK_ID } from '../../src/import/importModal.js';
import * as importNeeds from '../../src/import/listeners.js';
import { registerListeners } from '../../src/listeners.js';
import { NEED_PAGE_ACTIONS } from '../../src/needs/blocks/needItem.js';
import { NEED_EDIT_CALLBACK_ID, NEED_MODAL_CALLBACK_ID } from '../../src/needs/blocks/needModal.js';
import { SUGGESTION_ACTIONS } from '../../src/needs/blocks/suggestionMessage.js';
import * as recordNeed from '../../src/record-need/listeners.js';
import { HOME_ACTIONS } from '../../src/register/appHomeBlocks.js';
import { FIND_ACTIONS } from '../../src/register/findResultsBlocks.js';
import * as needRegister from '../../src/register/listeners.js';
import { asDeps, callListener, fakeApp, fakeDeps, interactionArgs, shortcutArgs } from '../support/listenerArgs.js';

function registeredBy(register: (app: ReturnType<typeof fakeApp>['app'], deps: ReturnType<typeof asDeps>) => void) {
  const { app, registered } = fakeApp();
  register(app, asDeps(fakeDeps()));
  return registered;
}

describe('registerListeners', () => {
  it('registers the actions, the command, the events, the shortcut and the view submissions', () => {
    const registered = registeredBy(registerListeners);
    const count = (method: string) => registered.filter((r) => r.method === method).length;
    expect({ action: count('action'), command: count('command'), event: count('event'), shortcut: count('shortcut'), view: count('view') }).toEqual({
      action: 17,
      command: 1,
      event: 3,
      shortcut: 1,
      view: 6,
    });
  });

  it('listens to every action id the app’s blocks use, each once', () => {
    const actions = registeredBy(registerListeners).filter((r) => r.method === 'action');
    const ids = [SUGGESTION_ACTIONS, NEED_PAGE_ACTIONS, FIND_ACTIONS, HOME_ACTIONS, IMPORT_ACTIONS].flatMap((group) => Object.values(group));
    expect(actions.map((r) => r.constraint).sort()).toEqual(ids.sort());
  });

  it('listens to the submission of each modal, once', () => {
    const views = registeredBy(registerListeners).filter((r) => r.method === 'view');
    expect(views.map((r) => r.constraint).sort()).toEqual(
      [NEED_MODAL_CALLBACK_ID, RECATEGORISE_CALLBACK_ID, NEED_EDIT_CALLBACK_ID, NEED_REROUTE_CALLBACK_ID, NEED_WITHDRAW_CALLBACK_ID, IMPORT_CALLBACK_ID].sort(),
    );
  });

  it('gives each journey its own ways in', () => {
    const summary = (register: Parameters<typeof registeredBy>[0]) => registeredBy(register).map((r) => `${r.method}:${JSON.stringify(r.constraint)}`);
    expect(summary(recordNeed.register)).toEqual([
      'command:"/need"',
      `shortcut:${JSON.stringify({ callback_id: recordNeed.RECORD_NEED_SHORTCUT_ID, type: 'message_action' })}`,
      `view:"${NEED_MODAL_CALLBACK_ID}"`,
    ]);
    expect(summary(feedback.register)).toEqual([
      'event:"reaction_added"',
      'event:"reaction_removed"',
      ...[SUGGESTION_ACTIONS.claim, SUGGESTION_ACTIONS.notOurs, SUGGESTION_ACTIONS.recategorise].map((id) => `action:"${id}"`),
      `view:"${RECATEGORISE_CALLBACK_ID}"`,
    ]);
    expect(summary(needRegister.register)[0]).toBe('event:"app_home_opened"');
    expect(summary(changeNeed.register)).toHaveLength(6);
    expect(summary(importNeeds.register)).toHaveLength(3);
    expect(summary(exportNeeds.register)).toEqual([`action:"${HOME_ACTIONS.export}"`]);
  });

  it('only acks the Home-tab link button', async () => {
    const registered = registeredBy(needRegister.register);
    const args = interactionArgs({ actions: [{ action_id: FIND_ACTIONS.openHome }] });
    await callListener(registered.find((r) => r.constraint === FIND_ACTIONS.openHome)!.listener, args);
    expect(args.ack).toHaveBeenCalledExactlyOnceWith();
    expect(args.client.views.open).not.toHaveBeenCalled();
    expect(args.respond).not.toHaveBeenCalled();
  });

  it('registers the message shortcut, which acks and opens the modal', async () => {
    const registered = registeredBy(recordNeed.register);
    const shortcut = registered.find((r) => r.method === 'shortcut')!;
    const args = shortcutArgs({ trigger_id: 't', user: { id: 'U0STAFF' }, channel: { id: 'C0TYPED' }, message: { text: 'Ett behov' } });
    await callListener(shortcut.listener, args);
    expect(args.ack).toHaveBeenCalledOnce();
    expect(args.client.views.open).toHaveBeenCalledOnce();
  });
});
