// `/need list` arguments as people type them.
import { describe, expect, it } from 'vitest';
import { parseListQuery, type Vocabulary } from '../../../src/register/listQuery.js';

const vocabulary: Vocabulary = {
  municipalities: [
    { id: 1, name: 'Norrköping' },
    { id: 2, name: 'Ödeshög' },
    { id: 3, name: 'Linköping' },
  ],
  areas: [
    { slug: 'logistik', name: 'Effektiv logistik', nameEn: 'Efficient logistics' },
    { slug: 'miljonytta', name: 'Miljönytta som affär', nameEn: 'Environmental benefit as business' },
    { slug: 'visualisering', name: 'Visualisering, simulering och bildanalys', nameEn: 'Visualisation, simulation and image analysis' },
  ],
};

describe('parseListQuery', () => {
  it.each(['norrkoping', 'Norrköping', 'NORRKÖPING', 'Norrköpings kommun', 'norrkopings'])('reads "%s" as Norrköping', (text) => {
    expect(parseListQuery(text, vocabulary)).toEqual({ filter: { municipalityId: 1 }, words: [] });
  });

  it('reads municipality, area and status in any order, diacritics or not', () => {
    expect(parseListQuery('öppna logistik odeshog', vocabulary)).toEqual({ filter: { municipalityId: 2, area: 'logistik', status: 'open' }, words: [] });
    expect(parseListQuery('Miljönytta lösta', vocabulary).filter).toEqual({ area: 'miljonytta', status: 'resolved' });
    expect(parseListQuery('bildanalys', vocabulary).filter).toEqual({ area: 'visualisering' });
    expect(parseListQuery('withdrawn linkoping', vocabulary).filter).toEqual({ municipalityId: 3, status: 'withdrawn' });
  });

  it('searches for the words that are neither', () => {
    expect(parseListQuery('norrköping läckor VA-nätet', vocabulary)).toEqual({ filter: { municipalityId: 1 }, words: ['läckor', 'VA-nätet'] });
    expect(parseListQuery('', vocabulary)).toEqual({ filter: {}, words: [] });
  });

  it('takes the first of two municipalities and searches for the second', () => {
    expect(parseListQuery('norrköping linköping', vocabulary)).toEqual({ filter: { municipalityId: 1 }, words: ['linköping'] });
  });
});
