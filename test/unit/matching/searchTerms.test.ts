// Search terms through the matcher's pipeline: inflection, compounds, folding, English glosses.
import { describe, expect, it } from 'vitest';
import { searchIndexText, searchQueryGroups, searchQueryTerms } from '../../../src/matching/text/searchTerms.js';

/** As the index matches: every word of the query by one of its alternatives. */
const finds = (query: string, text: string) => {
  const index = new Set(searchIndexText(text).split(' '));
  return searchQueryGroups(query).every((group) => group.some((term) => index.has(term)));
};

describe('search terms', () => {
  it.each([
    ['läcka', 'Vi har många läckor i VA-nätet'],
    ['läcka', 'Vattenläckorna hittas för sent'],
    ['nät', 'Läckor i VA-nätet'],
    ['trygghetslarm', 'Trygghetslarmen i hemtjänsten'],
    ['larm', 'Trygghetslarmen i hemtjänsten'],
    ['hemtjanst', 'Hemtjänsten behöver hjälp'],
    ['Norrköping', 'bygglogistik i norrkoping'],
    ['skolskjuts', 'Planering av skolskjutsar på landsbygden'],
    ['sensor', 'Vi vill ha sensorer i hemtjänsten'],
    ['hemtjänst sensor', 'Vi vill ha sensorer i hemtjänsten'],
  ])('"%s" finds "%s"', (query, text) => {
    expect(finds(query, text)).toBe(true);
  });

  it.each([
    ['läcka', 'Vi behöver fler laddplatser i centrum'],
    ['skola', 'Trygghetslarmen i hemtjänsten'],
  ])('"%s" does not find "%s"', (query, text) => {
    expect(finds(query, text)).toBe(false);
  });

  it('drops stopwords and keeps each term once', () => {
    expect(searchQueryTerms('och i en läcka')).toEqual(['lack']);
    const index = searchIndexText('läckor läckor läckorna');
    expect(index.split(' ').filter((t) => t === 'lack')).toHaveLength(1);
  });
});
