// `outbox list [--status unsent|failed|pending|sent|all] [--limit 50] [--json]` shows what the
// outbox holds; `outbox retry ID… | --failed` queues failed (or stuck) posts again — the running
// app sends them at its next look (within seconds). A row that was sent is never sent again.
import { z } from 'zod';
import type { Db } from '../platform/db/client.js';
import { listOutbox, retryOutbox } from '../platform/outbox/outboxRepository.js';
import { parseCommandArgs, readSubcommand } from './classify.js';
import { openDatabase } from './database.js';
import type { CliIo } from './index.js';

const HELP = [
  'usage: npm run cli -- outbox list [--status unsent|failed|pending|sent|all] [--limit 50] [--json]',
  '       npm run cli -- outbox retry ID… | --failed',
  '',
  'list   rows of the outbox (default: those not sent), oldest first, with attempts and the last error',
  'retry  queue the given rows (or every failed one) again; the running app sends them within seconds',
].join('\n');

const listArgs = z.object({
  status: z.enum(['unsent', 'failed', 'pending', 'sent', 'all']).default('unsent'),
  limit: z.coerce.number().int().min(1).max(10_000).default(50),
  json: z.boolean().default(false),
  positionals: z.array(z.string()).max(0, 'unexpected arguments'),
});

const retryArgs = z
  .object({
    failed: z.boolean().default(false),
    positionals: z.array(z.string().regex(/^[1-9][0-9]{0,14}$/, 'ids are whole numbers, as `outbox list` shows them')),
  })
  .refine((a) => a.failed !== a.positionals.length > 0, { error: 'give row ids or --failed, not both' });

export async function runOutbox(args: string[], io: CliIo, open: () => Promise<Db> = () => openDatabase()): Promise<number> {
  const command = readSubcommand(args, ['list', 'retry'] as const, HELP, io);
  if ('exitCode' in command) return command.exitCode;
  const { sub, rest } = command;
  const opts =
    sub === 'list'
      ? { sub: 'list' as const, ...parseCommandArgs(rest, { status: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } }, listArgs) }
      : { sub: 'retry' as const, ...parseCommandArgs(rest, { failed: { type: 'boolean' } }, retryArgs) };
  const db = await open();
  try {
    if (opts.sub === 'list') {
      const rows = await listOutbox(db, opts.status, opts.limit);
      if (opts.json) {
        for (const row of rows) io.stdout(JSON.stringify(row));
        return 0;
      }
      if (rows.length === 0) io.stdout(`no ${opts.status === 'all' ? '' : `${opts.status} `}rows in the outbox`);
      for (const r of rows) {
        const next = r.status === 'pending' ? ` next ${r.nextAttemptAt.toISOString()}` : '';
        io.stdout(`${r.id}\t${r.status}\t${r.kind}\t${r.lane || '-'}\tattempts ${r.attempts}${next}${r.lastError ? `\t${r.lastError}` : ''}`);
      }
      return 0;
    }
    const { queued, skipped } = await retryOutbox(db, opts.failed ? 'failed' : opts.positionals.map(Number));
    io.stdout(queued.length > 0 ? `queued again: ${queued.join(', ')}` : 'nothing to queue again');
    if (skipped.length > 0) io.stderr(`not queued (unknown, or already sent): ${skipped.join(', ')}`);
    return skipped.length > 0 ? 1 : 0;
  } finally {
    await db.$disconnect();
  }
}
