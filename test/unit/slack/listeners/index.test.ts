// registerListeners wires every listener kind's folder into the app.
import { describe, expect, it } from 'vitest';
import { registerListeners } from '../../../../src/slack/listeners/index.js';
import { asDeps, fakeApp, fakeDeps } from '../../../support/listenerArgs.js';

describe('registerListeners', () => {
  it('registers the actions, the command, the events, the shortcut and the view submissions', () => {
    const { app, registered } = fakeApp();
    registerListeners(app, asDeps(fakeDeps()));
    const count = (method: string) => registered.filter((r) => r.method === method).length;
    expect({ action: count('action'), command: count('command'), event: count('event'), shortcut: count('shortcut'), view: count('view') }).toEqual({
      action: 17,
      command: 1,
      event: 3,
      shortcut: 1,
      view: 6,
    });
  });
});
