// Who sits in which channel, from conversations.members, cached for a few minutes: what the
// permission rules ask ("members of that channel") and what the App Home's default areas follow.
// Administrators come from the channels file.
import type { WebClient } from '@slack/web-api';
import type { Authority } from '../../feedback/giveFeedback.js';

const TTL_MS = 5 * 60_000;
const PAGE = 1000;

export class ChannelMembers implements Authority {
  private readonly cache = new Map<string, { members: Set<string>; at: number }>();
  private readonly loading = new Map<string, Promise<Set<string>>>();
  private readonly admins: Set<string>;

  constructor(
    private readonly client: WebClient,
    admins: readonly string[],
    private readonly now: () => number = Date.now,
  ) {
    this.admins = new Set(admins);
  }

  isAdmin(userId: string): boolean {
    return this.admins.has(userId);
  }

  async isMember(channelId: string, userId: string): Promise<boolean> {
    return (await this.membersOf(channelId)).has(userId);
  }

  /** The channels of `channelIds` the user is a member of (a channel that cannot be read counts as not). */
  async channelsOf(userId: string, channelIds: readonly string[]): Promise<string[]> {
    const member = await Promise.all(channelIds.map((id) => this.isMember(id, userId).catch(() => false)));
    return channelIds.filter((_, i) => member[i]);
  }

  private membersOf(channelId: string): Promise<Set<string>> {
    const cached = this.cache.get(channelId);
    if (cached && this.now() - cached.at < TTL_MS) return Promise.resolve(cached.members);
    // One request per channel at a time, however many ask at once.
    let loading = this.loading.get(channelId);
    if (!loading) {
      loading = this.fetch(channelId).finally(() => this.loading.delete(channelId));
      this.loading.set(channelId, loading);
    }
    return loading;
  }

  private async fetch(channelId: string): Promise<Set<string>> {
    const members = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await this.client.conversations.members({ channel: channelId, limit: PAGE, ...(cursor ? { cursor } : {}) });
      for (const id of page.members ?? []) members.add(id);
      // Slack says "no more pages" with an empty cursor.
      const next = page.response_metadata?.next_cursor;
      cursor = next === '' ? undefined : next;
    } while (cursor);
    this.cache.set(channelId, { members, at: this.now() });
    return members;
  }
}
