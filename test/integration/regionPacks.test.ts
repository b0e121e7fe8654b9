// Any region: the core flow on packs other than Östergötland, each starting cold (no labelled
// needs) on a fresh database — /need → the modal with the pack's municipalities → stored →
// classified → posted to the pack's area channel → the weekly summary — on Jönköping's pack and on
// the English test pack (English stemming, English texts by default). And a database belongs to
// one region: starting it with another region's pack is refused, saying so.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelsFile } from '../../src/channels/channelsConfig.js';
import { parseConfig, type Config } from '../../src/config.js';
import { messages } from '../../src/i18n/messages.js';
import { createLogger } from '../../src/logger.js';
import { isoWeekOf } from '../../src/platform/isoWeek.js';
import { RegionMismatchError } from '../../src/region/referenceDataRepository.js';
import { loadRegionPack, type RegionPack } from '../../src/region/regionPack.js';
import { type RunningServer, startServer } from '../../src/server.js';
import { claimSummaries } from '../../src/weekly-summary/weeklySummary.js';
import { FakeSlack } from '../support/fakeSlack.js';
import { needSubmissionPayload, postCommand, postInteraction, SIGNING_SECRET } from '../support/slackRequests.js';
import { trainOnce } from '../support/templates.js';
import { tempDir } from '../support/testApp.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface PackCase {
  name: string;
  dir: string;
  /** A need that plainly belongs to `area`. */
  need: { municipality: string; title: string; description: string };
  area: string;
  locale: 'sv' | 'en';
}

const CASES: PackCase[] = [
  {
    name: 'Jönköping',
    dir: path.join(ROOT, 'regions/jonkoping'),
    need: {
      municipality: 'Vaggeryd',
      title: 'Samordnade varuleveranser',
      description:
        'Vi vill samordna varuleveranserna till kommunens verksamheter och minska antalet lastbilar: ett gemensamt lager, e-handel och leveranser sista milen.',
    },
    area: 'ehandel-logistik',
    locale: 'sv',
  },
  {
    name: 'the English test pack',
    dir: path.join(ROOT, 'test/fixtures/regions/english'),
    need: {
      municipality: 'Chatteris',
      title: 'Heat pumps for the primary school',
      description: 'The primary school needs heat pumps, insulation and solar panels on the roof to cut heating bills and carbon emissions.',
    },
    area: 'clean-energy',
    locale: 'en',
  },
];

/** A channel per area, one for every area, the intake: as a region's channels file would say. */
function channelsFor(pack: RegionPack): ChannelsFile {
  return {
    intake: 'C0INTAKE',
    teams: [
      ...pack.areas.map((a, i) => ({ channel: `C0AREA${i}`, areas: [a.slug], weeklySummary: false })),
      { channel: 'C0ALLAREAS', areas: 'all' as const, weeklySummary: true },
    ],
  };
}

function configFor(fake: FakeSlack, dir: string, pack: string): Config {
  return parseConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    PORT: '0',
    DATABASE_URL: `file:${path.join(dir, 'region.db')}`,
    SLACK_API_URL: fake.url,
    LOG_LEVEL: 'silent',
    REGION_PACK: pack,
    MATCHER_CACHE_DIR: 'off', // trainOnce keeps the models; never the repository's .cache
  });
}

function start(config: Config, channels: ChannelsFile): Promise<RunningServer> {
  return startServer(config, {
    logger: createLogger('silent'),
    channels,
    outbox: { pollIntervalMs: 60_000, baseDelayMs: 20 },
    retrainDebounceMs: 60_000,
    quietMs: 5,
    trainMatcher: trainOnce,
  });
}

