// The import modal in its stages: choose a file (file_input, CSV or XLSX, one file) and a source
// label; "reading…"; the dry run's preview (the first rows, the refused ones, the totals) with an
// Importera button; "importing…"; the result. Pure: data in, a modal out, within Slack's limits.
import type { KnownBlock, ModalView } from '@slack/types';
import { z } from 'zod';
import { messages, type Locale } from '../i18n/messages.js';
import type { ImportTotals, RowOutcome } from './importer.js';
import { SOURCE_LABEL_MAX } from './importRow.js';
import { refusedLineText } from './importText.js';
import { IMPORT_FILETYPES } from './importFile.js';
import { type AreaNames, areaName } from '../needs/blocks/needItem.js';
import { escapeMrkdwn, LIMITS, truncate } from '../platform/slack/blockText.js';

export const IMPORT_CALLBACK_ID = 'import_file_modal';
export const IMPORT_BLOCKS = { file: 'import_file', source: 'import_source' } as const;
export const IMPORT_INPUT_ACTION_ID = 'value';
export const IMPORT_ACTIONS = { confirm: 'import_confirm' } as const;

/** How many rows a preview or a result lists one by one (the rest are counted). */
export const IMPORT_PREVIEW_ROWS = 20;

const plain = (text: string) => ({ type: 'plain_text' as const, text: truncate(text, LIMITS.modalTitle), emoji: true });
const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) } });
const context = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) }] });

/** What the import button carries from the preview to the import. */
export const importMetadataSchema = z.object({
  fileId: z.string().regex(/^F[A-Z0-9]{2,}$/),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  name: z.string().max(200),
  source: z.string().max(SOURCE_LABEL_MAX).nullable(),
});
export type ImportMetadata = z.infer<typeof importMetadataSchema>;

export function importFileModal(locale: Locale): ModalView {
  const t = messages(locale).importing;
  return {
    type: 'modal',
    callback_id: IMPORT_CALLBACK_ID,
    title: plain(t.modalTitle),
    submit: plain(t.modalPreview),
    close: plain(t.modalClose),
    blocks: [
      section(t.modalIntro),
      {
        type: 'input',
        block_id: IMPORT_BLOCKS.file,
        label: { type: 'plain_text', text: t.fileLabel },
        element: { type: 'file_input', action_id: IMPORT_INPUT_ACTION_ID, filetypes: [...IMPORT_FILETYPES], max_files: 1 },
      },
      {
        type: 'input',
        block_id: IMPORT_BLOCKS.source,
        optional: true,
        label: { type: 'plain_text', text: t.sourceLabel },
        hint: { type: 'plain_text', text: t.sourceHint },
        element: { type: 'plain_text_input', action_id: IMPORT_INPUT_ACTION_ID, max_length: SOURCE_LABEL_MAX },
      },
    ],
  };
}

/** "Reading…", "Importing…", or a failure: one line, a close button. */
export function importNoticeModal(locale: Locale, text: string): ModalView {
  const t = messages(locale).importing;
  return { type: 'modal', callback_id: `${IMPORT_CALLBACK_ID}_notice`, title: plain(t.modalTitle), close: plain(t.modalClose), blocks: [section(text)] };
}

export interface ImportListing {
  fileName: string;
  /** Notes about the header (unknown columns), already in words. */
  notes: string[];
  /** The first rows (IMPORT_PREVIEW_ROWS at most), and refused rows after them. */
  outcomes: RowOutcome[];
  totals: ImportTotals;
  municipalities: readonly { id: number; name: string }[];
  areas: AreaNames;
}

function outcomeLine(o: RowOutcome, listing: ImportListing, locale: Locale): string {
  const t = messages(locale).importing;
  const channels = (ids: readonly string[]) => ids.map((id) => `<#${id}>`).join(', ');
  switch (o.status) {
    case 'refused':
      return `:x: ${escapeMrkdwn(refusedLineText(o.line, o.problems, locale))}`;
    case 'exists':
      return `:white_circle: ${escapeMrkdwn(t.existsRow(o.line, o.title))}`;
    case 'wouldImport':
    case 'imported': {
      const municipality = listing.municipalities.find((m) => m.id === o.municipalityId)?.name ?? '';
      const areas = o.areas === null ? '' : o.areas.length > 0 ? o.areas.map((a) => areaName(a, listing.areas, locale)).join(', ') : t.noArea;
      const sector = o.unknownSector === null ? '' : ` ${escapeMrkdwn(t.sectorDropped(truncate(o.unknownSector, 100)))}`;
      return `:white_check_mark: ${escapeMrkdwn(t.line(o.line, `${municipality} – ${truncate(o.title, 150)}`))}${areas ? ` → ${escapeMrkdwn(areas)}` : ''} → ${channels(o.channels)}${sector}`;
    }
  }
}

function listingBlocks(listing: ImportListing, locale: Locale): KnownBlock[] {
  const t = messages(locale).importing;
  const shown = listing.outcomes.slice(0, IMPORT_PREVIEW_ROWS + 10);
  const more = listing.totals.rows - shown.length;
  return [
    ...listing.notes.map((n) => context(escapeMrkdwn(n))),
    ...shown.map((o) => section(outcomeLine(o, listing, locale))),
    ...(more > 0 ? [context(t.previewMore(more))] : []),
  ];
}

export function importPreviewModal(locale: Locale, listing: ImportListing, metadata: ImportMetadata): ModalView {
  const t = messages(locale).importing;
  const canImport = listing.totals.imported > 0;
  return {
    type: 'modal',
    callback_id: `${IMPORT_CALLBACK_ID}_preview`,
    title: plain(t.modalTitle),
    close: plain(t.modalClose),
    private_metadata: JSON.stringify(metadata),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: truncate(t.previewHeader(listing.fileName), LIMITS.headerText), emoji: true } },
      ...listingBlocks(listing, locale),
      { type: 'divider' },
      section(`*${t.dryRunTotals(listing.totals.imported, listing.totals.exists, listing.totals.refused, listing.totals.withoutPerson)}*`),
      canImport
        ? {
            type: 'actions',
            block_id: 'import_actions',
            elements: [{ type: 'button', action_id: IMPORT_ACTIONS.confirm, style: 'primary', text: plain(t.modalImport), value: metadata.sha256 }],
          }
        : context(t.nothingToImport),
      ...(canImport ? [context(t.previewAction)] : []),
    ],
  };
}

export function importDoneModal(locale: Locale, listing: ImportListing): ModalView {
  const t = messages(locale).importing;
  return {
    type: 'modal',
    callback_id: `${IMPORT_CALLBACK_ID}_done`,
    title: plain(t.modalTitle),
    close: plain(t.modalClose),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: t.doneHeader, emoji: true } },
      section(`*${t.totals(listing.totals.imported, listing.totals.exists, listing.totals.refused, listing.totals.withoutPerson)}*`),
      ...(listing.totals.imported > 0 ? [context(t.queuedNote)] : []),
      { type: 'divider' },
      ...listingBlocks(listing, locale),
    ],
  };
}
