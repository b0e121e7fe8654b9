// One import from Slack: fetch the uploaded file, run it (dry run for the preview, or for real),
// and collect what the modal lists — the first rows and the refused ones after them — plus the
// totals. Memory stays bounded whatever the file's length: only those rows are kept.
import { Readable } from 'node:stream';
import type { WebClient } from '@slack/web-api';
import type { Locale } from '../i18n/messages.js';
import { ImportHeaderError, type RowOutcome } from './importer.js';
import { ImportFileError, readImportFile } from './readFile.js';
import { IMPORT_PREVIEW_ROWS, type ImportListing } from './importModal.js';
import type { ListenerDeps, SlackImportDeps } from '../platform/slack/deps.js';
import { type FetchedFile, fetchSlackFile } from './importFile.js';
import { fileProblemText, headerNotes, missingColumnsText } from './importText.js';

const MORE_REFUSED = 10;

export type SlackImportResult = { ok: true; file: FetchedFile; listing: ImportListing } | { ok: false; text: string; file: FetchedFile };

export async function runSlackImport(
  deps: ListenerDeps & { imports: SlackImportDeps },
  file: FetchedFile,
  options: { dryRun: boolean; recordedBy: string; sourceLabel: string | null },
): Promise<SlackImportResult> {
  const locale: Locale = deps.locale;
  const outcomes: RowOutcome[] = [];
  let refusedAfter = 0;
  let notes: string[] = [];
  try {
    const totals = await deps.imports.service.run(readImportFile(Readable.from([file.bytes])), options, {
      onHeader: (header) => {
        notes = headerNotes(header, locale);
      },
      onRow: (outcome) => {
        if (outcomes.length < IMPORT_PREVIEW_ROWS) outcomes.push(outcome);
        else if (outcome.status === 'refused' && refusedAfter < MORE_REFUSED) {
          outcomes.push(outcome);
          refusedAfter++;
        }
      },
    });
    return { ok: true, file, listing: { fileName: file.name, notes, outcomes, totals, municipalities: deps.municipalities, areas: deps.areas } };
  } catch (error) {
    if (error instanceof ImportHeaderError) return { ok: false, file, text: missingColumnsText(error.missing, locale) };
    if (error instanceof ImportFileError) return { ok: false, file, text: fileProblemText(error.problem, locale) };
    throw error;
  }
}

export function fetchImportFile(deps: { imports: SlackImportDeps }, client: WebClient, botToken: string, fileId: string): Promise<FetchedFile> {
  return fetchSlackFile(client, botToken, fileId, {
    downloadOrigins: deps.imports.downloadOrigins,
    ...(deps.imports.maxBytes ? { maxBytes: deps.imports.maxBytes } : {}),
  });
}
