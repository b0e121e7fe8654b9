// A need's status follows from its feedback: a ✅ resolves it, a claim (the earliest standing one)
// claims it, else it is open; a withdrawn need stays withdrawn. Pure.

export type NeedStatus = 'open' | 'claimed' | 'resolved';

export interface StatusFields {
  status: string;
  claimedByUserId: string | null;
  claimedAt: Date | null;
  resolvedAt: Date | null;
}

/**
 * The need's status fields after a change, or null when they stay as they are. `feedback` is the
 * need's claims and ✅, oldest first.
 */
export function nextStatus(current: StatusFields, feedback: readonly { kind: string; userId: string; createdAt: Date }[], now: Date): StatusFields | null {
  if (current.status === 'withdrawn') return null; // withdrawn stays withdrawn, whatever is undone later
  const claim = feedback.find((f) => f.kind === 'claim');
  const resolved = feedback.find((f) => f.kind === 'resolved');
  const status: NeedStatus = resolved ? 'resolved' : claim ? 'claimed' : 'open';
  const claimedByUserId = claim?.userId ?? null;
  if (status === current.status && claimedByUserId === current.claimedByUserId) return null;
  return {
    status,
    claimedByUserId,
    // The claim keeps its time while the same person holds it.
    claimedAt: claim ? (current.claimedByUserId === claimedByUserId ? current.claimedAt : claim.createdAt) : null,
    resolvedAt: resolved ? (current.resolvedAt ?? now) : null,
  };
}
