// Importing workshop notes from Slack: Importera in the App Home → the modal's file_input → the
// file submitted → the bot fetches it (files.info, the download with the bot token) and puts the
// dry run's preview in the modal → Importera under the preview → the needs are recorded and their
// posts sent by the app's outbox. Pressing it again creates nothing.
import type { ModalView } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { slackLimitViolations } from '../support/blockLimits.js';
import { csvOf, WORKSHOP_ROWS } from '../support/importFiles.js';
import { appHomeOpenedEnvelope, postEvent, postInteraction, viewActionPayload, viewSubmission } from '../support/slackRequests.js';
import { readFromFile } from '../support/sqliteFile.js';
import { useAppPerTest } from '../support/testApp.js';

const ctx = useAppPerTest();

const dbFile = () => ctx.app.databaseUrl.replace(/^file:/, '');
const count = (sql: string) => readFromFile(dbFile(), (db) => (db.prepare(sql).get() as { n: number }).n);
const textOf = (view: ModalView) => JSON.stringify(view.blocks);

describe('Importera in Slack', { timeout: 60_000 }, () => {
  it('previews the uploaded file, imports exactly it on Importera, and creates nothing the second time', async () => {
    const { app, fake } = ctx;
    await postEvent(app.baseUrl, appHomeOpenedEnvelope('U0STAFF'));
    await fake.waitForCalls('views.publish', 1);
    const home = fake.callsOf('views.publish')[0]!.args.view as { blocks: { type: string; elements?: { action_id?: string }[] }[] };
    expect(home.blocks.flatMap((b) => b.elements ?? []).map((e) => e.action_id)).toContain('home_import');

    await postInteraction(app.baseUrl, viewActionPayload({ userId: 'U0STAFF', viewType: 'home', action: { actionId: 'home_import', value: 'import' } }));
    await fake.waitForCalls('views.open', 1);
    const modal = fake.callsOf('views.open')[0]!.args.view as ModalView;
    expect(modal.callback_id).toBe('import_file_modal');
    expect(slackLimitViolations(modal)).toEqual([]);
    const fileInput = (modal.blocks as { type: string; element?: { type: string } }[])
      .flatMap((b) => (b.type === 'input' && b.element ? [b.element] : []))
      .find((e) => e.type === 'file_input');
    expect(fileInput).toMatchObject({ type: 'file_input', filetypes: ['csv', 'xlsx'], max_files: 1 });

    const fileId = fake.addFile('workshop.csv', Buffer.from(csvOf(WORKSHOP_ROWS)));
    const submit = (viewId: string) =>
      postInteraction(
        app.baseUrl,
        viewSubmission({
          callbackId: 'import_file_modal',
          userId: 'U0STAFF',
          privateMetadata: '',
          viewId,
          values: {
            import_file: { value: { type: 'file_input', files: [{ id: fileId, name: 'workshop.csv' }] } },
            import_source: { value: { type: 'plain_text_input', value: 'Workshop Motala 2026-11-12' } },
          },
        }),
      );
    const ack = await submit('V0IMPORT1');
    expect(((await ack.json()) as { response_action: string }).response_action).toBe('update');
    await fake.waitForCalls('views.update', 1);
    await app.server.settled();

    expect(fake.callsOf('files.info').map((c) => c.args.file)).toEqual([fileId]);
    expect(fake.callsOf('download').map((c) => c.token)).toEqual(['xoxb-test-token']);
    const preview = fake.callsOf('views.update')[0]!;
    expect(preview.args.view_id).toBe('V0IMPORT1');
    const previewView = preview.args.view as ModalView;
    expect(slackLimitViolations(previewView)).toEqual([]);
    // The presser records the needs, so line 9 (no vår kontakt) is fine; four lines are refused, by number.
    expect(textOf(previewView)).toContain('Skulle importeras: 3 · fanns redan: 0 · avvisade: 4');
    for (const line of [3, 4, 7, 8]) expect(textOf(previewView)).toContain(`rad ${line}: `);
    expect(textOf(previewView)).toContain('<#C0VISUAL>');
    expect(count('SELECT COUNT(*) AS n FROM Need')).toBe(0);
    const metadata = JSON.parse(previewView.private_metadata!) as { fileId: string; sha256: string };
    expect(metadata.fileId).toBe(fileId);

    const confirm = () =>
      postInteraction(
        app.baseUrl,
        viewActionPayload({
          userId: 'U0STAFF',
          viewType: 'modal',
          viewId: 'V0IMPORT1',
          privateMetadata: previewView.private_metadata!,
          action: { actionId: 'import_confirm', value: metadata.sha256 },
        }),
      );
    await confirm();
    await fake.waitForCalls('views.update', 3);
    await app.server.settled();
    const done = fake.callsOf('views.update')[2]!.args.view as ModalView;
    expect(slackLimitViolations(done)).toEqual([]);
    expect(textOf(done)).toContain('Importerade: 3 · fanns redan: 0 · avvisade: 4');

    const needs = readFromFile(
      dbFile(),
      (db) =>
        db.prepare('SELECT id, source, recordedByUserId AS by, sourceLabel AS label, routedAt FROM Need ORDER BY id').all() as {
          id: number;
          source: string;
          by: string;
          label: string;
          routedAt: number | null;
        }[],
    );
    expect(needs).toHaveLength(3);
    expect(needs.every((n) => n.source === 'import' && n.by === 'U0STAFF' && n.label === 'Workshop Motala 2026-11-12' && n.routedAt !== null)).toBe(true);
    // The app's outbox sends every queued post; no confirmation for imported needs.
    const suggestions = count('SELECT COUNT(*) AS n FROM SuggestionPost');
    expect(suggestions).toBeGreaterThanOrEqual(3);
    await fake.waitForCalls('chat.postMessage', suggestions);
    await app.server.drained();
    expect(fake.callsOf('chat.postEphemeral')).toHaveLength(0);

    // Importera again (a second press, or the same file in a new modal): nothing new.
    await confirm();
    await fake.waitForCalls('views.update', 5);
    await app.server.settled();
    expect(textOf(fake.callsOf('views.update')[4]!.args.view as ModalView)).toContain('Importerade: 0 · fanns redan: 3 · avvisade: 4');
    expect(count('SELECT COUNT(*) AS n FROM Need')).toBe(3);
    expect(count('SELECT COUNT(*) AS n FROM SuggestionPost')).toBe(suggestions);
  });

  it('refuses a submission without a file, and a file changed since its preview', async () => {
    const { app, fake } = ctx;
    const empty = await postInteraction(app.baseUrl, viewSubmission({ callbackId: 'import_file_modal', userId: 'U0STAFF', privateMetadata: '', values: {} }));
    expect(await empty.json()).toEqual({ response_action: 'errors', errors: { import_file: 'Välj en fil.' } });

    const fileId = fake.addFile('workshop.csv', Buffer.from(csvOf(WORKSHOP_ROWS)));
    const metadata = JSON.stringify({ fileId, sha256: '0'.repeat(64), name: 'workshop.csv', source: null });
    await postInteraction(
      app.baseUrl,
      viewActionPayload({
        userId: 'U0STAFF',
        viewType: 'modal',
        viewId: 'V0IMPORT2',
        privateMetadata: metadata,
        action: { actionId: 'import_confirm', value: '0'.repeat(64) },
      }),
    );
    await fake.waitForCalls('views.update', 2);
    await app.server.settled();
    expect(textOf(fake.callsOf('views.update')[1]!.args.view as ModalView)).toContain('Filen har ändrats sedan förhandsgranskningen');
    expect(count('SELECT COUNT(*) AS n FROM Need')).toBe(0);
  });
});
