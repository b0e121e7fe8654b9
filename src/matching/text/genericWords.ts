// Words of report and news prose that say nothing about which strength area a need belongs to:
// quantities, time, reporting and discourse words ("till exempel", "nästan hälften", "enligt
// rapporten", "problemet handlar om"). The shipped labelled needs are few, so the model gives such
// words weight by chance (one area happens to use them more often) and then finds that area in any
// long text of public prose. The classifier ignores them; search keeps them (a person may well
// search for "rapport"). Written from general Swedish and English, not from any need.
import { foldDiacritics } from './normalise.js';

const SWEDISH = [
  // Quantities and comparison.
  'exempel', 'exempelvis', 'procent', 'procentenheter', 'andel', 'andelen', 'antal', 'antalet', 'nästan', 'ungefär', 'drygt', 'knappt',
  'hälften', 'tredjedel', 'fjärdedel', 'dubbelt', 'många', 'flera', 'fler', 'färre', 'flesta', 'mängd', 'mängder', 'del', 'delar', 'delen',
  'stor', 'stora', 'större', 'störst', 'största', 'liten', 'små', 'mindre', 'minst', 'hela', 'helt', 'totalt', 'sammanlagt', 'genomsnitt',
  // Not "ökar/minskar", "högre/lägre": "minska utsläppen", "lägre energianvändning" carry the
  // environmental framing (measured, 5 × 5-fold CV macro-F1: with them and their English 0.896, without 0.900).
  // Time.
  'senaste', 'tidigare', 'idag', 'numera', 'redan', 'fortfarande', 'snart', 'länge', 'framöver', 'framtiden', 'årligen', 'varje', 'vecka',
  'månad', 'månader', 'åren', 'året', 'årtionden', 'period', 'perioden', 'tid', 'tiden', 'gång', 'gången', 'början', 'slutet',
  // Reporting and discourse.
  'enligt', 'säger', 'sade', 'berättar', 'skriver', 'visar', 'visade', 'rapport', 'rapporten', 'rapporter', 'studie', 'studien', 'undersökning',
  'problem', 'problemet', 'problemen', 'utmaning', 'utmaningar', 'utmaningen', 'fråga', 'frågan', 'frågor', 'handlar', 'gäller', 'innebär',
  'leder', 'beror', 'finnas', 'används', 'använda', 'använder', 'användas', 'bidra', 'bidrar', 'möjlighet', 'möjligheter', 'möjligt',
  'viktigt', 'viktig', 'viktiga', 'svårt', 'svår', 'svåra', 'bra', 'bättre', 'sämre', 'dock', 'däremot', 'samtidigt', 'därför', 'istället',
  'exakt', 'faktiskt', 'egentligen', 'särskilt', 'främst', 'bland', 'annat', 'andra', 'annan', 'övrigt', 'både', 'trots', 'vilket', 'vilka',
];

const ENGLISH = [
  'example', 'instance', 'percent', 'cent', 'proportion', 'number', 'numbers', 'almost', 'nearly', 'around', 'approximately', 'half',
  'third', 'quarter', 'many', 'several', 'more', 'fewer', 'most', 'large', 'larger', 'small', 'smaller', 'whole', 'total', 'average',
  'recent', 'recently', 'currently', 'already', 'still', 'soon', 'future', 'annually', 'week', 'month', 'months', 'year', 'years', 'decades',
  'time', 'times', 'period',
  'according', 'said', 'says', 'told', 'report', 'reports', 'study', 'survey', 'problem', 'problems', 'issue', 'issues', 'challenge',
  'challenges', 'question', 'means', 'leads', 'used', 'use', 'using', 'able', 'possible', 'important', 'difficult', 'better', 'worse',
  'however', 'therefore', 'instead', 'particularly', 'especially', 'among', 'other', 'others', 'both', 'despite',
];

const GENERIC: ReadonlySet<string> = new Set([...SWEDISH, ...ENGLISH].map(foldDiacritics));

/** True for a folded word of general prose that the classifier does not learn from. */
export function isGenericWord(foldedWord: string): boolean {
  return GENERIC.has(foldedWord);
}
