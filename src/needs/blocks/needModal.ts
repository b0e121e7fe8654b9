// The /need modal, and the same form for editing a recorded need, with its private_metadata. Pure:
// data in, Block Kit view out.
import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { messages, type Locale } from '../../i18n/messages.js';
import { DESCRIPTION_MAX, MUNICIPAL_CONTACT_MAX, type NeedInput, TITLE_MAX } from '../needInput.js';
import { SECTORS } from '../sectors.js';
import { LIMITS, truncate } from '../../platform/slack/blockText.js';
import { z } from 'zod';
import { channelIdSchema, PRIVATE_METADATA_MAX } from '../../platform/slack/payloads.js';
import { parsePrivateMetadata } from '../../platform/slack/privateMetadata.js';

export const NEED_MODAL_CALLBACK_ID = 'need_modal';
export const NEED_EDIT_CALLBACK_ID = 'need_edit_modal';

/** block_id of each input; the submission parser and field errors use the same ids. */
export const NEED_BLOCKS = {
  municipality: 'municipality',
  title: 'title',
  description: 'description',
  sector: 'sector',
  municipalContact: 'municipal_contact',
  /** "Vår kontakt"; the id of the single contact field this modal used to have. */
  ourContact: 'contact',
} as const;
export const INPUT_ACTION_ID = 'value';

export interface NeedModalInput {
  locale: Locale;
  municipalities: { id: number; name: string }[];
  initialDescription?: string;
  initialContactUserId?: string;
  privateMetadata: string;
  /** Editing a recorded need: the form is filled with what it says now. */
  editing?: NeedInput;
}

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

export function needModal(input: NeedModalInput): ModalView {
  const all = messages(input.locale);
  const t = all.modal;
  const { editing } = input;
  const municipalityOptions: PlainTextOption[] = input.municipalities
    .slice(0, LIMITS.options)
    .map((m) => ({ text: plain(truncate(m.name, LIMITS.optionText)), value: String(m.id) }));
  const sectorOptions: PlainTextOption[] = SECTORS.map((s) => ({ text: plain(messages(input.locale).sectors[s.slug]), value: s.slug }));
  const description = editing?.description ?? input.initialDescription;
  const initialDescription = description?.trim() ? truncate(description.trim(), DESCRIPTION_MAX) : undefined;
  const initialMunicipality = municipalityOptions.find((o) => o.value === String(editing?.municipalityId));
  const initialSector = sectorOptions.find((o) => o.value === editing?.sector);
  const initialContact = editing ? editing.ourContactUserId : input.initialContactUserId;

  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: editing ? all.editModal.intro : t.intro } },
    {
      type: 'input',
      block_id: NEED_BLOCKS.municipality,
      label: plain(t.municipality),
      element: {
        type: 'static_select',
        action_id: INPUT_ACTION_ID,
        placeholder: plain(t.municipalityPlaceholder),
        options: municipalityOptions,
        ...(initialMunicipality ? { initial_option: initialMunicipality } : {}),
      },
    },
    {
      type: 'input',
      block_id: NEED_BLOCKS.title,
      optional: true,
      label: plain(t.title_),
      hint: plain(t.titleHint),
      element: {
        type: 'plain_text_input',
        action_id: INPUT_ACTION_ID,
        max_length: TITLE_MAX,
        ...(editing ? { initial_value: truncate(editing.title, TITLE_MAX) } : {}),
      },
    },
    {
      type: 'input',
      block_id: NEED_BLOCKS.description,
      label: plain(t.description),
      element: {
        type: 'plain_text_input',
        action_id: INPUT_ACTION_ID,
        multiline: true,
        // No min/max_length here: the server validates and answers in Swedish on the field,
        // where Slack's built-in check would answer in the client's language.
        placeholder: plain(t.descriptionPlaceholder),
        ...(initialDescription ? { initial_value: initialDescription } : {}),
      },
    },
    {
      type: 'input',
      block_id: NEED_BLOCKS.sector,
      optional: true,
      label: plain(t.sector),
      element: {
        type: 'static_select',
        action_id: INPUT_ACTION_ID,
        placeholder: plain(t.sectorPlaceholder),
        options: sectorOptions,
        ...(initialSector ? { initial_option: initialSector } : {}),
      },
    },
    {
      type: 'input',
      block_id: NEED_BLOCKS.municipalContact,
      optional: true,
      label: plain(t.municipalContact),
      hint: plain(t.municipalContactHint),
      element: {
        type: 'plain_text_input',
        action_id: INPUT_ACTION_ID,
        max_length: MUNICIPAL_CONTACT_MAX,
        placeholder: plain(t.municipalContactPlaceholder),
        ...(editing?.municipalContact ? { initial_value: truncate(editing.municipalContact, MUNICIPAL_CONTACT_MAX) } : {}),
      },
    },
    {
      type: 'input',
      block_id: NEED_BLOCKS.ourContact,
      optional: true,
      label: plain(t.ourContact),
      hint: plain(t.ourContactHint),
      element: {
        type: 'users_select',
        action_id: INPUT_ACTION_ID,
        ...(initialContact ? { initial_user: initialContact } : {}),
      },
    },
  ];

  return {
    type: 'modal',
    callback_id: editing ? NEED_EDIT_CALLBACK_ID : NEED_MODAL_CALLBACK_ID,
    title: plain(editing ? all.editModal.title : t.title),
    submit: plain(editing ? all.editModal.submit : t.submit),
    close: plain(editing ? all.editModal.close : t.close),
    private_metadata: input.privateMetadata,
    blocks,
  };
}

// private_metadata of the /need modal: where it was opened from. It round-trips through the
// client, so it is validated like any other input.

const metadataSchema = z.object({
  v: z.literal(1),
  channelId: channelIdSchema.nullable(),
  source: z.enum(['slash_command', 'shortcut', 'app_home']),
});

export type NeedModalMetadata = z.infer<typeof metadataSchema>;

export function encodeNeedModalMetadata(metadata: Omit<NeedModalMetadata, 'v'>): string {
  return JSON.stringify({ v: 1, ...metadata });
}

export function decodeNeedModalMetadata(text: string | undefined): NeedModalMetadata | null {
  if (text === undefined || text.length > PRIVATE_METADATA_MAX) return null;
  return parsePrivateMetadata(metadataSchema, text);
}
