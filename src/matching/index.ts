// The matcher's public surface: training, classification, environment ranking, evaluation.
// Pure and synchronous: callers load data and pass it in.
//
// How a need is classified (one module each):
//   text/       tokenise (Slack markup out, emoji as words) → stopwords (and, in the word-stem
//               pipeline, words of general prose: genericWords.ts) → the word (folded as typed, or
//               a Swedish stem) + character n-grams of the folded word (compounds, missing å/ä/ö)
//               + Swedish glosses of English domain words (lexicon.ts)
//   model/      tfidf.ts (sublinear tf, smoothed idf, l2 per block) → logistic.ts (one-vs-rest
//               logistic regression, SGD, the region's areas + "none"; softmax.ts, the outputs sharing
//               one mass, fits the second view since tfidf-lr-16) → calibration.ts (Platt on
//               out-of-fold scores) → neighbours.ts (the nearest labelled training texts' vote, since
//               tfidf-lr-17) → decision.ts (abstain / one / two areas; abstain too when the words give
//               the best area little evidence, explain.ts) → explain.ts
//   matcher.ts  trains the two views of the text, averaged: CHARACTER_VIEW (each word as typed, its
//               character 3–5-grams, word pairs) and ANCHOR_VIEW (the anchor's shape); the first explains
//               and its vectors find the nearest training texts (NEIGHBOURS)
//   examples    area descriptions and keywords, the pack's phrases (matcher.yml), labelled needs, feedback
//   snapshot.ts a trained matcher as structured-cloneable data (train in a worker, classify in main)
//   environments.ts ranks innovation environments for a classified need
//   evaluation/ stratified folds, cross-validation, metrics, reliability, a paired bootstrap (used by `cli eval`)
export * from './types.js';
export { trainMatcher, DEFAULT_CONFIG, ANCHOR_VIEW, CHARACTER_VIEW, ALGORITHM_VERSION, type MatcherConfig, type TrainedMatcher } from './matcher.js';
export { toTrainingData, toAreaProfiles, toEnvironmentProfiles, toLabelledExamples, toPhrases, type ToTrainingDataOptions } from './fromRegionData.js';
export { crossValidate, predictionsFrom, type OutOfFold } from './evaluation/crossValidate.js';
export { evaluate, predictionOf, classesOf, type EvaluationReport, type Prediction, type EvalClass } from './evaluation/metrics.js';
export { DEFAULT_DECISION, decisionFor, type DecisionOptions } from './model/decision.js';
export { CORPUS_EXAMPLE_WEIGHT, FEEDBACK_EXAMPLE_WEIGHT } from './model/examples.js';
export {
  snapshotMatcher,
  matcherFromSnapshot,
  snapshotTransferList,
  snapshotBytes,
  SNAPSHOT_FORMAT,
  type MatcherSnapshot,
  type ViewSnapshot,
} from './snapshot.js';
export { rankEnvironments } from './environments.js';
export { reliability, type ReliabilityBin } from './evaluation/reliability.js';
export { searchIndexText, searchQueryGroups, searchQueryTerms } from './text/searchTerms.js';
