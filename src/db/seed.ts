// Seeds the reference data on an empty database: areas, environments, municipalities, and the
// shipped labelled needs as training examples (feedback later adds to the same table).
import type { SeedData } from '../seed/seedFiles.js';
import type { Db } from './client.js';

export interface SeedResult {
  seeded: boolean;
  municipalities: number;
  areas: number;
  environments: number;
  trainingExamples: number;
}

export async function seedIfEmpty(db: Db, data: SeedData): Promise<SeedResult> {
  const existing = await db.strengthArea.count();
  if (existing > 0) {
    return { seeded: false, municipalities: 0, areas: 0, environments: 0, trainingExamples: 0 };
  }
  await db.$transaction(async (tx) => {
    await tx.strengthArea.createMany({
      data: data.areas.map((a) => ({
        slug: a.slug,
        name: a.name,
        nameEn: a.name_en,
        description: a.description.trim(),
        keywords: a.keywords.join('\n'),
      })),
    });
    await tx.municipality.createMany({
      data: data.municipalities.map((m) => ({ name: m.name, formalName: m.formal, population: m.population })),
    });
    for (const env of data.environments) {
      await tx.innovationEnvironment.create({
        data: {
          name: env.name,
          town: env.town,
          role: env.role ?? null,
          offer: env.offer,
          crossCutting: env.cross_cutting,
          sourceUrl: env.source,
          areas: { create: env.areas.map((areaSlug) => ({ areaSlug })) },
        },
      });
    }
    for (const need of data.labelledNeeds) {
      await tx.trainingExample.create({
        data: {
          key: `seed:${need.id}`,
          text: need.title ? `${need.title}. ${need.text}` : need.text,
          source: 'seed',
          labels: { create: need.areas.map((areaSlug) => ({ areaSlug, positive: true })) },
        },
      });
    }
  });
  return {
    seeded: true,
    municipalities: data.municipalities.length,
    areas: data.areas.length,
    environments: data.environments.length,
    trainingExamples: data.labelledNeeds.length,
  };
}
