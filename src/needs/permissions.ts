// Who may do what with a need. Pure: the person, what they are to the need and to the channel of
// the message they acted on in; a yes or the group that may. Enforced by the services for every
// button, reaction and modal — never only by hiding a button.

export type NeedAction =
  /** 👍 👎 🙋 as reactions, and "Jag tar kontakt". */
  | 'react'
  /** "Byt styrkeområde". */
  | 'changeAreas'
  /** ✅ resolved. */
  | 'resolve'
  /** "Inte vårt område" for the channel of the message. */
  | 'decline'
  /** "Redigera". */
  | 'edit'
  /** "Återkalla". */
  | 'withdraw';

/** Who may, for the refusal message: everyone, the channel's members and the need's people, or only the need's owners. */
export type Allowed = 'anyone' | 'channelMembers' | 'owners';

const RULES: Record<NeedAction, Allowed> = {
  react: 'anyone',
  changeAreas: 'channelMembers',
  resolve: 'channelMembers',
  decline: 'channelMembers',
  edit: 'owners',
  withdraw: 'owners',
};

export interface NeedPeople {
  /** Null: imported with no Slack person attached (nobody is its recorder). */
  recordedByUserId: string | null;
  ourContactUserId: string | null;
  claimedByUserId: string | null;
}

export interface Actor {
  userId: string;
  isAdmin: boolean;
  /** Member of the channel of the message the person acted on (false when there is none). */
  isChannelMember: boolean;
}

export function allowedFor(action: NeedAction): Allowed {
  return RULES[action];
}

/** The actor is this person of the need; a role nobody holds (null) is nobody's, whatever the actor's id. */
function is(actor: Actor, userId: string | null): boolean {
  return userId !== null && actor.userId === userId;
}

export function may(action: NeedAction, actor: Actor, need: NeedPeople): boolean {
  if (actor.isAdmin) return true;
  const recorder = is(actor, need.recordedByUserId);
  switch (RULES[action]) {
    case 'anyone':
      return true;
    case 'channelMembers':
      return actor.isChannelMember || recorder || is(actor, need.claimedByUserId);
    case 'owners':
      return recorder || is(actor, need.ourContactUserId);
  }
}
