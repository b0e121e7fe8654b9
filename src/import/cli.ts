// `import FILE [--dry-run] [--source "Workshop Storby 2027-03-12"] [--by U…]` reads workshop
// notes (CSV or XLSX) into needs: each valid row recorded with source "import" and routed like a
// /need — classified, and its posts queued in the outbox, which the running bot sends (paced per
// channel); this process needs no Slack connection. --dry-run writes nothing and prints what each
// row would become. The same row imported again is recognised by its key and skipped. A row with
// no vår kontakt, imported without --by, has no Slack person attached: it is shown as "importerad
// från ‹källa›" (the row's källa, else --source, else the file's name).
import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import cliProgress from 'cli-progress';
import { z } from 'zod';
import type { ChannelsConfig } from '../channels/channelsConfig.js';
import type { Config } from '../config.js';
import type { Db } from '../platform/db/client.js';
import { messages } from '../i18n/messages.js';
import { ImportHeaderError, runImport, type RowOutcome } from './importer.js';
import { ImportFileError, readImportFile } from './readFile.js';
import { SOURCE_LABEL_MAX } from './importRow.js';
import { MatcherProvider } from '../training/matcherProvider.js';
import { NeedService } from '../record-need/recordNeed.js';
import { SimilarNeeds } from '../needs/similarNeedsIndex.js';
import { needIdBySubmissionKey } from './importRepository.js';
import { required } from '../required.js';
import { fileProblemText, headerNotes, missingColumnsText, refusedLineText } from './importText.js';
import { codePoints } from '../text/codePoints.js';
import { parseCommandArgs, UsageError } from '../cli/classify.js';
import { openDatabase } from '../cli/database.js';
import type { CliIo } from '../cli/index.js';
import { processSummaryEnv } from '../weekly-summary/cli.js';
import { loadMunicipalities, loadAreas } from '../region/referenceDataRepository.js';
import { loadRegionPack, type RegionPack } from '../region/regionPack.js';
import { regionTraining } from '../training/matcherProvider.js';

/** What the command reads from its surroundings; tests pass their own. */
export interface ImportCliEnv {
  /** Config without Slack credentials: the import never talks to Slack. */
  loadConfig(): Config;
  /** The channels file, checked against the region pack's areas. */
  loadChannels(config: Config, areas: readonly string[]): ChannelsConfig;
  openDatabase(url: string, pack: RegionPack): Promise<Db>;
  now(): Date;
  /** The matcher, trained like the bot's (tests hand one trained model to every run). */
  matchers?(db: Db): Promise<MatcherProvider>;
}

export const processImportEnv: ImportCliEnv = {
  loadConfig: () => processSummaryEnv.loadConfigForDryRun(),
  loadChannels: (config, areas) => processSummaryEnv.loadChannels(config, areas),
  openDatabase: (url, pack) => openDatabase(url, pack),
  now: () => new Date(),
};

const HELP = [
  'usage: npm run cli -- import FILE [--dry-run] [--source "Workshop Storby 2027-03-12"] [--by U…]',
  '',
  'Reads workshop notes (CSV or XLSX, header on line 1) into needs, each classified and routed like a',
  '/need; the posts are queued and the running bot sends them. Columns: kommun and beskrivning',
  '(required), rubrik, verksamhet, kontakt i kommunen, vår kontakt (a Slack user id U…), datum',
  '(YYYY-MM-DD), källa. The same row again creates nothing. On a fresh database the command migrates',
  'it and adds the reference data first, as npm start does.',
  '  --dry-run  write nothing: print what each row would become (areas, channels) and the totals',
  "  --source   where the needs came from, for rows without a källa (default: the file's name)",
  "  --by       the Slack user recorded as having recorded every row (default: the row's vår",
  '             kontakt; a row with neither is imported with no Slack person attached and shown',
  '             as "importerad från <källa>")',
  'Exits 1 when a row was refused (each named by its line), 0 otherwise.',
].join('\n');

const importArgs = z.object({
  'dry-run': z.boolean().default(false),
  source: z.string().trim().min(1, '--source must not be empty').max(SOURCE_LABEL_MAX, `--source may be at most ${SOURCE_LABEL_MAX} characters`).optional(),
  by: z
    .string()
    .regex(/^[UW][A-Z0-9]{2,}$/, '--by must be a Slack user id such as U0123ABCD')
    .optional(),
  positionals: z.array(z.string().min(1)).length(1, 'give exactly one FILE (CSV or XLSX)'),
});

