// The municipal sectors (verksamheter) a need can belong to. Slugs are stored; labels are shown.
import type { Locale } from '../i18n/messages.js';

export const SECTORS = [
  { slug: 'aldreomsorg', sv: 'Äldreomsorg', en: 'Elderly care', aliases: ['äldreboende', 'särskilt boende', 'vård och omsorg', 'omsorg', 'elderly'] },
  { slug: 'hemtjanst', sv: 'Hemtjänst och hemsjukvård', en: 'Home care', aliases: ['hemtjänsten', 'hemsjukvård', 'välfärdsteknik', 'home care'] },
  {
    slug: 'socialtjanst',
    sv: 'Socialtjänst och LSS',
    en: 'Social services',
    aliases: ['socialtjänsten', 'individ- och familjeomsorg', 'ifo', 'lss', 'funktionsstöd'],
  },
  {
    slug: 'skola',
    sv: 'Skola och förskola',
    en: 'Schools and preschools',
    aliases: ['utbildning', 'barn och utbildning', 'grundskola', 'gymnasium', 'förskolan', 'skolan', 'education'],
  },
  { slug: 'maltider', sv: 'Måltider', en: 'Meals', aliases: ['kost', 'måltidsservice', 'kostenheten', 'skolmat', 'catering'] },
  {
    slug: 'samhallsbyggnad',
    sv: 'Samhällsbyggnad och planering',
    en: 'Urban planning',
    aliases: ['samhällsbyggnadsförvaltningen', 'planering', 'bygglov', 'stadsbyggnad', 'plan och bygg', 'planning'],
  },
  {
    slug: 'gata-park',
    sv: 'Gata och park',
    en: 'Streets and parks',
    aliases: ['gatukontoret', 'teknisk förvaltning', 'tekniska kontoret', 'väghållning', 'streets', 'parks'],
  },
  { slug: 'fastigheter', sv: 'Fastigheter', en: 'Property', aliases: ['fastighet', 'lokaler', 'fastighetsförvaltning', 'facilities'] },
  { slug: 'va', sv: 'VA (vatten och avlopp)', en: 'Water and sewage', aliases: ['vatten och avlopp', 'vatten', 'avlopp', 'water'] },
  { slug: 'avfall', sv: 'Avfall och återvinning', en: 'Waste and recycling', aliases: ['avfall', 'renhållning', 'återvinning', 'waste'] },
  { slug: 'energi', sv: 'Energi', en: 'Energy', aliases: ['energibolaget', 'fjärrvärme', 'elnät'] },
  { slug: 'miljo', sv: 'Miljö och klimat', en: 'Environment and climate', aliases: ['miljö', 'klimat', 'miljökontoret', 'miljö och hälsa', 'environment'] },
  {
    slug: 'kollektivtrafik',
    sv: 'Kollektivtrafik och skolskjuts',
    en: 'Public transport',
    aliases: ['kollektivtrafik', 'skolskjuts', 'färdtjänst', 'trafik', 'transport'],
  },
  {
    slug: 'raddningstjanst',
    sv: 'Räddningstjänst och krisberedskap',
    en: 'Rescue services',
    aliases: ['räddningstjänsten', 'krisberedskap', 'säkerhet och beredskap', 'beredskap'],
  },
  {
    slug: 'naringsliv',
    sv: 'Näringsliv och turism',
    en: 'Business and tourism',
    aliases: ['näringsliv', 'turism', 'näringslivskontoret', 'arbetsmarknad', 'business'],
  },
  {
    slug: 'kultur-fritid',
    sv: 'Kultur och fritid',
    en: 'Culture and leisure',
    aliases: ['kultur', 'fritid', 'bibliotek', 'idrott', 'kultur- och fritidsförvaltningen', 'culture'],
  },
  { slug: 'landsbygd', sv: 'Landsbygdsutveckling', en: 'Rural development', aliases: ['landsbygd', 'landsbygden'] },
  { slug: 'it', sv: 'IT och digitalisering', en: 'IT and digitalisation', aliases: ['it', 'digitalisering', 'it-avdelningen', 'digitalization'] },
  {
    slug: 'administration',
    sv: 'Ledning, HR och administration',
    en: 'Management and administration',
    aliases: ['kommunledning', 'kommunledningskontoret', 'kommunstyrelsen', 'hr', 'ekonomi', 'administration'],
  },
  { slug: 'annat', sv: 'Annat', en: 'Other', aliases: ['övrigt', 'other'] },
] as const;

export type SectorSlug = (typeof SECTORS)[number]['slug'];

export const SECTOR_SLUGS = SECTORS.map((s) => s.slug) as [SectorSlug, ...SectorSlug[]];

export function sectorLabel(slug: string, locale: Locale): string {
  const sector = SECTORS.find((s) => s.slug === slug);
  return sector ? sector[locale] : slug;
}

export const isSectorSlug = (slug: string | null): slug is SectorSlug => slug !== null && (SECTOR_SLUGS as readonly string[]).includes(slug);
