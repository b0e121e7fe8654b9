// "Importera" in the App Home opens the import modal; "Importera" under a preview imports exactly
// the previewed file (fetched again, its sha256 checked) as the presser, showing progress and the
// result with views.update. The file comes from a fake files.info and a fake fetch.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { messages } from '../../../src/i18n/messages.js';
import type { ImportTotals } from '../../../src/import/importer.js';
import { HOME_ACTIONS } from '../../../src/register/appHomeBlocks.js';
import { IMPORT_ACTIONS, importDoneModal, importFileModal, importNoticeModal } from '../../../src/import/importModal.js';
import { importButton, importConfirmButton } from '../../../src/import/importActions.js';
import { AREAS, asDeps, callListener, fakeDeps, interactionArgs, MUNICIPALITIES, serveUploadedFile, triggerIdOf } from '../../support/listenerArgs.js';
import { viewActionPayload } from '../../support/slackRequests.js';

const t = messages('sv').importing;
const FILE = { id: 'F0IMPORT', name: 'behov.csv', bytes: Buffer.from('kommun;beskrivning\nMotala;Laddstolpar vid resecentrum\n') };
const SHA256 = createHash('sha256').update(FILE.bytes).digest('hex');
const TOTALS: ImportTotals = { imported: 1, withoutPerson: 0, exists: 0, refused: 0, rows: 1 };

afterEach(() => {
  vi.restoreAllMocks();
});

describe('importButton', () => {
  const press = (userId = 'U0ADMIN') =>
    interactionArgs(viewActionPayload({ userId, viewType: 'home', action: { actionId: HOME_ACTIONS.importFile, value: 'import' } }));

  it('acks and opens the import modal with the trigger id', async () => {
    const args = press();
    await callListener(importButton(asDeps(fakeDeps())), args);
    expect(args.ack).toHaveBeenCalledExactlyOnceWith();
    expect(args.client.views.open).toHaveBeenCalledExactlyOnceWith({ trigger_id: triggerIdOf(args), view: importFileModal('sv') });
  });

  it('acks and opens nothing when the app has no import, or for a malformed press', async () => {
    for (const [deps, args] of [
      [fakeDeps({ imports: undefined }), press()],
      [fakeDeps(), press('not-a-user')],
    ] as const) {
      await callListener(importButton(asDeps(deps)), args);
      expect(args.ack).toHaveBeenCalledOnce();
      expect(args.client.views.open).not.toHaveBeenCalled();
    }
  });
});

describe('importConfirmButton', () => {
  /** The preview's Importera button, carrying the sha256 the preview was made from. */
  function confirm(sha256: string, value = sha256) {
    const privateMetadata = JSON.stringify({ fileId: FILE.id, sha256, name: FILE.name, source: 'Workshop Motala' });
    return interactionArgs(
      viewActionPayload({ userId: 'U0ADMIN', viewType: 'modal', viewId: 'V0PREVIEW', privateMetadata, action: { actionId: IMPORT_ACTIONS.confirm, value } }),
    );
  }

  function importer() {
    const deps = fakeDeps();
    deps.imports!.service.run.mockResolvedValue(TOTALS);
    return deps;
  }

  it('imports the previewed file as the presser, then shows the result', async () => {
    const deps = importer();
    const args = confirm(SHA256);
    serveUploadedFile(args.client, FILE);
    await callListener(importConfirmButton(asDeps(deps)), args);
    expect(args.ack).toHaveBeenCalledExactlyOnceWith();
    expect(deps.imports!.service.run).toHaveBeenCalledExactlyOnceWith(
      expect.anything(),
      { dryRun: false, recordedBy: 'U0ADMIN', sourceLabel: 'Workshop Motala' },
      expect.anything(),
    );
    const listing = { fileName: FILE.name, notes: [], outcomes: [], totals: TOTALS, municipalities: MUNICIPALITIES, areas: AREAS };
    expect(args.client.views.update.mock.calls).toEqual([
      [{ view_id: 'V0PREVIEW', view: importNoticeModal('sv', t.importing(FILE.name)) }],
      [{ view_id: 'V0PREVIEW', view: importDoneModal('sv', listing) }],
    ]);
  });

  it('imports nothing when the file changed since the preview', async () => {
    const deps = importer();
    const args = confirm('0'.repeat(64));
    serveUploadedFile(args.client, FILE);
    await callListener(importConfirmButton(asDeps(deps)), args);
    expect(deps.imports!.service.run).not.toHaveBeenCalled();
    expect(args.client.views.update).toHaveBeenLastCalledWith({ view_id: 'V0PREVIEW', view: importNoticeModal('sv', t.fileChanged) });
  });

  it('says the import failed (in the modal) when it throws', async () => {
    const deps = importer();
    deps.imports!.service.run.mockRejectedValue(new Error('database is locked'));
    const args = confirm(SHA256);
    serveUploadedFile(args.client, FILE);
    await callListener(importConfirmButton(asDeps(deps)), args);
    expect(args.client.views.update).toHaveBeenLastCalledWith({ view_id: 'V0PREVIEW', view: importNoticeModal('sv', t.failed) });
    expect(args.logger.error).toHaveBeenCalledWith('import failed', expect.any(Error));
  });

  it('ignores a button whose value is not the preview’s sha256, or without an import', async () => {
    const sha256 = 'a'.repeat(64);
    for (const [deps, args] of [
      [importer(), confirm(sha256, 'b'.repeat(64))],
      [fakeDeps({ imports: undefined }), confirm(sha256)],
    ] as const) {
      await callListener(importConfirmButton(asDeps(deps)), args);
      expect(args.ack).toHaveBeenCalledOnce();
      expect(args.client.views.update).not.toHaveBeenCalled();
      expect(args.client.files.info).not.toHaveBeenCalled();
    }
  });
});
