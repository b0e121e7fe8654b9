// Benchmark (prints figures; not a test): training on 20,000 synthetic needs, classification
// per need, and model memory, for this matcher and for natural's BayesClassifier on the same
// data. Run: `npx tsx test/bench/matcher.bench.ts` (or via `npm run bench`, which calls main()).
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier.js';
import swedishStemmer from 'natural/lib/natural/stemmers/porter_stemmer_sv.js';
import { loadSeedData } from '../../src/region/regionPack.js';
import {
  matcherFromSnapshot,
  snapshotBytes,
  snapshotMatcher,
  snapshotTransferList,
  toAreaProfiles,
  toPhrases,
  trainMatcher,
  type AreaSlug,
  type LabelledExample,
} from '../../src/matching/index.js';
import { foldDiacritics } from '../../src/matching/text/normalise.js';
import { seededRandom } from '../../src/matching/random.js';

const TRAINING_SIZE = 20_000;
const QUERY_COUNT = 5_000;

const OPENERS = ['', '', 'Hej! ', 'Vi undrar: ', 'Fråga: ', 'ca ', 'Kort: ', 'Behov: '];
const CLOSERS = ['', '', ' Tack!', ' Nån som kan hjälpa?', ' mvh', ' 🙏', ' (bl.a. i centrum)'];

/** Realistic synthetic needs: sentences of shipped needs with the same label recombined, sometimes in chat style. */
export function syntheticNeeds(count: number, seed = 1): LabelledExample[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const sentencesByLabel = new Map<string, { areas: AreaSlug[]; sentences: string[] }>();
  for (const need of loadSeedData().labelledNeeds) {
    const key = need.areas.join('+') || 'none';
    const entry = sentencesByLabel.get(key) ?? { areas: need.areas, sentences: [] };
    entry.sentences.push(...need.text.split(/(?<=[.!?])\s+/), ...(need.title ? [need.title] : []));
    sentencesByLabel.set(key, entry);
  }
  const labels = [...sentencesByLabel.values()];
  return Array.from({ length: count }, () => {
    const label = pick(labels);
    const parts = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(label.sentences));
    let text = pick(OPENERS) + parts.join(' ') + pick(CLOSERS);
    const style = random();
    if (style < 0.15) text = foldDiacritics(text);
    else if (style < 0.3) text = text.toLowerCase();
    return { text, areas: label.areas };
  });
}

// A real GC before each heap reading makes "memory retained by the model" meaningful without
// asking the caller for --expose-gc.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

