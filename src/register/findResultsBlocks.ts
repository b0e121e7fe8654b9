// The ephemeral answer to `/need mine|list|search`: what was asked (as it was read), up to ten
// needs, and when there are more, a way to the App Home. Pure: the result in, a message out.
import type { KnownBlock } from '@slack/types';
import { messages, type Locale } from '../i18n/messages.js';
import type { FindRequest, FindResult } from './findNeeds.js';
import { type AreaNames, areaName, needItemSection } from '../needs/blocks/needItem.js';
import { escapeMrkdwn, truncate } from '../platform/slack/blockText.js';

export const FIND_ACTIONS = { openHome: 'find_open_home' } as const;

export interface FindContext {
  locale: Locale;
  areas: AreaNames;
  municipalities: readonly { id: number; name: string }[];
  now: Date;
  /** slack://app?… link to the app's Home tab, when the command said which app and team. */
  homeLink: string | null;
}

/** "i Lillby inom Transporter med status öppet som matchar ”läckor”", or "i hela länet". */
function describeList(result: FindResult, ctx: FindContext): string {
  const t = messages(ctx.locale);
  const parts: string[] = [];
  const { filter } = result;
  const municipality = ctx.municipalities.find((m) => m.id === filter.municipalityId);
  parts.push(municipality ? t.find.inMunicipality(escapeMrkdwn(municipality.name)) : t.find.inRegion);
  if (filter.area) parts.push(t.find.inArea(escapeMrkdwn(areaName(filter.area, ctx.areas, ctx.locale))));
  if (filter.status) parts.push(t.find.withStatus(t.status[filter.status]));
  if (result.words.length > 0) parts.push(t.find.matching(quoted(result.words)));
  return parts.join(' ');
}

const quoted = (words: string[]) => escapeMrkdwn(truncate(words.join(' '), 100));

export function findResultsMessage(request: FindRequest, result: FindResult, ctx: FindContext): { text: string; blocks: KnownBlock[] } {
  const t = messages(ctx.locale).find;
  const found = result.items.length > 0;
  let heading: string;
  if (request.kind === 'mine') heading = found ? t.mine : t.mineNone;
  else if (request.kind === 'list') heading = found ? t.list(describeList(result, ctx)) : t.listNone(describeList(result, ctx));
  else if (result.words.length === 0) heading = t.searchEmpty;
  else heading = found ? t.search(quoted(result.words)) : t.searchNone(quoted(result.words));

  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: heading } },
    ...result.items.map((item) => needItemSection(item, { locale: ctx.locale, areas: ctx.areas, now: ctx.now, list: 'find' })),
  ];
  if (result.more) {
    blocks.push({
      type: 'section',
      block_id: 'find_more',
      text: { type: 'mrkdwn', text: t.more(result.items.length) },
      ...(ctx.homeLink
        ? { accessory: { type: 'button', action_id: FIND_ACTIONS.openHome, text: { type: 'plain_text', text: t.openHome, emoji: true }, url: ctx.homeLink } }
        : {}),
    });
  }
  return { text: heading, blocks };
}
