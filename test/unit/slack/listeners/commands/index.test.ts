// The commands folder registers /need.
import { describe, expect, it } from 'vitest';
import { register } from '../../../../../src/slack/listeners/commands/index.js';
import { asDeps, fakeApp, fakeDeps } from '../../../../support/listenerArgs.js';

describe('commands register', () => {
  it('registers /need', () => {
    const { app, registered } = fakeApp();
    register(app, asDeps(fakeDeps()));
    expect(registered.map((r) => [r.method, r.constraint])).toEqual([['command', '/need']]);
  });
});