export async function runImportCommand(args: string[], io: CliIo, env: ImportCliEnv = processImportEnv): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(HELP);
    return 0;
  }
  const opts = parseCommandArgs(args, { 'dry-run': { type: 'boolean' }, source: { type: 'string' }, by: { type: 'string' } }, importArgs);
  const file = required(opts.positionals[0], 'the FILE argument (the schema asks for exactly one)');
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new UsageError(`cannot read ${file}`);
  }
  const config = env.loadConfig();
  const { locale } = config;
  const t = messages(locale).importing;
  const pack = loadRegionPack(config.regionPack); // read once: channels, database and matcher
  const channels = env.loadChannels(
    config,
    pack.areas.map((a) => a.slug),
  );
  // Migrated and seeded as npm start does (cli/database.ts): a fresh database has its municipalities.
  const db = await env.openDatabase(config.databaseUrl, pack);
  try {
    const municipalities = await loadMunicipalities(db);
    const areaNames = new Map((await loadAreas(db)).map((a) => [a.slug, locale === 'sv' ? a.name : a.nameEn] as const));
    const municipalityName = new Map(municipalities.map((m) => [m.id, m.name]));
    const matchers = await (env.matchers ?? ((d: Db) => MatcherProvider.create(d, regionTraining(pack))))(db);
    const needs = new NeedService({ db, matchers, channels, now: () => env.now(), similar: new SimilarNeeds(db) });

    const progress =
      io.isTTY?.stderr && size > 0
        ? new cliProgress.MultiBar(
            { format: 'import [{bar}] {percentage}% | {rows} rows', hideCursor: true, clearOnComplete: true },
            cliProgress.Presets.shades_classic,
          )
        : null;
    const bar = progress?.create(size, 0, { rows: 0 }) ?? null;
    // While the bar is drawn, lines for the terminal go above it; otherwise straight out.
    const out = (line: string) => (progress && io.isTTY?.stdout ? progress.log(`${line}\n`) : io.stdout(line));
    const err = (line: string) => (progress ? progress.log(`${line}\n`) : io.stderr(line));

    let bytes = 0;
    const counted = createReadStream(file).pipe(
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          done(null, chunk);
        },
      }),
    );
    let rows = 0;
    const channelText = (ids: readonly string[]) => ids.map((id) => `#${id}`).join(', ');
    const sectorNote = (unknown: string | null) => (unknown === null ? '' : ` ${t.sectorDropped(unknown)}`);
    const onRow = (o: RowOutcome) => {
      rows++;
      bar?.update(bytes, { rows });
      switch (o.status) {
        case 'refused': {
          err(refusedLineText(o.line, o.problems, locale));
          return;
        }
        case 'exists': {
          out(t.existsRow(o.line, o.title));
          return;
        }
        case 'wouldImport': {
          const areas = o.areas && o.areas.length > 0 ? o.areas.map((a) => areaNames.get(a) ?? a).join(', ') : t.noArea;
          out(
            t.dryRunRow(o.line, municipalityName.get(o.municipalityId) ?? String(o.municipalityId), o.title, areas, channelText(o.channels)) +
              sectorNote(o.unknownSector),
          );
          return;
        }
        case 'imported': {
          out(t.importedRow(o.line, o.needId ?? 0, o.title, channelText(o.channels)) + sectorNote(o.unknownSector));
          return;
        }
      }
    };
    let totals;
    try {
      totals = await runImport(
        readImportFile(counted),
        { needs, matcher: () => matchers.current(), channels, municipalities, needIdByKey: (key) => needIdBySubmissionKey(db, key), now: () => env.now() },
        { dryRun: opts['dry-run'], recordedBy: opts.by ?? null, sourceLabel: opts.source ?? fileLabel(file) },
        { onHeader: (header) => headerNotes(header, locale).forEach(err), onRow },
      );
    } catch (error) {
      if (error instanceof ImportHeaderError) {
        err(missingColumnsText(error.missing, locale));
        return 1;
      }
      if (error instanceof ImportFileError) {
        err(fileProblemText(error.problem, locale));
        return 1;
      }
      throw error;
    } finally {
      bar?.update(bytes, { rows });
      progress?.stop();
    }
    const { imported, exists, refused, withoutPerson } = totals;
    io.stdout(opts['dry-run'] ? t.dryRunTotals(imported, exists, refused, withoutPerson) : t.totals(imported, exists, refused, withoutPerson));
    if (!opts['dry-run'] && totals.imported > 0) io.stdout(t.queuedNote);
    return totals.refused > 0 ? 1 : 0;
  } finally {
    await db.$disconnect();
  }
}

/** The file's name as the needs' source label when no --source is given (within the label's limit). */
export function fileLabel(file: string): string {
  return codePoints(path.basename(file)).slice(0, SOURCE_LABEL_MAX).join('');
}
