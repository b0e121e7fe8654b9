// The /need modal. Pure: data in, Block Kit view out.
import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { messages, type Locale } from '../../i18n/messages.js';
import { DESCRIPTION_MAX, MUNICIPAL_CONTACT_MAX, TITLE_MAX } from '../../needs/needInput.js';
import { SECTORS } from '../../needs/sectors.js';
import { LIMITS, truncate } from './text.js';

export const NEED_MODAL_CALLBACK_ID = 'need_modal';

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
}

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

export function needModal(input: NeedModalInput): ModalView {
  const t = messages(input.locale).modal;
  const municipalityOptions: PlainTextOption[] = input.municipalities
    .slice(0, LIMITS.options)
    .map((m) => ({ text: plain(truncate(m.name, LIMITS.optionText)), value: String(m.id) }));
  const sectorOptions: PlainTextOption[] = SECTORS.map((s) => ({ text: plain(s[input.locale]), value: s.slug }));
  const initialDescription = input.initialDescription?.trim()
    ? truncate(input.initialDescription.trim(), DESCRIPTION_MAX)
    : undefined;

  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: t.intro } },
    {
      type: 'input',
      block_id: NEED_BLOCKS.municipality,
      label: plain(t.municipality),
      element: {
        type: 'static_select',
        action_id: INPUT_ACTION_ID,
        placeholder: plain(t.municipalityPlaceholder),
        options: municipalityOptions,
      },
    },
    {
      type: 'input',
      block_id: NEED_BLOCKS.title,
      optional: true,
      label: plain(t.title_),
      hint: plain(t.titleHint),
      element: { type: 'plain_text_input', action_id: INPUT_ACTION_ID, max_length: TITLE_MAX },
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
      element: { type: 'static_select', action_id: INPUT_ACTION_ID, placeholder: plain(t.sectorPlaceholder), options: sectorOptions },
    },
    {
      type: 'input',
      block_id: NEED_BLOCKS.municipalContact,
      optional: true,
      label: plain(t.municipalContact),
      hint: plain(t.municipalContactHint),
      element: { type: 'plain_text_input', action_id: INPUT_ACTION_ID, max_length: MUNICIPAL_CONTACT_MAX, placeholder: plain(t.municipalContactPlaceholder) },
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
        ...(input.initialContactUserId ? { initial_user: input.initialContactUserId } : {}),
      },
    },
  ];

  return {
    type: 'modal',
    callback_id: NEED_MODAL_CALLBACK_ID,
    title: plain(t.title),
    submit: plain(t.submit),
    close: plain(t.close),
    private_metadata: input.privateMetadata,
    blocks,
  };
}
