// `/need mine`, `/need list …`, `/need search …` as a use case: what was asked for, and the needs
// that answer it (at most a page, and whether there are more). Plain objects in and out.
import { searchQueryGroups } from '../matching/index.js';
import { parseListQuery, type Vocabulary } from './listQuery.js';
import type { NeedFilter, NeedListItem, NeedRegister } from './registerRepository.js';

export type FindRequest = { kind: 'mine' } | { kind: 'list'; text: string } | { kind: 'search'; text: string };

export interface FindResult {
  items: NeedListItem[];
  more: boolean;
  /** What the words were read as (shown back, so a misread is visible). */
  filter: NeedFilter;
  words: string[];
}

export const FIND_PAGE = 10;
/** A search of a pasted page is still a search: its first words are plenty. */
export const MAX_QUERY_TERMS = 12;
const queryTerms = (text: string) => searchQueryGroups(text).slice(0, MAX_QUERY_TERMS);

export async function findNeeds(register: NeedRegister, vocabulary: Vocabulary, userId: string, request: FindRequest): Promise<FindResult> {
  const take = FIND_PAGE + 1;
  let rows: NeedListItem[];
  let filter: NeedFilter = {};
  let words: string[] = [];
  if (request.kind === 'mine') {
    rows = await register.mine(userId, take);
  } else if (request.kind === 'list') {
    ({ filter, words } = parseListQuery(request.text, vocabulary));
    rows = words.length > 0 ? await register.search(queryTerms(words.join(' ')), filter, take) : await register.latest(filter, take);
  } else {
    words = request.text.split(/\s+/).filter(Boolean);
    rows = await register.search(queryTerms(request.text), {}, take);
  }
  return { items: rows.slice(0, FIND_PAGE), more: rows.length > FIND_PAGE, filter, words };
}
