// The matcher's public surface: training, classification, environment ranking, evaluation.
export * from './types.js';
export { trainMatcher, DEFAULT_CONFIG, ALGORITHM_VERSION, type MatcherConfig, type TrainedMatcher } from './matcher.js';
export { toTrainingData, toAreaProfiles, toLabelledExamples, type ToTrainingDataOptions } from './seed.js';
export { crossValidate, predictionsFrom, type OutOfFold } from './evaluation/crossValidate.js';
export { evaluate, predictionOf, CLASSES, type EvaluationReport, type Prediction, type EvalClass } from './evaluation/metrics.js';
export { DEFAULT_DECISION, type DecisionOptions } from './model/decision.js';
export { rankEnvironments } from './environments.js';
export { AREA_NAMES_SV } from './areaNames.js';
export { reliability, type ReliabilityBin } from './evaluation/reliability.js';