function heapUsed(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

function time<T>(action: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = action();
  return { result, ms: performance.now() - started };
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export interface BenchFigures {
  name: string;
  trainMs: number;
  classifyMsPerNeed: number;
  modelBytes: number;
}

// The work is synchronous; main() keeps the Promise-returning shape run.ts awaits (a throw becomes a rejection).
export function main(): Promise<BenchFigures[]> {
  return new Promise((resolve) => {
    resolve(compare());
  });
}

function compare(): BenchFigures[] {
  const seed = loadSeedData();
  const examples = syntheticNeeds(TRAINING_SIZE, 1);
  const queries = syntheticNeeds(QUERY_COUNT, 2).map((e) => e.text);
  // The pack's areas and phrases, as the app trains on them.
  const phrases = toPhrases(seed.phrases);
  const region = { areas: toAreaProfiles(seed.areas), ...(phrases ? { phrases } : {}) };
  console.log(
    `synthetic needs: ${examples.length} for training, ${queries.length} to classify (mean ${Math.round(examples.reduce((s, e) => s + e.text.length, 0) / examples.length)} chars)`,
  );

  // Ours. A first small training warms up the JIT so the figure reflects steady state, as in the app.
  trainMatcher({ ...region, examples: examples.slice(0, 500) });
  const before = heapUsed();
  const trained = time(() => trainMatcher({ ...region, examples }));
  const matcher = trained.result;
  for (const q of queries.slice(0, 500)) matcher.classify(q);
  const ourClassify = time(() => {
    for (const q of queries) matcher.classify(q);
  });
  // Retained after training and classifying: weights, vocabulary and the per-word caches.
  const ourHeap = heapUsed() - before;
  const ours: BenchFigures = {
    name: 'behovsbryggan TF-IDF + logistic',
    trainMs: trained.ms,
    classifyMsPerNeed: ourClassify.ms / queries.length,
    modelBytes: matcher.approximateBytes(),
  };
  const fresh = trainMatcher({ ...region, examples: examples.slice(0, 2000) });
  // Capitalised words miss the per-word caches (keyed by the word as typed) but mean the same.
  const novel = syntheticNeeds(1000, 3).map((e) => e.text.replace(/\p{L}+/gu, (w) => w.charAt(0).toUpperCase() + w.slice(1)));
  const coldClassify = time(() => {
    for (const q of novel) fresh.classify(q);
  });
  console.log(`\n${ours.name}`);
  console.log(`  training on ${examples.length}: ${ours.trainMs.toFixed(0)} ms (target ≤ 2000 ms), ${matcher.featureCount} features`);
  console.log(`  classify: ${(ours.classifyMsPerNeed * 1000).toFixed(1)} µs per need incl. explanations (target ≤ 100 µs)`);
  console.log(
    `  classify with cold word caches: ${((coldClassify.ms / novel.length) * 1000).toFixed(1)} µs per need (${novel.length} needs in spellings not seen in training)`,
  );
  console.log(`  model memory: ${mb(ours.modelBytes)} in weights and vocabulary; ${mb(Math.max(0, ourHeap))} heap retained incl. per-word caches`);

  // Snapshots: what a worker thread would post back after training, and what restoring costs the main thread.
  snapshotMatcher(fresh); // warm-up
  const snapshotted = time(() => snapshotMatcher(matcher));
  const snapshot = snapshotted.result;
  const cloned = time(() => structuredClone(snapshot));
  const transferList = snapshotTransferList(cloned.result);
  const transferred = time(() => structuredClone(cloned.result, { transfer: transferList }));
  const restored = time(() => matcherFromSnapshot(transferred.result));
  const firstClassify = time(() => restored.result.classify(queries[0] ?? ''));
  const same = queries.slice(0, 200).every((q) => JSON.stringify(restored.result.classify(q)) === JSON.stringify(matcher.classify(q)));
  console.log(
    `  snapshot: ${mb(snapshotBytes(snapshot))} (${snapshotBytes(snapshot)} bytes: ${snapshot.views.map((v, i) => `view ${i + 1}: vocabulary ${mb(v.space.vocabulary.byteLength)}, weights ${mb(v.model.weights.byteLength)}`).join('; ')}) in ${transferList.length} transferable buffers`,
  );
  console.log(
    `  snapshot ${snapshotted.ms.toFixed(1)} ms; structuredClone copying ${cloned.ms.toFixed(1)} ms, transferring ${transferred.ms.toFixed(1)} ms; restore ${restored.ms.toFixed(1)} ms; first classify after restore ${firstClassify.ms.toFixed(2)} ms; identical on 200 needs: ${same ? 'yes' : 'NO'}`,
  );

  // natural's BayesClassifier with its Swedish stemmer, one label per need (first area or none).
  const bayesBefore = heapUsed();
  const bayesTrained = time(() => {
    const classifier = new BayesClassifier(swedishStemmer);
    for (const e of examples) classifier.addDocument(e.text, e.areas[0] ?? 'none');
    classifier.train();
    return classifier;
  });
  const bayes = bayesTrained.result;
  const bayesQueries = queries.slice(0, 1000);
  const bayesClassify = time(() => {
    for (const q of bayesQueries) bayes.getClassifications(q);
  });
  const bayesHeap = heapUsed() - bayesBefore;
  const theirs: BenchFigures = {
    name: "natural's BayesClassifier (Swedish stemmer)",
    trainMs: bayesTrained.ms,
    classifyMsPerNeed: bayesClassify.ms / bayesQueries.length,
    modelBytes: Math.max(0, bayesHeap),
  };
  console.log(`\n${theirs.name}`);
  console.log(`  training on ${examples.length}: ${theirs.trainMs.toFixed(0)} ms`);
  console.log(`  classify: ${(theirs.classifyMsPerNeed * 1000).toFixed(1)} µs per need (${bayesQueries.length} needs)`);
  console.log(`  model memory: ${mb(theirs.modelBytes)} heap retained`);

  console.log('\nratio (BayesClassifier / ours)');
  console.log(
    `  training: ${(theirs.trainMs / ours.trainMs).toFixed(1)}×   classify: ${(theirs.classifyMsPerNeed / ours.classifyMsPerNeed).toFixed(1)}×   memory: ${(theirs.modelBytes / Math.max(1, ourHeap)).toFixed(1)}× (heap retained)`,
  );
  return [ours, theirs];
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
