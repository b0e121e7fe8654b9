// The short note to the person who recorded a need, naming where it was posted.
import { messages, type Locale } from '../../i18n/messages.js';
import { channelList, escapeMrkdwn } from './text.js';

export function confirmationText(title: string, channelIds: string[], intakeOnly: boolean, locale: Locale): string {
  const t = messages(locale).confirmation;
  // The title is what a person typed: escaped, so "<!channel>" in it pings nobody.
  const safeTitle = escapeMrkdwn(title);
  if (intakeOnly && channelIds[0]) return t.intake(safeTitle, channelList(channelIds.slice(0, 1), locale));
  return t.posted(safeTitle, channelList(channelIds, locale));
}
