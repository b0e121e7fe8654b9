// Runs the lines of an import file through the need's own path. The header decides the columns
// (a required one missing stops everything before a row is touched); each row is planned and
// validated on its own, so a bad row is refused with its line number and the rest go on.
// Dry run: classified and routed on paper only (the matcher and routing.ts), nothing written.
// Otherwise valid rows are taken IMPORT_BATCH_ROWS at a time: NeedService.recordNeeds (source
// "import", the row's key as submissionKey, so the same row never becomes two needs), then
// routeNeeds, which classifies them as a /need is classified and queues their posts in the outbox,
// a handful of statements per batch — in this process, so no Slack connection is needed: the
// running bot sends them.
import type { ChannelsConfig } from '../channels/channelsConfig.js';
import { routeNeed as routeChannels } from '../channels/routing.js';
import type { AreaSlug, Matcher } from '../matching/types.js';
import type { NeedService } from '../record-need/recordNeed.js';
import { type HeaderMap, type ImportColumn, cellsOf, mapHeader } from './columns.js';
import type { FileLine } from './readFile.js';
import { type ImportProblem, type PlannedNeed, planRow } from './importRow.js';
import { needText } from '../needs/needInput.js';
import { required } from '../required.js';

export interface ImporterDeps {
  needs: Pick<NeedService, 'recordNeeds' | 'routeNeeds'>;
  /** The current matcher (the dry run classifies with it; the real run classifies in routeNeed). */
  matcher: () => Matcher;
  channels: ChannelsConfig;
  municipalities: readonly { id: number; name: string }[];
  /** The need already recorded under a key, if any. */
  needIdByKey(key: string): Promise<number | null>;
  now?: () => Date;
}

export interface ImportOptions {
  dryRun: boolean;
  /**
   * Who is recorded as having recorded the needs; null: each row's "vår kontakt", and a row without
   * one is imported with no Slack person attached (Need.recordedByUserId null, shown as "importerad
   * från ‹its source label›").
   */
  recordedBy: string | null;
  /** Where the needs came from, for rows without a källa of their own (the CLI: --source, else the file's name). */
  sourceLabel: string | null;
}

export type RowOutcome =
  | {
      line: number;
      status: 'imported' | 'wouldImport';
      municipalityId: number;
      title: string;
      areas: AreaSlug[] | null;
      channels: string[];
      needId: number | null;
      /** The Slack person recorded as its recorder; null: none attached. */
      recordedBy: string | null;
      /** The verksamhet as written when no sector fits it (the need has none). */
      unknownSector: string | null;
    }
  | { line: number; status: 'exists'; title: string; needId: number | null }
  | { line: number; status: 'refused'; problems: ImportProblem[] };

export interface ImportTotals {
  /** Imported, or (dry run) would be. */
  imported: number;
  /** Of those, imported (or, dry run, to be) with no Slack person attached: no --by, no vår kontakt. */
  withoutPerson: number;
  exists: number;
  refused: number;
  /** Lines that held a row (the header left out). */
  rows: number;
}

export class ImportHeaderError extends Error {
  constructor(readonly missing: ImportColumn[]) {
    super(`missing required columns: ${missing.join(', ')}`);
  }
}

export interface ImportHooks {
  /** The header as understood (unknown and repeated columns are reported, not fatal). */
  onHeader?(header: HeaderMap): void;
  onRow?(outcome: RowOutcome): void | Promise<void>;
}

/** Valid rows recorded and routed together: a few statements for the batch instead of a dozen per row. */
export const IMPORT_BATCH_ROWS = 200;

type Pending = { line: number; outcome: RowOutcome } | { line: number; need: PlannedNeed; recordedBy: string | null; municipalityId: number };

