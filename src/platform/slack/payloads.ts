// The payload each listener accepts, parsed with zod at the listener's edge: ids by their
// pattern and length, row ids strictly (`^[1-9][0-9]*$`: " 1", "0x1", "1e0", "01" are not 1),
// texts bounded, required fields required. A payload that fails is logged at debug and acked
// without effect; nothing downstream sees a field it did not ask for.
import { z } from 'zod';
import { required } from '../../required.js';

/** Slack ids are short; DESIGN caps them at 255. A 200,000-character "channel id" is refused. */
const MAX_ID = 255;
export const userIdSchema = z
  .string()
  .max(MAX_ID)
  .regex(/^[UWB][A-Z0-9]{2,}$/);
export const channelIdSchema = z
  .string()
  .max(MAX_ID)
  .regex(/^[CGD][A-Z0-9]{2,}$/);
export const messageTsSchema = z
  .string()
  .max(32)
  .regex(/^\d{1,12}\.\d{1,8}$/);
const triggerIdSchema = z.string().min(1).max(MAX_ID);

/** A database row id as Slack hands it back (a button value): digits only, no sign, no leading zero. */
export const rowIdSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,14}$/)
  .transform(Number);

/** Parses a row id strictly; null for anything else. */
export function parseRowId(value: unknown): number | null {
  const parsed = rowIdSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Longer than any text Slack lets a person type into a command or message. */
const MAX_TEXT = 40_000;
export const PRIVATE_METADATA_MAX = 3000;

export const commandPayload = z.object({
  text: z.string().max(MAX_TEXT).default(''),
  user_id: userIdSchema,
  channel_id: channelIdSchema,
  trigger_id: triggerIdSchema,
  /** For a link to the app's Home tab. */
  team_id: z
    .string()
    .max(MAX_ID)
    .regex(/^[TE][A-Z0-9]{2,}$/)
    .optional(),
  api_app_id: z
    .string()
    .max(MAX_ID)
    .regex(/^A[A-Z0-9]{2,}$/)
    .optional(),
});

export const messageShortcutPayload = z.object({
  trigger_id: triggerIdSchema,
  user: z.object({ id: userIdSchema }),
  channel: z.object({ id: channelIdSchema }),
  message: z.object({ text: z.string().max(MAX_TEXT).default('') }),
});

export const reactionEventPayload = z.object({
  reaction: z.string().min(1).max(100),
  user: userIdSchema,
  item: z.object({ type: z.literal('message'), channel: channelIdSchema, ts: messageTsSchema }),
});

const viewIdSchema = z
  .string()
  .max(MAX_ID)
  .regex(/^V[A-Z0-9]{2,}$/);

export const viewSubmissionPayload = z.object({
  user: z.object({ id: userIdSchema }),
  view: z.object({
    id: viewIdSchema,
    /** The first modal of a stack (the need's page under its edit form). */
    root_view_id: viewIdSchema.nullish(),
    hash: z.string().max(MAX_ID).optional(),
    private_metadata: z.string().max(PRIVATE_METADATA_MAX).default(''),
    state: z.object({ values: z.record(z.string().max(MAX_ID), z.record(z.string().max(MAX_ID), z.unknown())) }),
  }),
});

/** One pressed button (or chosen option) of a block_actions payload. */
const blockAction = z.object({
  action_id: z.string().min(1).max(MAX_ID),
  action_ts: z
    .string()
    .max(32)
    .regex(/^\d{1,12}(\.\d{1,8})?$/),
  value: z.string().max(2000).optional(),
});

export const buttonPayload = z.object({
  user: z.object({ id: userIdSchema }),
  trigger_id: triggerIdSchema,
  channel: z.object({ id: channelIdSchema }).nullish(),
  actions: z.array(blockAction).min(1),
});

export const appHomeOpenedPayload = z.object({
  user: userIdSchema,
  tab: z.string().max(32),
});

const selected = z.object({ value: z.string().max(150) });

/** A button or select in the App Home, or a button in a modal (the need's page). */
export const viewActionPayload = z.object({
  user: z.object({ id: userIdSchema }),
  trigger_id: triggerIdSchema,
  view: z
    .object({
      id: viewIdSchema,
      type: z.enum(['home', 'modal']),
      private_metadata: z.string().max(PRIVATE_METADATA_MAX).default(''),
    })
    .nullish(),
  actions: z
    .array(
      blockAction.extend({
        selected_option: selected.nullish(),
        selected_options: z.array(selected).max(100).nullish(),
      }),
    )
    .min(1),
});

export type ViewActionPayload = z.infer<typeof viewActionPayload>;
export type CommandPayload = z.infer<typeof commandPayload>;
export type MessageShortcutPayload = z.infer<typeof messageShortcutPayload>;
export type ReactionEventPayload = z.infer<typeof reactionEventPayload>;
export type ViewSubmissionPayload = z.infer<typeof viewSubmissionPayload>;
export type ButtonPayload = z.infer<typeof buttonPayload>;

/** The action of a block_actions payload: the first of its actions, which the schemas require at least one of. */
export function firstAction<A>(payload: { actions: readonly A[] }): A {
  return required(payload.actions[0], 'the action of a block_actions payload');
}

/** Parses a payload; on failure logs which fields were wrong (no values: they may be personal) at debug. */
export function parsePayload<T>(schema: z.ZodType<T>, payload: unknown, logger: { debug(...msg: unknown[]): void }, what: string): T | null {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(top level)'))].join(', ');
  logger.debug(`ignored a malformed ${what} (${fields})`);
  return null;
}
