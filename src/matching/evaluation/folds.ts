// Stratified, seeded folds: items are grouped by their primary label, each group shuffled
// with a fixed seed and dealt round-robin, so every fold sees every class.
import { seededRandom, shuffled } from '../random.js';

export function stratifiedFolds<T>(items: readonly T[], stratum: (item: T) => string, folds: number, seed = 42): number[] {
  const assignment = new Array<number>(items.length).fill(0);
  const groups = new Map<string, number[]>();
  items.forEach((item, i) => {
    const key = stratum(item);
    const group = groups.get(key) ?? [];
    group.push(i);
    groups.set(key, group);
  });
  const random = seededRandom(seed);
  let next = 0;
  for (const key of [...groups.keys()].sort()) {
    for (const index of shuffled(groups.get(key) ?? [], random)) {
      assignment[index] = next % folds;
      next++;
    }
  }
  return assignment;
}
