// Correctly signed Slack requests (v0 HMAC-SHA256 over "v0:timestamp:body"), as Slack sends them.
import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';

export interface SignedOptions {
  secret?: string;
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  headers?: Record<string, string>;
}

export function sign(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export async function postSigned(url: string, body: string, contentType: string, options: SignedOptions = {}): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': sign(body, timestamp, options.secret),
      ...options.headers,
    },
    body,
  });
}

export interface SlashCommand {
  /** Where `respond()` posts; defaults to a closed loopback port. */
  responseUrl?: string;
  text?: string;
  userId?: string;
  channelId?: string;
  triggerId?: string;
}

export function slashCommandBody(command: SlashCommand): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: 'T0FAKE',
    team_domain: 'fake',
    channel_id: command.channelId ?? 'C0TYPED',
    channel_name: 'allmant',
    user_id: command.userId ?? 'U0STAFF',
    user_name: 'staff',
    command: '/need',
    text: command.text ?? '',
    api_app_id: 'A0APP',
    response_url: command.responseUrl ?? 'http://127.0.0.1:9/response',
    trigger_id: command.triggerId ?? `trigger-${Math.random().toString(36).slice(2)}`,
  }).toString();
}

export function postCommand(baseUrl: string, command: SlashCommand, options?: SignedOptions): Promise<Response> {
  return postSigned(`${baseUrl}/slack/events`, slashCommandBody(command), 'application/x-www-form-urlencoded', options);
}

export function postInteraction(baseUrl: string, payload: unknown, options?: SignedOptions): Promise<Response> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return postSigned(`${baseUrl}/slack/events`, body, 'application/x-www-form-urlencoded', options);
}

export function postEvent(baseUrl: string, envelope: unknown, options?: SignedOptions): Promise<Response> {
  return postSigned(`${baseUrl}/slack/events`, JSON.stringify(envelope), 'application/json', options);
}

export interface NeedFormValues {
  municipalityId?: string | null;
  title?: string | null;
  description?: string | null;
  sector?: string | null;
  /** "Vår kontakt"; defaults to the submitting user, as the modal does. */
  contactUserId?: string | null;
  municipalContact?: string | null;
}

let viewCounter = 0;

/** A view id as Slack gives every opened modal its own. */
export function nextViewId(): string {
  viewCounter += 1;
  return `V0TEST${String(viewCounter).padStart(5, '0')}${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
}

/**
 * A view_submission payload for the /need modal, as Slack sends it. Each call is a different modal
 * unless `viewId` names the same one (a re-sent submission).
 */
export function needSubmissionPayload(values: NeedFormValues, privateMetadata: string, userId = 'U0STAFF', viewId = nextViewId()): unknown {
  return viewSubmission({ callbackId: 'need_modal', userId, privateMetadata, values: needFormValues(values, userId), viewId });
}

let eventCounter = 0;

export interface ReactionEventOptions {
  type: 'reaction_added' | 'reaction_removed';
  reaction: string;
  userId: string;
  channel: string;
  ts: string;
  eventId?: string;
}

/** An Events API envelope for a reaction, as Slack sends it. */
export function reactionEnvelope(options: ReactionEventOptions): { event_id: string } & Record<string, unknown> {
  return eventEnvelope(
    {
      type: options.type,
      user: options.userId,
      reaction: options.reaction,
      item_user: 'U0BOT',
      item: { type: 'message', channel: options.channel, ts: options.ts },
    },
    options.eventId,
  );
}

let actionCounter = 0;

/** A block_actions payload for a button on a message, as Slack sends it: every press its own action_ts unless given. */
export function buttonPayload(options: {
  actionId: string;
  value: string;
  userId: string;
  channel: string;
  messageTs: string;
  actionTs?: string;
  /** Where respond() posts (e.g. `${fake.url}response`, recorded as method "response"). */
  responseUrl?: string;
}): unknown {
  actionCounter += 1;
  const actionTs = options.actionTs ?? `${Math.floor(Date.now() / 1000)}.${String(actionCounter).padStart(6, '0')}`;
  return {
    type: 'block_actions',
    team: { id: 'T0FAKE', domain: 'fake' },
    user: { id: options.userId, username: 'u', name: 'u', team_id: 'T0FAKE' },
    api_app_id: 'A0APP',
    token: 'deprecated-verification-token',
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
    container: { type: 'message', message_ts: options.messageTs, channel_id: options.channel, is_ephemeral: false },
    channel: { id: options.channel, name: 'team' },
    message: { type: 'message', ts: options.messageTs, text: 'suggestion', blocks: [] },
    response_url: options.responseUrl ?? 'http://127.0.0.1:9/response',
    actions: [
      {
        type: 'button',
        action_id: options.actionId,
        block_id: 'suggestion_actions',
        value: options.value,
        action_ts: actionTs,
        text: { type: 'plain_text', text: 'x' },
      },
    ],
  };
}

/** A view_submission of the "Byt styrkeområde" modal. */
export function recategoriseSubmissionPayload(values: string[], privateMetadata: string, userId: string): unknown {
  const checked = { type: 'checkboxes', selected_options: values.map((value) => ({ value, text: { type: 'plain_text', text: value } })) };
  return viewSubmission({ callbackId: 'recategorise_modal', userId, privateMetadata, values: { areas: { value: checked } }, viewId: 'V0RECAT' });
}

/** An Events API envelope around any event, as Slack sends it. */
export function eventEnvelope(event: Record<string, unknown>, eventId?: string): { event_id: string } & Record<string, unknown> {
  eventCounter += 1;
  return {
    token: 'deprecated-verification-token',
    team_id: 'T0FAKE',
    api_app_id: 'A0APP',
    type: 'event_callback',
    event_id: eventId ?? `Ev${Date.now()}${eventCounter}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T0FAKE', user_id: 'U0BOT', is_bot: true }],
    event: { event_ts: `${Math.floor(Date.now() / 1000)}.000100`, ...event },
  };
}

