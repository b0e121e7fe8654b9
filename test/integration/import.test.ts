// `npm run cli -- import`: workshop notes in a CSV (and the same rows in an XLSX) with good and
// bad rows, against a real SQLite file. The dry run writes nothing; the real run records the good
// rows as needs and queues their posts (the bot's outbox worker sends them, here to the fake);
// a second run — of the same file or the same rows in another format — creates nothing.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WebClient } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ImportCliEnv, runImportCommand } from '../../src/import/cli.js';
import { IMPORT_BATCH_ROWS } from '../../src/import/importer.js';
import type { CliIo } from '../../src/cli/index.js';
import { type Config, parseConfig } from '../../src/config.js';
import { openDatabase } from '../../src/cli/database.js';
import { createLogger } from '../../src/logger.js';
import { MatcherProvider } from '../../src/training/matcherProvider.js';
import { OutboxWorker } from '../../src/platform/outbox/outboxWorker.js';
import { createSlackOutboxSender } from '../../src/platform/outbox/sendFunctions.js';
import { FakeSlack } from '../support/fakeSlack.js';
import { TEST_CHANNELS } from '../support/testApp.js';
import { createTestDb, type TestDb } from '../support/testDb.js';
import { csvOf, WORKSHOP_ROWS, writeXlsx } from '../support/importFiles.js';
import { isAreaSlug } from '../../src/needs/needAreas.js';
import { loadNeedDetail } from '../../src/needs/store/needViews.js';
import { enqueue } from '../../src/platform/outbox/outboxQueue.js';
import { needPageModal } from '../../src/change-need/needDetailModal.js';
import { ALL_UNSET, ROOT } from '../support/appProcess.js';
import { readFromFile } from '../support/sqliteFile.js';
import { trainOnce } from '../support/templates.js';
import { SHIPPED_REGION } from '../support/shippedMatcher.js';

const logger = createLogger('silent');

interface Run {
  code: number;
  out: string[];
  err: string[];
}

let fake: FakeSlack;
beforeAll(async () => {
  fake = await FakeSlack.start();
});
afterAll(async () => {
  await fake.stop();
});

