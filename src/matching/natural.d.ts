// Deep imports into `natural`: its index pulls in dotenv (which prints to stdout) and
// database drivers, so the matcher loads only the files it uses.
declare module 'natural/lib/natural/stemmers/porter_stemmer_sv.js' {
  const stemmer: { stem(word: string): string; tokenizeAndStem(text: string): string[] };
  export default stemmer;
}
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const stemmer: { stem(word: string): string };
  export default stemmer;
}
declare module 'natural/lib/natural/util/stopwords_sv.js' {
  const module: { words: string[] };
  export default module;
}
declare module 'natural/lib/natural/util/stopwords.js' {
  const module: { words: string[] };
  export default module;
}
declare module 'natural/lib/natural/classifiers/bayes_classifier.js' {
  class BayesClassifier {
    constructor(stemmer?: { tokenizeAndStem(text: string): string[] }, smoothing?: number);
    addDocument(text: string, label: string): void;
    train(): void;
    classify(text: string): string;
    getClassifications(text: string): { label: string; value: number }[];
  }
  export default BayesClassifier;
}
