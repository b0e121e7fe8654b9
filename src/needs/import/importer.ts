// Runs the lines of an import file through the need's own path. The header decides the columns
// (a required one missing stops everything before a row is touched); each row is planned and
// validated on its own, so a bad row is refused with its line number and the rest go on.
// Dry run: classified and routed on paper only (the matcher and routing.ts), nothing written.
// Otherwise: NeedService.recordNeed (source "import", the row's key as submissionKey, so the same
// row never becomes two needs) and then routeNeed, which classifies it and queues its posts in
// the outbox — in this process, so no Slack connection is needed: the running bot sends them.
import type { ChannelsConfig } from '../../channels/channelsConfig.js';
import { routeNeed as routeChannels } from '../../channels/routing.js';
import type { AreaSlug, Matcher } from '../../matching/types.js';
import type { NeedService } from '../needService.js';
import { type HeaderMap, type ImportColumn, cellsOf, mapHeader } from './columns.js';
import type { FileLine } from './readFile.js';
import { type ImportProblem, planRow } from './importRow.js';

export interface ImporterDeps {
  needs: Pick<NeedService, 'recordNeed' | 'routeNeed'>;
  /** The current matcher (the dry run classifies with it; the real run classifies in routeNeed). */
  matcher: () => Matcher;
  channels: ChannelsConfig;
  municipalities: ReadonlyArray<{ id: number; name: string }>;
  /** The need already recorded under a key, if any. */
  needIdByKey(key: string): Promise<number | null>;
  now?: () => Date;
}

export interface ImportOptions {
  dryRun: boolean;
  /** Who is recorded as having recorded the needs; null: each row's "vår kontakt". */
  recordedBy: string | null;
  /** Where the needs came from, for rows without a källa of their own. */
  sourceLabel: string | null;
}

export type RowOutcome =
  | { line: number; status: 'imported' | 'wouldImport'; municipalityId: number; title: string; areas: AreaSlug[] | null; channels: string[]; needId: number | null }
  | { line: number; status: 'exists'; title: string; needId: number | null }
  | { line: number; status: 'refused'; problems: ImportProblem[] };

export interface ImportTotals {
  /** Imported, or (dry run) would be. */
  imported: number;
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

export async function runImport(lines: AsyncIterable<FileLine>, deps: ImporterDeps, options: ImportOptions, hooks: ImportHooks = {}): Promise<ImportTotals> {
  const totals: ImportTotals = { imported: 0, exists: 0, refused: 0, rows: 0 };
  const knownMunicipalityIds = new Set(deps.municipalities.map((m) => m.id));
  // The dry run writes nothing, so a row repeated in the file is recognised here instead.
  const seenInDryRun = new Set<string>();
  let header: HeaderMap | null = null;
  for await (const { line, cells } of lines) {
    if (header === null) {
      header = mapHeader(cells);
      if (header.missing.length > 0) throw new ImportHeaderError(header.missing);
      hooks.onHeader?.(header);
      continue;
    }
    totals.rows++;
    const outcome = await importLine(line, cellsOf(cells, header), deps, options, knownMunicipalityIds, seenInDryRun);
    if (outcome.status === 'refused') totals.refused++;
    else if (outcome.status === 'exists') totals.exists++;
    else totals.imported++;
    await hooks.onRow?.(outcome);
  }
  if (header === null) throw new ImportHeaderError(['municipality', 'description']);
  return totals;
}

async function importLine(
  line: number,
  cells: ReturnType<typeof cellsOf>,
  deps: ImporterDeps,
  options: ImportOptions,
  knownMunicipalityIds: ReadonlySet<number>,
  seenInDryRun: Set<string>,
): Promise<RowOutcome> {
  const now = deps.now?.() ?? new Date();
  const plan = planRow(cells, { municipalities: deps.municipalities, knownMunicipalityIds, sourceLabel: options.sourceLabel, now });
  if (!plan.ok) return { line, status: 'refused', problems: plan.problems };
  const { input, key, recordedAt, sourceLabel } = plan.need;
  const recordedBy = options.recordedBy ?? input.ourContactUserId;
  if (recordedBy === null) return { line, status: 'refused', problems: [{ kind: 'noRecorder' }] };

  if (options.dryRun) {
    const existing = await deps.needIdByKey(key);
    if (existing !== null || seenInDryRun.has(key)) return { line, status: 'exists', title: input.title, needId: existing };
    seenInDryRun.add(key);
    const classification = deps.matcher().classify(`${input.title}. ${input.description}`);
    const areas = classification.suggested.map((s) => s.slug);
    const channels = routeChannels(deps.channels, areas).map((r) => r.channel);
    return { line, status: 'wouldImport', municipalityId: input.municipalityId, title: input.title, areas, channels, needId: null };
  }

  const recorded = await deps.needs.recordNeed(input, {
    recordedByUserId: recordedBy,
    originChannelId: null,
    source: 'import',
    submissionKey: key,
    ...(recordedAt ? { recordedAt } : {}),
    sourceLabel,
  });
  // Routed here either way: a run that stopped between recording and routing is finished by the
  // next one (routeNeed leaves a routed need alone).
  const routed = await deps.needs.routeNeed(recorded.id);
  if (!recorded.created) return { line, status: 'exists', title: recorded.title, needId: recorded.id };
  return { line, status: 'imported', municipalityId: input.municipalityId, title: recorded.title, areas: null, channels: routed.channels, needId: recorded.id };
}
