// What a person chose in the App Home, kept per user: their strength areas (or "follow my team
// channels") and the filters of "Senaste behoven". Prisma in, plain objects out.
import { z } from 'zod';
import type { Db } from '../platform/db/client.js';
import type { AreaSlug } from '../matching/types.js';
import { AREA_SLUG_PATTERN, isAreaSlug } from '../needs/needAreas.js';
import { NEED_STATUSES, type NeedFilter } from './registerRepository.js';

export interface HomePreferences {
  /** Chosen areas; null = those of the team channels the person is a member of. */
  areas: AreaSlug[] | null;
  filter: NeedFilter;
}

// Stored JSON is read like any input: a row written by an older version must not break the Home.
const storedFilter = z
  .object({
    municipalityId: z.number().int().positive().optional(),
    area: z.string().regex(AREA_SLUG_PATTERN).optional(),
    status: z.enum(NEED_STATUSES).optional(),
  })
  .catch({});

function parseFilter(json: string): NeedFilter {
  try {
    return storedFilter.parse(JSON.parse(json));
  } catch {
    return {};
  }
}

export class UserPreferences {
  constructor(private readonly db: Db) {}

  async get(userId: string): Promise<HomePreferences> {
    const row = await this.db.userPreference.findUnique({ where: { userId } });
    if (!row) return { areas: null, filter: {} };
    return { areas: row.areas === null ? null : row.areas.split(',').filter(isAreaSlug), filter: parseFilter(row.filters) };
  }

  /** Null goes back to following the person's team channels. */
  async setAreas(userId: string, areas: readonly AreaSlug[] | null): Promise<void> {
    const stored = areas === null ? null : [...new Set(areas)].join(',');
    await this.db.userPreference.upsert({ where: { userId }, create: { userId, areas: stored }, update: { areas: stored } });
  }

  async setFilter(userId: string, filter: NeedFilter): Promise<void> {
    const filters = JSON.stringify(filter);
    await this.db.userPreference.upsert({ where: { userId }, create: { userId, filters }, update: { filters } });
  }
}
