// `outbox list|retry` against a real SQLite file: failed rows are listed with their error and
// queued again; sent rows are never queued again; bad arguments are usage errors.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runOutbox } from '../../../src/cli/outbox.js';
import { createDb, type Db } from '../../../src/platform/db/client.js';
import { migratedSqliteFile } from '../../support/templates.js';
import { tempDir } from '../../support/testApp.js';
import { UsageError } from '../../../src/cli/classify.js';

let dir: string;
let url: string;
let db: Db;
const io = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (l: string) => out.push(l), stderr: (l: string) => err.push(l), readText: () => '' };
};
const open = () => createDb(url);

beforeEach(async () => {
  dir = tempDir('outbox-cli-');
  await migratedSqliteFile(path.join(dir, 'cli.db'));
  url = `file:${path.join(dir, 'cli.db')}`;
  db = await createDb(url);
  const row = (id: number, status: string, lastError: string | null = null) => ({
    id,
    dedupeKey: `suggestion:${id}`,
    kind: 'suggestion',
    lane: 'channel:C0IOT',
    payload: `{"suggestionId":${id}}`,
    status,
    attempts: status === 'pending' ? 0 : 1,
    lastError,
  });
  await db.outboxMessage.createMany({ data: [row(1, 'sent'), row(2, 'failed', 'slack: channel_not_found'), row(3, 'pending')] });
});
afterEach(async () => {
  await db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

describe('outbox CLI', () => {
  it('lists the rows that are not sent, with the last error', async () => {
    const out = io();
    expect(await runOutbox(['list'], out, open)).toBe(0);
    expect(out.out).toHaveLength(2);
    expect(out.out[0]).toMatch(/^2\tfailed\tsuggestion\tchannel:C0IOT\tattempts 1\tslack: channel_not_found$/);
    expect(out.out[1]).toMatch(/^3\tpending\t/);
    const json = io();
    await runOutbox(['list', '--status', 'failed', '--json'], json, open);
    expect(json.out.map((l) => (JSON.parse(l) as { id: number }).id)).toEqual([2]);
  });

  it('queues failed rows again, and never a sent one', async () => {
    const all = io();
    expect(await runOutbox(['retry', '--failed'], all, open)).toBe(0);
    expect(all.out).toEqual(['queued again: 2']);
    expect((await db.outboxMessage.findUniqueOrThrow({ where: { id: 2 } })).status).toBe('pending');
    const some = io();
    expect(await runOutbox(['retry', '1', '3', '99'], some, open)).toBe(1);
    expect(some.out).toEqual(['queued again: 3']);
    expect(some.err).toEqual(['not queued (unknown, or already sent): 1, 99']);
    expect((await db.outboxMessage.findUniqueOrThrow({ where: { id: 1 } })).status).toBe('sent');
  });

  it('prints help and refuses bad arguments', async () => {
    const help = io();
    expect(await runOutbox(['--help'], help, open)).toBe(0);
    expect(help.out.join('\n')).toContain('outbox retry ID… | --failed');
    await expect(runOutbox(['retry'], io(), open)).rejects.toBeInstanceOf(UsageError);
    await expect(runOutbox(['retry', '0x2'], io(), open)).rejects.toBeInstanceOf(UsageError);
    await expect(runOutbox(['list', '--status', 'nope'], io(), open)).rejects.toBeInstanceOf(UsageError);
    await expect(runOutbox(['purge'], io(), open)).rejects.toBeInstanceOf(UsageError);
  });
});
