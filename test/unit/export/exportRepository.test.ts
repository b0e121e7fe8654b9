// The export's reading on a real SQLite file: keyset batches of any size give every need once, in
// id order, with its related rows (areas after a correction, posts, feedback counts, the first
// claim from the history) — also when a filter leaves gaps in the ids of a batch.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ExportRow, exportBatches } from '../../../src/export/exportRepository.js';
import { addNeed, createTestDb, type TestDb } from '../../support/testDb.js';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.close();
});

async function all(filter: Parameters<typeof exportBatches>[1], batchSize: number): Promise<{ rows: ExportRow[]; batches: number }> {
  const rows: ExportRow[] = [];
  let batches = 0;
  for await (const batch of exportBatches(t.db, filter, batchSize)) {
    batches++;
    rows.push(...batch);
  }
  return { rows, batches };
}

describe('exportBatches', () => {
  it('reads every need once, in batches, with its related rows, filtered or not', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 9; i++) {
      ids.push(
        await addNeed(t, {
          municipality: i % 3 === 0 ? 'Motala' : 'Linköping',
          areas: i % 2 === 0 ? ['logistik'] : ['uppkopplade', 'material'],
          recordedAt: '2026-03-02T09:00:00Z',
          ...(i === 3 ? { correctedAreas: 'miljonytta', claimedAt: '2026-03-05T10:00:00Z' } : {}),
          posts: { C0LOGIST: `1700000000.00000${i}`, C0REGION: `1700000001.00000${i}` },
        }),
      );
    }
    const motala = [ids[0]!, ids[3]!, ids[6]!];
    const three = ids[3]!;
    await t.db.feedback.createMany({
      data: [
        { needId: three, userId: 'U1', kind: 'up', channelId: 'C0LOGIST', scope: 'C0LOGIST' },
        { needId: three, userId: 'U2', kind: 'up', channelId: 'C0REGION', scope: 'C0REGION' },
        { needId: three, userId: 'U3', kind: 'down', channelId: 'C0REGION', scope: 'C0REGION' },
        { needId: ids[4]!, userId: 'U1', kind: 'up', channelId: 'C0LOGIST', scope: 'C0LOGIST' },
      ],
    });
    await t.db.needEvent.createMany({
      data: [
        { needId: three, kind: 'status', detail: 'open→claimed', userId: 'U1', at: new Date('2026-03-04T10:00:00Z') },
        { needId: three, kind: 'status', detail: 'claimed→open', userId: 'U1', at: new Date('2026-03-04T11:00:00Z') },
      ],
    });
    await t.db.suggestionPost.updateMany({ where: { needId: ids[8]!, channelId: 'C0LOGIST' }, data: { state: 'moved' } });

    for (const size of [1, 2, 4, 100]) {
      const { rows, batches } = await all({}, size);
      expect(rows.map((r) => r.id)).toEqual(ids);
      expect(batches).toBe(Math.ceil(ids.length / size));
    }
    const { rows } = await all({}, 4);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(three)).toMatchObject({
      municipality: 'Motala',
      areas: ['miljonytta'],
      suggestedAreas: ['uppkopplade', 'material'],
      status: 'claimed',
      up: 2,
      down: 1,
      firstClaimedAt: new Date('2026-03-04T10:00:00Z'),
    });
    expect(byId.get(ids[4]!)).toMatchObject({ areas: ['logistik'], up: 1, down: 0, firstClaimedAt: null });
    expect(byId.get(ids[1]!)!.suggestedAreas).toEqual(['uppkopplade', 'material']);
    expect(byId.get(ids[8]!)!.channels).toEqual(['C0REGION']);

    // Sparse ids in a batch (a filter): the related rows are still the right ones.
    const motalaId = t.municipalityIds.get('Motala')!;
    const filtered = await all({ municipalityIds: [motalaId] }, 2);
    expect(filtered.rows.map((r) => r.id)).toEqual(motala);
    expect(filtered.rows.find((r) => r.id === three)).toMatchObject({ up: 2, down: 1, channels: ['C0LOGIST', 'C0REGION'] });
    expect((await all({ from: new Date('2026-03-03T00:00:00Z') }, 5)).rows).toEqual([]);
    expect((await all({ to: new Date('2026-03-03T00:00:00Z') }, 5)).rows).toHaveLength(9);
  });
});
