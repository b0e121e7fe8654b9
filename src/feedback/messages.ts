// "Byt styrkeområde": choose the right strength areas for a need, or "none fits".
import type { ModalView } from '@slack/types';
import { messages, type Locale } from '../i18n/messages.js';
import { escapeMrkdwn, truncate } from '../platform/slack/blockText.js';

export const RECATEGORISE_CALLBACK_ID = 'recategorise_modal';
export const RECATEGORISE_BLOCK_ID = 'areas';
export const RECATEGORISE_ACTION_ID = 'value';
/** The option value for "no strength area fits". */
export const NO_AREA_VALUE = 'none';

export interface RecategoriseModalInput {
  locale: Locale;
  needTitle: string;
  areas: { slug: string; name: string; nameEn: string }[];
  currentAreas: string[];
  privateMetadata: string;
}

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

export function recategoriseModal(input: RecategoriseModalInput): ModalView {
  const t = messages(input.locale).recategoriseModal;
  const options = [
    ...input.areas.map((a) => ({ text: plain(truncate(input.locale === 'sv' ? a.name : a.nameEn, 75)), value: a.slug })),
    { text: plain(t.none), value: NO_AREA_VALUE },
  ];
  const initial = options.filter((o) => input.currentAreas.includes(o.value));
  return {
    type: 'modal',
    callback_id: RECATEGORISE_CALLBACK_ID,
    title: plain(t.title),
    submit: plain(t.submit),
    close: plain(t.close),
    private_metadata: input.privateMetadata,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: truncate(t.intro(escapeMrkdwn(input.needTitle)), 3000) } },
      {
        type: 'input',
        block_id: RECATEGORISE_BLOCK_ID,
        label: plain(t.label),
        element: {
          type: 'checkboxes',
          action_id: RECATEGORISE_ACTION_ID,
          options,
          ...(initial.length > 0 ? { initial_options: initial } : {}),
        },
      },
    ],
  };
}
