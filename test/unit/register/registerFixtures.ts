// Needs as the app writes them for the needs register: searchText from the matcher's search terms
// (as NeedService does) and the current areas in NeedArea (as replaceCurrentAreas does), on a
// migrated, seeded database (test/support/testDb.ts) with the search index set up.
import { searchIndexText } from '../../../src/matching/index.js';
import type { AreaSlug } from '../../../src/matching/types.js';
import { replaceCurrentAreas } from '../../../src/needs/store/needAreas.js';
import type { NeedStatus } from '../../../src/register/registerRepository.js';
import type { TestDb } from '../../support/testDb.js';

export interface RegisterNeedSpec {
  title: string;
  description?: string;
  municipality?: string;
  /** Current areas (NeedArea). */
  areas?: AreaSlug[];
  status?: NeedStatus;
  recordedAt?: Date | string;
  recordedBy?: string;
  ourContact?: string | null;
  claimedBy?: string | null;
  resolvedAt?: Date | string | null;
  /** Posted suggestion messages: channel → ts (null: queued, not posted yet). */
  posts?: Record<string, string | null>;
  /** Leave searchText null (a need recorded before search existed). */
  noSearchText?: boolean;
}

export async function addRegisterNeed(t: TestDb, spec: RegisterNeedSpec): Promise<number> {
  const municipalityId = t.municipalityIds.get(spec.municipality ?? 'Linköping');
  if (municipalityId === undefined) throw new Error(`unknown municipality ${spec.municipality}`);
  const description = spec.description ?? 'Ett behov från en kommun.';
  const status = spec.status ?? 'open';
  const recordedAt = new Date(spec.recordedAt ?? '2026-05-01T10:00:00Z');
  return t.db.$transaction(async (tx) => {
    const need = await tx.need.create({
      data: {
        municipalityId,
        title: spec.title,
        description,
        recordedByUserId: spec.recordedBy ?? 'U0STAFF',
        ourContactUserId: spec.ourContact === undefined ? null : spec.ourContact,
        claimedByUserId: spec.claimedBy ?? null,
        claimedAt: spec.claimedBy ? recordedAt : null,
        source: 'import',
        status,
        resolvedAt: spec.resolvedAt ? new Date(spec.resolvedAt) : null,
        withdrawnAt: status === 'withdrawn' ? recordedAt : null,
        recordedAt,
        routedAt: recordedAt,
        searchText: spec.noSearchText ? null : searchIndexText(`${spec.title}. ${description}`),
        suggestions: {
          create: Object.entries(spec.posts ?? {}).map(([channelId, ts]) => ({
            channelId,
            reason: 'area',
            messageTs: ts,
            state: ts ? 'posted' : 'pending',
            postedAt: ts ? recordedAt : null,
          })),
        },
      },
      select: { id: true },
    });
    await replaceCurrentAreas(tx, need.id, spec.areas ?? []);
    return need.id;
  });
}
