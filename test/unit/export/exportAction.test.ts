// "Exportera" in the App Home: an admin gets the file in their DM with the app (conversations.open,
// "on its way", Slack's external upload with the count as comment); anyone else a short DM saying
// who may. A replayed press (claimed already) does nothing. The upload's HTTP step is a fake fetch.
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { messages } from '../../../src/i18n/messages.js';
import type { ExportFile } from '../../../src/export/needsExport.js';
import { HOME_ACTIONS } from '../../../src/register/appHomeBlocks.js';
import { exportButton } from '../../../src/export/exportAction.js';
import { asDeps, callListener, fakeDeps, interactionArgs } from '../../support/listenerArgs.js';
import { viewActionPayload } from '../../support/slackRequests.js';

const t = messages('sv').export;
const FILE: ExportFile = { bytes: Buffer.from('xlsx bytes'), rows: 17, filename: 'behov-2026-06-10.xlsx', day: '2026-06-10' };
const UPLOAD_URL = 'https://files.slack.com/upload/v1/abc';

const press = (userId = 'U0ADMIN') =>
  interactionArgs(viewActionPayload({ userId, viewType: 'home', action: { actionId: HOME_ACTIONS.export, value: 'xlsx' } }));

function admin() {
  const deps = fakeDeps();
  deps.exports!.mayExport.mockReturnValue(true);
  deps.exports!.forUser.mockResolvedValue(FILE);
  return deps;
}

function withUpload(args: ReturnType<typeof press>) {
  args.client.files.getUploadURLExternal.mockResolvedValue({ ok: true, file_id: 'F0EXPORT', upload_url: UPLOAD_URL });
  return args;
}

function expectFailureTold(args: ReturnType<typeof press>) {
  expect(args.client.chat.postMessage).toHaveBeenLastCalledWith({ channel: 'D0DIRECT', text: t.failed });
  expect(args.client.files.completeUploadExternal).not.toHaveBeenCalled();
  expect(args.logger.error).toHaveBeenCalledWith('the export for the App Home failed', expect.any(Error));
}

let upload: MockInstance<typeof fetch>;
beforeEach(() => {
  upload = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(null, { status: 200 }));
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('exportButton', () => {
  it('uploads the export to the admin’s DM, once per press', async () => {
    const deps = admin();
    const args = withUpload(press());
    await callListener(exportButton(asDeps(deps)), args);
    expect(args.ack).toHaveBeenCalledExactlyOnceWith();
    const key = deps.deliveries.claim.mock.calls[0]![0];
    expect(key).toMatch(/^action:U0ADMIN:home_export:\d+\.\d+$/);
    expect(args.body).toMatchObject({ actions: [{ action_ts: key.split(':')[3] }] });
    expect(args.client.conversations.open).toHaveBeenCalledWith({ users: 'U0ADMIN' });
    expect(args.client.chat.postMessage).toHaveBeenCalledExactlyOnceWith({ channel: 'D0DIRECT', text: t.working });
    expect(deps.exports!.forUser).toHaveBeenCalledWith('U0ADMIN');
    expect(args.client.files.getUploadURLExternal).toHaveBeenCalledWith({ filename: FILE.filename, length: FILE.bytes.length });
    expect(upload).toHaveBeenCalledWith(UPLOAD_URL, expect.objectContaining({ method: 'POST' }));
    expect(args.client.files.completeUploadExternal).toHaveBeenCalledExactlyOnceWith({
      files: [{ id: 'F0EXPORT', title: t.fileTitle(FILE.day) }],
      channel_id: 'D0DIRECT',
      initial_comment: t.done(17),
    });
  });

  it('does nothing for a replayed press', async () => {
    const deps = admin();
    deps.deliveries.claim.mockResolvedValue(false);
    const args = withUpload(press());
    await callListener(exportButton(asDeps(deps)), args);
    expect(args.ack).toHaveBeenCalledOnce();
    expect(args.client.chat.postMessage).not.toHaveBeenCalled();
    expect(deps.exports!.forUser).not.toHaveBeenCalled();
  });

  it('tells someone who is no admin, in their DM, and builds nothing', async () => {
    const deps = admin();
    deps.exports!.mayExport.mockReturnValue(false);
    const args = press('U0STAFF');
    await callListener(exportButton(asDeps(deps)), args);
    expect(args.client.chat.postMessage).toHaveBeenCalledExactlyOnceWith({ channel: 'U0STAFF', text: t.refused });
    expect(args.client.conversations.open).not.toHaveBeenCalled();
    expect(deps.exports!.forUser).not.toHaveBeenCalled();
  });

  it('refuses everyone when the app has no export', async () => {
    const args = press();
    await callListener(exportButton(asDeps(fakeDeps({ exports: undefined }))), args);
    expect(args.client.chat.postMessage).toHaveBeenCalledExactlyOnceWith({ channel: 'U0ADMIN', text: t.refused });
  });

  it('says in the DM that it failed when the export cannot be built', async () => {
    const deps = admin();
    deps.exports!.forUser.mockRejectedValue(new Error('disk full'));
    const args = withUpload(press());
    await callListener(exportButton(asDeps(deps)), args);
    expectFailureTold(args);
  });

  it('says in the DM that it failed when the upload is refused', async () => {
    upload.mockResolvedValue(new Response(null, { status: 500 }));
    const args = withUpload(press());
    await callListener(exportButton(asDeps(admin())), args);
    expectFailureTold(args);
  });

  it('acks and ignores a malformed press', async () => {
    const deps = admin();
    const args = press('not-a-user');
    await callListener(exportButton(asDeps(deps)), args);
    expect(args.ack).toHaveBeenCalledOnce();
    expect(deps.deliveries.claim).not.toHaveBeenCalled();
    expect(args.client.chat.postMessage).not.toHaveBeenCalled();
  });
});
