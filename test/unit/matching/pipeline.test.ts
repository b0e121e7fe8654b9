import { describe, expect, it } from 'vitest';
import { foldDiacritics } from '../../../src/matching/text/normalise.js';
import { stemEnglish, stemSwedish } from '../../../src/matching/text/stem.js';
import { plainText, tokenise } from '../../../src/matching/text/tokenise.js';
import { isStopword } from '../../../src/matching/text/stopwords.js';
import { swedishGloss } from '../../../src/matching/text/lexicon.js';
import { isWordFeature, TextAnalyser } from '../../../src/matching/text/features.js';
import { DEFAULT_TFIDF, FeatureSpace } from '../../../src/matching/model/tfidf.js';
import { ANCHOR_VIEW, CHARACTER_VIEW } from '../../../src/matching/index.js';

const analyser = new TextAnalyser();
const featuresOf = (text: string): Set<string> => new Set(analyser.analyse(text).flatMap((t) => t.features));
const shared = (a: Set<string>, b: Set<string>): string[] => [...a].filter((f) => b.has(f));

describe('normalisation', () => {
  it('folds case and diacritics', () => {
    expect(foldDiacritics('Hemtjänsten i Östergötland')).toBe('hemtjansten i ostergotland');
    expect(foldDiacritics('ÅÄÖ é')).toBe('aao e');
  });

  it('makes "hemtjansten" (no å/ä/ö) meet "hemtjänsten"', () => {
    expect(featuresOf('hemtjansten')).toEqual(featuresOf('Hemtjänsten'));
  });
});

describe('tokenisation and stopwords', () => {
  it('drops chat abbreviations, fillers and bare numbers', () => {
    const surfaces = analyser.analyse('ca 400 mkt bl.a. typ hej, vi behöver lastbilar').map((t) => t.surface);
    expect(surfaces).toEqual(['lastbilar']);
  });

  it('keeps acronyms like AR and VR but drops "är"', () => {
    expect(tokenise('AR är kul').map((t) => [t.surface, t.acronym])).toEqual([
      ['ar', true],
      ['är', false],
      ['kul', false],
    ]);
    expect(analyser.analyse('AR är').map((t) => t.surface)).toEqual(['ar']);
    expect(isStopword('ar')).toBe(true);
  });

  it('turns domain emoji into words and drops the rest, as Unicode or Slack shortcodes', () => {
    expect(tokenise('paket 🚚 😀').map((t) => t.surface)).toEqual(['paket', 'transport']);
    expect(tokenise('paket :truck: :pray:').map((t) => t.surface)).toEqual(['paket', 'transport']);
  });

  it('drops Slack mentions, channel links and URLs but keeps a link label', () => {
    const text = 'Hej <@U123ABC> <!here>, se <https://example.se/a?b=1|förstudien> och https://x.se/y i <#C1|allmänt>';
    expect(tokenise(text).map((t) => t.surface)).toEqual(['hej', 'se', 'förstudien', 'och', 'i']);
    expect(plainText('kl 10:30: möte')).toContain('10:30');
  });
});

describe('stemming', () => {
  it('stems real Swedish words (folded)', () => {
    expect(stemSwedish('trygghetslarmen')).toBe('trygghetslarm');
    expect(stemSwedish('hemtjänsten')).toBe('hemtjanst');
    expect(stemSwedish('hemtjansten')).toBe('hemtjanst');
    expect(stemSwedish('transporterna')).toBe(stemSwedish('transporter'));
    expect(stemSwedish('sensorerna')).toBe(stemSwedish('sensorer'));
  });

  it('stems English words', () => {
    expect(stemEnglish('deliveries')).toBe(stemEnglish('delivery'));
  });
});

describe('compounds', () => {
  it('lets a compound meet its parts through character n-grams', () => {
    const compound = featuresOf('avfallsförbränningen');
    expect(shared(compound, featuresOf('avfall')).length).toBeGreaterThan(2);
    expect(shared(compound, featuresOf('förbränning')).length).toBeGreaterThan(4);
    expect(shared(featuresOf('trygghetslarm'), featuresOf('larmet')).length).toBeGreaterThan(1);
    expect(shared(featuresOf('samhällsbyggnadsprocessen'), featuresOf('samhällsbyggnad')).length).toBeGreaterThan(10);
  });
});

describe('bilingual lexicon', () => {
  it('glosses English domain words into Swedish, by stem', () => {
    expect(swedishGloss('deliveries')).toBe('leveranser');
    expect(swedishGloss('Sensors'.toLowerCase())).toBe('sensorer');
    expect(swedishGloss('kommunen')).toBeUndefined();
  });

  it('gives an English word the features of its Swedish gloss', () => {
    expect(featuresOf('deliveries').has(`w:${stemSwedish('leveranser')}`)).toBe(true);
  });
});

