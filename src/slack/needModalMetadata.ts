// private_metadata of the /need modal: where it was opened from. It round-trips through the
// client, so it is validated like any other input.
import { z } from 'zod';

const metadataSchema = z.object({
  v: z.literal(1),
  channelId: z.string().regex(/^[CGD][A-Z0-9]{2,}$/).nullable(),
  source: z.enum(['slash_command', 'shortcut']),
});

export type NeedModalMetadata = z.infer<typeof metadataSchema>;

export function encodeNeedModalMetadata(metadata: Omit<NeedModalMetadata, 'v'>): string {
  return JSON.stringify({ v: 1, ...metadata });
}

export function decodeNeedModalMetadata(text: string | undefined): NeedModalMetadata | null {
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(text ?? ''));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
