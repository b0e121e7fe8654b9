// The export's reading and writing, and erasing a person, on PostgreSQL (opt-in, like
// postgres.test.ts: TEST_POSTGRES_URL names a server where the user may create databases; a
// throwaway database is created and dropped). The same code as on SQLite: groupBy, endsWith,
// contains, a rolled-back dry run.
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, dialectOf } from '../../src/platform/db/client.js';
import { writeExport } from '../../src/export/exportNeeds.js';
import { clearExpiredMunicipalContacts, erasePerson, exportPerson } from '../../src/privacy/privacyRepository.js';
import { createPostgresTestDb, postgresUrl } from '../support/postgres.js';
import { SHIPPED_SLUGS } from '../support/shippedMatcher.js';
import { addNeed, type TestDb } from '../support/testDb.js';

describe.skipIf(!postgresUrl)('export and personal data on PostgreSQL', () => {
  let db: Db;
  let t: TestDb;

  beforeAll(async () => {
    t = await createPostgresTestDb();
    db = t.db;
  }, 60_000);

  afterAll(async () => {
    await (t as TestDb | undefined)?.close(); // unset if beforeAll failed
  });

  it('exports, exports a person and erases them', async () => {
    expect(dialectOf(db)).toBe('postgresql');
    const a = await addNeed(t, {
      municipality: 'Motala',
      areas: ['logistik'],
      recordedAt: '2026-03-02T09:00:00Z',
      claimedAt: '2026-03-04T09:00:00Z',
      posts: { C0LOGIST: '1700000000.000001' },
    });
    const b = await addNeed(t, {
      municipality: 'Kinda',
      areas: ['uppkopplade'],
      recordedAt: '2026-03-03T09:00:00Z',
      resolvedAt: '2020-01-01T00:00:00Z',
      posts: { C0IOT: '1700000000.000002' },
    });
    await db.need.update({ where: { id: b }, data: { municipalContact: 'Eva Ek', description: 'Ring U0STAFF om detta' } });
    await db.feedback.createMany({
      data: [
        { needId: a, userId: 'U0STAFF', kind: 'up', channelId: 'C0LOGIST', scope: 'C0LOGIST' },
        { needId: a, userId: 'U0TAKER', kind: 'claim', channelId: 'C0LOGIST' },
      ],
    });
    await db.needEvent.create({ data: { needId: a, kind: 'status', detail: 'open→claimed', userId: 'U0TAKER', at: new Date('2026-03-04T09:00:00Z') } });

    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c));
    expect(await writeExport(db, { format: 'csv', locale: 'sv', areaName: (s) => s, areas: SHIPPED_SLUGS }, sink)).toEqual({ rows: 2 });
    const rows = parse<Record<string, string>>(Buffer.concat(chunks), { bom: true, delimiter: ';', columns: true });
    expect(rows.map((r) => [Number(r.ID), r.Kommun, r['Styrkeområden'], r['Dagar till första kontakt'], r['Relevant (👍)']])).toEqual([
      [a, 'Motala', 'logistik', '2', '1'],
      [b, 'Kinda', 'uppkopplade', '', '0'],
    ]);

    const person = await exportPerson(db, 'U0STAFF');
    expect(person.needsRecorded.map((n) => n.id)).toEqual([a, b]);
    expect(person.needsMentioningThem).toEqual([b]);
    const dry = await erasePerson(db, 'U0STAFF', { redaction: '[raderad]', dryRun: true });
    expect(dry.changed['Need.recordedByUserId']).toBe(2);
    expect(await db.need.count({ where: { recordedByUserId: 'U0STAFF' } })).toBe(2);
    const done = await erasePerson(db, 'U0STAFF', { redaction: '[raderad]', names: ['Eva Ek'] });
    expect(done.changed).toMatchObject({
      'Need.recordedByUserId': 2,
      'Feedback.userId': 1,
      'Need texts redacted': 1,
      'OutboxMessage (message updates queued)': 2,
    });
    expect(JSON.stringify(await db.need.findMany())).not.toMatch(/U0STAFF|Eva Ek/);
    expect((await erasePerson(db, 'U0STAFF', { redaction: '[raderad]' })).pseudonym).toBeNull();
    expect(await db.feedback.count({ where: { needId: a } })).toBe(2);

    await db.need.update({ where: { id: b }, data: { municipalContact: 'Per Persson' } });
    expect(await clearExpiredMunicipalContacts(db, 36)).toEqual([b]);
  });
});
