// The municipal sectors (verksamheter) a need can belong to. Slugs are stored; labels are shown
// (i18n/messages.ts: `sectors`); aliases are words people write for them in an import file.
import { messages, type Locale } from '../i18n/messages.js';

export const SECTORS = [
  { slug: 'aldreomsorg', aliases: ['äldreboende', 'särskilt boende', 'vård och omsorg', 'omsorg', 'elderly'] },
  { slug: 'hemtjanst', aliases: ['hemtjänsten', 'hemsjukvård', 'välfärdsteknik', 'home care'] },
  {
    slug: 'socialtjanst',
    aliases: ['socialtjänsten', 'individ- och familjeomsorg', 'ifo', 'lss', 'funktionsstöd'],
  },
  {
    slug: 'skola',
    aliases: ['utbildning', 'barn och utbildning', 'grundskola', 'gymnasium', 'förskolan', 'skolan', 'education'],
  },
  { slug: 'maltider', aliases: ['kost', 'måltidsservice', 'kostenheten', 'skolmat', 'catering'] },
  {
    slug: 'samhallsbyggnad',
    aliases: ['samhällsbyggnadsförvaltningen', 'planering', 'bygglov', 'stadsbyggnad', 'plan och bygg', 'planning'],
  },
  {
    slug: 'gata-park',
    aliases: ['gatukontoret', 'teknisk förvaltning', 'tekniska kontoret', 'väghållning', 'streets', 'parks'],
  },
  { slug: 'fastigheter', aliases: ['fastighet', 'lokaler', 'fastighetsförvaltning', 'facilities'] },
  { slug: 'va', aliases: ['vatten och avlopp', 'vatten', 'avlopp', 'water'] },
  { slug: 'avfall', aliases: ['avfall', 'renhållning', 'återvinning', 'waste'] },
  { slug: 'energi', aliases: ['energibolaget', 'fjärrvärme', 'elnät'] },
  { slug: 'miljo', aliases: ['miljö', 'klimat', 'miljökontoret', 'miljö och hälsa', 'environment'] },
  {
    slug: 'kollektivtrafik',
    aliases: ['kollektivtrafik', 'skolskjuts', 'färdtjänst', 'trafik', 'transport'],
  },
  {
    slug: 'raddningstjanst',
    aliases: ['räddningstjänsten', 'krisberedskap', 'säkerhet och beredskap', 'beredskap'],
  },
  {
    slug: 'naringsliv',
    aliases: ['näringsliv', 'turism', 'näringslivskontoret', 'arbetsmarknad', 'business'],
  },
  {
    slug: 'kultur-fritid',
    aliases: ['kultur', 'fritid', 'bibliotek', 'idrott', 'kultur- och fritidsförvaltningen', 'culture'],
  },
  { slug: 'landsbygd', aliases: ['landsbygd', 'landsbygden'] },
  { slug: 'it', aliases: ['it', 'digitalisering', 'it-avdelningen', 'digitalization'] },
  {
    slug: 'administration',
    aliases: ['kommunledning', 'kommunledningskontoret', 'kommunstyrelsen', 'hr', 'ekonomi', 'administration'],
  },
  { slug: 'annat', aliases: ['övrigt', 'other'] },
] as const;

export type SectorSlug = (typeof SECTORS)[number]['slug'];

export const SECTOR_SLUGS = SECTORS.map((s) => s.slug) as [SectorSlug, ...SectorSlug[]];

export function sectorLabel(slug: string, locale: Locale): string {
  return isSectorSlug(slug) ? messages(locale).sectors[slug] : slug;
}

export const isSectorSlug = (slug: string | null): slug is SectorSlug => slug !== null && (SECTOR_SLUGS as readonly string[]).includes(slug);
