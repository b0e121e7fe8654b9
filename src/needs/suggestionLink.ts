// Where a posted suggestion can be opened: a Slack message permalink made from the stored channel
// and ts, without asking Slack (chat.getPermalink) for every line of a list.

/** https://slack.com/archives/C…/p<ts without its dot>: Slack opens it in the workspace. */
export function suggestionLink(channelId: string, messageTs: string): string {
  return `https://slack.com/archives/${channelId}/p${messageTs.replace('.', '')}`;
}
