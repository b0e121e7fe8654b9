// The short answer someone gets when they may not do what they tried (permissions.ts says who may).
import { messages, type Locale } from '../../i18n/messages.js';
import type { Allowed } from '../../needs/permissions.js';
import { channelList } from './blockText.js';

export function refusalText(refused: Allowed | 'withdrawn', channelId: string | null, locale: Locale): string {
  const t = messages(locale).permissions;
  if (refused === 'withdrawn') return t.withdrawn;
  if (refused === 'owners') return t.owners;
  return channelId ? t.channelMembers(channelList([channelId], locale)) : t.needPeople;
}
