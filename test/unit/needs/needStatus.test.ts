// nextStatus: a ✅ resolves, the earliest standing claim claims, else open; a withdrawn need stays
// withdrawn; a claim keeps its time while the same person holds it; nothing changes → null.
import { describe, expect, it } from 'vitest';
import { nextStatus, type StatusFields } from '../../../src/needs/needStatus.js';

const NOW = new Date('2027-03-14T09:00:00Z');
const EARLIER = new Date('2027-03-10T09:00:00Z');
const open: StatusFields = { status: 'open', claimedByUserId: null, claimedAt: null, resolvedAt: null };
const claimBy = (userId: string, createdAt: Date) => ({ kind: 'claim', userId, createdAt });

describe('nextStatus', () => {
  it('claims a need for the earliest claim, at that claim’s time', () => {
    expect(nextStatus(open, [claimBy('U0ANNA', EARLIER), claimBy('U0BO', NOW)], NOW)).toEqual({
      status: 'claimed',
      claimedByUserId: 'U0ANNA',
      claimedAt: EARLIER,
      resolvedAt: null,
    });
  });

  it('resolves on a ✅, keeping the claim, and keeps the first resolution time', () => {
    const claimed = { status: 'claimed', claimedByUserId: 'U0ANNA', claimedAt: EARLIER, resolvedAt: null };
    const resolved = nextStatus(claimed, [claimBy('U0ANNA', EARLIER), { kind: 'resolved', userId: 'U0BO', createdAt: NOW }], NOW);
    expect(resolved).toEqual({ status: 'resolved', claimedByUserId: 'U0ANNA', claimedAt: EARLIER, resolvedAt: NOW });
    expect(
      nextStatus({ ...resolved!, claimedByUserId: null, claimedAt: null }, [{ kind: 'resolved', userId: 'U0BO', createdAt: NOW }], new Date('2030-01-01')),
    ).toBeNull();
  });

  it('opens the need again when the last claim is withdrawn', () => {
    expect(nextStatus({ status: 'claimed', claimedByUserId: 'U0ANNA', claimedAt: EARLIER, resolvedAt: null }, [], NOW)).toEqual(open);
  });

  it('passes the claim to the next person with that person’s time', () => {
    const next = nextStatus({ status: 'claimed', claimedByUserId: 'U0ANNA', claimedAt: EARLIER, resolvedAt: null }, [claimBy('U0BO', NOW)], NOW);
    expect(next).toEqual({ status: 'claimed', claimedByUserId: 'U0BO', claimedAt: NOW, resolvedAt: null });
  });

  it('changes nothing on a withdrawn need, or when nothing changed', () => {
    expect(nextStatus({ ...open, status: 'withdrawn' }, [claimBy('U0ANNA', EARLIER)], NOW)).toBeNull();
    expect(nextStatus({ status: 'claimed', claimedByUserId: 'U0ANNA', claimedAt: EARLIER, resolvedAt: null }, [claimBy('U0ANNA', EARLIER)], NOW)).toBeNull();
    expect(nextStatus(open, [], NOW)).toBeNull();
  });
});