export async function runImport(lines: AsyncIterable<FileLine>, deps: ImporterDeps, options: ImportOptions, hooks: ImportHooks = {}): Promise<ImportTotals> {
  const totals: ImportTotals = { imported: 0, withoutPerson: 0, exists: 0, refused: 0, rows: 0 };
  const knownMunicipalityIds = new Set(deps.municipalities.map((m) => m.id));
  // The dry run writes nothing, so a row repeated in the file is recognised here instead.
  const seenInDryRun = new Set<string>();
  // Rows wait here until the batch is written; outcomes are reported in the file's order.
  let pending: Pending[] = [];
  let pendingNeeds = 0;
  const report = async (outcome: RowOutcome) => {
    if (outcome.status === 'refused') totals.refused++;
    else if (outcome.status === 'exists') totals.exists++;
    else {
      totals.imported++;
      if (outcome.recordedBy === null) totals.withoutPerson++;
    }
    await hooks.onRow?.(outcome);
  };
  const flush = async () => {
    const batch = pending;
    pending = [];
    pendingNeeds = 0;
    for (const outcome of await importBatch(batch, deps)) await report(outcome);
  };

  let header: HeaderMap | null = null;
  for await (const { line, cells } of lines) {
    if (header === null) {
      header = mapHeader(cells);
      if (header.missing.length > 0) throw new ImportHeaderError(header.missing);
      hooks.onHeader?.(header);
      continue;
    }
    totals.rows++;
    const planned = planLine(line, cellsOf(cells, header), deps, options, knownMunicipalityIds);
    if ('outcome' in planned) pending.push(planned);
    else if (options.dryRun) pending.push({ line, outcome: await dryRunLine(planned, deps, seenInDryRun) });
    else {
      pending.push(planned);
      pendingNeeds++;
    }
    // A full batch is written; with no row waiting to be written (a dry run, refused rows so far) each is reported at once.
    if (pendingNeeds >= IMPORT_BATCH_ROWS || (pendingNeeds === 0 && pending.length > 0)) await flush();
  }
  await flush();
  if (header === null) throw new ImportHeaderError(['municipality', 'description']);
  return totals;
}

function planLine(
  line: number,
  cells: ReturnType<typeof cellsOf>,
  deps: ImporterDeps,
  options: ImportOptions,
  knownMunicipalityIds: ReadonlySet<number>,
): Pending {
  const now = deps.now?.() ?? new Date();
  const plan = planRow(cells, { municipalities: deps.municipalities, knownMunicipalityIds, sourceLabel: options.sourceLabel, now });
  if (!plan.ok) return { line, outcome: { line, status: 'refused', problems: plan.problems } };
  // Neither --by nor a vår kontakt: the need is imported with no Slack person attached.
  const recordedBy = options.recordedBy ?? plan.need.input.ourContactUserId;
  return { line, need: plan.need, recordedBy, municipalityId: plan.need.input.municipalityId };
}

/** Classified and routed on paper only: nothing written. */
async function dryRunLine(planned: Extract<Pending, { need: PlannedNeed }>, deps: ImporterDeps, seenInDryRun: Set<string>): Promise<RowOutcome> {
  const { line, need, recordedBy } = planned;
  const { input, key } = need;
  const existing = await deps.needIdByKey(key);
  if (existing !== null || seenInDryRun.has(key)) return { line, status: 'exists', title: input.title, needId: existing };
  seenInDryRun.add(key);
  const classification = deps.matcher().classify(needText(input));
  const areas = classification.suggested.map((s) => s.slug);
  const channels = routeChannels(deps.channels, areas).map((r) => r.channel);
  return {
    line,
    status: 'wouldImport',
    municipalityId: input.municipalityId,
    title: input.title,
    areas,
    channels,
    needId: null,
    recordedBy,
    unknownSector: need.unknownSector,
  };
}

/** Records the batch's needs (the row's key as submissionKey, so a row never becomes two needs), then routes them. */
async function importBatch(batch: readonly Pending[], deps: ImporterDeps): Promise<RowOutcome[]> {
  const rows = batch.flatMap((p) => ('need' in p ? [p] : []));
  if (rows.length === 0) return batch.flatMap((p) => ('outcome' in p ? [p.outcome] : []));
  const recorded = await deps.needs.recordNeeds(
    rows.map(({ need, recordedBy }) => ({
      input: need.input,
      meta: {
        recordedByUserId: recordedBy,
        originChannelId: null,
        source: 'import' as const,
        submissionKey: need.key,
        ...(need.recordedAt ? { recordedAt: need.recordedAt } : {}),
        sourceLabel: need.sourceLabel,
      },
    })),
  );
  // Routed here either way: a run that stopped between recording and routing is finished by the
  // next one (routeNeeds leaves a routed need alone).
  const routed = await deps.needs.routeNeeds(recorded.map((r) => r.id));
  // recordNeeds answers each input with its need, in order.
  const byLine = new Map(rows.map((row, i) => [row.line, required(recorded[i], `the need recorded for line ${row.line}`)] as const));
  return batch.map((p): RowOutcome => {
    if ('outcome' in p) return p.outcome;
    const need = required(byLine.get(p.line), `the need recorded for line ${p.line}`);
    if (!need.created) return { line: p.line, status: 'exists', title: need.title, needId: need.id };
    return {
      line: p.line,
      status: 'imported',
      municipalityId: p.municipalityId,
      title: need.title,
      areas: null,
      channels: routed.get(need.id)?.channels ?? [],
      needId: need.id,
      recordedBy: p.recordedBy,
      unknownSector: p.need.unknownSector,
    };
  });
}
