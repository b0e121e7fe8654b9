// Slack sends message and command text in its own markup: <@U1|name>, <#C1|name>, <url|label>,
// and &amp; &lt; &gt;. Prefilling a form with it would show (and store) that markup.

/** Turns Slack markup into the plain text a person would read. */
export function slackTextToPlain(text: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_match, inner: string) => {
      const [target = '', label] = inner.split('|', 2);
      if (target.startsWith('@')) return `@${label ?? target.slice(1)}`;
      if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
      if (target.startsWith('!')) return `@${label ?? target.slice(1).split('^')[0]}`;
      return label && label !== target ? `${label} (${target})` : target;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
