// What stands in for an erased person: a pseudonym per erasure ("UERASED" and 8 random letters and
// digits), the same in every table, so counts, claims and history still add up and two erased
// people never share a row key (Feedback is unique per need, person, kind and scope). It is random,
// not derived from the Slack id, so nothing leads back to the person. Pure.
import { randomInt } from 'node:crypto';
import { required } from '../required.js';

export const ERASED_PREFIX = 'UERASED';
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function newPseudonym(random: (max: number) => number = randomInt): string {
  let tail = '';
  for (let i = 0; i < 8; i++) tail += required(ALPHABET[random(ALPHABET.length)], 'a letter of the alphabet (random(max) is below max)');
  return `${ERASED_PREFIX}${tail}`;
}

export const isErasedUserId = (id: string | null | undefined): boolean => typeof id === 'string' && id.startsWith(ERASED_PREFIX);

/** A Slack user id as people give it on the command line: U…/W…, upper case. */
export const SLACK_USER_ID = /^[UW][A-Z0-9]{2,30}$/;
