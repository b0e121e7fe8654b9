// `doctor` against the fake Slack and a real SQLite file: a good workspace passes every check
// (exit 0); a bad token, a missing scope, a missing channel and a private channel without the bot
// each fail with what to do (exit 1). Swedish by default, English with LOCALE=en, no colours
// when the output is not a terminal.
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ChannelsConfig } from '../../src/channels/channelsConfig.js';
import { runDoctor, type DoctorEnv } from '../../src/cli/doctor.js';
import { parseConfig } from '../../src/config.js';
import { MATCHER_CACHE_FILE } from '../../src/training/matcherCache.js';
import { REQUIRED_BOT_SCOPES } from '../../src/platform/slack/scopes.js';
import { FakeSlack } from '../support/fakeSlack.js';
import { FakeSocketMode } from '../support/fakeSocketMode.js';
import { SHIPPED_SLUGS } from '../support/shippedMatcher.js';
import { trainOnce } from '../support/templates.js';
import { tempDir } from '../support/testApp.js';

const SECRET = '0123456789abcdef0123456789abcdef';
const CHANNELS: ChannelsConfig = {
  intake: 'C0INTAKE',
  teams: [
    { channel: 'C0IOT', areas: ['uppkopplade'], weeklySummary: true },
    { channel: 'C0REGION', areas: 'all', weeklySummary: true },
  ],
  areas: [...SHIPPED_SLUGS],
};

let fake: FakeSlack;
let dir: string;

beforeAll(async () => {
  fake = await FakeSlack.start();
  dir = tempDir('doctor-');
});
afterAll(async () => {
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  fake.reset();
  fake.grantedScopes = [...REQUIRED_BOT_SCOPES];
});

async function doctor(env: Record<string, string> = {}, options: { isTTY?: boolean; train?: DoctorEnv['train'] } = {}) {
  const out: string[] = [];
  const io = { stdout: (l: string) => out.push(l), stderr: (l: string) => out.push(l), readText: () => '' };
  const vars: Record<string, string> = {
    SLACK_BOT_TOKEN: 'xoxb-doctor',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.url,
    DATABASE_URL: `file:${path.join(dir, 'doctor.db')}`,
    MATCHER_CACHE_DIR: 'off',
    ...env,
  };
  const doctorEnv: DoctorEnv = {
    loadConfig: () => parseConfig(vars),
    loadChannels: () => CHANNELS,
    isTTY: options.isTTY ?? false,
    locale: () => (vars.LOCALE === 'en' ? 'en' : 'sv'),
    train: options.train ?? trainOnce, // the shipped data's model, trained once per run
  };
  const code = await runDoctor([], { ...io }, doctorEnv);
  return { code, out };
}

