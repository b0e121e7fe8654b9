// The pure parts of erasing a person: the pseudonym, redacting texts, the retention cut-off.
import { describe, expect, it } from 'vitest';
import { isErasedUserId, newPseudonym, SLACK_USER_ID } from '../../../src/privacy/pseudonym.js';
import { monthsBefore, redact } from '../../../src/privacy/privacyRepository.js';
import { mention } from '../../../src/platform/slack/blockText.js';

describe('erasing a person', () => {
  it('makes a fresh pseudonym per erasure that still looks like a user id and is recognised as erased', () => {
    const a = newPseudonym();
    const b = newPseudonym();
    expect(a).toMatch(/^UERASED[A-Z0-9]{8}$/);
    expect(a).not.toBe(b);
    expect(SLACK_USER_ID.test(a)).toBe(true);
    expect(isErasedUserId(a)).toBe(true);
    expect(isErasedUserId('U0ALICE')).toBe(false);
    expect(mention(a, 'sv')).toBe('_raderad person_');
    expect(mention('U0ALICE', 'en')).toBe('<@U0ALICE>');
  });

  it('redacts mentions, the id and names, whatever the case', () => {
    expect(redact('Fråga <@U0ALICE|alice> eller U0ALICE. Kontakt: eva ek, EVA EK', ['U0ALICE', 'Eva Ek'], '[raderad]')).toBe(
      'Fråga [raderad] eller [raderad]. Kontakt: [raderad], [raderad]',
    );
    expect(redact('a.b (c)', ['.', '(c)'], 'x')).toBe('axb x');
  });

  it('cuts off RETENTION_MONTHS before now, at the end of a shorter month', () => {
    expect(monthsBefore(new Date('2029-12-02T03:00:00Z'), 36).toISOString()).toBe('2026-12-02T03:00:00.000Z');
    expect(monthsBefore(new Date('2026-05-31T12:00:00Z'), 3).toISOString()).toBe('2026-02-28T12:00:00.000Z');
  });
});
