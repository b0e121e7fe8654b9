// The region's municipalities and strength areas as the app shows and matches them: the one place
// that reads them (the modal's list, the export's names, the import's names, the summary's names).
import type { Db } from '../platform/db/client.js';
import type { AreaSlug } from '../matching/types.js';
import { isAreaSlug } from '../needs/needAreas.js';

export interface MunicipalityName {
  id: number;
  name: string;
}

export interface AreaName {
  slug: AreaSlug;
  name: string;
  nameEn: string;
}

/** Every municipality, by name. */
export function loadMunicipalities(db: Db): Promise<MunicipalityName[]> {
  return db.municipality.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } });
}

/** Every strength area the matcher knows, by slug. */
export async function loadAreas(db: Db): Promise<AreaName[]> {
  const rows = await db.strengthArea.findMany({ select: { slug: true, name: true, nameEn: true }, orderBy: { slug: 'asc' } });
  return rows.flatMap((a) => (isAreaSlug(a.slug) ? [{ slug: a.slug, name: a.name, nameEn: a.nameEn }] : []));
}

/** Municipality id → name. */
export async function municipalityNames(db: Db): Promise<Map<number, string>> {
  return new Map((await loadMunicipalities(db)).map((m) => [m.id, m.name]));
}