describe('doctor', () => {
  it('passes a good workspace: every line ✔, exit 0, plain text', async () => {
    const { code, out } = await doctor();
    expect(code).toBe(0);
    expect(out[0]).toBe('Behovsbryggan doctor: kontrollerar att flödet fungerar');
    expect(out.filter((l) => l.startsWith('✘'))).toEqual([]);
    expect(out).toContain('✔ Bot-token fungerar: arbetsyta Fake, bot @behovsbryggan');
    expect(out).toContain(`✔ Appen har alla ${REQUIRED_BOT_SCOPES.length} behörigheter som manifest.yml ber om`);
    expect(out).toContain('✔ HTTP-läge: signeringsnyckeln är satt och ser ut som en');
    expect(out).toContain('✔ Kanalen #c0intake (C0INTAKE): boten är medlem');
    expect(out.some((l) => /^✔ Databasen svarar, tar emot skrivningar och har alla \d+ migreringar$/.test(l))).toBe(true);
    expect(out.some((l) => /^✔ Matchningen tränar \(\d+ exempel, modell tfidf-/.test(l))).toBe(true);
    expect(out.at(-1)).toBe('Allt ser bra ut. Starta med npm start och skriv /need i Slack.');
    expect(out.join('\n')).not.toContain('\u001b['); // no colours outside a terminal
    expect(fake.callsOf('conversations.join')).toHaveLength(0); // doctor only looks
  });

  it('trains behind the matcher cache, as start does: a second run loads the model the first stored', async () => {
    let trained = 0;
    const counting: DoctorEnv['train'] = (data) => {
      trained++;
      return trainOnce(data);
    };
    const cache = { MATCHER_CACHE_DIR: path.join(dir, 'matcher-cache') };
    const first = await doctor(cache, { train: counting });
    const second = await doctor(cache, { train: counting });
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(trained).toBe(1);
    expect(existsSync(path.join(dir, 'matcher-cache', MATCHER_CACHE_FILE))).toBe(true);
    const version = (out: string[]) => out.find((l) => l.startsWith('✔ Matchningen tränar'));
    expect(version(second.out)).toBe(version(first.out));
  });

  it('fails a refused token with what to do, and speaks English with LOCALE=en', async () => {
    fake.failNext('auth.test', { slackError: 'invalid_auth' });
    const { code, out } = await doctor({ LOCALE: 'en' });
    expect(code).toBe(1);
    expect(out).toContain('✘ The bot token does not work');
    expect(out).toContain(
      '    → Slack refused SLACK_BOT_TOKEN (invalid_auth): copy the Bot User OAuth Token (xoxb-…) again from OAuth & Permissions, and reinstall the app if it was removed',
    );
    expect(out.at(-1)).toBe('1 check failed: fix them and run doctor again.');
  });

  it('names a missing scope', async () => {
    fake.grantedScopes = REQUIRED_BOT_SCOPES.filter((s) => s !== 'channels:join' && s !== 'reactions:read');
    const { code, out } = await doctor();
    expect(code).toBe(1);
    expect(out).toContain('✘ Behörigheter saknas: channels:join, reactions:read');
    expect(out).toContain('    → lägg till dem under OAuth & Permissions (eller klistra in manifest.yml igen) och installera om appen');
  });

  it('names a missing channel and a private channel without the bot, and passes one it can join', async () => {
    fake.channels.set('C0IOT', null);
    fake.channels.set('C0REGION', { name: 'region', isPrivate: true, isMember: false });
    fake.channels.set('C0INTAKE', { name: 'intag', isMember: false });
    const { code, out } = await doctor();
    expect(code).toBe(1);
    expect(out).toContain('✘ Kanalen C0IOT finns inte (eller är privat utan boten)');
    expect(out).toContain('✘ Kanalen #region (C0REGION) är privat och boten är inte medlem');
    expect(out).toContain('    → skriv /invite @behovsbryggan i kanalen');
    expect(out).toContain('✔ Kanalen #intag (C0INTAKE): boten går med när appen startar');
    expect(out.at(-1)).toBe('2 kontroller misslyckades: åtgärda dem och kör doctor igen.');
  });

  it('checks the signing secret in HTTP mode and the app token in Socket Mode', async () => {
    const weak = await doctor({ SLACK_SIGNING_SECRET: 'not-a-secret-at-all' });
    expect(weak.code).toBe(1);
    expect(weak.out).toContain('✘ HTTP-läge: SLACK_SIGNING_SECRET ser inte ut som en signeringsnyckel från Slack (32 hexadecimala tecken)');

    const socket = await FakeSocketMode.start();
    fake.socketModeUrl = socket.url;
    try {
      const ok = await doctor({ SLACK_SIGNING_SECRET: '', SLACK_APP_TOKEN: 'xapp-1-A0APP-1-doctor' });
      expect(ok.code).toBe(0);
      expect(ok.out).toContain('✔ App-token öppnar en Socket Mode-anslutning');
      fake.failNext('apps.connections.open', { slackError: 'invalid_auth' });
      const refused = await doctor({ SLACK_SIGNING_SECRET: '', SLACK_APP_TOKEN: 'xapp-1-A0APP-1-doctor' });
      expect(refused.code).toBe(1);
      expect(refused.out).toContain('✘ App-token öppnar ingen Socket Mode-anslutning');
    } finally {
      fake.socketModeUrl = null;
      await socket.stop();
    }
  });

  it('fails a configuration that start would refuse, without calling Slack', async () => {
    const { code, out } = await doctor({ SLACK_BOT_TOKEN: 'xoxb-your-bot-token' });
    expect(code).toBe(1);
    expect(out[1]).toBe('✘ Konfigurationen är ogiltig');
    expect(out[2]).toContain('SLACK_BOT_TOKEN is still the example value');
    expect(fake.calls).toHaveLength(0);
  });

  it('colours the marks on a terminal', async () => {
    const { out } = await doctor({}, { isTTY: true });
    expect(out.some((l) => l.startsWith('\u001b[32m✔\u001b[0m '))).toBe(true);
  });
});
