// "Importera" in the App Home opens the import modal; "Importera" under a preview imports exactly
// the file that was previewed (fetched again and checked against the preview's sha256) with the
// presser as the recorder. Importing the same rows again creates nothing (each row's key).
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { messages } from '../i18n/messages.js';
import { importDoneModal, importFileModal, importMetadataSchema, importNoticeModal } from './importModal.js';
import { escapeMrkdwn } from '../platform/slack/blockText.js';
import type { ListenerDeps } from '../platform/slack/deps.js';
import { fetchImportFile, runSlackImport } from './importRun.js';
import { firstAction, parsePayload, viewActionPayload } from '../platform/slack/payloads.js';
import { importFailureText } from './importSubmission.js';
import { parsePrivateMetadata } from '../platform/slack/privateMetadata.js';

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

export const importButton =
  (deps: ListenerDeps) =>
  async (args: ActionArgs): Promise<void> => {
    await args.ack();
    const payload = parsePayload(viewActionPayload, args.body, args.logger, 'Importera');
    if (!payload || !deps.imports) return;
    try {
      await args.client.views.open({ trigger_id: payload.trigger_id, view: importFileModal(deps.locale) });
    } catch (error) {
      args.logger.error('views.open failed for "Importera"', error);
    }
  };

export const importConfirmButton =
  (deps: ListenerDeps) =>
  async (args: ActionArgs): Promise<void> => {
    await args.ack();
    const t = messages(deps.locale).importing;
    const payload = parsePayload(viewActionPayload, args.body, args.logger, 'import confirmation');
    const imports = deps.imports;
    const view = payload?.view;
    const metadata = view ? parsePrivateMetadata(importMetadataSchema, view.private_metadata) : null;
    if (!payload || !imports || !view || !metadata || firstAction(payload).value !== metadata.sha256) {
      args.logger.debug('import confirmation without a readable preview; ignored');
      return;
    }
    const update = async (next: Parameters<typeof args.client.views.update>[0]['view']) => {
      try {
        await args.client.views.update({ view_id: view.id, view: next });
      } catch (error) {
        args.logger.error('views.update failed for the import', error);
      }
    };
    await update(importNoticeModal(deps.locale, t.importing(escapeMrkdwn(metadata.name))));
    try {
      const file = await fetchImportFile({ imports }, args.client, args.context.botToken ?? '', metadata.fileId);
      if (file.sha256 !== metadata.sha256) {
        await update(importNoticeModal(deps.locale, t.fileChanged));
        return;
      }
      const result = await runSlackImport({ ...deps, imports }, file, { dryRun: false, recordedBy: payload.user.id, sourceLabel: metadata.source });
      await update(result.ok ? importDoneModal(deps.locale, result.listing) : importNoticeModal(deps.locale, escapeMrkdwn(result.text)));
    } catch (error) {
      args.logger.error('import failed', error);
      await update(importNoticeModal(deps.locale, importFailureText(error, deps.locale)));
    }
  };
