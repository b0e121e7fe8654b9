// The import modal was submitted with a file: answer at once with "reading…" (the file may be
// long), then fetch it, dry-run it and put the preview with its Importera button in the modal.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { messages } from '../i18n/messages.js';
import { IMPORT_BLOCKS, IMPORT_INPUT_ACTION_ID, importNoticeModal, importPreviewModal } from './importModal.js';
import { escapeMrkdwn, truncate } from '../platform/slack/blockText.js';
import type { ListenerDeps } from '../platform/slack/deps.js';
import { IMPORT_MAX_BYTES, SlackFileError } from './importFile.js';
import { fetchImportFile, runSlackImport } from './importRun.js';
import { parsePayload, viewSubmissionPayload } from '../platform/slack/payloads.js';
import { SOURCE_LABEL_MAX } from './importRow.js';

const fileState = z.object({
  // Exactly one file.
  files: z.tuple([z.object({ id: z.string().regex(/^F[A-Z0-9]{2,}$/) })]),
});
const sourceState = z.object({ value: z.string().max(SOURCE_LABEL_MAX).nullish() });

export function importFailureText(error: unknown, locale: ListenerDeps['locale'], maxBytes = IMPORT_MAX_BYTES): string {
  const t = messages(locale).importing;
  if (error instanceof SlackFileError)
    return error.failure === 'tooBig' ? t.fileTooBig(Math.round(maxBytes / 1024 / 1024)) : error.failure === 'fileType' ? t.fileType : t.fetchFailed;
  return t.failed;
}

export const importSubmission =
  (deps: ListenerDeps) =>
  async ({ ack, body, client, context, logger }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const t = messages(deps.locale).importing;
    const payload = parsePayload(viewSubmissionPayload, body, logger, 'import modal submission');
    const imports = deps.imports;
    const file = fileState.safeParse(payload?.view.state.values[IMPORT_BLOCKS.file]?.[IMPORT_INPUT_ACTION_ID]);
    if (!payload || !imports || !file.success) {
      await ack({ response_action: 'errors', errors: { [IMPORT_BLOCKS.file]: t.fileMissing } });
      return;
    }
    const source = sourceState.safeParse(payload.view.state.values[IMPORT_BLOCKS.source]?.[IMPORT_INPUT_ACTION_ID]);
    // Left empty (or only spaces), the field gives no source.
    const typed = (source.success ? source.data.value?.trim() : undefined) ?? '';
    const sourceLabel = typed === '' ? null : typed;
    await ack({ response_action: 'update', view: importNoticeModal(deps.locale, t.reading) });

    const [{ id: fileId }] = file.data.files;
    let view;
    try {
      const fetched = await fetchImportFile({ imports }, client, context.botToken ?? '', fileId);
      const result = await runSlackImport({ ...deps, imports }, fetched, { dryRun: true, recordedBy: payload.user.id, sourceLabel });
      view = result.ok
        ? importPreviewModal(deps.locale, result.listing, { fileId, sha256: fetched.sha256, name: truncate(fetched.name, 200), source: sourceLabel })
        : importNoticeModal(deps.locale, escapeMrkdwn(result.text));
    } catch (error) {
      logger.warn('import preview failed', error);
      view = importNoticeModal(deps.locale, importFailureText(error, deps.locale));
    }
    try {
      await client.views.update({ view_id: payload.view.id, view });
    } catch (error) {
      logger.error('views.update failed for the import preview', error);
    }
  };
