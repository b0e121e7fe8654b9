// The training data's repository: the labelled examples a matcher is trained on (the areas come
// from the region pack), read in plain objects. Turning them into training data is matcherProvider.ts's job.
import type { Db } from '../platform/db/client.js';

export interface ExampleRow {
  id: number;
  text: string;
  source: string;
  labels: { areaSlug: string; positive: boolean }[];
}

/** Every labelled example with its labels, oldest first. */
export function exampleRows(db: Db): Promise<ExampleRow[]> {
  return db.trainingExample.findMany({
    orderBy: { id: 'asc' },
    select: { id: true, text: true, source: true, labels: { select: { areaSlug: true, positive: true } } },
  });
}

/** How many examples there are and the newest one's id (null when there is none). */
export async function exampleCountAndMaxId(db: Db): Promise<{ count: number; maxId: number | null }> {
  const { _count, _max } = await db.trainingExample.aggregate({ _count: { _all: true }, _max: { id: true } });
  return { count: _count._all, maxId: _max.id };
}

/** How many examples came from people's feedback (not the shipped seed). */
export function countFeedbackExamples(db: Db): Promise<number> {
  return db.trainingExample.count({ where: { source: 'feedback' } });
}
