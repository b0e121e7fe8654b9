// A view's private_metadata round-trips through the client, so it is read like any input: JSON,
// then the schema; anything else (not JSON, the wrong shape, absent) is null.
import type { z } from 'zod';

export function parsePrivateMetadata<T>(schema: z.ZodType<T>, text: string | undefined): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(text ?? ''));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
