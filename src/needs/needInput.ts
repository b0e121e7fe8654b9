// What a person submits when recording a need, and its validation. No Slack types here: the
// Slack layer maps a form to RawNeedForm and the field errors back to its blocks.
import { z } from 'zod';
import { codePointLength } from '../text/codePoints.js';
import { SECTOR_SLUGS, type SectorSlug } from './sectors.js';

export const DESCRIPTION_MIN = 10;
export const DESCRIPTION_MAX = 3000;
export const TITLE_MAX = 150;
export const MUNICIPAL_CONTACT_MAX = 300;
const DERIVED_TITLE_MAX = 80;

export type NeedField = 'municipality' | 'title' | 'description' | 'sector' | 'municipalContact' | 'ourContact';

export type NeedFieldError =
  | { field: 'municipality'; code: 'missing' | 'unknown' | 'tampered' }
  | { field: 'title'; code: 'tooLong' }
  | { field: 'description'; code: 'empty' | 'tooShort' | 'tooLong'; length: number }
  | { field: 'sector'; code: 'unknown' }
  | { field: 'municipalContact'; code: 'tooLong' }
  | { field: 'ourContact'; code: 'invalid' };

/** The form as submitted: strings or null, unvalidated. */
export interface RawNeedForm {
  municipalityId: string | null;
  title: string | null;
  description: string | null;
  sector: string | null;
  /** "Kontakt i kommunen": free text. */
  municipalContact: string | null;
  /** "Vår kontakt": a Slack user id. */
  ourContactUserId: string | null;
}

export interface NeedInput {
  municipalityId: number;
  title: string;
  description: string;
  sector: SectorSlug | null;
  /** Whoever owns the need at the municipality, as typed; null when left empty. */
  municipalContact: string | null;
  /** Our side's contact (Slack user); null when left empty. */
  ourContactUserId: string | null;
}

export type NeedValidation = { ok: true; input: NeedInput } | { ok: false; errors: NeedFieldError[] };

const slackUserId = z
  .string()
  .max(255)
  .regex(/^[UW][A-Z0-9]{2,}$/);

/** Collapses runs of spaces/tabs but keeps line breaks, so a pasted description stays readable. */
function tidy(text: string | null): string {
  return (text ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** First sentence of the description, cut at a word boundary. */
export function deriveTitle(description: string): string {
  const firstLine = description.split('\n')[0] ?? description;
  // A sentence ends where the next word starts with a capital or digit, so "bl.a." and "t.ex."
  // do not cut the title short.
  const sentence = (/^.+?[.!?](?=\s+[A-ZÅÄÖ0-9]|\s*$)/u.exec(firstLine)?.[0] ?? firstLine).trim().replace(/[.!?]$/, '');
  if (sentence.length <= DERIVED_TITLE_MAX) return sentence;
  const cut = sentence.slice(0, DERIVED_TITLE_MAX - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > 40 ? cut.slice(0, lastSpace) : cut).replace(/[,;:]$/, '')}…`;
}

export function validateNeedForm(form: RawNeedForm, knownMunicipalityIds: ReadonlySet<number>): NeedValidation {
  const errors: NeedFieldError[] = [];

  // Ids are digits only: " 1", "0x1", "1e0", "1.0", "+1" and "01" are not municipality 1.
  const municipalityId = /^[1-9][0-9]{0,14}$/.test(form.municipalityId ?? '') ? Number(form.municipalityId) : Number.NaN;
  if (!form.municipalityId) errors.push({ field: 'municipality', code: 'missing' });
  else if (!knownMunicipalityIds.has(municipalityId)) errors.push({ field: 'municipality', code: 'unknown' });

  const description = tidy(form.description);
  // Count code points, not UTF-16 units, so "å" and emoji count as one character each.
  const length = codePointLength(description);
  if (length === 0) errors.push({ field: 'description', code: 'empty', length });
  else if (length < DESCRIPTION_MIN) errors.push({ field: 'description', code: 'tooShort', length });
  else if (length > DESCRIPTION_MAX) errors.push({ field: 'description', code: 'tooLong', length });

  const title = tidy(form.title).replace(/\s*\n\s*/g, ' ');
  if (codePointLength(title) > TITLE_MAX) errors.push({ field: 'title', code: 'tooLong' });

  const sector = form.sector ? z.enum(SECTOR_SLUGS).safeParse(form.sector) : null;
  if (sector && !sector.success) errors.push({ field: 'sector', code: 'unknown' });

  const municipalContact = tidy(form.municipalContact).replace(/\s*\n\s*/g, ', ');
  if (codePointLength(municipalContact) > MUNICIPAL_CONTACT_MAX) errors.push({ field: 'municipalContact', code: 'tooLong' });

  // Optional: nobody chosen is fine; somebody chosen must be a Slack user.
  const ourContact = form.ourContactUserId ? slackUserId.safeParse(form.ourContactUserId) : null;
  if (ourContact && !ourContact.success) errors.push({ field: 'ourContact', code: 'invalid' });

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      municipalityId,
      title: title || deriveTitle(description),
      description,
      sector: sector?.success ? sector.data : null,
      municipalContact: municipalContact || null,
      ourContactUserId: ourContact?.success ? ourContact.data : null,
    },
  };
}

/**
 * A need's text as the app reads it: what the matcher classifies, the similarity index compares,
 * the search index holds and a confirmed need's training example keeps ("Rubrik. Beskrivning").
 */
export function needText(need: { title: string; description: string }): string {
  return `${need.title}. ${need.description}`;
}
