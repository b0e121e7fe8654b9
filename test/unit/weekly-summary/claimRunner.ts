// A second "app instance" for the exactly-once test: a separate process that claims the summaries
// due at a given time in the same SQLite file, and prints what it claimed as one JSON line.
// Usage: node --import tsx claimRunner.ts <databaseUrl> <nowIso> <channelsJson>
import type { ChannelsConfig } from '../../../src/channels/channelsConfig.js';
import { parseConfig } from '../../../src/config.js';
import { createDb } from '../../../src/platform/db/client.js';
import { createLogger } from '../../../src/logger.js';
import { runDueSummaries } from '../../../src/weekly-summary/schedule.js';

const [databaseUrl, nowIso, channelsJson] = process.argv.slice(2);
if (!databaseUrl || !nowIso || !channelsJson) throw new Error('usage: claimRunner.ts <databaseUrl> <nowIso> <channelsJson>');
const config = parseConfig({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'test-signing-secret', DATABASE_URL: databaseUrl });
const db = await createDb(databaseUrl);
try {
  const results = await runDueSummaries(
    { db, config, channels: JSON.parse(channelsJson) as ChannelsConfig, logger: createLogger('silent') },
    new Date(nowIso),
    false,
  );
  process.stdout.write(`${JSON.stringify(results)}\n`);
} finally {
  await db.$disconnect();
}
