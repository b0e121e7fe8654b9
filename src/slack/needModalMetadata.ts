// private_metadata of the /need modal: where it was opened from. It round-trips through the
// client, so it is validated like any other input.
import { z } from 'zod';
import { channelIdSchema, PRIVATE_METADATA_MAX } from './payloads.js';
import { parsePrivateMetadata } from './privateMetadata.js';

const metadataSchema = z.object({
  v: z.literal(1),
  channelId: channelIdSchema.nullable(),
  source: z.enum(['slash_command', 'shortcut', 'app_home']),
});

export type NeedModalMetadata = z.infer<typeof metadataSchema>;

export function encodeNeedModalMetadata(metadata: Omit<NeedModalMetadata, 'v'>): string {
  return JSON.stringify({ v: 1, ...metadata });
}

export function decodeNeedModalMetadata(text: string | undefined): NeedModalMetadata | null {
  if (text === undefined || text.length > PRIVATE_METADATA_MAX) return null;
  return parsePrivateMetadata(metadataSchema, text);
}
