import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bindChannels, ChannelsConfigError, parseChannelsConfig, parseChannelsFile, type ChannelsConfig } from '../../../src/channels/channelsConfig.js';
import { routeNeed } from '../../../src/channels/routing.js';
import { SHIPPED_SLUGS } from '../../support/shippedMatcher.js';

/** Another region's areas (regions/jonkoping), for what binding to a pack means. */
const JONKOPING_SLUGS = ['smart-industri', 'ehandel-logistik', 'skog-tra', 'besoksnaring', 'livsmedel'];

const VALID = `
intake: C0INTAKE
teams:
  - channel: C0VISUAL
    areas: [visualisering]
    weekly_summary: true
  - channel: C0MIXED
    areas: [uppkopplade, logistik]
  - channel: G0REGION
    areas: all
    weekly_summary: true
`;

function rejection(yamlText: string): string {
  try {
    parseChannelsConfig(yamlText, SHIPPED_SLUGS, 'channels.yml');
  } catch (error) {
    expect(error).toBeInstanceOf(ChannelsConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the channels file to be rejected');
}

describe('parseChannelsConfig', () => {
  it('reads intake, teams, area lists, `areas: all` and weekly_summary (default false)', () => {
    expect(parseChannelsConfig(VALID, SHIPPED_SLUGS)).toEqual({
      intake: 'C0INTAKE',
      teams: [
        { channel: 'C0VISUAL', areas: ['visualisering'], weeklySummary: true },
        { channel: 'C0MIXED', areas: ['uppkopplade', 'logistik'], weeklySummary: false },
        { channel: 'G0REGION', areas: 'all', weeklySummary: true },
      ],
      admins: [],
      areas: ['visualisering', 'uppkopplade', 'miljonytta', 'logistik', 'material'],
    });
  });

  it('accepts a file with only an intake channel', () => {
    expect(parseChannelsConfig('intake: C0INTAKE\n', SHIPPED_SLUGS)).toEqual({ intake: 'C0INTAKE', teams: [], admins: [], areas: [...SHIPPED_SLUGS] });
  });

  describe('admins', () => {
    it('reads Slack user ids (U… and W…), each once, in the order written', () => {
      const config = parseChannelsConfig(`${VALID}admins: [U0ADMIN1, W0GRID2, U0ADMIN1, U0THIRD]\n`, SHIPPED_SLUGS);
      expect(config.admins).toEqual(['U0ADMIN1', 'W0GRID2', 'U0THIRD']);
      expect(config.teams).toHaveLength(3);
    });

    it('is empty when absent or written as []', () => {
      expect(parseChannelsConfig(VALID, SHIPPED_SLUGS).admins).toEqual([]);
      expect(parseChannelsConfig('intake: C0INTAKE\nadmins: []\n', SHIPPED_SLUGS).admins).toEqual([]);
    });

    it('names the field and the place of an id that is not a Slack user id', () => {
      const message = rejection('intake: C0INTAKE\nadmins:\n  - U0GOOD\n  - "@anna"\n');
      expect(message).toBe('channels.yml: admins.1 must be a Slack user id such as U0123ABCD (profile → ⋮ → Copy member ID)');
    });

    it.each([
      ['a channel id', 'C0INTAKE'],
      ['a lower-case id', 'u0admin'],
      ['a number', '12345'],
      ['a display name', 'Anna Svensson'],
      ['an over-long id', `U${'A'.repeat(300)}`],
    ])('rejects %s', (_what, id) => {
      expect(rejection(`intake: C0INTAKE\nadmins: [${id}]\n`)).toMatch(/^channels\.yml: admins\.0 must be a Slack user id/);
    });

    it('rejects admins that are not a list, naming the field', () => {
      expect(rejection('intake: C0INTAKE\nadmins: U0ADMIN\n')).toMatch(/^channels\.yml: admins /);
    });

    it('reports a bad admin together with other problems, one line each', () => {
      const lines = rejection('intake: nope\nadmins: [x]\n').split('\n');
      expect(lines).toHaveLength(2);
      expect(lines.some((l) => l.startsWith('channels.yml: admins.0 '))).toBe(true);
    });
  });

  it('accepts the shipped channels.example.yml', () => {
    const config = parseChannelsConfig(readFileSync(new URL('../../../channels.example.yml', import.meta.url), 'utf8'), SHIPPED_SLUGS);
    expect(config.teams.map((t) => t.areas)).toContainEqual('all');
    expect(config.teams).toHaveLength(6);
  });

  const UNKNOWN_SLUG = 'intake: C0INTAKE\nteams:\n  - channel: C0X\n    areas: [visualisering, rymdteknik]\n';

  it('names the file and the place of an unknown area slug', () => {
    expect(rejection(UNKNOWN_SLUG)).toMatch(/^channels\.yml: teams\.0\.areas/);
  });

  it('says the slug is unknown and lists the known slugs', () => {
    const message = rejection(UNKNOWN_SLUG);
    expect(message).toContain('unknown area slug');
    expect(message).toContain('visualisering, uppkopplade, miljonytta, logistik, material');
  });

  describe('bound to the region pack', () => {
    it('reads the file as written without a region: slugs by their form, `all` kept as written', () => {
      const file = parseChannelsFile('intake: C0INTAKE\nteams:\n  - channel: C0X\n    areas: [skog-tra]\n  - channel: C0ALL\n    areas: all\n');
      expect(file).toEqual({
        intake: 'C0INTAKE',
        teams: [
          { channel: 'C0X', areas: ['skog-tra'], weeklySummary: false },
          { channel: 'C0ALL', areas: 'all', weeklySummary: false },
        ],
        admins: [],
      });
      expect(file).not.toHaveProperty('areas');
    });

    it('takes another pack’s slugs, and `areas: all` means that pack’s areas in its order', () => {
      const file = parseChannelsFile('intake: C0INTAKE\nteams:\n  - channel: C0X\n    areas: [skog-tra, besoksnaring]\n  - channel: C0ALL\n    areas: all\n');
      const bound = bindChannels(file, JONKOPING_SLUGS);
      expect(bound.areas).toEqual(JONKOPING_SLUGS);
      expect(bound.teams).toEqual(file.teams);
      expect(parseChannelsConfig('intake: C0INTAKE\nteams:\n  - channel: C0X\n    areas: [skog-tra]\n', JONKOPING_SLUGS).areas).toEqual(JONKOPING_SLUGS);
    });

    it('refuses a slug of another region, naming it and this region’s slugs', () => {
      let message = '';
      try {
        bindChannels(parseChannelsFile(VALID), JONKOPING_SLUGS, 'channels.yml');
      } catch (error) {
        expect(error).toBeInstanceOf(ChannelsConfigError);
        message = (error as Error).message;
      }
      const lines = message.split('\n');
      expect(lines).toHaveLength(2); // C0VISUAL's and C0MIXED's, one line each
      expect(lines[0]).toMatch(/^channels\.yml: teams\.0\.areas unknown area slug "visualisering"/);
      expect(lines[1]).toMatch(/^channels\.yml: teams\.1\.areas unknown area slug "uppkopplade", "logistik"/);
      for (const line of lines) expect(line).toContain('smart-industri, ehandel-logistik, skog-tra, besoksnaring, livsmedel');
    });

    it('does not keep the caller’s array: the bound areas are a copy', () => {
      const slugs = [...SHIPPED_SLUGS];
      const bound = bindChannels(parseChannelsFile('intake: C0INTAKE\n'), slugs);
      slugs.pop();
      expect(bound.areas).toEqual([...SHIPPED_SLUGS]);
    });
  });

  it('rejects an empty area list', () => {
    expect(rejection('intake: C0INTAKE\nteams:\n  - channel: C0X\n    areas: []\n')).toMatch(/list at least one area, or write `areas: all`/);
  });

  it('names the file for malformed YAML, in one line', () => {
    const message = rejection('intake: C0INTAKE\nteams:\n  - channel: [C0X\n');
    expect(message).toMatch(/^channels\.yml is not valid YAML: /);
    expect(message).not.toContain('\n');
  });

  it('requires an intake channel', () => {
    expect(rejection('teams:\n  - channel: C0X\n    areas: all\n')).toMatch(/^channels\.yml: intake must be a Slack channel id/);
  });

  it('rejects something that is not a channel id', () => {
    expect(rejection('intake: "#intag"\n')).toMatch(/^channels\.yml: intake must be a Slack channel id such as C0123ABCD$/);
    expect(rejection('intake: C0INTAKE\nteams:\n  - channel: general\n    areas: all\n')).toMatch(/teams\.0\.channel must be a Slack channel id/);
  });

  it('rejects an empty file', () => {
    expect(rejection('')).toMatch(/^channels\.yml: /);
  });

  it('rejects a channel listed twice under teams', () => {
    const message = rejection('intake: C0INTAKE\nteams:\n  - channel: C0DUP\n    areas: [material]\n  - channel: C0DUP\n    areas: all\n');
    expect(message).toBe('channels.yml: channel C0DUP is listed twice under teams');
  });

  it('reports every schema problem, one line each', () => {
    const message = rejection('intake: nope\nteams:\n  - channel: C0X\n    areas: [rymd]\n');
    expect(message.split('\n')).toHaveLength(2);
  });
});

describe('routeNeed', () => {
  const config: ChannelsConfig = {
    intake: 'C0INTAKE',
    teams: [
      { channel: 'C0VISUAL', areas: ['visualisering'], weeklySummary: true },
      { channel: 'C0MIXED', areas: ['uppkopplade', 'logistik'], weeklySummary: false },
      { channel: 'C0LOGIST', areas: ['logistik'], weeklySummary: false },
      { channel: 'C0REGION', areas: 'all', weeklySummary: true },
    ],
    areas: [...SHIPPED_SLUGS],
  };

  it('sends a matched need to the teams watching its areas and to every `all` channel, not intake', () => {
    expect(routeNeed(config, ['visualisering'])).toEqual([
      { channel: 'C0VISUAL', reason: 'area' },
      { channel: 'C0REGION', reason: 'all' },
    ]);
  });

  it('lists each channel once even when several of its areas match', () => {
    const routes = routeNeed(config, ['uppkopplade', 'logistik']);
    expect(routes).toEqual([
      { channel: 'C0MIXED', reason: 'area' },
      { channel: 'C0LOGIST', reason: 'area' },
      { channel: 'C0REGION', reason: 'all' },
    ]);
    expect(new Set(routes.map((r) => r.channel)).size).toBe(routes.length);
  });

  it('sends an abstained need to intake and the `all` channels', () => {
    expect(routeNeed(config, [])).toEqual([
      { channel: 'C0INTAKE', reason: 'intake' },
      { channel: 'C0REGION', reason: 'all' },
    ]);
  });

  it('does not lose a need in an area nobody watches: the `all` channels get it', () => {
    expect(routeNeed(config, ['material'])).toEqual([{ channel: 'C0REGION', reason: 'all' }]);
  });

  it('falls back to intake for an area nobody watches when there is no `all` channel', () => {
    const noAll = { ...config, teams: config.teams.filter((t) => t.areas !== 'all') };
    expect(routeNeed(noAll, ['material'])).toEqual([{ channel: 'C0INTAKE', reason: 'intake' }]);
    expect(routeNeed(noAll, [])).toEqual([{ channel: 'C0INTAKE', reason: 'intake' }]);
  });

  it('does not post twice when the intake channel is also a team channel', () => {
    const shared: ChannelsConfig = { intake: 'C0REGION', teams: [{ channel: 'C0REGION', areas: 'all', weeklySummary: true }], areas: [...SHIPPED_SLUGS] };
    expect(routeNeed(shared, [])).toEqual([{ channel: 'C0REGION', reason: 'intake' }]);
  });

  it('routes to nothing but intake with no teams at all', () => {
    expect(routeNeed({ intake: 'C0INTAKE', teams: [], areas: [...SHIPPED_SLUGS] }, ['logistik'])).toEqual([{ channel: 'C0INTAKE', reason: 'intake' }]);
  });
});
