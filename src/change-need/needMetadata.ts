// private_metadata of the need's page and the modals that change it: which need (and, for the
// re-route prompt, which areas). It round-trips through the client, so it is parsed like input.
import { z } from 'zod';
import { AREA_SLUG_PATTERN } from '../needs/needAreas.js';
import { MAX_AREAS } from '../region/regionPack.js';
import { parsePrivateMetadata } from '../platform/slack/privateMetadata.js';

const needRef = z.object({ needId: z.number().int().positive() });
const rerouteRef = needRef.extend({ areas: z.array(z.string().regex(AREA_SLUG_PATTERN)).max(MAX_AREAS) });

export const readNeedRef = (text: string | undefined) => parsePrivateMetadata(needRef, text);
export const readRerouteRef = (text: string | undefined) => parsePrivateMetadata(rerouteRef, text);