/** The user opened the app's Home tab (or its Messages tab). */
export function appHomeOpenedEnvelope(userId: string, tab: 'home' | 'messages' = 'home'): { event_id: string } & Record<string, unknown> {
  return eventEnvelope({ type: 'app_home_opened', user: userId, channel: 'D0APPHOME', tab });
}

export interface ViewAction {
  actionId: string;
  value?: string;
  selectedOption?: string;
  selectedOptions?: string[];
}

/**
 * A block_actions payload from a view: the App Home (`home`) or a modal (a need's page), carrying
 * the view's private_metadata as Slack hands it back.
 */
export function viewActionPayload(options: {
  userId: string;
  viewType: 'home' | 'modal';
  action: ViewAction;
  privateMetadata?: string;
  viewId?: string;
}): unknown {
  actionCounter += 1;
  const { action } = options;
  const viewId = options.viewId ?? nextViewId();
  return {
    type: 'block_actions',
    team: { id: 'T0FAKE', domain: 'fake' },
    user: { id: options.userId, username: 'u', name: 'u', team_id: 'T0FAKE' },
    api_app_id: 'A0APP',
    token: 'deprecated-verification-token',
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
    container: { type: 'view', view_id: viewId },
    view: {
      id: viewId,
      team_id: 'T0FAKE',
      type: options.viewType,
      private_metadata: options.privateMetadata ?? '',
      blocks: [],
      state: { values: {} },
      hash: 'h',
      root_view_id: viewId,
    },
    actions: [
      {
        action_id: action.actionId,
        block_id: 'b',
        action_ts: `${Math.floor(Date.now() / 1000)}.${String(actionCounter).padStart(6, '0')}`,
        ...(action.value !== undefined ? { type: 'button', value: action.value } : {}),
        ...(action.selectedOption !== undefined
          ? { type: 'static_select', selected_option: { value: action.selectedOption, text: { type: 'plain_text', text: action.selectedOption } } }
          : {}),
        ...(action.selectedOptions !== undefined
          ? { type: 'multi_static_select', selected_options: action.selectedOptions.map((value) => ({ value, text: { type: 'plain_text', text: value } })) }
          : {}),
      },
    ],
  };
}

/** A view_submission of any modal, with its state values as Slack nests them (block → action → element). */
export function viewSubmission(options: {
  callbackId: string;
  userId: string;
  privateMetadata: string;
  values?: Record<string, Record<string, unknown>>;
  viewId?: string;
  rootViewId?: string;
}): unknown {
  const viewId = options.viewId ?? nextViewId();
  return {
    type: 'view_submission',
    team: { id: 'T0FAKE', domain: 'fake' },
    user: { id: options.userId, username: 'u', name: 'u', team_id: 'T0FAKE' },
    api_app_id: 'A0APP',
    token: 'deprecated-verification-token',
    trigger_id: 'trigger-submit',
    view: {
      id: viewId,
      root_view_id: options.rootViewId ?? viewId,
      team_id: 'T0FAKE',
      type: 'modal',
      callback_id: options.callbackId,
      private_metadata: options.privateMetadata,
      hash: 'h',
      title: { type: 'plain_text', text: 'x' },
      blocks: [],
      state: { values: options.values ?? {} },
    },
  };
}

/** The state values of the need form (new or edited), as needSubmissionPayload sends them. */
export function needFormValues(values: NeedFormValues, userId: string): Record<string, Record<string, unknown>> {
  const option = (value: string | null | undefined) => ({
    type: 'static_select',
    selected_option: value ? { text: { type: 'plain_text', text: value }, value } : null,
  });
  return {
    municipality: { value: option(values.municipalityId) },
    title: { value: { type: 'plain_text_input', value: values.title ?? null } },
    description: { value: { type: 'plain_text_input', value: values.description ?? null } },
    sector: { value: option(values.sector) },
    municipal_contact: { value: { type: 'plain_text_input', value: values.municipalContact ?? null } },
    contact: { value: { type: 'users_select', selected_user: values.contactUserId === undefined ? userId : values.contactUserId } },
  };
}
