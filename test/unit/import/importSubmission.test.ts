// The import modal submitted: "no file" is answered in the modal; otherwise the modal turns to
// "reading…" at once (the ack), and the dry run's preview (or why the file cannot be read) replaces
// it with views.update. The file comes from a fake files.info and a fake fetch.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { messages } from '../../../src/i18n/messages.js';
import type { ImportTotals } from '../../../src/import/importer.js';
import { IMPORT_BLOCKS, IMPORT_CALLBACK_ID, importNoticeModal, importPreviewModal } from '../../../src/import/importModal.js';
import { SlackFileError } from '../../../src/import/importFile.js';
import { importFailureText, importSubmission } from '../../../src/import/importSubmission.js';
import { AREAS, asDeps, callListener, fakeDeps, interactionArgs, MUNICIPALITIES, serveUploadedFile } from '../../support/listenerArgs.js';
import { viewSubmission } from '../../support/slackRequests.js';

const t = messages('sv').importing;
const FILE = { id: 'F0IMPORT', name: 'behov.csv', bytes: Buffer.from('kommun;beskrivning\nMotala;Laddstolpar vid resecentrum\n') };
const TOTALS: ImportTotals = { imported: 1, withoutPerson: 0, exists: 0, refused: 0, rows: 1 };

function submitted(files: { id: string }[] | null, source: string | null = 'Workshop Motala') {
  const values = {
    [IMPORT_BLOCKS.file]: { value: { type: 'file_input', files } },
    [IMPORT_BLOCKS.source]: { value: { type: 'plain_text_input', value: source } },
  };
  return interactionArgs(viewSubmission({ callbackId: IMPORT_CALLBACK_ID, userId: 'U0ADMIN', privateMetadata: '', values, viewId: 'V0IMPORT' }));
}

function importer() {
  const deps = fakeDeps();
  deps.imports!.service.run.mockResolvedValue(TOTALS);
  return deps;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('importSubmission', () => {
  it('answers “reading…” at once, then shows the dry run’s preview in the modal', async () => {
    const deps = importer();
    const args = submitted([{ id: FILE.id }]);
    const { sha256, download } = serveUploadedFile(args.client, FILE);
    await callListener(importSubmission(asDeps(deps)), args);
    expect(args.ack).toHaveBeenCalledExactlyOnceWith({ response_action: 'update', view: importNoticeModal('sv', t.reading) });
    expect(args.client.files.info).toHaveBeenCalledWith({ file: FILE.id });
    expect(download).toHaveBeenCalledWith(expect.any(URL), expect.objectContaining({ headers: { authorization: 'Bearer xoxb-test' } }));
    expect(deps.imports!.service.run).toHaveBeenCalledExactlyOnceWith(
      expect.anything(),
      { dryRun: true, recordedBy: 'U0ADMIN', sourceLabel: 'Workshop Motala' },
      expect.anything(),
    );
    const listing = { fileName: FILE.name, notes: [], outcomes: [], totals: TOTALS, municipalities: MUNICIPALITIES, areas: AREAS };
    const view = importPreviewModal('sv', listing, { fileId: FILE.id, sha256, name: FILE.name, source: 'Workshop Motala' });
    expect(args.client.views.update).toHaveBeenCalledExactlyOnceWith({ view_id: 'V0IMPORT', view });
    expect(args.ack.mock.invocationCallOrder[0]).toBeLessThan(deps.imports!.service.run.mock.invocationCallOrder[0]!);
  });

  it('reads a blank source as none', async () => {
    const deps = importer();
    const args = submitted([{ id: FILE.id }], '   ');
    serveUploadedFile(args.client, FILE);
    await callListener(importSubmission(asDeps(deps)), args);
    expect(deps.imports!.service.run).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ sourceLabel: null }), expect.anything());
  });

  it.each([
    ['no file', () => submitted(null)],
    ['a file id that is no Slack file id', () => submitted([{ id: '../etc/passwd' }])],
    ['a malformed submission', () => interactionArgs({ type: 'view_submission', view: { id: 'V0IMPORT' } })],
  ])('asks for a file in the modal for %s, and fetches nothing', async (_name, submission) => {
    const deps = importer();
    const args = submission();
    await callListener(importSubmission(asDeps(deps)), args);
    expect(args.ack).toHaveBeenCalledExactlyOnceWith({ response_action: 'errors', errors: { [IMPORT_BLOCKS.file]: t.fileMissing } });
    expect(args.client.files.info).not.toHaveBeenCalled();
    expect(deps.imports!.service.run).not.toHaveBeenCalled();
  });

  it('asks for a file when the app has no import', async () => {
    const args = submitted([{ id: FILE.id }]);
    await callListener(importSubmission(asDeps(fakeDeps({ imports: undefined }))), args);
    expect(args.ack).toHaveBeenCalledExactlyOnceWith({ response_action: 'errors', errors: { [IMPORT_BLOCKS.file]: t.fileMissing } });
  });

  it('says in the modal that the file could not be fetched', async () => {
    const deps = importer();
    const args = submitted([{ id: FILE.id }]);
    args.client.files.info.mockRejectedValue(new Error('file_not_found'));
    await callListener(importSubmission(asDeps(deps)), args);
    expect(args.client.views.update).toHaveBeenCalledExactlyOnceWith({ view_id: 'V0IMPORT', view: importNoticeModal('sv', t.fetchFailed) });
    expect(deps.imports!.service.run).not.toHaveBeenCalled();
  });
});

describe('importFailureText', () => {
  it('says what went wrong with the file, in Swedish', () => {
    expect(importFailureText(new SlackFileError('tooBig', 'x'), 'sv')).toBe(t.fileTooBig(10));
    expect(importFailureText(new SlackFileError('fileType', 'x'), 'sv')).toBe(t.fileType);
    expect(importFailureText(new SlackFileError('fetchFailed', 'x'), 'sv')).toBe(t.fetchFailed);
    expect(importFailureText(new Error('database is locked'), 'sv')).toBe(t.failed);
  });
});
