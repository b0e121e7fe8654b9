// Runs in a worker thread: trains a matcher and sends back a snapshot (plain data, buffers
// transferred), so training never blocks the event loop that acks Slack.
import { parentPort } from 'node:worker_threads';
import { snapshotMatcher, snapshotTransferList, trainMatcher } from '../matching/index.js';
import type { TrainingData } from '../matching/types.js';

parentPort?.once('message', (data: TrainingData) => {
  const snapshot = snapshotMatcher(trainMatcher(data));
  parentPort?.postMessage(snapshot, snapshotTransferList(snapshot));
});
