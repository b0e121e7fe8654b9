// The small modals around changing a need: "move it to the new areas?" after an edit, "withdraw
// it?", and a notice (a refusal, a need that is gone). Pure: data in, a modal out.
import type { ModalView } from '@slack/types';
import { messages, type Locale } from '../i18n/messages.js';
import type { AreaSlug } from '../matching/types.js';
import { type AreaNames, areaName } from '../needs/blocks/needItem.js';
import { escapeMrkdwn, truncate } from '../platform/slack/blockText.js';

export const NEED_REROUTE_CALLBACK_ID = 'need_reroute_modal';
export const NEED_WITHDRAW_CALLBACK_ID = 'need_withdraw_modal';

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

export function rerouteModal(input: {
  locale: Locale;
  areas: AreaNames;
  needId: number;
  current: readonly AreaSlug[];
  suggested: readonly AreaSlug[];
}): ModalView {
  const all = messages(input.locale);
  const names = (slugs: readonly AreaSlug[]) =>
    slugs.length > 0 ? slugs.map((s) => escapeMrkdwn(areaName(s, input.areas, input.locale))).join(', ') : all.noArea;
  return {
    type: 'modal',
    callback_id: NEED_REROUTE_CALLBACK_ID,
    title: plain(all.rerouteModal.title),
    submit: plain(all.rerouteModal.submit),
    close: plain(all.rerouteModal.close),
    private_metadata: JSON.stringify({ needId: input.needId, areas: input.suggested }),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: all.rerouteModal.intro(names(input.current), names(input.suggested)) } }],
  };
}

export function withdrawModal(input: { locale: Locale; needId: number; title: string }): ModalView {
  const t = messages(input.locale).withdrawModal;
  return {
    type: 'modal',
    callback_id: NEED_WITHDRAW_CALLBACK_ID,
    title: plain(t.title),
    submit: plain(t.submit),
    close: plain(t.close),
    private_metadata: JSON.stringify({ needId: input.needId }),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: t.intro(escapeMrkdwn(truncate(input.title, 200))) } }],
  };
}

/** One message in a modal of its own. */
export function noticeModal(text: string, locale: Locale): ModalView {
  const t = messages(locale).notice;
  return { type: 'modal', title: plain(t.title), close: plain(t.close), blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