describe('import CLI', { timeout: 60_000 }, () => {
  let t: TestDb;
  let csvFile: string;
  const configFor = (locale: 'sv' | 'en' = 'sv'): Config =>
    parseConfig({
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: 'test-signing-secret-0123456789',
      DATABASE_URL: t.url,
      SLACK_API_URL: fake.url,
      LOG_LEVEL: 'silent',
      LOCALE: locale,
    });
  // Every test database is seeded from the same files, so one trained matcher serves every run.
  let trained: Promise<MatcherProvider> | null = null;
  const env = (locale: 'sv' | 'en' = 'sv'): ImportCliEnv => ({
    loadConfig: () => configFor(locale),
    loadChannels: () => TEST_CHANNELS,
    openDatabase: (url) => openDatabase(url),
    now: () => new Date('2027-03-14T09:00:00Z'),
    matchers: (db) => (trained ??= MatcherProvider.create(db, SHIPPED_REGION, trainOnce)),
  });
  /** The bot's outbox worker sends what the import queued, to the fake Slack. */
  async function sendQueuedPosts(): Promise<void> {
    const worker = new OutboxWorker({
      db: t.db,
      logger,
      send: createSlackOutboxSender({
        db: t.db,
        client: new WebClient('xoxb-test-token', { slackApiUrl: fake.url, retryConfig: { retries: 0 } }),
        locale: 'sv',
        intakeChannel: TEST_CHANNELS.intake,
        logger,
      }),
      pollIntervalMs: 60_000,
      baseDelayMs: 10,
    });
    await worker.drain();
    await worker.stop();
  }
  async function cli(args: string[], locale: 'sv' | 'en' = 'sv'): Promise<Run> {
    const run: Run = { code: -1, out: [], err: [] };
    const io: CliIo = { stdout: (l) => run.out.push(l), stderr: (l) => run.err.push(l), readText: () => '' };
    run.code = await runImportCommand(args, io, env(locale));
    return run;
  }

  beforeEach(async () => {
    fake.reset();
    t = await createTestDb();
    csvFile = path.join(t.dir, 'workshop.csv');
    writeFileSync(csvFile, csvOf(WORKSHOP_ROWS));
  });
  afterEach(async () => {
    await t.close();
  });

  it('dry run: names each bad row by its line, predicts areas and channels for the good ones, writes nothing', async () => {
    const run = await cli(['--dry-run', csvFile]);
    expect(run.code).toBe(1);
    expect(run.err).toEqual([
      'Okända kolumner, ignoreras: Anteckning',
      'rad 3: ”Stockholm” är ingen av regionens kommuner.',
      'rad 4: beskrivning: Beskrivningen behöver minst 10 tecken.',
      'rad 7: datum ”12/11 2026” är inget giltigt datum (skriv ÅÅÅÅ-MM-DD).',
      'rad 8: ”not-a-user” är inget Slack-användar-id (U…).',
    ]);
    // Line 5's description has a line break inside its quoted cell: the next row is line 7.
    expect(run.out).toHaveLength(4);
    expect(run.out[0]).toMatch(/^rad 2: Norrköping – Digital tvilling av centrum → .*Visualisering.* → .*#C0VISUAL.*#C0REGION$/);
    expect(run.out[1]).toMatch(/^rad 5: Norrköping – Sensorer i VA-nätet → .*(Uppkopplade|uppkopplade).* → .*#C0IOT/);
    // Line 9 has no vår kontakt and there is no --by: it would be imported with no Slack person.
    expect(run.out[2]).toMatch(/^rad 9: Kinda – Vi behöver återvinna byggmaterial/);
    expect(run.out[3]).toBe('Skulle importeras: 3 (1 utan Slack-person) · fanns redan: 0 · avvisade: 4 (provkörning, inget sparades)');
    expect(await t.db.need.count()).toBe(0);
    expect(await t.db.outboxMessage.count()).toBe(0);
  });

  it('imports the good rows as routed needs with their posts queued, and a second run creates nothing', async () => {
    const first = await cli([csvFile, '--source', 'Workshop Norrköping 2026-11-12', '--by', 'U0STAFF']);
    expect(first.code).toBe(1);
    // With --by, line 9 (no vår kontakt) is recorded too.
    expect(first.err.filter((l) => l.startsWith('rad '))).toHaveLength(4);
    expect(first.out.at(-2)).toBe('Importerade: 3 · fanns redan: 0 · avvisade: 4');
    expect(first.out.at(-1)).toBe('Inläggen ligger i kö; den körande boten skickar dem, i takt per kanal.');

    const needs = await t.db.need.findMany({ orderBy: { id: 'asc' }, include: { municipality: true, suggestions: true } });
    expect(needs.map((n) => [n.municipality.name, n.title, n.source, n.recordedByUserId, n.ourContactUserId, n.sourceLabel])).toEqual([
      ['Norrköping', 'Digital tvilling av centrum', 'import', 'U0STAFF', 'U0ALICE', 'Workshop Norrköping 2026-11-12'],
      ['Norrköping', 'Sensorer i VA-nätet', 'import', 'U0STAFF', 'U0BOB', 'Workshop Norrköping 2026-11-12'],
      ['Kinda', 'Vi behöver återvinna byggmaterial från rivningar och hitta nya material med…', 'import', 'U0STAFF', null, 'Workshop Norrköping 2026-11-12'],
    ]);
    expect(needs.map((n) => n.recordedAt.toISOString())).toEqual(['2026-11-12T12:00:00.000Z', '2026-11-12T12:00:00.000Z', '2026-11-11T12:00:00.000Z']);
    expect(needs.map((n) => n.sector)).toEqual(['samhallsbyggnad', 'va', 'miljo']);
    expect(needs.every((n) => n.routedAt !== null && /^import:[0-9a-f]{64}$/.test(n.submissionKey ?? ''))).toBe(true);
    expect(needs[0]!.suggestions.map((s) => s.channelId)).toContain('C0VISUAL');
    expect(needs[1]!.description).toBe('Uppkopplade sensorer i ledningsnätet ska larma om läckor\noch mäta flöden i realtid.');

    // Queued, not sent: one suggestion per channel, no confirmation (nobody waits for one).
    const queued = await t.db.outboxMessage.findMany();
    const suggestions = needs.flatMap((n) => n.suggestions);
    expect(queued.map((q) => q.kind).sort()).toEqual(suggestions.map(() => 'suggestion'));
    expect(queued.every((q) => q.status === 'pending')).toBe(true);
    expect(fake.callsOf('chat.postMessage')).toHaveLength(0);

    // The bot's outbox worker sends them.
    await sendQueuedPosts();
    expect(
      fake
        .callsOf('chat.postMessage')
        .map((c) => c.args.channel)
        .sort(),
    ).toEqual(suggestions.map((s) => s.channelId).sort());

    // Again: nothing new, nothing queued again.
    const second = await cli([csvFile, '--source', 'Another label', '--by', 'U0STAFF']);
    expect(second.out.at(-1)).toBe('Importerade: 0 · fanns redan: 3 · avvisade: 4');
    expect(second.out.filter((l) => l.includes('fanns redan, hoppas över'))).toHaveLength(3);
    expect(await t.db.need.count()).toBe(3);
    expect(await t.db.outboxMessage.count()).toBe(queued.length);
  });

  it('imports a file of kommun, rubrik, beskrivning and verksamhet without --by: no Slack person attached, "importerad från ‹källa›" on the need’s page', async () => {
    // As typed into Excel at a workshop: no vår kontakt column, no Slack user ids.
    const file = path.join(t.dir, 'workshop-motala.csv');
    writeFileSync(
      file,
      csvOf([
        ['kommun', 'rubrik', 'beskrivning', 'verksamhet'],
        // The verksamhet as people write it, not as our list says it: a word of it, a department, something else.
        ['Motala', 'Anropsstyrd skolskjuts', 'Vi behöver bättre skolskjutsar på landsbygden med anropsstyrd trafik.', 'Skolskjuts'],
        ['Ydre', 'Fuktsensorer', 'Sensorer som mäter fukt i kommunens fastigheter och larmar vid vattenläckor.', 'Fastighetsförvaltningen'],
        ['Kinda', '', 'Solceller på förskolornas tak och lagring av solenergin i batterier.', 'Samhällsservice'],
      ]),
    );
    const run = await cli([file]);
    expect(run.err).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.out.filter((l) => l.startsWith('rad '))).toHaveLength(3);
    expect(run.out[2]).toMatch(/^rad 4: behov \d+ – Solceller .* \(verksamheten ”Samhällsservice” känns inte igen: sparas utan verksamhet\)$/);
    expect(run.out.filter((l) => l.includes('känns inte igen'))).toHaveLength(1);
    expect(run.out.at(-2)).toBe('Importerade: 3 (3 utan Slack-person) · fanns redan: 0 · avvisade: 0');

    const needs = await t.db.need.findMany({ orderBy: { id: 'asc' }, include: { suggestions: true } });
    expect(needs.map((n) => [n.title, n.sector, n.recordedByUserId, n.ourContactUserId, n.sourceLabel, n.source])).toEqual([
      ['Anropsstyrd skolskjuts', 'kollektivtrafik', null, null, 'workshop-motala.csv', 'import'],
      ['Fuktsensorer', 'fastigheter', null, null, 'workshop-motala.csv', 'import'],
      ['Solceller på förskolornas tak och lagring av solenergin i batterier', null, null, null, 'workshop-motala.csv', 'import'],
    ]);
    expect(needs.every((n) => n.routedAt !== null && n.suggestions.length > 0)).toBe(true);

    // The need's page says where it came from instead of naming a person.
    const areas = (await t.db.strengthArea.findMany()).flatMap((a) => (isAreaSlug(a.slug) ? [{ slug: a.slug, name: a.name, nameEn: a.nameEn }] : []));
    const detail = await loadNeedDetail(t.db, needs[0]!.id);
    const page = JSON.stringify(needPageModal(detail!, { locale: 'sv', areas, mayChange: false }).blocks);
    expect(page).toContain(', importerad från workshop-motala.csv');
    expect(page).toContain('— importerad från workshop-motala.csv');
    expect(page).not.toMatch(/<@null>|<@>|registrerat av/);
    expect(JSON.stringify(needPageModal(detail!, { locale: 'en', areas, mayChange: false }).blocks)).toContain(', imported from workshop-motala.csv');

    // Only suggestion posts are queued; even a confirmation queued by mistake reaches nobody.
    const queued = await t.db.outboxMessage.findMany();
    expect(queued.every((q) => q.kind === 'suggestion')).toBe(true);
    await t.db.$transaction((tx) => enqueue(tx, { kind: 'confirmation', needId: needs[0]!.id }));
    await sendQueuedPosts();
    const posted = fake.callsOf('chat.postMessage');
    expect(posted.map((c) => c.args.channel).sort()).toEqual(needs.flatMap((n) => n.suggestions.map((p) => p.channelId)).sort());
    expect(fake.callsOf('chat.postEphemeral')).toHaveLength(0);
    expect(JSON.stringify(posted[0]!.args.blocks)).toContain('Importerad från workshop-motala.csv');
    expect((await t.db.outboxMessage.findMany()).every((q) => q.status === 'sent')).toBe(true);

    // --source names it instead of the file; --by still attaches a person.
    const other = path.join(t.dir, 'other.csv');
    writeFileSync(
      other,
      csvOf([
        ['kommun', 'rubrik', 'beskrivning', 'verksamhet'],
        ['Boxholm', 'Returlogistik', 'Returlogistik för kommunens möbler mellan skolor och förvaltningar.', ''],
      ]),
    );
    const labelled = await cli([other, '--source', 'Workshop Boxholm 2027-03-12']);
    expect(labelled.out.at(-2)).toBe('Importerade: 1 (1 utan Slack-person) · fanns redan: 0 · avvisade: 0');
    const boxholm = await t.db.need.findFirstOrThrow({ where: { title: 'Returlogistik' } });
    expect([boxholm.recordedByUserId, boxholm.sourceLabel]).toEqual([null, 'Workshop Boxholm 2027-03-12']);
    const boxholmPage = JSON.stringify(needPageModal((await loadNeedDetail(t.db, boxholm.id))!, { locale: 'sv', areas, mayChange: false }).blocks);
    expect(boxholmPage).toContain('importerad från Workshop Boxholm 2027-03-12');
    writeFileSync(
      other,
      csvOf([
        ['kommun', 'beskrivning'],
        ['Boxholm', 'Laddplatser för kommunens bilar vid alla förvaltningar.'],
      ]),
    );
    const by = await cli([other, '--by', 'U0STAFF']);
    expect(by.out.at(-2)).toBe('Importerade: 1 · fanns redan: 0 · avvisade: 0');
    expect((await t.db.need.findFirstOrThrow({ where: { description: { startsWith: 'Laddplatser' } } })).recordedByUserId).toBe('U0STAFF');
  });

  it('imports a file longer than a batch: every row in the order of the file, repeats recognised, similar needs found within and across batches', async () => {
    const municipalities = ['Motala', 'Kinda', 'Ydre', 'Boxholm', 'Mjölby', 'Vadstena', 'Ödeshög', 'Finspång', 'Söderköping', 'Åtvidaberg', 'Valdemarsvik'];
    const topics = [
      'skolskjutsar på landsbygden med anropsstyrd trafik',
      'sensorer som mäter fukt i kommunens fastigheter',
      'en 3D-modell av nya bostadsområden för samråd',
      'returlogistik för kommunens möbler',
      'solceller på förskolornas tak',
    ];
    const homeCare = 'Digital tillsyn nattetid i hemtjänsten med kamera istället för besök som väcker brukaren.';
    const rows: string[][] = [['kommun', 'beskrivning', 'vår kontakt', 'datum']];
    for (let i = 0; i < IMPORT_BATCH_ROWS + 250; i++) {
      const municipality = municipalities[i % municipalities.length]!;
      if (i === 1) rows.push(['Motala', homeCare, 'U0ALICE', '2026-11-20']);
      else if (i === 2) rows.push(['Ydre', homeCare, 'U0ALICE', '2026-11-20']);
      else if (i === IMPORT_BATCH_ROWS + 200) rows.push(['Kinda', homeCare, 'U0ALICE', '2026-11-20']);
      else if (i % 97 === 50) rows.push([municipality, 'För kort', 'U0ALICE', '']);
      else if (i === IMPORT_BATCH_ROWS + 10) rows.push([...rows[5]!]);
      else rows.push([municipality, `Vi behöver ${topics[i % topics.length]} (punkt ${i + 1} från workshoppen).`, 'U0ALICE', '2026-11-20']);
    }
    const file = path.join(t.dir, 'long.csv');
    writeFileSync(file, csvOf(rows));
    const refusedLines = rows.flatMap((r, i) => (r[1] === 'För kort' ? [i + 1] : []));

    const run = await cli([file]);
    const lineOf = (l: string) => Number(/^rad (\d+):/.exec(l)?.[1]);
    const reported = run.out.filter((l) => l.startsWith('rad ')).map(lineOf);
    expect(reported).toEqual(
      rows
        .slice(1)
        .map((_, i) => i + 2)
        .filter((line) => !refusedLines.includes(line)),
    );
    expect(run.err.filter((l) => l.startsWith('rad ')).map(lineOf)).toEqual(refusedLines);
    expect(run.out.find((l) => l.startsWith(`rad ${IMPORT_BATCH_ROWS + 12}:`))).toMatch(/fanns redan, hoppas över$/);
    const imported = rows.length - 1 - refusedLines.length - 1;
    expect(run.out.at(-2)).toBe(`Importerade: ${imported} · fanns redan: 1 · avvisade: ${refusedLines.length}`);

    const needs = await t.db.need.findMany({ orderBy: { id: 'asc' }, include: { suggestions: true, similar: { orderBy: { rank: 'asc' } } } });
    expect(needs).toHaveLength(imported);
    expect(needs.every((n) => n.routedAt !== null && n.suggestions.length > 0)).toBe(true);
    expect(await t.db.outboxMessage.count()).toBe(needs.reduce((sum, n) => sum + n.suggestions.length, 0));
    // The home-care need in Ydre finds Motala's from the same batch; Kinda's, two batches on, finds both.
    const homeCareNeeds = needs.filter((n) => n.description === homeCare);
    expect(homeCareNeeds).toHaveLength(3);
    const [motala, ydre, kinda] = homeCareNeeds;
    expect(ydre!.similar.map((s) => s.similarNeedId)).toEqual([motala!.id]);
    expect(kinda!.similar.map((s) => s.similarNeedId).sort()).toEqual([motala!.id, ydre!.id].sort());

    const again = await cli([file]);
    expect(again.out.at(-1)).toBe(`Importerade: 0 · fanns redan: ${imported + 1} · avvisade: ${refusedLines.length}`);
    expect(await t.db.need.count()).toBe(imported);
  });

  it('reads the same rows from an XLSX, recognising them as the same rows as the CSV', async () => {
    const xlsxFile = path.join(t.dir, 'workshop.xlsx');
    await writeXlsx(xlsxFile, WORKSHOP_ROWS);
    const dry = await cli(['--dry-run', xlsxFile]);
    // In a worksheet every row is one line, so the line numbers run 2…9 without a gap.
    expect(dry.err).toEqual([
      'Okända kolumner, ignoreras: Anteckning',
      'rad 3: ”Stockholm” är ingen av regionens kommuner.',
      'rad 4: beskrivning: Beskrivningen behöver minst 10 tecken.',
      'rad 6: datum ”12/11 2026” är inget giltigt datum (skriv ÅÅÅÅ-MM-DD).',
      'rad 7: ”not-a-user” är inget Slack-användar-id (U…).',
    ]);
    expect(dry.out.at(-1)).toBe('Skulle importeras: 3 (1 utan Slack-person) · fanns redan: 0 · avvisade: 4 (provkörning, inget sparades)');
    expect(await t.db.need.count()).toBe(0);

    const real = await cli([xlsxFile]);
    expect(real.out.at(-2)).toBe('Importerade: 3 (1 utan Slack-person) · fanns redan: 0 · avvisade: 4');
    // Without --source, the file's name is where they came from.
    const needs = await t.db.need.findMany({ orderBy: { id: 'asc' } });
    expect(needs.map((n) => [n.title, n.recordedByUserId, n.recordedAt.toISOString(), n.sourceLabel])).toEqual([
      ['Digital tvilling av centrum', 'U0ALICE', '2026-11-12T12:00:00.000Z', 'workshop.xlsx'],
      ['Sensorer i VA-nätet', 'U0BOB', '2026-11-12T12:00:00.000Z', 'workshop.xlsx'],
      ['Vi behöver återvinna byggmaterial från rivningar och hitta nya material med…', null, '2026-11-11T12:00:00.000Z', 'workshop.xlsx'],
    ]);
    const csvAgain = await cli([csvFile]);
    expect(csvAgain.out.at(-1)).toBe('Importerade: 0 · fanns redan: 3 · avvisade: 4');
    expect(await t.db.need.count()).toBe(3);
  });

  it('English with LOCALE=en; a comma-separated file; a missing required column stops before any row', async () => {
    const commaFile = path.join(t.dir, 'comma.csv');
    writeFileSync(
      commaFile,
      csvOf(
        [
          ['Municipality', 'Title', 'Description', 'Our contact'],
          ['Ydre', '', 'Short', 'U0ALICE'],
          ['Ydre', '', 'Vi behöver bättre skolskjutsar på landsbygden med anropsstyrd trafik.', 'U0ALICE'],
        ],
        ',',
      ),
    );
    const en = await cli(['--dry-run', commaFile], 'en');
    expect(en.err).toEqual(['line 2: beskrivning: The description needs at least 10 characters.']);
    expect(en.out.at(-1)).toBe('Would import: 1 · already there: 0 · refused: 1 (dry run, nothing was saved)');

    const noDescription = path.join(t.dir, 'bad.csv');
    writeFileSync(
      noDescription,
      csvOf([
        ['kommun', 'rubrik'],
        ['Ydre', 'Något'],
      ]),
    );
    const bad = await cli([noDescription]);
    expect(bad.code).toBe(1);
    expect(bad.err).toEqual(['Filen saknar kolumnen ”beskrivning” (rubrikraden är rad 1). Inget importerades.']);
    expect(await t.db.need.count()).toBe(0);
  });

  it('refuses bad arguments with a usage message', async () => {
    const io: CliIo = { stdout: () => undefined, stderr: () => undefined, readText: () => '' };
    await expect(runImportCommand([], io, env())).rejects.toThrow(/exactly one FILE/);
    await expect(runImportCommand([csvFile, '--by', 'anna'], io, env())).rejects.toThrow(/Slack user id/);
  });

  it('--help says what the command does, without touching a database', async () => {
    const help: string[] = [];
    const io: CliIo = { stdout: (l) => help.push(l), stderr: () => undefined, readText: () => '' };
    const opened: string[] = [];
    expect(await runImportCommand(['--help'], io, { ...env(), openDatabase: async (url) => (opened.push(url), openDatabase(url)) })).toBe(0);
    expect(help.join('\n')).toMatch(/^usage: npm run cli -- import FILE \[--dry-run\]/);
    expect(help.join('\n')).toContain('no Slack person attached');
    expect(opened).toEqual([]);
  });
});

describe('import --dry-run on a database the bot never started', { timeout: 60_000 }, () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'behovsbryggan-fresh-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** `npm run cli -- import …` as a fresh clone runs it: no Slack credentials, no .env. */
  function cliProcess(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = execFile(
        process.execPath,
        ['--import', 'tsx', 'src/cli/index.ts', ...args],
        { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: dir, ...ALL_UNSET, ...env } },
        (_error, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
      );
    });
  }

  it('migrates and seeds the database itself, as npm start does, and says what each row would become', async () => {
    const file = path.join(dir, 'fresh.db');
    const csv = path.join(dir, 'workshop.csv');
    writeFileSync(
      csv,
      csvOf([
        ['kommun', 'rubrik', 'beskrivning', 'verksamhet'],
        [
          'Norrköping',
          'Digital tvilling av centrum',
          'Vi vill visualisera trafikflöden och nya detaljplaner i en 3D-modell av centrum för medborgardialog.',
          'Samhällsbyggnad och planering',
        ],
        ['Ydre', 'Fuktsensorer', 'Uppkopplade sensorer som mäter fukt i kommunens fastigheter och larmar vid vattenläckor.', 'Fastigheter'],
      ]),
    );
    const env = { DATABASE_URL: `file:${file}`, CHANNELS_FILE: path.join(ROOT, 'channels.example.yml'), LOCALE: 'sv', LOG_LEVEL: 'silent' };
    const run = await cliProcess(['import', csv, '--dry-run'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('inga kommuner');
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^rad 2: Norrköping – Digital tvilling av centrum → .*Visualisering.* → .*#C0123VISUAL/);
    expect(lines[1]).toMatch(/^rad 3: Ydre – Fuktsensorer → .+ → #C0123/);
    expect(lines[2]).toBe('Skulle importeras: 2 (2 utan Slack-person) · fanns redan: 0 · avvisade: 0 (provkörning, inget sparades)');

    // The reference data is there, as after npm start; the dry run itself wrote no need and queued nothing.
    const counts = () =>
      readFromFile(file, (db) =>
        Object.fromEntries(
          ['Municipality', 'StrengthArea', 'InnovationEnvironment', 'TrainingExample', 'Need', 'OutboxMessage'].map((table) => [
            table,
            (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n,
          ]),
        ),
      );
    const seeded = counts();
    expect(seeded).toMatchObject({ Municipality: 13, StrengthArea: 5, Need: 0, OutboxMessage: 0 });
    expect(seeded.InnovationEnvironment).toBeGreaterThan(0);
    expect(seeded.TrainingExample).toBeGreaterThan(0);

    // Again, now that it is seeded: the same answer, nothing added twice.
    const again = await cliProcess(['import', csv, '--dry-run'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(run.stdout);
    expect(counts()).toEqual(seeded);
  });
});
