// `/need list [kommun] [område] [status]` as people type it: municipality and area names match
// without case or diacritics ("storby", "Storbys kommun", "transporter"), status words in
// Swedish or English; any other word is searched for. Pure.
import { foldWord as fold, MUNICIPALITY_FILLER as FILLER, municipalityOfWord as municipalityOf } from '../needs/municipalityNames.js';
import type { AreaSlug } from '../matching/types.js';
import type { NeedFilter, NeedStatus } from './registerRepository.js';

export interface ListQuery {
  filter: NeedFilter;
  /** Words that were no municipality, area or status: searched for. */
  words: string[];
}

export interface Vocabulary {
  municipalities: { id: number; name: string }[];
  areas: { slug: AreaSlug; name: string; nameEn: string }[];
}

const STATUS_WORDS: Record<string, NeedStatus> = {
  oppen: 'open',
  oppna: 'open',
  oppet: 'open',
  open: 'open',
  tagen: 'claimed',
  tagna: 'claimed',
  taget: 'claimed',
  claimed: 'claimed',
  taken: 'claimed',
  lost: 'resolved',
  losta: 'resolved',
  resolved: 'resolved',
  klar: 'resolved',
  klara: 'resolved',
  aterkallad: 'withdrawn',
  aterkallade: 'withdrawn',
  aterkallat: 'withdrawn',
  withdrawn: 'withdrawn',
};

/** Every word an area can be named by: its slug and the longer words of its names. */
function areaWords(areas: Vocabulary['areas']): Map<string, AreaSlug> {
  const words = new Map<string, AreaSlug>();
  for (const area of areas) {
    words.set(fold(area.slug), area.slug);
    for (const word of `${area.name} ${area.nameEn}`.split(/[\s,]+/)) {
      const folded = fold(word);
      if (folded.length >= 6 && !words.has(folded)) words.set(folded, area.slug);
    }
  }
  return words;
}

export function parseListQuery(text: string, vocabulary: Vocabulary): ListQuery {
  const filter: NeedFilter = {};
  const words: string[] = [];
  const areas = areaWords(vocabulary.areas);
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const folded = fold(word);
    if (folded === '' || FILLER.has(folded)) continue;
    const municipalityId = filter.municipalityId === undefined ? municipalityOf(word, vocabulary.municipalities) : undefined;
    if (municipalityId !== undefined) {
      filter.municipalityId = municipalityId;
      continue;
    }
    const area = filter.area === undefined ? areas.get(folded) : undefined;
    if (area !== undefined) {
      filter.area = area;
      continue;
    }
    const status = filter.status === undefined ? STATUS_WORDS[folded] : undefined;
    if (status !== undefined) {
      filter.status = status;
      continue;
    }
    words.push(word);
  }
  return { filter, words };
}
