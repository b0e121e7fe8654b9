// The short note to the person who recorded a need, naming where it was posted.
import { messages, type Locale } from '../../i18n/messages.js';

export function confirmationText(title: string, channelIds: string[], intakeOnly: boolean, locale: Locale): string {
  const t = messages(locale).confirmation;
  const links = channelIds.map((id) => `<#${id}>`);
  if (intakeOnly && links[0]) return t.intake(title, links[0]);
  const list = links.length > 1 ? `${links.slice(0, -1).join(', ')} ${locale === 'sv' ? 'och' : 'and'} ${links.at(-1)}` : (links[0] ?? '');
  return t.posted(title, list);
}
