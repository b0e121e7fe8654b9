// The short note to the person who recorded a need, naming where it was posted.
import { messages, type Locale } from '../../i18n/messages.js';
import { channelList } from './text.js';

export function confirmationText(title: string, channelIds: string[], intakeOnly: boolean, locale: Locale): string {
  const t = messages(locale).confirmation;
  if (intakeOnly && channelIds[0]) return t.intake(title, channelList(channelIds.slice(0, 1), locale));
  return t.posted(title, channelList(channelIds, locale));
}
