// Reads the /need modal's submitted state into the domain's RawNeedForm, and renders the domain's
// field errors back onto the modal's blocks in the user's language.
import { z } from 'zod';
import { messages, type Locale } from '../../i18n/messages.js';
import {
  DESCRIPTION_MAX,
  DESCRIPTION_MIN,
  MUNICIPAL_CONTACT_MAX,
  type NeedFieldError,
  type NeedInput,
  type RawNeedForm,
  TITLE_MAX,
  validateNeedForm,
} from '../needInput.js';
import { INPUT_ACTION_ID, NEED_BLOCKS } from './needModal.js';
import { parsePayload, type ViewSubmissionPayload, viewSubmissionPayload } from '../../platform/slack/payloads.js';

// Every element reports one of these shapes; anything else reads as "not filled in".
const elementState = z
  .object({
    value: z.string().nullish(),
    selected_option: z.object({ value: z.string() }).nullish(),
    selected_user: z.string().nullish(),
  })
  .partial();

const stateValues = z.record(z.string(), z.record(z.string(), z.unknown()));

export function readNeedForm(values: unknown): RawNeedForm {
  const parsed = stateValues.safeParse(values);
  const state = parsed.success ? parsed.data : {};
  // Each element on its own: one malformed element must not blank the whole form.
  const element = (block: string) => {
    const one = elementState.safeParse(state[block]?.[INPUT_ACTION_ID]);
    return one.success ? one.data : undefined;
  };
  return {
    municipalityId: element(NEED_BLOCKS.municipality)?.selected_option?.value ?? null,
    title: element(NEED_BLOCKS.title)?.value ?? null,
    description: element(NEED_BLOCKS.description)?.value ?? null,
    sector: element(NEED_BLOCKS.sector)?.selected_option?.value ?? null,
    municipalContact: element(NEED_BLOCKS.municipalContact)?.value ?? null,
    ourContactUserId: element(NEED_BLOCKS.ourContact)?.selected_user ?? null,
  };
}

export function fieldErrorText(error: NeedFieldError, locale: Locale): string {
  const t = messages(locale).errors;
  switch (error.field) {
    case 'municipality':
      return error.code === 'missing' ? t.municipalityMissing : error.code === 'unknown' ? t.municipalityUnknown : t.formTampered;
    case 'title':
      return t.titleTooLong(TITLE_MAX);
    case 'description':
      if (error.code === 'empty') return t.descriptionEmpty;
      return error.code === 'tooShort' ? t.descriptionTooShort(DESCRIPTION_MIN) : t.descriptionTooLong(DESCRIPTION_MAX, error.length);
    case 'sector':
      return t.sectorUnknown;
    case 'municipalContact':
      return t.municipalContactTooLong(MUNICIPAL_CONTACT_MAX);
    case 'ourContact':
      return t.contactInvalid;
  }
}

/** `{block_id: message}` for `response_action: "errors"`; the first error per field wins. */
export function modalErrors(errors: NeedFieldError[], locale: Locale): Record<string, string> {
  const out: Record<string, string> = {};
  for (const error of errors) out[NEED_BLOCKS[error.field]] ??= fieldErrorText(error, locale);
  return out;
}

/** What a form that came back unreadable (a private_metadata that is not ours) is answered with. */
export const tamperedFormErrors = (locale: Locale): Record<string, string> => modalErrors([{ field: 'municipality', code: 'tampered' }], locale);

/**
 * The need form as submitted (new or edited), validated like every other way in: the input, or
 * the field errors to answer the submission with.
 */
export function validateSubmittedNeed(
  values: unknown,
  municipalities: readonly { id: number }[],
  locale: Locale,
): { ok: true; input: NeedInput } | { ok: false; errors: Record<string, string> } {
  const validation = validateNeedForm(readNeedForm(values), new Set(municipalities.map((m) => m.id)));
  return validation.ok ? validation : { ok: false, errors: modalErrors(validation.errors, locale) };
}

/**
 * A submitted need form (the /need modal, or "Redigera"), read from the raw body: the payload, its
 * private metadata (read by `readMetadata`; null when it is not ours) and the validated need; or the
 * errors to ack the submission with, so the modal stays open and says what to fix.
 */
export function readNeedSubmission<M>(
  body: unknown,
  readMetadata: (privateMetadata: string) => M | null,
  context: { municipalities: readonly { id: number }[]; locale: Locale; logger: { debug(...msg: unknown[]): void }; what: string },
): { ok: true; payload: ViewSubmissionPayload; metadata: M; input: NeedInput } | { ok: false; errors: Record<string, string> } {
  const payload = parsePayload(viewSubmissionPayload, body, context.logger, context.what);
  const metadata = payload ? readMetadata(payload.view.private_metadata) : null;
  if (!payload || metadata === null) return { ok: false, errors: tamperedFormErrors(context.locale) };
  const validation = validateSubmittedNeed(payload.view.state.values, context.municipalities, context.locale);
  return validation.ok ? { ok: true, payload, metadata, input: validation.input } : validation;
}
