// Reporting out and personal data, through the real app (signed requests, the fake Slack, a real
// SQLite file) and the operator commands on the same database: `export` (CSV read back with
// csv-parse, XLSX with exceljs, JSON lines), `person export|erase`, `need erase-contact`, the
// retention sweep of the maintenance job, and Exportera in the App Home.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { HomeView } from '@slack/types';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runExport } from '../../src/export/cli.js';
import type { CliIo } from '../../src/cli/index.js';
import { runNeed } from '../../src/privacy/needCli.js';
import { runPerson } from '../../src/privacy/personCli.js';
import { createDb } from '../../src/platform/db/client.js';
import { createLogger } from '../../src/logger.js';
import { applyRetention } from '../../src/background/maintenance.js';
import type { PersonExport } from '../../src/privacy/privacyRepository.js';
import { HOME_CARE_NEED, municipalityIdOf } from '../support/needs.js';
import { appHomeOpenedEnvelope, buttonPayload, postEvent, postInteraction, reactionEnvelope, viewActionPayload } from '../support/slackRequests.js';
import { TEST_CHANNELS, type TestApp, useAppPerTest } from '../support/testApp.js';

const ADMIN = 'U0ADMIN';
const ALICE = 'U0ALICE';
const ctx = useAppPerTest({ channels: { ...TEST_CHANNELS, admins: [ADMIN] } });

const LOGISTICS_NEED =
  'Bygglogistik vid stora byggnationer i centrum: vi vill samordna transporter, leveranser och lastzoner till byggarbetsplatserna så att trafiken flyter.';
const LEAK_NEED = 'Läckor i VA-nätet kostar oss mycket vatten. Vi behöver sensorer och mätning som hittar vattenläckorna tidigt, innan de blir stora skador.';

function collectingIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (l) => out.push(l), stderr: (l) => err.push(l), readText: () => '' };
}

/** An operator command on the app's database, as `npm run cli -- …` runs it. */
async function cli(app: TestApp, command: 'export' | 'person' | 'need', args: string[], locale: 'sv' | 'en' = 'sv') {
  const io = collectingIo();
  const open = () => createDb(app.databaseUrl);
  const code =
    command === 'export'
      ? await runExport(args, io, { open, locale: () => locale })
      : command === 'person'
        ? await runPerson(args, io, { open, locale: () => locale })
        : await runNeed(args, io, open);
  return { code, out: io.out, err: io.err };
}

async function storeNeed(
  app: TestApp,
  o: { description: string; municipality?: string; by?: string; contact?: string | null; municipalContact?: string | null; title?: string },
): Promise<number> {
  const { id } = await app.server.needs.recordNeed(
    {
      municipalityId: Number(await municipalityIdOf(app, o.municipality ?? 'Kinda')),
      title: o.title ?? o.description.split(/[.:]/)[0]!.slice(0, 80),
      description: o.description,
      sector: 'hemtjanst',
      municipalContact: o.municipalContact ?? null,
      ourContactUserId: o.contact ?? null,
    },
    { recordedByUserId: o.by ?? 'U0STAFF', originChannelId: null, source: 'slash_command' },
  );
  await app.server.settled();
  return id;
}

async function postOf(app: TestApp, needId: number, channelId: string) {
  return app.server.db.suggestionPost.findFirstOrThrow({ where: { needId, channelId } });
}

async function claim(app: TestApp, needId: number, channel: string, userId: string) {
  const post = await postOf(app, needId, channel);
  const res = await postInteraction(
    app.baseUrl,
    buttonPayload({ actionId: 'suggestion_claim', value: String(post.id), userId, channel, messageTs: post.messageTs! }),
  );
  expect(res.status).toBe(200);
  await app.server.settled();
}

async function react(app: TestApp, needId: number, channel: string, userId: string, reaction = '+1') {
  const post = await postOf(app, needId, channel);
  expect((await postEvent(app.baseUrl, reactionEnvelope({ type: 'reaction_added', reaction, userId, channel, ts: post.messageTs! }))).status).toBe(200);
  await app.server.settled();
}

