// Swedish and English stopwords (natural's lists) plus the informal Slack vocabulary that
// carries no domain meaning ("ca", "mkt", "bl.a.", "typ", "hej"). Compared after folding, so
// "sa" (typed for "så") is a stopword too.
import swedish from 'natural/lib/natural/util/stopwords_sv.js';
import english from 'natural/lib/natural/util/stopwords.js';
import { foldDiacritics } from './normalise.js';

const INFORMAL = [
  // Abbreviations and fillers as typed in chat.
  'ca', 'cirka', 'mkt', 'bl', 'bla', 'ba', 'tex', 'pga', 'dvs', 'osv', 'etc', 'mm', 'iaf', 'ngn', 'ngt',
  'ngra', 'nåra', 'typ', 'hej', 'hallå', 'tack', 'btw', 'fyi', 'asap', 'ok', 'okej', 'sen', 'ju', 'liksom',
  'ganska', 'väldigt', 'jättemycket', 'jätte', 'supermycket', 'alltså', 'iofs', 'mvh', 'km', 'mil', 'st',
  // Need-framing words every need shares.
  'behöver', 'behov', 'söker', 'vill', 'önskar', 'undrar', 'hjälp', 'kommun', 'kommunen', 'kommuner',
  'kommunens', 'vår', 'våra', 'vårt', 'dom', 'finns', 'någon', 'idé', 'ideer', 'idéer', 'tips', 'år', 'hos',
  'hur', 'göra', 'gör', 'görs', 'fått', 'funkar', 'fungerar',
  // English chat and framing words.
  'hi', 'hey', 'thanks', 'pls', 'please', 'need', 'needs', 'want', 'wants', 'help', 'looking', 'anyone',
  'anybody', 'someone', 'municipality', 'us', 'always', 'just', 'lot', 'lots', 'every', 'day', 'days',
  'will', 'one', 'two', 'any', 'get', 'gets', 'know', 'think', 'really', 'also', 'even', 'yet', 'around',
  'per', 'ideas', 'idea', 'not', 'no', 'yes', 'can', 'cant', 'don', 'doesn', 'isn', 'aren', 'won', 've',
  're', 'll', 'it', 'its', 'let', 'lets',
];

const STOPWORDS: ReadonlySet<string> = new Set(
  [...swedish.words, ...english.words, ...INFORMAL].map(foldDiacritics),
);

/** True for words that carry no domain meaning; expects a folded word. */
export function isStopword(foldedWord: string): boolean {
  return STOPWORDS.has(foldedWord);
}
