// The municipal sectors (verksamheter) a need can belong to. Slugs are stored; labels are shown.
import type { Locale } from '../i18n/messages.js';

export const SECTORS = [
  { slug: 'aldreomsorg', sv: 'Äldreomsorg', en: 'Elderly care' },
  { slug: 'hemtjanst', sv: 'Hemtjänst och hemsjukvård', en: 'Home care' },
  { slug: 'socialtjanst', sv: 'Socialtjänst och LSS', en: 'Social services' },
  { slug: 'skola', sv: 'Skola och förskola', en: 'Schools and preschools' },
  { slug: 'maltider', sv: 'Måltider', en: 'Meals' },
  { slug: 'samhallsbyggnad', sv: 'Samhällsbyggnad och planering', en: 'Urban planning' },
  { slug: 'gata-park', sv: 'Gata och park', en: 'Streets and parks' },
  { slug: 'fastigheter', sv: 'Fastigheter', en: 'Property' },
  { slug: 'va', sv: 'VA (vatten och avlopp)', en: 'Water and sewage' },
  { slug: 'avfall', sv: 'Avfall och återvinning', en: 'Waste and recycling' },
  { slug: 'energi', sv: 'Energi', en: 'Energy' },
  { slug: 'miljo', sv: 'Miljö och klimat', en: 'Environment and climate' },
  { slug: 'kollektivtrafik', sv: 'Kollektivtrafik och skolskjuts', en: 'Public transport' },
  { slug: 'raddningstjanst', sv: 'Räddningstjänst och krisberedskap', en: 'Rescue services' },
  { slug: 'naringsliv', sv: 'Näringsliv och turism', en: 'Business and tourism' },
  { slug: 'kultur-fritid', sv: 'Kultur och fritid', en: 'Culture and leisure' },
  { slug: 'landsbygd', sv: 'Landsbygdsutveckling', en: 'Rural development' },
  { slug: 'it', sv: 'IT och digitalisering', en: 'IT and digitalisation' },
  { slug: 'administration', sv: 'Ledning, HR och administration', en: 'Management and administration' },
  { slug: 'annat', sv: 'Annat', en: 'Other' },
] as const;

export type SectorSlug = (typeof SECTORS)[number]['slug'];

export const SECTOR_SLUGS = SECTORS.map((s) => s.slug) as [SectorSlug, ...SectorSlug[]];

export function sectorLabel(slug: string, locale: Locale): string {
  const sector = SECTORS.find((s) => s.slug === slug);
  return sector ? sector[locale] : slug;
}

export const isSectorSlug = (slug: string | null): slug is SectorSlug => slug !== null && (SECTOR_SLUGS as readonly string[]).includes(slug);
