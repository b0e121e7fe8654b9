// What Slack sends to the app, read totally: raw request body → one of the envelope kinds Slack
// actually sends, or null. Bolt assumes these shapes (it reads `body.ssl_check`, `'channel' in
// event`, `body.user.id` …) and throws — or, in its HTTP receiver, crashes the process — on a body
// that is `null`, an array or a string. The HTTP receiver answers anything that is not an envelope
// with 400; the app refuses the same before Bolt sees it in Socket Mode. Listener payloads are
// checked in detail at each listener's edge (payloads.ts); this is only the outer shape.
import { z } from 'zod';

const MAX_ID = 255;
const id = z.string().min(1).max(MAX_ID);
const withId = z.looseObject({ id });
const anyObject = z.looseObject({});

const eventCallback = z.looseObject({
  type: z.literal('event_callback'),
  event_id: id,
  team_id: id.optional(),
  authorizations: z.array(anyObject).optional(),
  event: z.looseObject({
    type: id,
    channel: z.union([id, withId]).optional(),
    item: anyObject.optional(),
    user: z.union([id, anyObject]).optional(),
  }),
});

const slashCommand = z.looseObject({
  command: id,
  text: z.string().optional(),
  user_id: id,
  channel_id: id,
  team_id: id.optional(),
  trigger_id: id,
});

const INTERACTIVE_TYPES = ['block_actions', 'view_submission', 'view_closed', 'message_action', 'shortcut', 'block_suggestion'] as const;

const interactive = z
  .looseObject({
    type: z.enum(INTERACTIVE_TYPES),
    user: withId,
    team: withId.nullish(),
    channel: withId.nullish(),
    enterprise: withId.nullish(),
    view: anyObject.optional(),
    actions: z.array(anyObject).optional(),
    message: anyObject.optional(),
    container: anyObject.optional(),
  })
  .refine((body) => !['view_submission', 'view_closed'].includes(body.type) || body.view !== undefined, 'a view payload needs a view')
  .refine((body) => body.type !== 'block_actions' || (body.actions?.length ?? 0) > 0, 'block_actions needs at least one action');

export type SlackEnvelope =
  | { kind: 'ssl_check' }
  | { kind: 'url_verification'; challenge: string }
  | { kind: 'app_rate_limited' }
  | { kind: 'event' | 'command' | 'interactive'; body: Record<string, unknown> };

/** The envelope kind of an already parsed body, or null when it is none Slack sends. */
export function envelopeOf(body: unknown): SlackEnvelope | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const record = body as Record<string, unknown>;
  if (record.ssl_check === '1') return { kind: 'ssl_check' };
  if (record.type === 'url_verification') {
    const challenge = z.string().min(1).max(1000).safeParse(record.challenge);
    return challenge.success ? { kind: 'url_verification', challenge: challenge.data } : null;
  }
  if (record.type === 'app_rate_limited') return { kind: 'app_rate_limited' };
  if (eventCallback.safeParse(record).success) return { kind: 'event', body: record };
  if (slashCommand.safeParse(record).success) return { kind: 'command', body: record };
  if (interactive.safeParse(record).success) return { kind: 'interactive', body: record };
  return null;
}

/** The media type of a Content-Type header, without parameters, lower case. */
function mediaType(contentType: string | undefined): string {
  const text = contentType ?? '';
  const parameters = text.indexOf(';');
  return (parameters === -1 ? text : text.slice(0, parameters)).trim().toLowerCase();
}

function parseJsonObject(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/**
 * Parses a request body the way Slack encodes it: form fields (slash commands, `ssl_check`), a
 * form whose `payload` field is JSON (interactivity), or JSON (Events API). Never throws; a body
 * that is none of these is null.
 */
export function parseSlackBody(raw: Buffer, contentType: string | undefined): unknown {
  const text = raw.toString('utf8');
  const type = mediaType(contentType);
  if (type === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams(text);
    const payload = form.get('payload');
    if (payload !== null) return parseJsonObject(payload);
    return Object.fromEntries(form);
  }
  if (type === 'application/json') return parseJsonObject(text);
  return null;
}