describe.each(CASES)('a region pack: $name, cold', (c) => {
  const pack = loadRegionPack(c.dir);
  const channels = channelsFor(pack);
  let fake: FakeSlack;
  let dir: string;
  let config: Config;
  let server: RunningServer;
  let baseUrl: string;

  beforeAll(async () => {
    fake = await FakeSlack.start();
    dir = tempDir('region-pack-');
    config = configFor(fake, dir, c.dir);
    const authTests = fake.callsOf('auth.test').length;
    server = await start(config, channels);
    await fake.waitForCalls('auth.test', authTests + 2);
    baseUrl = `http://127.0.0.1:${server.port}`;
  });

  afterAll(async () => {
    await server.stop();
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes its language from the pack, stores its region and has no labelled needs to train on', async () => {
    expect(config.locale).toBe(c.locale);
    expect(config.summary.timezone).toBe(pack.region.timezone);
    expect(await server.db.region.findMany({ select: { slug: true } })).toEqual([{ slug: pack.region.slug }]);
    expect(await server.db.trainingExample.count()).toBe(0);
    expect((await server.db.strengthArea.findMany({ orderBy: { position: 'asc' } })).map((a) => a.slug)).toEqual(pack.areas.map((a) => a.slug));
  });

  it('records a need of one of its municipalities and posts it to that area’s channel', async () => {
    const res = await postCommand(baseUrl, { channelId: 'C0TYPED', userId: 'U0STAFF' });
    expect(res.status).toBe(200);
    await fake.waitForCalls('views.open', 1);
    const view = fake.callsOf('views.open')[0]!.args.view as { title: { text: string }; private_metadata: string };
    expect(view.title.text).toBe(messages(c.locale).modal.title);
    const modal = JSON.stringify(view);
    for (const m of pack.municipalities) expect(modal).toContain(`"${m.name}"`);
    expect(modal).not.toContain('Norrköping');

    const municipality = await server.db.municipality.findUniqueOrThrow({ where: { name: c.need.municipality } });
    const submitted = await postInteraction(
      baseUrl,
      needSubmissionPayload({ municipalityId: String(municipality.id), title: c.need.title, description: c.need.description }, view.private_metadata),
    );
    expect(submitted.status).toBe(200);
    await server.settled();

    const need = await server.db.need.findFirstOrThrow({ include: { classifications: { where: { suggested: true } } } });
    expect(need.classifications.map((k) => k.areaSlug)).toEqual([c.area]);
    const areaChannel = `C0AREA${pack.areas.findIndex((a) => a.slug === c.area)}`;
    const posted = fake.callsOf('chat.postMessage').map((call) => call.args.channel);
    expect(posted).toContain(areaChannel);
    expect(posted).toContain('C0ALLAREAS');
    const message = JSON.stringify(fake.callsOf('chat.postMessage').find((call) => call.args.channel === areaChannel)!.args.blocks);
    expect(message).toContain(c.need.title);
    expect(message).toContain(pack.areas.find((a) => a.slug === c.area)![c.locale === 'sv' ? 'name' : 'name_en']);
  });

  it('posts the weekly summary with the pack’s areas', async () => {
    const week = isoWeekOf(new Date(), config.summary.timezone);
    const claims = await claimSummaries(server.db, [{ channel: 'C0ALLAREAS', areas: 'all', weeklySummary: true }], week, config.summary.timezone, 'cli');
    expect(claims.map((r) => r.claimed)).toEqual([true]);
    server.outbox.wake();
    await server.drained();
    const uploads = fake.callsOf('files.completeUploadExternal').filter((call) => call.args.channel_id === 'C0ALLAREAS');
    expect(uploads).toHaveLength(1);
    const summary = JSON.stringify(uploads[0]!.args.blocks);
    const area = pack.areas.find((a) => a.slug === c.area)!;
    expect(summary).toContain(c.locale === 'sv' ? (area.short_name ?? area.name) : (area.short_name_en ?? area.name_en));
    expect(summary).toContain(c.need.municipality);
  });

  it('refuses to start this database with another region’s pack, saying whose it is', async () => {
    const otherRegion = configFor(fake, dir, path.join(ROOT, 'regions/ostergotland'));
    const started = start(otherRegion, { intake: 'C0INTAKE', teams: [] });
    await expect(started).rejects.toBeInstanceOf(RegionMismatchError);
    await expect(started).rejects.toThrow(`this database belongs to ${pack.region.name} (${pack.region.slug}), not to Region Östergötland (ostergotland)`);
  });
});
