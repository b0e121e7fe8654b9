// `need erase-contact ID`: clears a need's "Kontakt i kommunen" (free text about a person at the
// municipality), with a history entry, and queues the update of its posted messages.
import { z } from 'zod';
import type { Db } from '../platform/db/client.js';
import { eraseMunicipalContact } from './privacyRepository.js';
import { parseCommandArgs, readSubcommand } from '../cli/classify.js';
import { openDatabase } from '../cli/database.js';
import type { CliIo } from '../cli/index.js';

const HELP = [
  'usage: npm run cli -- need erase-contact ID',
  '',
  'erase-contact  clears the need\'s municipal contact ("Kontakt i kommunen"), notes it in the need\'s',
  '               history and updates its posted messages. Done automatically RETENTION_MONTHS',
  '               (default 36) after a need was resolved or withdrawn.',
].join('\n');

const args = z.object({ positionals: z.tuple([z.string().regex(/^[1-9][0-9]{0,14}$/, 'a need id is a whole number')], { error: 'give one need id' }) });

export async function runNeed(argv: string[], io: CliIo, open: () => Promise<Db> = () => openDatabase()): Promise<number> {
  const command = readSubcommand(argv, ['erase-contact'] as const, HELP, io);
  if ('exitCode' in command) return command.exitCode;
  const { rest } = command;
  const [id] = parseCommandArgs(rest, {}, args).positionals;
  const db = await open();
  try {
    const result = await eraseMunicipalContact(db, Number(id), { reason: 'manual' });
    if (!result.ok) {
      io.stderr(`no need ${id}`);
      return 1;
    }
    io.stdout(result.erased ? `need ${id}: municipal contact erased; its messages will be updated` : `need ${id} has no municipal contact (nothing to erase)`);
    return 0;
  } finally {
    await db.$disconnect();
  }
}
