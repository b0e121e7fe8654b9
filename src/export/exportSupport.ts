// Small helpers the export's callers share: area names in a language, and Stockholm days. Pure.
import type { Locale } from '../i18n/messages.js';
import type { AreaSlug } from '../matching/types.js';
import { isoDate } from './columns.js';

export function areaNamesOf(areas: readonly { slug: AreaSlug; name: string; nameEn: string }[], locale: Locale): (slug: AreaSlug) => string {
  const names = new Map(areas.map((a) => [a.slug, locale === 'sv' ? a.name : a.nameEn]));
  return (slug) => names.get(slug) ?? slug;
}

/** The instant a Stockholm day (YYYY-MM-DD) starts, `plusDays` later. */
export function stockholmDayStart(day: string, plusDays = 0): Date {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`) + plusDays * 86_400_000;
  const target = isoDate(new Date(utcMidnight + 12 * 3_600_000));
  // Stockholm is UTC+1 or UTC+2: its midnight is 1 or 2 hours before UTC midnight.
  for (const hours of [2, 1, 0]) {
    const candidate = new Date(utcMidnight - hours * 3_600_000);
    if (isoDate(candidate) === target && isoDate(new Date(candidate.getTime() - 1)) !== target) return candidate;
  }
  return new Date(utcMidnight);
}
