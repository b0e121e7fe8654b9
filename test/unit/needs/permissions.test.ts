// Who may do what with a need: an allowed and a refused case for every rule.
import { describe, expect, it } from 'vitest';
import { allowedFor, may, type Actor, type NeedAction } from '../../../src/needs/permissions.js';

const need = { recordedByUserId: 'U0REC', ourContactUserId: 'U0OUR', claimedByUserId: 'U0CLAIM' };
const actor = (userId: string, extra: Partial<Actor> = {}): Actor => ({ userId, isAdmin: false, isChannelMember: false, ...extra });

describe('may', () => {
  it('lets anyone react and claim', () => {
    expect(may('react', actor('U0STRANGER'), need)).toBe(true);
    expect(allowedFor('react')).toBe('anyone');
  });

  it.each(['changeAreas', 'resolve', 'decline'] as NeedAction[])('lets the channel, the recorder, the claimer and admins %s — nobody else', (action) => {
    expect(may(action, actor('U0MEMBER', { isChannelMember: true }), need)).toBe(true);
    expect(may(action, actor('U0REC'), need)).toBe(true);
    expect(may(action, actor('U0CLAIM'), need)).toBe(true);
    expect(may(action, actor('U0BOSS', { isAdmin: true }), need)).toBe(true);
    expect(may(action, actor('U0OUR'), need)).toBe(false); // "Vår kontakt" is not enough here
    expect(may(action, actor('U0STRANGER'), need)).toBe(false);
    expect(allowedFor(action)).toBe('channelMembers');
  });

  it.each(['edit', 'withdraw'] as NeedAction[])('lets the recorder, our contact and admins %s — not the channel or the claimer', (action) => {
    expect(may(action, actor('U0REC'), need)).toBe(true);
    expect(may(action, actor('U0OUR'), need)).toBe(true);
    expect(may(action, actor('U0BOSS', { isAdmin: true }), need)).toBe(true);
    expect(may(action, actor('U0MEMBER', { isChannelMember: true }), need)).toBe(false);
    expect(may(action, actor('U0CLAIM'), need)).toBe(false);
    expect(allowedFor(action)).toBe('owners');
  });

  it('does not treat a missing contact or claimer as a match', () => {
    const unclaimed = { recordedByUserId: 'U0REC', ourContactUserId: null, claimedByUserId: null };
    expect(may('edit', actor('U0STRANGER'), unclaimed)).toBe(false);
    expect(may('resolve', actor('U0STRANGER'), unclaimed)).toBe(false);
  });

  it('an imported need with no Slack person: nobody is its recorder, so only the channel, a claimer and admins act on it', () => {
    const nobody = { recordedByUserId: null, ourContactUserId: null, claimedByUserId: null };
    for (const action of ['changeAreas', 'resolve', 'decline', 'edit', 'withdraw'] as NeedAction[]) {
      expect(may(action, actor('U0STRANGER'), nobody), action).toBe(false);
      expect(may(action, actor('U0BOSS', { isAdmin: true }), nobody), action).toBe(true);
    }
    // The channel's members keep their rights; owners' actions stay with admins and our contact.
    expect(may('resolve', actor('U0MEMBER', { isChannelMember: true }), nobody)).toBe(true);
    expect(may('edit', actor('U0MEMBER', { isChannelMember: true }), nobody)).toBe(false);
    expect(may('edit', actor('U0OUR'), { ...nobody, ourContactUserId: 'U0OUR' })).toBe(true);
    expect(may('resolve', actor('U0CLAIM'), { ...nobody, claimedByUserId: 'U0CLAIM' })).toBe(true);
    expect(may('react', actor('U0STRANGER'), nobody)).toBe(true);
  });
});
