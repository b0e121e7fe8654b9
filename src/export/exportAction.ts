// "Exportera" in the App Home (shown to admins): builds the export (XLSX) and uploads it to the
// person's DM with the app (conversations.open, then Slack's external upload). Whoever is no admin
// gets a short DM saying who may, and no file: the permission is checked here, not by hiding the
// button. A replayed press (same action_ts) is handled once.
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { messages } from '../i18n/messages.js';
import type { ExportFile } from './needsExport.js';
import type { ListenerDeps } from '../platform/slack/deps.js';
import { firstAction, parsePayload, viewActionPayload } from '../platform/slack/payloads.js';

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** Uploads the file into the channel (a DM) with a comment: Slack's external upload, step by step. */
export async function uploadFile(client: WebClient, channelId: string, file: ExportFile, title: string, comment: string): Promise<string> {
  const upload = await client.files.getUploadURLExternal({ filename: file.filename, length: file.bytes.length });
  if (!upload.file_id || !upload.upload_url) throw new Error('files.getUploadURLExternal returned no upload_url');
  const uploaded = await fetch(upload.upload_url, { method: 'POST', body: new Uint8Array(file.bytes), signal: AbortSignal.timeout(60_000) });
  if (!uploaded.ok) throw new Error(`uploading the export failed: HTTP ${uploaded.status}`);
  await client.files.completeUploadExternal({ files: [{ id: upload.file_id, title }], channel_id: channelId, initial_comment: comment });
  return upload.file_id;
}

export const exportButton =
  (deps: ListenerDeps) =>
  async (args: ActionArgs): Promise<void> => {
    await args.ack();
    const payload = parsePayload(viewActionPayload, args.body, args.logger, 'App Home export');
    if (!payload) return;
    const userId = payload.user.id;
    const action = firstAction(payload);
    if (!(await deps.deliveries.claim(`action:${userId}:${action.action_id}:${action.action_ts}`))) return;
    const t = messages(deps.locale).export;
    const exports = deps.exports;
    if (!exports?.mayExport(userId)) {
      args.logger.info(`export refused for ${userId}: not an admin`);
      // A message to the user id lands in their DM with the app (chat:write; no conversation to open).
      await args.client.chat
        .postMessage({ channel: userId, text: t.refused })
        .catch((error: unknown) => args.logger.warn('could not tell a refused export', error));
      return;
    }
    let channelId: string | null = null;
    try {
      const opened = await args.client.conversations.open({ users: userId });
      channelId = opened.channel?.id ?? null;
      if (!channelId) throw new Error('conversations.open returned no channel');
      // The Home tab cannot answer in place: say in the DM that the file is on its way.
      await args.client.chat.postMessage({ channel: channelId, text: t.working });
      const file = await exports.forUser(userId);
      if (file === 'refused') return; // checked above; the admins do not change at run time
      await uploadFile(args.client, channelId, file, t.fileTitle(file.day), t.done(file.rows));
      args.logger.info(`export of ${file.rows} needs uploaded to ${userId}`);
    } catch (error) {
      args.logger.error('the export for the App Home failed', error);
      await args.client.chat.postMessage({ channel: channelId ?? userId, text: t.failed }).catch(() => undefined);
    }
  };