/** Three needs: one recorded by Alice (she is our contact), one she took, one she and Bob 👍'd. */
async function scenario(app: TestApp) {
  const care = await storeNeed(app, {
    description: HOME_CARE_NEED,
    by: ALICE,
    contact: ALICE,
    municipalContact: 'Eva Ek, enhetschef, 010-123 45 67',
    title: 'Trygghetslarm i hemtjänsten',
  });
  const logistics = await storeNeed(app, { description: LOGISTICS_NEED, municipality: 'Norrköping', contact: 'U0BOB' });
  const leak = await storeNeed(app, { description: `${LEAK_NEED} Frågor till <@${ALICE}>.`, municipality: 'Linköping' });
  await claim(app, logistics, 'C0LOGIST', ALICE);
  await react(app, leak, 'C0REGION', ALICE);
  await react(app, leak, 'C0REGION', 'U0BOB');
  await react(app, leak, 'C0REGION', 'U0CAROL', '-1');
  await app.server.db.userPreference.create({ data: { userId: ALICE, areas: 'logistik', filters: '{"status":"open"}' } });
  return { care, logistics, leak };
}

describe('export', () => {
  it('writes a CSV that Swedish Excel opens: BOM, ";", Swedish headers, one row per need with its columns', async () => {
    const { app } = ctx;
    const { care, logistics, leak } = await scenario(app);
    const file = path.join(app.dir, 'behov.csv');
    const result = await cli(app, 'export', ['--format', 'csv', '--out', file]);
    expect(result).toMatchObject({ code: 0 });
    expect(result.err.join('\n')).toContain('exported 3 needs');
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\r\n')[0]).toBe(
      '\uFEFFID;Registrerat;Kommun;Verksamhet;Rubrik;Beskrivning;Styrkeområden;Modellens förslag;Status;Tagen;Löst;Dagar till första kontakt;Föreslagna miljöer;Kanaler;Relevant (👍);Inte vårt (👎);Källa;Återkallat',
    );
    const rows = parse<Record<string, string>>(bytes, { bom: true, delimiter: ';', columns: true });
    expect(rows.map((r) => Number(r.ID))).toEqual([care, logistics, leak]);
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
    const byId = new Map(rows.map((r) => [Number(r.ID), r]));
    const careRow = byId.get(care)!;
    expect(careRow).toMatchObject({
      Kommun: 'Kinda',
      Verksamhet: 'Hemtjänst och hemsjukvård',
      Rubrik: 'Trygghetslarm i hemtjänsten',
      Beskrivning: HOME_CARE_NEED,
      Status: 'Öppet',
      Registrerat: today,
      Tagen: '',
      Källa: 'slash_command',
      Återkallat: '',
    });
    expect(careRow['Styrkeområden']).toContain('uppkopplade');
    expect(careRow['Modellens förslag']).toBe(careRow['Styrkeområden']);
    expect(careRow.Kanaler!.split('; ')).toEqual(expect.arrayContaining(['C0IOT', 'C0REGION']));
    expect(careRow['Föreslagna miljöer']).not.toBe('');
    const logisticsRow = byId.get(logistics)!;
    expect(logisticsRow).toMatchObject({ Kommun: 'Norrköping', Status: 'Taget', Tagen: today, 'Dagar till första kontakt': '0' });
    expect(logisticsRow['Styrkeområden']).toContain('logistik');
    expect(byId.get(leak)).toMatchObject({ 'Relevant (👍)': '2', 'Inte vårt (👎)': '1', Status: 'Öppet', 'Dagar till första kontakt': '' });
    // Personal data stays out of the report: no Slack ids, no municipal contact.
    expect(text).not.toContain('U0BOB');
    expect(text).not.toContain('Eva Ek');
  });

  it('keeps typed text from running as a formula when the CSV is opened in Excel', async () => {
    const { app } = ctx;
    const hostile = await storeNeed(app, {
      title: '=HYPERLINK("https://example.com";"Klicka")',
      description: '-2+3 och @SUMMA(A1) står först i beskrivningen av behovet.',
    });
    const plain = await storeNeed(app, { title: 'Vanlig rubrik - med bindestreck', description: LOGISTICS_NEED });
    const file = path.join(app.dir, 'formler.csv');
    expect(await cli(app, 'export', ['--format', 'csv', '--out', file])).toMatchObject({ code: 0 });
    const rows = parse<Record<string, string>>(readFileSync(file), { bom: true, delimiter: ';', columns: true });
    const byId = new Map(rows.map((r) => [Number(r.ID), r]));
    expect(byId.get(hostile)).toMatchObject({
      Rubrik: '\'=HYPERLINK("https://example.com";"Klicka")',
      Beskrivning: "'-2+3 och @SUMMA(A1) står först i beskrivningen av behovet.",
    });
    // Only a leading formula character is guarded: other text is exported as typed.
    expect(byId.get(plain)).toMatchObject({ Rubrik: 'Vanlig rubrik - med bindestreck', Beskrivning: LOGISTICS_NEED });
  });

  it('filters by municipality and area names as people type them, and by dates; LOCALE=en writes "," and English headers', async () => {
    const { app } = ctx;
    const { logistics, leak } = await scenario(app);
    const file = path.join(app.dir, 'a.csv');
    expect((await cli(app, 'export', ['--format', 'csv', '--out', file, '--kommun', 'norrkopings kommun'])).code).toBe(0);
    expect(parse<{ ID: string }>(readFileSync(file), { bom: true, delimiter: ';', columns: true }).map((r) => Number(r.ID))).toEqual([logistics]);
    expect((await cli(app, 'export', ['--format', 'csv', '--out', file, '--kommun', 'Norrköping,linkoping', '--område', 'logistik'])).code).toBe(0);
    expect(parse<{ ID: string }>(readFileSync(file), { bom: true, delimiter: ';', columns: true }).map((r) => Number(r.ID))).toEqual([logistics]);
    expect((await cli(app, 'export', ['--format', 'csv', '--out', file, '--kommun', 'Norrköping', '--kommun', 'Linköping'])).code).toBe(0);
    expect(parse<{ ID: string }>(readFileSync(file), { bom: true, delimiter: ';', columns: true }).map((r) => Number(r.ID))).toEqual([logistics, leak]);
    expect((await cli(app, 'export', ['--format', 'csv', '--out', file, '--to', '2020-01-01'])).code).toBe(0);
    expect(parse(readFileSync(file), { bom: true, delimiter: ';', columns: true })).toEqual([]);
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
    expect((await cli(app, 'export', ['--format', 'csv', '--out', file, '--from', today, '--to', today], 'en')).code).toBe(0);
    const en = parse<Record<string, string>>(readFileSync(file), { bom: true, delimiter: ',', columns: true });
    expect(en).toHaveLength(3);
    expect(Object.keys(en[0]!)).toEqual(
      expect.arrayContaining(['ID', 'Recorded', 'Municipality', 'Strength areas', "Model's suggestion", 'Days to first claim', 'Withdrawn']),
    );
    expect(en.find((r) => Number(r.ID) === logistics)!.Status).toBe('Claimed');
    await expect(cli(app, 'export', ['--format', 'csv', '--kommun', 'Atlantis'])).rejects.toThrow('unknown municipality "Atlantis"');
    await expect(cli(app, 'export', ['--format', 'pdf'])).rejects.toThrow(/csv, xlsx or json/);
  });

  it('writes an XLSX with the needs and a sheet of counts per municipality × area and per status; JSON lines', async () => {
    const { app } = ctx;
    const { care, logistics, leak } = await scenario(app);
    await app.server.db.need.update({ where: { id: leak }, data: { status: 'withdrawn', withdrawnAt: new Date() } });
    const file = path.join(app.dir, 'behov.xlsx');
    expect((await cli(app, 'export', ['--format', 'xlsx', '--out', file])).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Behov', 'Sammanställning']);
    const needs = book.getWorksheet('Behov')!;
    expect(needs.getRow(1).getCell(1).value).toBe('ID');
    expect(needs.getRow(1).getCell(7).value).toBe('Styrkeområden');
    const ids: unknown[] = [];
    needs.eachRow((row, n) => {
      if (n > 1) ids.push(row.getCell(1).value);
    });
    expect(ids).toEqual([care, logistics, leak]);
    expect(needs.getRow(3).getCell(3).value).toBe('Norrköping');
    expect(needs.getRow(4).getCell(18).value).toMatch(/^\d{4}-\d{2}-\d{2}$/); // withdrawn, an ISO date
    const counts = book.getWorksheet('Sammanställning')!;
    const rows: unknown[][] = [];
    counts.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
    const header = rows[1]!;
    expect(header[0]).toBe('Kommun');
    const logistikCol = header.indexOf('Effektiv logistik');
    expect(logistikCol).toBeGreaterThan(0);
    const norrkoping = rows.find((r) => r[0] === 'Norrköping')!;
    expect(norrkoping[logistikCol]).toBe(1);
    // Withdrawn needs are left out of the area counts, not of the status counts.
    expect(rows.filter((r) => r[0] === 'Linköping')).toHaveLength(2);
    const statusHeader = rows.find((r, i) => i > 2 && r[0] === 'Kommun')!;
    expect(statusHeader.slice(1)).toEqual(['Öppet', 'Taget', 'Löst', 'Återkallat', 'Totalt']);
    const totals = rows.filter((r) => r[0] === 'Totalt');
    expect(totals.at(-1)!.slice(1)).toEqual([1, 1, 0, 1, 3]);

    const jsonFile = path.join(app.dir, 'behov.jsonl');
    expect((await cli(app, 'export', ['--format', 'json', '--out', jsonFile])).code).toBe(0);
    const lines = readFileSync(jsonFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.id)).toEqual([care, logistics, leak]);
    expect(lines[1]).toMatchObject({
      municipality: 'Norrköping',
      status: 'claimed',
      daysToFirstClaim: 0,
      withdrawn: false,
    });
    expect(lines[1]?.areas).toEqual(expect.arrayContaining(['logistik']));
    expect(lines[2]).toMatchObject({ withdrawn: true, up: 2, down: 1 });
    expect(String(lines[0]!.recordedAt)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});

describe('personal data', () => {
  it('person export prints everything held about the person; person erase leaves nothing of theirs, keeps the counts and re-renders their messages', async () => {
    const { app, fake } = ctx;
    const { care, logistics, leak } = await scenario(app);
    const db = app.server.db;
    const exported = await cli(app, 'person', ['export', ALICE]);
    expect(exported.code).toBe(0);
    const data = JSON.parse(exported.out.join('\n')) as PersonExport;
    expect(data.userId).toBe(ALICE);
    expect(data.needsRecorded.map((n) => n.id)).toEqual([care]);
    expect(data.needsRecorded[0]).toMatchObject({ municipalContact: 'Eva Ek, enhetschef, 010-123 45 67', title: 'Trygghetslarm i hemtjänsten' });
    expect(data.needsAsOurContact.map((n) => n.id)).toEqual([care]);
    expect(data.needsClaimed.map((n) => n.id)).toEqual([logistics]);
    expect(data.feedback.map((f) => [f.needId, f.kind]).sort()).toEqual(
      [
        [leak, 'up'],
        [logistics, 'claim'],
      ].sort(),
    );
    expect(data.history).toEqual([expect.objectContaining({ needId: logistics, kind: 'status', detail: 'open→claimed' })]);
    expect(data.preferences).toMatchObject({ areas: 'logistik' });
    expect(data.recentButtonPresses).toHaveLength(1);
    expect(data.needsMentioningThem).toEqual([leak]);

    const before = {
      feedback: await db.feedback.groupBy({ by: ['needId', 'kind'], _count: { _all: true }, orderBy: [{ needId: 'asc' }, { kind: 'asc' }] }),
      needs: await db.need.findMany({ orderBy: { id: 'asc' }, select: { id: true, status: true } }),
      events: await db.needEvent.count(),
    };
    // The leak need is a training example (👍 in an area's channel): its copy of the text names Alice too.
    await db.trainingExample.upsert({ where: { key: `need:${leak}` }, create: { key: `need:${leak}`, text: `x <@${ALICE}>`, source: 'feedback' }, update: {} });
    const dry = await cli(app, 'person', ['erase', ALICE, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out.join('\n')).toMatch(/dry run/);
    expect(await db.need.count({ where: { recordedByUserId: ALICE } })).toBe(1);
    expect(await db.outboxMessage.count({ where: { kind: 'suggestion_update', status: 'pending' } })).toBe(0);

    fake.calls.length = 0;
    const erased = await cli(app, 'person', ['erase', ALICE, '--name', 'Eva Ek']);
    expect(erased.code).toBe(0);
    const report = erased.out.join('\n');
    expect(report).toMatch(/Need\.recordedByUserId\s+1/);
    expect(report).toMatch(/Need\.ourContactUserId\s+1/);
    expect(report).toMatch(/Need\.claimedByUserId\s+1/);
    expect(report).toMatch(/Feedback\.userId\s+2/);
    expect(report).toMatch(/NeedEvent\.userId\s+1/);
    expect(report).toMatch(/UserPreference \(deleted\)\s+1/);
    expect(report).toMatch(/Need texts redacted\s+2/);
    expect(report).toMatch(/TrainingExample texts redacted\s+1/);

    // Nothing of theirs is left, in any column that holds a user id or a text.
    const all = JSON.stringify({
      needs: await db.need.findMany(),
      feedback: await db.feedback.findMany(),
      events: await db.needEvent.findMany(),
      prefs: await db.userPreference.findMany(),
      processed: await db.processedEvent.findMany(),
      training: await db.trainingExample.findMany({ where: { key: { startsWith: 'need:' } } }),
    });
    expect(all).not.toContain(ALICE);
    expect(all).not.toContain('Eva Ek');
    expect((await db.need.findUniqueOrThrow({ where: { id: leak } })).description).toContain('[raderad]');
    const again = await cli(app, 'person', ['export', ALICE]);
    const after = JSON.parse(again.out.join('\n')) as PersonExport;
    expect([
      after.needsRecorded,
      after.needsAsOurContact,
      after.needsClaimed,
      after.feedback,
      after.history,
      after.recentButtonPresses,
      after.needsMentioningThem,
    ]).toEqual([[], [], [], [], [], [], []]);
    expect(after.preferences).toBeNull();

    // The counts and the history still add up: one pseudonym stands in everywhere.
    expect(await db.feedback.groupBy({ by: ['needId', 'kind'], _count: { _all: true }, orderBy: [{ needId: 'asc' }, { kind: 'asc' }] })).toEqual(
      before.feedback,
    );
    expect(await db.need.findMany({ orderBy: { id: 'asc' }, select: { id: true, status: true } })).toEqual(before.needs);
    expect(await db.needEvent.count()).toBe(before.events);
    const pseudonym = (await db.need.findUniqueOrThrow({ where: { id: logistics } })).claimedByUserId!;
    expect(pseudonym).toMatch(/^UERASED[A-Z0-9]{8}$/);
    expect((await db.need.findUniqueOrThrow({ where: { id: care } })).recordedByUserId).toBe(pseudonym);

    // Every posted message of the needs concerned is re-rendered, without the person.
    const posted = await db.suggestionPost.findMany({ where: { needId: { in: [care, logistics, leak] }, messageTs: { not: null } } });
    expect(await db.outboxMessage.count({ where: { kind: 'suggestion_update', status: 'pending' } })).toBe(posted.length);
    app.server.outbox.wake();
    await app.server.drained();
    const updates = fake.callsOf('chat.update');
    expect(new Set(updates.map((u) => `${String(u.args.channel)}:${String(u.args.ts)}`))).toEqual(new Set(posted.map((p) => `${p.channelId}:${p.messageTs}`)));
    for (const u of updates) {
      expect(JSON.stringify(u.args)).not.toContain(ALICE);
      expect(JSON.stringify(u.args)).not.toContain('UERASED');
    }
    expect(updates.some((u) => JSON.stringify(u.args).includes('raderad person'))).toBe(true);

    // Idempotent: a second erase finds nothing and queues nothing.
    const second = await cli(app, 'person', ['erase', ALICE]);
    expect(second.out.join('\n')).toContain(`nothing held about ${ALICE}`);
    expect(await db.outboxMessage.count({ where: { kind: 'suggestion_update', status: 'pending' } })).toBe(0);
  });

  it('need erase-contact clears the municipal contact with a history entry and updates the messages; the retention sweep does it after RETENTION_MONTHS', async () => {
    const { app, fake } = ctx;
    const db = app.server.db;
    const first = await storeNeed(app, { description: HOME_CARE_NEED, municipalContact: 'Eva Ek, 010-123 45 67' });
    const second = await storeNeed(app, { description: LOGISTICS_NEED, municipalContact: 'Per Persson', municipality: 'Norrköping' });
    const third = await storeNeed(app, { description: LEAK_NEED, municipalContact: 'Lisa Lind', municipality: 'Linköping' });
    fake.calls.length = 0;
    const result = await cli(app, 'need', ['erase-contact', String(first)]);
    expect(result).toMatchObject({ code: 0 });
    expect((await db.need.findUniqueOrThrow({ where: { id: first } })).municipalContact).toBeNull();
    expect(await db.needEvent.findMany({ where: { needId: first, kind: 'contact_erased' }, select: { detail: true, userId: true } })).toEqual([
      { detail: 'manual', userId: null },
    ]);
    app.server.outbox.wake();
    await app.server.drained();
    const posts = await db.suggestionPost.count({ where: { needId: first, messageTs: { not: null } } });
    expect(fake.callsOf('chat.update')).toHaveLength(posts);
    expect(JSON.stringify(fake.callsOf('chat.update').map((c) => c.args))).not.toContain('Eva Ek');
    expect((await cli(app, 'need', ['erase-contact', String(first)])).out.join('')).toContain('nothing to erase');
    expect((await cli(app, 'need', ['erase-contact', '999999'])).code).toBe(1);

    // Resolved 37 months ago, withdrawn 35 months ago (kept), still open (kept).
    const now = new Date();
    const monthsAgo = (n: number) => new Date(now.getTime() - n * 30.5 * 86_400_000);
    await db.need.update({ where: { id: second }, data: { status: 'resolved', resolvedAt: monthsAgo(37) } });
    await db.need.update({ where: { id: third }, data: { status: 'withdrawn', withdrawnAt: monthsAgo(35) } });
    const logger = createLogger('silent');
    expect(await applyRetention({ db, logger, retentionMonths: 36 }, now)).toEqual([second]);
    expect((await db.need.findUniqueOrThrow({ where: { id: second } })).municipalContact).toBeNull();
    expect((await db.need.findUniqueOrThrow({ where: { id: third } })).municipalContact).toBe('Lisa Lind');
    expect(await db.needEvent.findMany({ where: { needId: second, kind: 'contact_erased' }, select: { detail: true } })).toEqual([{ detail: 'retention' }]);
    expect(await applyRetention({ db, logger, retentionMonths: 36 }, now)).toEqual([]);
    expect(await applyRetention({ db, logger, retentionMonths: 12 }, now)).toEqual([third]);
  });
});

describe('Exportera in the App Home', () => {
  async function openHome(app: TestApp, userId: string): Promise<HomeView> {
    const before = ctx.fake.callsOf('views.publish').length;
    expect((await postEvent(app.baseUrl, appHomeOpenedEnvelope(userId))).status).toBe(200);
    await ctx.fake.waitForCalls('views.publish', before + 1);
    return ctx.fake.callsOf('views.publish').at(-1)!.args.view as HomeView;
  }
  const exportButtonIn = (view: HomeView) => JSON.stringify(view.blocks).includes('"action_id":"home_export"');

  it('is shown to admins, and an admin gets the XLSX in a DM', async () => {
    const { app, fake } = ctx;
    await scenario(app);
    expect(exportButtonIn(await openHome(app, ADMIN))).toBe(true);
    expect(exportButtonIn(await openHome(app, 'U0STAFF'))).toBe(false);
    fake.calls.length = 0;
    const res = await postInteraction(app.baseUrl, viewActionPayload({ userId: ADMIN, viewType: 'home', action: { actionId: 'home_export', value: 'xlsx' } }));
    expect(res.status).toBe(200);
    await fake.waitForCalls('files.completeUploadExternal', 1);
    await app.server.settled();
    expect(fake.callsOf('conversations.open')[0]!.args.users).toBe(ADMIN);
    const complete = fake.callsOf('files.completeUploadExternal')[0]!;
    expect(complete.args.channel_id).toBe('D0ADMIN');
    expect(fake.callsOf('chat.postMessage').map((c) => [c.args.channel, c.args.text])).toEqual([['D0ADMIN', 'Exporten byggs, filen kommer här strax.']]);
    expect(String(complete.args.initial_comment)).toContain('3 behov');
    const files = complete.args.files as { id: string }[];
    const bytes = fake.uploads.get(files[0]!.id)!;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Behov', 'Sammanställning']);
    expect(book.getWorksheet('Behov')!.rowCount).toBe(4);
    expect(fake.callsOf('files.getUploadURLExternal')[0]!.args.filename).toMatch(/^behov-\d{4}-\d{2}-\d{2}\.xlsx$/);
  });

  it('refuses anyone who is no admin, even with a forged press: no file, a short DM saying who may', async () => {
    const { app, fake } = ctx;
    await scenario(app);
    fake.calls.length = 0;
    const res = await postInteraction(
      app.baseUrl,
      viewActionPayload({ userId: 'U0STAFF', viewType: 'home', action: { actionId: 'home_export', value: 'xlsx' } }),
    );
    expect(res.status).toBe(200);
    await fake.waitForCalls('chat.postMessage', 1);
    await app.server.settled();
    const answer = fake.callsOf('chat.postMessage')[0]!;
    expect(answer.args.channel).toBe('U0STAFF');
    expect(String(answer.args.text)).toContain('Bara administratörer');
    expect(fake.callsOf('files.getUploadURLExternal')).toHaveLength(0);
    expect(fake.callsOf('files.completeUploadExternal')).toHaveLength(0);
    expect(fake.callsOf('conversations.open')).toHaveLength(0);
  });
});
