// The views folder registers a submission listener for every modal the app opens with a submit button.
import { describe, expect, it } from 'vitest';
import { NEED_REROUTE_CALLBACK_ID, NEED_WITHDRAW_CALLBACK_ID } from '../../../../../src/slack/blocks/needChangeModals.js';
import { IMPORT_CALLBACK_ID } from '../../../../../src/slack/blocks/importModal.js';
import { NEED_EDIT_CALLBACK_ID, NEED_MODAL_CALLBACK_ID } from '../../../../../src/slack/blocks/needModal.js';
import { RECATEGORISE_CALLBACK_ID } from '../../../../../src/slack/blocks/recategoriseModal.js';
import { register } from '../../../../../src/slack/listeners/views/index.js';
import { asDeps, fakeApp, fakeDeps } from '../../../../support/listenerArgs.js';

describe('views register', () => {
  it('listens to the submission of each modal, once', () => {
    const { app, registered } = fakeApp();
    register(app, asDeps(fakeDeps()));
    expect(registered.every((r) => r.method === 'view')).toBe(true);
    expect(registered.map((r) => r.constraint)).toEqual([
      NEED_MODAL_CALLBACK_ID,
      RECATEGORISE_CALLBACK_ID,
      NEED_EDIT_CALLBACK_ID,
      NEED_REROUTE_CALLBACK_ID,
      NEED_WITHDRAW_CALLBACK_ID,
      IMPORT_CALLBACK_ID,
    ]);
  });
});
