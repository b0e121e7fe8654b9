// How a suggested environment's structured reason (the matcher's EnvironmentReason) is stored in
// NeedEnvironment.reasonData (JSON) and read back. Reading is checked with zod: a row written by an
// older version has no reasonData and keeps its prose line (NeedEnvironment.reason), and a row
// whose JSON no longer fits falls back to that line too, so every stored row still renders.
import { z } from 'zod';
import type { EnvironmentReason } from '../matching/types.js';
import { AREA_SLUG_PATTERN } from './needAreas.js';

const area = z.string().regex(AREA_SLUG_PATTERN);
const words = z.array(z.string().trim().min(1));

export const environmentReasonSchema: z.ZodType<EnvironmentReason> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sharedTerms'), area, terms: words.min(1), coordinator: z.boolean(), focus: words }),
  z.object({ kind: z.literal('coordinator'), area, focus: words }),
  z.object({ kind: z.literal('area'), area, focus: words }),
  z.object({ kind: z.literal('crossCutting'), terms: words, focus: words }),
]);

export function serialiseEnvironmentReason(reason: EnvironmentReason): string {
  return JSON.stringify(environmentReasonSchema.parse(reason));
}

/**
 * The reason of a stored row: the structured reason when `reasonData` holds a valid one, else the
 * prose line older versions wrote (a string, shown as it is; "" when there is none).
 */
export function storedEnvironmentReason(row: { reason: string; reasonData: string | null }): EnvironmentReason | string {
  if (row.reasonData === null) return row.reason;
  let json: unknown;
  try {
    json = JSON.parse(row.reasonData);
  } catch {
    return row.reason;
  }
  const parsed = environmentReasonSchema.safeParse(json);
  return parsed.success ? parsed.data : row.reason;
}