describe('word pairs (the shipped view, since tfidf-lr-15)', () => {
  const shipped = new TextAnalyser(CHARACTER_VIEW);
  const pairsOf = (analyser: TextAnalyser, text: string): string[] => analyser.analyse(text).flatMap((t) => t.features.filter((f) => f.startsWith('b:')));

  it('reads each two adjacent words as one feature as well, folded as typed', () => {
    expect(pairsOf(shipped, 'Drönare levererar mediciner')).toEqual(['b:dronare_levererar', 'b:levererar_mediciner']);
  });

  it('skips stopwords without breaking a pair, and gives the pair its second word for explanations', () => {
    const tokens = shipped.analyse('byggtrafik i centrum');
    expect(tokens.map((t) => t.surface)).toEqual(['byggtrafik', 'centrum', 'centrum']);
    expect(tokens[2]?.features).toEqual(['b:byggtrafik_centrum']);
  });

  it("leaves each word's own features shared between its occurrences (no copy per pair)", () => {
    const [first, second, pair] = shipped.analyse('larm larm');
    expect(first?.features).toBe(second?.features);
    expect(pair?.features).toEqual(['b:larm_larm']);
  });

  it('is off in the word-stem pipeline (the default analyser)', () => {
    expect(pairsOf(analyser, 'drönare levererar mediciner')).toEqual([]);
  });
});

describe('the anchor-shaped view (the second view, since tfidf-lr-16)', () => {
  const anchorShaped = new TextAnalyser(ANCHOR_VIEW.pipeline);

  it('reads stopwords, as the anchor does, where the shipped first view skips them', () => {
    const surfaces = (a: TextAnalyser) => a.analyse('vi har inga laddplatser').map((t) => t.surface);
    expect(surfaces(anchorShaped)).toEqual(['vi', 'har', 'inga', 'laddplatser']);
    expect(surfaces(new TextAnalyser(CHARACTER_VIEW)).filter((s) => s === 'vi' || s === 'har')).toEqual([]);
    expect(anchorShaped.analyse('och').flatMap((t) => t.features)).toContain('c: och');
  });

  it('reads no word pairs', () => {
    expect(anchorShaped.analyse('drönare levererar mediciner').flatMap((t) => t.features.filter((f) => f.startsWith('b:')))).toEqual([]);
  });

  it('keeps no word features in its space: its word block weighs 0, so they would add only zeros', () => {
    const documents = ['drönare levererar mediciner', 'drönare över skogen', 'mediciner i hemtjänsten'].map((t) => anchorShaped.analyse(t));
    const features = new Set(documents.flat().flatMap((t) => t.features));
    const anchorSpace = FeatureSpace.fit(documents, { ...DEFAULT_TFIDF, ...ANCHOR_VIEW.tfidf, minDocumentFrequency: 1 });
    const wordsToo = FeatureSpace.fit(documents, { ...DEFAULT_TFIDF, minDocumentFrequency: 1 });
    const words = [...features].filter(isWordFeature);
    expect(words.length).toBeGreaterThan(0);
    expect(words.filter((f) => anchorSpace.featureId(f) !== undefined)).toEqual([]);
    expect(words.every((f) => wordsToo.featureId(f) !== undefined)).toBe(true);
    expect(anchorSpace.size).toBe(features.size - words.length);
    // The n-grams carry the whole unit length, and no slot holds a zero.
    const { values } = anchorSpace.vectorise(documents[0]!);
    expect(values.every((v) => v > 0)).toBe(true);
    expect(values.reduce((sum, v) => sum + v * v, 0)).toBeCloseTo(1, 12);
  });
});

describe("the anchor's char_wb reading of short words, acronyms and numbers (options, measured in the bench)", () => {
  const ngrams = (analyser: TextAnalyser, text: string) => analyser.analyse(text).flatMap((t) => t.features.filter((f) => f.startsWith('c:')));
  const plain = new TextAnalyser({ ...CHARACTER_VIEW, keepStopwords: true });
  const everyWord = new TextAnalyser({ ...CHARACTER_VIEW, keepStopwords: true, shortWordNgrams: true });
  const numbers = new TextAnalyser({ ...CHARACTER_VIEW, keepStopwords: true, numberNgrams: true });

  it('gives a two-letter word and an acronym no n-grams by default', () => {
    expect(ngrams(plain, 'ai')).toEqual([]);
    expect(ngrams(plain, 'BIM')).toEqual([]);
    expect(plain.analyse('BIM').flatMap((t) => t.features)).toEqual(['w:bim']);
  });

  it('reads them padded, as scikit-learn does: n-grams up to the padded length', () => {
    expect(ngrams(everyWord, 'ai')).toEqual(['c: ai', 'c:ai ', 'c: ai ']);
    expect(everyWord.analyse('BIM').flatMap((t) => t.features)).toEqual(['w:bim', 'c: bi', 'c:bim', 'c:im ', 'c: bim', 'c:bim ', 'c: bim ']);
    // A longer word reads as before, and a one-letter word still carries nothing.
    expect(ngrams(everyWord, 'laddplatser')).toEqual(ngrams(plain, 'laddplatser'));
    expect(everyWord.analyse('x')).toEqual([]);
  });

  it('drops bare numbers by default and reads their n-grams when asked, with no word feature', () => {
    expect(plain.analyse('2030')).toEqual([]);
    expect(numbers.analyse('2030').flatMap((t) => t.features)).toEqual([
      'c: 20',
      'c:203',
      'c:030',
      'c:30 ',
      'c: 203',
      'c:2030',
      'c:030 ',
      'c: 2030',
      'c:2030 ',
    ]);
    // A number neither pairs with its neighbours nor breaks their pair, as when it was dropped.
    const paired = new TextAnalyser({ ...CHARACTER_VIEW, numberNgrams: true });
    const pairs = paired.analyse('drönare 2030 levererar').flatMap((t) => t.features.filter((f) => f.startsWith('b:')));
    expect(pairs).toEqual(['b:dronare_levererar']);
  });
});
