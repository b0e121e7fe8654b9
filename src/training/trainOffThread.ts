// Trains a matcher in a worker thread and restores it here from its snapshot.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { matcherFromSnapshot, type MatcherSnapshot, type TrainedMatcher } from '../matching/index.js';
import type { TrainingData } from '../matching/types.js';

/**
 * The worker runs the same code as this module. Built (dist/, `npm start`) that is plain
 * JavaScript next to this file. From source (tests, `npm run dev`) it is TypeScript: a worker's
 * entry file is loaded before `--import` hooks apply (Node 20), so a tiny bootstrap registers tsx
 * first and then imports the real entry; tsx is found from this package, not the working directory
 * (require.resolve would pick the CommonJS build; this is the package's "./esm/api" import target).
 */
function startWorker(): Worker {
  if (import.meta.url.endsWith('.js')) return new Worker(new URL('./trainingWorker.js', import.meta.url));
  const tsxApi = new URL('dist/esm/api/index.mjs', pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json'))).href;
  const workerFile = new URL('./trainingWorker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(workerFile)}); });`;
  return new Worker(bootstrap, { eval: true });
}

export function trainOffThread(data: TrainingData): Promise<TrainedMatcher> {
  return new Promise((resolve, reject) => {
    const worker = startWorker();
    worker.once('message', (snapshot: MatcherSnapshot) => {
      try {
        resolve(matcherFromSnapshot(snapshot));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      } finally {
        void worker.terminate();
      }
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`training worker exited with code ${code}`));
    });
    worker.postMessage(data);
  });
}
