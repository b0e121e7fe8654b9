// private_metadata of the need's page and the modals that change it: which need (and, for the
// re-route prompt, which areas). It round-trips through the client, so it is parsed like input.
import { z } from 'zod';
import { AREA_SLUGS } from '../matching/types.js';
import { parsePrivateMetadata } from '../platform/slack/privateMetadata.js';

const needRef = z.object({ needId: z.number().int().positive() });
const rerouteRef = needRef.extend({ areas: z.array(z.enum(AREA_SLUGS)).max(AREA_SLUGS.length) });

export const readNeedRef = (text: string | undefined) => parsePrivateMetadata(needRef, text);
export const readRerouteRef = (text: string | undefined) => parsePrivateMetadata(rerouteRef, text);
