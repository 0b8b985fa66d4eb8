import { describe, expect, it } from 'vitest';
import { DEFAULT_VERIFICATION_POLICY, isNonPublic, parseVerificationPolicy, QUESTION_KINDS, verificationPolicySchema } from '../../../src/core/verification';

describe('verification policy as data', () => {
  it('the default asks two questions, one of them not public record, and locks after 5 (3 offline) for 30 minutes', () => {
    expect(DEFAULT_VERIFICATION_POLICY).toEqual({
      questions: ['date_of_birth', 'postcode', 'account_pin', 'last_invoice_amount'],
      requiredPasses: 2,
      requireNonPublic: true,
      lockout: { maxConsecutiveFailures: 5, lockMinutes: 30, offlineMaxConsecutiveFailures: 3 },
    });
    expect(verificationPolicySchema.parse(DEFAULT_VERIFICATION_POLICY)).toEqual(DEFAULT_VERIFICATION_POLICY);
  });

  it('fills in the defaults a policy document leaves out', () => {
    const parsed = parseVerificationPolicy({ questions: ['date_of_birth', 'account_pin'] });
    expect(parsed).toEqual({
      ok: true,
      policy: {
        questions: ['date_of_birth', 'account_pin'],
        requiredPasses: 2,
        requireNonPublic: true,
        lockout: { maxConsecutiveFailures: 5, lockMinutes: 30, offlineMaxConsecutiveFailures: 3 },
      },
    });
  });

  it('accepts a configured lock time', () => {
    const parsed = parseVerificationPolicy({
      questions: QUESTION_KINDS,
      lockout: { maxConsecutiveFailures: 5, lockMinutes: 120, offlineMaxConsecutiveFailures: 2 },
    });
    expect(parsed.ok && parsed.policy.lockout.lockMinutes).toBe(120);
  });

  it('the non-public kinds are the PIN and the last invoice amount', () => {
    expect(QUESTION_KINDS.filter(isNonPublic)).toEqual(['account_pin', 'last_invoice_amount']);
  });

  it.each([
    ['no questions', { questions: [] }, 'questions'],
    ['more passes than questions', { questions: ['date_of_birth', 'account_pin'], requiredPasses: 3 }, 'requiredPasses'],
    ['a question offered twice', { questions: ['account_pin', 'account_pin'], requiredPasses: 1 }, 'questions.1'],
    ['non-public required but none offered', { questions: ['date_of_birth', 'postcode'] }, 'requireNonPublic'],
    ['an unknown question', { questions: ['mother_maiden_name', 'account_pin'] }, 'questions.0'],
    ['zero passes', { questions: ['account_pin'], requiredPasses: 0 }, 'requiredPasses'],
    ['fractional passes', { questions: ['account_pin', 'postcode'], requiredPasses: 1.5 }, 'requiredPasses'],
    [
      'an offline limit looser than online',
      { questions: ['account_pin', 'postcode'], lockout: { maxConsecutiveFailures: 3, lockMinutes: 30, offlineMaxConsecutiveFailures: 5 } },
      'lockout.offlineMaxConsecutiveFailures',
    ],
    [
      'a zero lock time',
      { questions: ['account_pin', 'postcode'], lockout: { maxConsecutiveFailures: 5, lockMinutes: 0, offlineMaxConsecutiveFailures: 3 } },
      'lockout.lockMinutes',
    ],
    ['an unknown field', { questions: ['account_pin', 'postcode'], skipForVip: true }, ''],
  ])('refuses %s', (_name, input, path) => {
    const parsed = parseVerificationPolicy(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues.map((i) => i.path)).toContain(path);
  });

  it('never throws on junk', () => {
    for (const junk of [null, undefined, 42, 'policy', [], { questions: 'date_of_birth' }]) {
      expect(parseVerificationPolicy(junk).ok).toBe(false);
    }
  });
});
