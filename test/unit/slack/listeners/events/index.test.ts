// The events folder registers its three listeners with Bolt.
import { describe, expect, it } from 'vitest';
import { register } from '../../../../../src/slack/listeners/events/index.js';
import { asDeps, fakeApp, fakeDeps } from '../../../../support/listenerArgs.js';

describe('events register', () => {
  it('listens for reactions added and removed and for the App Home opening', () => {
    const { app, registered } = fakeApp();
    register(app, asDeps(fakeDeps()));
    expect(registered.map((r) => [r.method, r.constraint])).toEqual([
      ['event', 'reaction_added'],
      ['event', 'reaction_removed'],
      ['event', 'app_home_opened'],
    ]);
  });
});
