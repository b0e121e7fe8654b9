// manifest.yml asks Slack for exactly the scopes the code declares it needs (src/slack/scopes.ts),
// and subscribes to the events the listeners handle.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { REQUIRED_BOT_SCOPES } from '../../src/slack/scopes.js';

const manifest = parse(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8')) as {
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] } };
};

describe('manifest.yml', () => {
  it('asks for exactly the bot scopes the code needs', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...REQUIRED_BOT_SCOPES].sort());
  });

  it('subscribes to the reaction events', () => {
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(['reaction_added', 'reaction_removed']));
  });
});
