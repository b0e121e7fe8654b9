// Model snapshots: a trained matcher as structured-cloneable data (plain objects and typed
// arrays, no functions or class instances), so training can run in a worker thread and only
// the result crosses to the main thread:
//
//   worker: const s = snapshotMatcher(trainMatcher(data)); port.postMessage(s, snapshotTransferList(s));
//   main:   const matcher = matcherFromSnapshot(message);
//
// The restored matcher classifies exactly as the trained one (same scores, terms, decisions and
// version); its per-word caches start empty. Snapshots of another format or algorithm version are
// refused rather than misread.
import { ALGORITHM_VERSION, LogisticMatcher, type MatcherConfig, type TrainedMatcher } from './matcher.js';
import type { Calibration } from './model/calibration.js';
import type { FeatureSpaceSnapshot } from './model/tfidf.js';
import type { NeighbourSnapshot } from './model/neighbours.js';

// Format 4 (tfidf-lr-17): the nearest training texts' store in `neighbours`. Format 3 (tfidf-lr-7): one entry per
// view of the text in `views`; format 2 had one model at the top level.
export const SNAPSHOT_FORMAT = 4;

/** One view of the text (matcher.ts View) as data. */
export interface ViewSnapshot {
  calibration: Calibration;
  /** Vocabulary (UTF-8), per-feature ends, word-block flags and idf. */
  space: FeatureSpaceSnapshot;
  /** Feature-major weights (weights[feature * outputs + output]) and one bias per output. */
  model: { outputs: number; weights: Float64Array; bias: Float64Array };
}

export interface MatcherSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  /** ALGORITHM_VERSION of the code that trained it. */
  algorithm: string;
  /** The model version (TrainedMatcher.version). */
  version: string;
  /** The areas of its outputs, in order (then "none"). */
  areas: string[];
  config: MatcherConfig;
  /** The first view, then the second when `config.secondView` is set. */
  views: ViewSnapshot[];
  /** The labelled training texts that vote (model/neighbours.ts), when `config.neighbours` is set. */
  neighbours: NeighbourSnapshot | null;
}

/** The matcher as plain, structured-cloneable data. Its typed arrays are fresh copies. */
export function snapshotMatcher(matcher: TrainedMatcher): MatcherSnapshot {
  if (!(matcher instanceof LogisticMatcher)) throw new TypeError('snapshotMatcher: not a matcher made by trainMatcher');
  return matcher.toSnapshot();
}

/** A matcher from a snapshot (possibly after structuredClone or postMessage). Takes over the snapshot's typed arrays without copying. */
export function matcherFromSnapshot(snapshot: MatcherSnapshot): TrainedMatcher {
  // Typed as this code's format, but it may come from another version of it: read as any number.
  const format: number = snapshot.format;
  if (format !== SNAPSHOT_FORMAT) throw new Error(`matcher snapshot format ${format}, expected ${SNAPSHOT_FORMAT}`);
  if (snapshot.algorithm !== ALGORITHM_VERSION) throw new Error(`matcher snapshot of algorithm ${snapshot.algorithm}, this code is ${ALGORITHM_VERSION}`);
  return LogisticMatcher.fromSnapshot(snapshot);
}

/** The snapshot's ArrayBuffers, each once, for postMessage's transfer list (they are detached on the sending side). */
export function snapshotTransferList(snapshot: MatcherSnapshot): ArrayBuffer[] {
  const arrays = [
    ...snapshot.views.flatMap(({ space, model }) => [space.vocabulary, space.ends, space.isWord, space.idf, model.weights, model.bias]),
    ...neighbourArrays(snapshot),
  ];
  const buffers = new Set<ArrayBuffer>();
  for (const array of arrays) {
    if (array.buffer instanceof ArrayBuffer && array.buffer.byteLength > 0) buffers.add(array.buffer);
  }
  return [...buffers];
}

function neighbourArrays({ neighbours }: MatcherSnapshot): ArrayBufferView[] {
  return neighbours ? [neighbours.featureOffsets, neighbours.texts, neighbours.values, neighbours.labels] : [];
}

/** Bytes in the snapshot's typed arrays (the rest, config and calibration, is a few hundred bytes). */
export function snapshotBytes(snapshot: MatcherSnapshot): number {
  return (
    neighbourArrays(snapshot).reduce((sum, array) => sum + array.byteLength, 0) +
    snapshot.views.reduce(
      (sum, { space, model }) =>
        sum +
        space.vocabulary.byteLength +
        space.ends.byteLength +
        space.isWord.byteLength +
        space.idf.byteLength +
        model.weights.byteLength +
        model.bias.byteLength,
      0,
    )
  );
}
