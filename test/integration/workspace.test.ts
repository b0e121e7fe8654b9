// Start-up against the workspace, on the real app and the fake Slack: public team channels the
// bot is not in are joined (reactions reach a bot only where it is a member); a private one or one
// that cannot be joined is one warning line naming it; a channel that does not exist ends start-up
// with one line naming the file and the id; a refused token and a Socket Mode connection that
// never says hello end it too.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../support/fakeSlack.js';
import { FakeSocketMode } from '../support/fakeSocketMode.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

let fake: FakeSlack;
let app: TestApp | null = null;

beforeAll(async () => {
  fake = await FakeSlack.start();
});
afterEach(async () => {
  await app?.stop();
  app = null;
  fake.reset();
});
afterAll(async () => {
  await fake.stop();
});

const warnings = (logs: Record<string, unknown>[]) => logs.filter((l) => l.level === 40).map((l) => String(l.msg));

describe('channels at start', () => {
  it('joins the public channels the bot is not in, once each, and warns about a private one', async () => {
    fake.channels.set('C0IOT', { name: 'uppkopplat', isMember: false });
    fake.channels.set('C0LOGIST', { name: 'logistik', isMember: false });
    fake.channels.set('C0MATER', { name: 'material', isPrivate: true, isMember: false });
    const logs: Record<string, unknown>[] = [];
    app = await startTestApp(fake, { logs });
    const joined = fake.callsOf('conversations.join').map((c) => c.args.channel);
    expect(joined.sort()).toEqual(['C0IOT', 'C0LOGIST']);
    // One lookup per configured channel, none per post.
    expect(fake.callsOf('conversations.info')).toHaveLength(7);
    expect(warnings(logs)).toEqual([
      'channel #material (C0MATER) is private and @behovsbryggan is not in it: invite it (/invite @behovsbryggan in the channel), or reactions there never reach the app',
    ]);
    expect(logs.filter((l) => l.msg === 'joined a team channel').map((l) => l.channel)).toEqual(['C0IOT', 'C0LOGIST']);
  });

  it('warns about a channel it cannot join and one that is archived, and starts anyway', async () => {
    fake.channels.set('C0GREEN', { name: 'miljo', isArchived: true });
    fake.channels.set('C0IOT', { name: 'uppkopplat', isMember: false });
    fake.failNext('conversations.join', { slackError: 'missing_scope' });
    const logs: Record<string, unknown>[] = [];
    app = await startTestApp(fake, { logs });
    expect(warnings(logs)).toEqual([
      'could not join channel #uppkopplat (C0IOT) (missing_scope): invite @behovsbryggan to it, or reactions there never reach the app',
      'channel #miljo (C0GREEN) is archived: nothing can be posted there; change it in the channels',
    ]);
    expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
  });

  it('does not start when a configured channel does not exist, naming it', async () => {
    fake.channels.set('C0LOGIST', null);
    await expect(startTestApp(fake)).rejects.toThrow(
      'the channels: channel C0LOGIST does not exist in Fake — check the id (channel details, at the bottom), or invite @behovsbryggan if it is a private channel',
    );
    expect(fake.callsOf('chat.postMessage')).toHaveLength(0);
  });
});

describe('tokens at start', () => {
  it.each(['invalid_auth', 'token_revoked', 'account_inactive', 'not_authed'])('does not start when Slack answers %s to the bot token', async (code) => {
    fake.failNext('auth.test', { slackError: code });
    await expect(startTestApp(fake)).rejects.toThrow(
      `Slack refused SLACK_BOT_TOKEN (${code}): copy the Bot User OAuth Token (xoxb-…) again from OAuth & Permissions, and reinstall the app if it was removed`,
    );
  });

  it('does not start in Socket Mode when the connection never says hello', async () => {
    const socket = await FakeSocketMode.start();
    socket.greet = false;
    fake.socketModeUrl = socket.url;
    try {
      await expect(startTestApp(fake, { socketMode: true, socketHelloTimeoutMs: 500 })).rejects.toThrow(
        /^Socket Mode did not connect within 0.5 s \(Slack never said hello\)/,
      );
    } finally {
      fake.socketModeUrl = null;
      await socket.stop();
    }
  });

  it('does not start in Socket Mode when Slack refuses the app-level token', async () => {
    const socket = await FakeSocketMode.start();
    fake.socketModeUrl = socket.url;
    fake.failNext('apps.connections.open', { slackError: 'invalid_auth' });
    try {
      await expect(startTestApp(fake, { socketMode: true, socketHelloTimeoutMs: 5_000 })).rejects.toThrow(/^Slack refused SLACK_APP_TOKEN \(invalid_auth\)/);
    } finally {
      fake.socketModeUrl = null;
      await socket.stop();
    }
  });
});
