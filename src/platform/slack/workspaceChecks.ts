// What the app checks against the workspace before it starts, and what `doctor` reports: the bot
// token works (and which scopes it was granted), and every configured channel exists and has the
// bot as a member — Slack delivers reactions to a bot only in channels it is a member of.
// Failures become one readable line saying what is wrong and what to do.
import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRequestError, type WebClient } from '@slack/web-api';

/** A problem that ends start-up: one line, no stack trace. */
export class StartupError extends Error {}

const TOKEN_REFUSED = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
  'team_disabled',
  'user_removed_from_team',
]);

/** One line for a failed call to Slack, naming the token and what to do. */
export function describeSlackFailure(error: unknown, token: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN', apiUrl: string): string {
  if (error instanceof WebAPIPlatformError) {
    const code = error.data.error;
    if (TOKEN_REFUSED.has(code)) {
      const where =
        token === 'SLACK_BOT_TOKEN'
          ? 'copy the Bot User OAuth Token (xoxb-…) again from OAuth & Permissions, and reinstall the app if it was removed'
          : 'create a new app-level token with connections:write under Basic Information → App-Level Tokens';
      return `Slack refused ${token} (${code}): ${where}`;
    }
    return `Slack answered ${code} to the ${token === 'SLACK_BOT_TOKEN' ? 'bot' : 'app-level'} token; see https://docs.slack.dev/reference/methods`;
  }
  if (error instanceof WebAPIRequestError) {
    return `Slack cannot be reached at ${apiUrl} (${networkCode(error.original)}): check the network, a proxy or firewall, and SLACK_API_URL`;
  }
  if (error instanceof WebAPIHTTPError) return `Slack answered HTTP ${error.statusCode} at ${apiUrl}: try again in a minute (https://slack-status.com)`;
  return `calling Slack at ${apiUrl} failed: ${error instanceof Error ? error.message : String(error)}`;
}

/** The system's error code (ENOTFOUND, ECONNREFUSED …) somewhere in fetch's chain of causes. */
function networkCode(error: unknown, depth = 0): string {
  if (depth > 5 || typeof error !== 'object' || error === null) return 'unknown error';
  const e = error as { code?: unknown; cause?: unknown; errors?: unknown[]; message?: unknown };
  if (typeof e.code === 'string' && /^E[A-Z_]+$/.test(e.code)) return e.code;
  for (const inner of [e.cause, ...(Array.isArray(e.errors) ? e.errors : [])]) {
    const code = networkCode(inner, depth + 1);
    if (code !== 'unknown error') return code;
  }
  return depth === 0 && typeof e.message === 'string' ? e.message : 'unknown error';
}

export interface BotIdentity {
  team: string;
  teamId: string;
  botUserId: string;
  botName: string;
  /** Scopes granted to the token (Slack's x-oauth-scopes header); null when Slack did not say. */
  scopes: string[] | null;
}

/** auth.test: who the bot is, in which workspace, with which scopes; a StartupError if refused. */
export async function checkBotToken(client: WebClient, apiUrl: string): Promise<BotIdentity> {
  try {
    const result = await client.auth.test();
    return {
      team: result.team ?? '?',
      teamId: result.team_id ?? '?',
      botUserId: result.user_id ?? '?',
      botName: result.user ?? 'Behovsbryggan',
      scopes: result.response_metadata?.scopes ?? null,
    };
  } catch (error) {
    throw new StartupError(describeSlackFailure(error, 'SLACK_BOT_TOKEN', apiUrl));
  }
}

export type ChannelState =
  /** The bot is a member: reactions there reach it. */
  | 'member'
  /** Public, the bot was not a member and has joined now. */
  | 'joined'
  /** Public, the bot is not a member but could join (doctor does not join). */
  | 'can_join'
  /** Private and the bot is not a member: someone must invite it. */
  | 'private_not_member'
  /** Archived: nothing can be posted there. */
  | 'archived'
  /** Slack knows no such channel — or it is private and the bot cannot see it. */
  | 'not_found'
  /** Public, but joining failed (e.g. the scope is missing). */
  | 'cannot_join';

export interface ChannelCheck {
  id: string;
  name: string | null;
  state: ChannelState;
  detail?: string;
}

/**
 * Looks up each channel (one conversations.info each) and, with `join`, joins the public ones the
 * bot is not in yet (one conversations.join each). Start-up joins; doctor only looks.
 */
export async function checkChannels(client: WebClient, channelIds: readonly string[], options: { join: boolean }): Promise<ChannelCheck[]> {
  // Side by side (a handful of Tier 3 calls): start-up waits for the slowest, not the sum.
  return Promise.all([...new Set(channelIds)].map((id) => checkChannel(client, id, options)));
}

async function checkChannel(client: WebClient, id: string, options: { join: boolean }): Promise<ChannelCheck> {
  let info;
  try {
    info = (await client.conversations.info({ channel: id })).channel;
  } catch (error) {
    if (error instanceof WebAPIPlatformError && error.data.error === 'channel_not_found') return { id, name: null, state: 'not_found' };
    throw error;
  }
  const name = info?.name ?? null;
  if (info?.is_archived) return { id, name, state: 'archived' };
  if (info?.is_member) return { id, name, state: 'member' };
  if (info?.is_private) return { id, name, state: 'private_not_member' };
  if (!options.join) return { id, name, state: 'can_join' };
  try {
    await client.conversations.join({ channel: id });
    return { id, name, state: 'joined' };
  } catch (error) {
    const detail = error instanceof WebAPIPlatformError ? error.data.error : error instanceof Error ? error.message : String(error);
    return { id, name, state: 'cannot_join', detail };
  }
}

/** "#name (C0123)" or "C0123". */
export function channelLabel(check: Pick<ChannelCheck, 'id' | 'name'>): string {
  return check.name ? `#${check.name} (${check.id})` : check.id;
}
