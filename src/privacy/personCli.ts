// `person export U…` prints, as JSON, everything the app holds about a Slack user;
// `person erase U… [--name "Förnamn Efternamn"]… [--dry-run]` removes them from every table (see
// src/privacy/privacyRepository.ts) and queues the re-rendering of every message that showed them.
import { z } from 'zod';
import { loadLocale } from '../config.js';
import type { Db } from '../platform/db/client.js';
import { messages, type Locale } from '../i18n/messages.js';
import { SLACK_USER_ID } from './pseudonym.js';
import { erasePerson, exportPerson } from './privacyRepository.js';
import { parseCommandArgs, readSubcommand } from '../cli/classify.js';
import { openDatabase } from '../cli/database.js';
import type { CliIo } from '../cli/index.js';

const HELP = [
  'usage: npm run cli -- person export U…',
  '       npm run cli -- person erase U… [--name "Full Name"]… [--dry-run]',
  '',
  'export  prints as JSON everything held about the Slack user: needs recorded, needs where they are',
  '        our contact, needs they took, feedback, history entries, App Home choices, remembered presses',
  'erase   replaces their id everywhere by a pseudonym (UERASED…; counts and history still add up),',
  '        deletes their App Home choices, redacts their id (and each --name) from need texts and the',
  '        training copies, and queues an update of every posted message of the needs concerned.',
  '        Idempotent. --dry-run prints what would change and changes nothing.',
].join('\n');

const userId = z.string().regex(SLACK_USER_ID, 'a Slack user id looks like U0123ABCD (profile → ⋮ → Copy member ID)');

const exportArgs = z.object({ positionals: z.tuple([userId], { error: 'give one Slack user id' }) });
const eraseArgs = z.object({
  positionals: z.tuple([userId], { error: 'give one Slack user id' }),
  name: z.array(z.string().trim().min(2, '--name needs at least two characters').max(200)).default([]),
  'dry-run': z.boolean().default(false),
});

export interface PersonCliDeps {
  open?: () => Promise<Db>;
  locale?: () => Locale;
}

export async function runPerson(args: string[], io: CliIo, deps: PersonCliDeps = {}): Promise<number> {
  const command = readSubcommand(args, ['export', 'erase'] as const, HELP, io);
  if ('exitCode' in command) return command.exitCode;
  const { sub, rest } = command;
  const opts =
    sub === 'export'
      ? { sub, ...parseCommandArgs(rest, {}, exportArgs), name: [] as string[], 'dry-run': false }
      : { sub, ...parseCommandArgs(rest, { name: { type: 'string', multiple: true }, 'dry-run': { type: 'boolean' } }, eraseArgs) };
  const locale = (deps.locale ?? loadLocale)();
  const db = await (deps.open ?? (() => openDatabase()))();
  try {
    const [id] = opts.positionals;
    if (opts.sub === 'export') {
      io.stdout(JSON.stringify(await exportPerson(db, id), null, 2));
      return 0;
    }
    const result = await erasePerson(db, id, { names: opts.name, redaction: messages(locale).privacy.redaction, dryRun: opts['dry-run'] });
    const total = Object.values(result.changed).reduce((a, b) => a + b, 0);
    io.stdout(`${result.dryRun ? 'dry run: would change' : 'changed'} (rows per table):`);
    for (const [table, count] of Object.entries(result.changed)) io.stdout(`  ${table.padEnd(42)} ${count}`);
    if (total === 0) io.stdout(`nothing held about ${id}${result.dryRun ? '' : ' (already erased?)'}`);
    else io.stdout(`${id} → ${result.pseudonym ?? '(no id rows)'}; needs concerned: ${result.needIds.join(', ') || 'none'}`);
    if (!result.dryRun && result.changed['OutboxMessage (message updates queued)'] > 0) io.stdout('the running app updates those messages within seconds');
    return 0;
  } finally {
    await db.$disconnect();
  }
}
