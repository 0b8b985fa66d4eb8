import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkAnswers,
  decideVerification,
  DEFAULT_VERIFICATION_POLICY,
  knownFactsFromRecord,
  QUESTION_KINDS,
  VERIFICATION_OUTCOME_KEYS,
  verificationOutcomeSchema,
  type GivenAnswers,
  type KnownFacts,
  type QuestionKind,
  type VerificationEvent,
  type VerificationPolicy,
} from '../../../src/core/verification';

const policy = DEFAULT_VERIFICATION_POLICY;
const TODAY = { today: '2025-06-15' };
const NOW = '2025-06-15T09:00:00.000Z';

const facts: KnownFacts = knownFactsFromRecord({
  currency: 'EUR',
  dateOfBirth: '1985-03-12',
  postcode: '75011',
  lastInvoiceAmount: 4250,
  accountPin: '0427',
});

const RIGHT: Record<QuestionKind, string> = {
  date_of_birth: '12 mars 1985',
  postcode: '75 011',
  last_invoice_amount: '42,50 €',
  account_pin: '04 27',
};
const WRONG: Record<QuestionKind, string> = {
  date_of_birth: '13/03/1985',
  postcode: '75012',
  last_invoice_amount: '42,51',
  account_pin: '0428',
};

describe('checking the answers', () => {
  it.each<[string, GivenAnswers, string]>([
    ['date of birth and PIN right', { date_of_birth: RIGHT.date_of_birth, account_pin: RIGHT.account_pin }, 'passed'],
    ['postcode and invoice amount right', { postcode: RIGHT.postcode, last_invoice_amount: RIGHT.last_invoice_amount }, 'passed'],
    ['both secrets right', { account_pin: RIGHT.account_pin, last_invoice_amount: RIGHT.last_invoice_amount }, 'passed'],
    ['all four right', RIGHT, 'passed'],
    ['three right, one wrong public', { ...RIGHT, postcode: WRONG.postcode }, 'passed'],
    ['two right and a wrong PIN (invoice amount is the non-public pass)', { ...RIGHT, account_pin: WRONG.account_pin }, 'passed'],
    ['PIN wrong', { date_of_birth: RIGHT.date_of_birth, account_pin: WRONG.account_pin }, 'failed'],
    ['date of birth wrong', { date_of_birth: WRONG.date_of_birth, account_pin: RIGHT.account_pin }, 'failed'],
    ['both wrong', { date_of_birth: WRONG.date_of_birth, account_pin: WRONG.account_pin }, 'failed'],
    ['public facts right, both secrets wrong', { ...RIGHT, account_pin: WRONG.account_pin, last_invoice_amount: WRONG.last_invoice_amount }, 'failed'],
    ['an unreadable answer counts as wrong', { date_of_birth: 'sometime in March', account_pin: RIGHT.account_pin }, 'failed'],
    ['an unreadable PIN counts as wrong', { date_of_birth: RIGHT.date_of_birth, postcode: RIGHT.postcode, account_pin: '12' }, 'failed'],
  ])('%s → %s', (_name, given, result) => {
    expect(checkAnswers(policy, facts, given, TODAY).result).toBe(result);
  });

  it.each<[string, GivenAnswers, number, boolean]>([
    ['nothing given', {}, 2, true],
    ['one answer', { date_of_birth: RIGHT.date_of_birth }, 1, true],
    ['two public answers only', { date_of_birth: RIGHT.date_of_birth, postcode: RIGHT.postcode }, 1, true],
    ['blank answers are not answers', { date_of_birth: '  ', account_pin: '' }, 2, true],
    ['one secret only', { account_pin: RIGHT.account_pin }, 1, false],
  ])('%s → incomplete, nothing checked', (_name, given, answersNeeded, nonPublicNeeded) => {
    expect(checkAnswers(policy, facts, given, TODAY)).toMatchObject({ result: 'incomplete', answersNeeded, nonPublicNeeded });
  });

  it('an incomplete attempt is the same whether its answers are right or wrong', () => {
    const right = checkAnswers(policy, facts, { date_of_birth: RIGHT.date_of_birth, postcode: RIGHT.postcode }, TODAY);
    const wrong = checkAnswers(policy, facts, { date_of_birth: WRONG.date_of_birth, postcode: WRONG.postcode }, TODAY);
    expect(right).toEqual(wrong);
  });

  it('ignores answers to questions that are not on file or not offered', () => {
    const noPin = knownFactsFromRecord({ currency: 'EUR', dateOfBirth: '1985-03-12', postcode: '75011', lastInvoiceAmount: 4250 });
    expect(checkAnswers(policy, noPin, { date_of_birth: RIGHT.date_of_birth, account_pin: '0000' }, TODAY)).toMatchObject({
      result: 'incomplete',
      asked: ['date_of_birth'],
    });
    const noInvoiceQuestion: VerificationPolicy = { ...policy, questions: ['date_of_birth', 'postcode', 'account_pin'] };
    expect(checkAnswers(noInvoiceQuestion, facts, { date_of_birth: RIGHT.date_of_birth, last_invoice_amount: RIGHT.last_invoice_amount }, TODAY).result).toBe(
      'incomplete',
    );
  });

  it('is unavailable when the customer has too few facts on file', () => {
    const thin = knownFactsFromRecord({ currency: 'EUR', dateOfBirth: '1985-03-12', postcode: '75011' });
    expect(checkAnswers(policy, thin, RIGHT, TODAY)).toEqual({ result: 'unavailable', asked: [] });
  });

  it('reports which questions were asked — never which were right', () => {
    const result = checkAnswers(policy, facts, { ...RIGHT, postcode: WRONG.postcode }, TODAY);
    expect(result).toEqual({ result: 'passed', asked: ['date_of_birth', 'postcode', 'account_pin', 'last_invoice_amount'] });
  });

  it('without requireNonPublic, two public answers can pass', () => {
    const lax: VerificationPolicy = { ...policy, requireNonPublic: false };
    expect(checkAnswers(lax, facts, { date_of_birth: RIGHT.date_of_birth, postcode: RIGHT.postcode }, TODAY).result).toBe('passed');
  });

  it('reads a two-digit birth year against the day of the check', () => {
    expect(checkAnswers(policy, facts, { date_of_birth: '12.03.85', account_pin: '0427' }, TODAY).result).toBe('passed');
  });

  it("reads an ambiguous numeric date the agent's way: 03/12/1985 is 12 March in English, 3 December in French", () => {
    const given = { date_of_birth: '03/12/1985', account_pin: '0427' };
    expect(checkAnswers(policy, facts, given, { ...TODAY, dateOrder: 'mdy' }).result).toBe('passed');
    expect(checkAnswers(policy, facts, given, { ...TODAY, dateOrder: 'dmy' }).result).toBe('failed');
    expect(decideVerification({ policy, facts, given, history: [], now: NOW, mode: 'online', dateOrder: 'mdy' }).outcome.status).toBe('passed');
    expect(decideVerification({ policy, facts, given, history: [], now: NOW, mode: 'online', dateOrder: 'dmy' }).outcome.status).toBe('failed');
  });
});

describe('deciding a verification attempt', () => {
  const fails = (n: number): VerificationEvent[] =>
    Array.from({ length: n }, (_, i) => ({ at: new Date(Date.parse(NOW) - (n - i) * 60_000).toISOString(), passed: false }));
  const request = (given: GivenAnswers, history: VerificationEvent[] = [], mode: 'online' | 'offline' = 'online') => ({
    policy,
    facts,
    given,
    history,
    now: NOW,
    mode,
  });
  const right = { date_of_birth: RIGHT.date_of_birth, account_pin: RIGHT.account_pin };
  const wrong = { date_of_birth: RIGHT.date_of_birth, account_pin: WRONG.account_pin };

  it('a pass is recorded and says nothing more', () => {
    expect(decideVerification(request(right))).toEqual({
      outcome: { status: 'passed', verifiedAt: NOW },
      attempt: { at: NOW, passed: true },
      asked: ['date_of_birth', 'account_pin'],
    });
  });

  it('a failure is recorded and says how many attempts are left', () => {
    expect(decideVerification(request(wrong, fails(2)))).toEqual({
      outcome: { status: 'failed', attemptsLeft: 2 },
      attempt: { at: NOW, passed: false },
      asked: ['date_of_birth', 'account_pin'],
    });
  });

  it('the fifth failure answers "locked", with until when', () => {
    expect(decideVerification(request(wrong, fails(4))).outcome).toEqual({
      status: 'locked',
      reason: 'too_many_failures',
      lockedUntil: '2025-06-15T09:30:00.000Z',
      mode: 'online',
    });
  });

  it('while locked, even the right answers are not looked at and nothing is recorded', () => {
    const decision = decideVerification(request(right, fails(5)));
    expect(decision).toEqual({
      outcome: { status: 'locked', reason: 'too_many_failures', lockedUntil: '2025-06-15T09:29:00.000Z', mode: 'online' },
      attempt: null,
      asked: [],
    });
  });

  it('offline, the third failure locks', () => {
    expect(decideVerification(request(wrong, fails(2), 'offline')).outcome).toMatchObject({ status: 'locked', mode: 'offline' });
  });

  it('an incomplete attempt is not counted and says what is missing', () => {
    expect(decideVerification(request({ date_of_birth: RIGHT.date_of_birth }, fails(4)))).toEqual({
      outcome: { status: 'incomplete', answersNeeded: 1, nonPublicNeeded: true, attemptsLeft: 1 },
      attempt: null,
      asked: ['date_of_birth'],
    });
  });

  it('a customer with too few facts on file cannot be verified here', () => {
    const thin = knownFactsFromRecord({ currency: 'EUR', postcode: '75011' });
    expect(decideVerification({ ...request(right), facts: thin })).toEqual({
      outcome: { status: 'unavailable', reason: 'not_enough_facts' },
      attempt: null,
      asked: [],
    });
  });
});

describe('the public outcome never tells which answer was wrong', () => {
  const answerFor = (kind: QuestionKind, right: boolean, style: number): string => {
    const variants: Record<QuestionKind, [string[], string[]]> = {
      date_of_birth: [
        ['12/03/1985', '12 mars 1985', 'March 12, 1985'],
        ['13/03/1985', '12/04/1985', 'gibberish'],
      ],
      postcode: [
        ['75011', '75 011'],
        ['75012', 'SW1A 1AA'],
      ],
      last_invoice_amount: [
        ['42,50', '42.5 €'],
        ['42,51', '4250', 'forty'],
      ],
      account_pin: [
        ['0427', '04 27'],
        ['0428', '12', '7240'],
      ],
    };
    const list = variants[kind][right ? 0 : 1];
    return list[style % list.length] as string;
  };

  const givenArb = fc.record(
    Object.fromEntries(QUESTION_KINDS.map((kind) => [kind, fc.option(fc.tuple(fc.boolean(), fc.nat(5)), { nil: undefined })])) as Record<
      QuestionKind,
      fc.Arbitrary<[boolean, number] | undefined>
    >,
  );
  const historyArb = fc.array(fc.record({ minutesAgo: fc.integer({ min: 0, max: 120 }), passed: fc.boolean(), unlock: fc.boolean() }), { maxLength: 12 });

  it('property: over many attempts, an outcome only ever has the public keys, and names no question', () => {
    const allowed = new Set<string>(VERIFICATION_OUTCOME_KEYS);
    fc.assert(
      fc.property(givenArb, historyArb, fc.constantFrom<'online' | 'offline'>('online', 'offline'), (spec, past, mode) => {
        const given: Partial<Record<QuestionKind, string>> = {};
        for (const kind of QUESTION_KINDS) {
          const s = spec[kind];
          if (s) given[kind] = answerFor(kind, s[0], s[1]);
        }
        const history = past.map((p) => ({
          at: new Date(Date.parse(NOW) - p.minutesAgo * 60_000).toISOString(),
          passed: p.passed,
          unlock: p.unlock && !p.passed,
        }));
        const { outcome } = decideVerification({ policy, facts, given, history, now: NOW, mode });
        const json = JSON.stringify(outcome);
        const keys: string[] = [];
        JSON.parse(json, (key: string, value: unknown) => {
          if (key !== '') keys.push(key);
          return value;
        });
        for (const key of keys) expect(allowed.has(key)).toBe(true);
        for (const kind of QUESTION_KINDS) expect(json).not.toContain(kind);
        expect(verificationOutcomeSchema.safeParse(outcome).success).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: two failed attempts with the same questions get the same outcome, whichever answers were wrong', () => {
    fc.assert(
      fc.property(
        fc.subarray([...QUESTION_KINDS], { minLength: 2 }),
        fc.func(fc.boolean()),
        fc.func(fc.boolean()),
        fc.integer({ min: 0, max: 3 }),
        (kinds, rightA, rightB, previousFailures) => {
          const build = (isRight: (k: QuestionKind) => boolean): GivenAnswers => Object.fromEntries(kinds.map((k) => [k, answerFor(k, isRight(k), 0)]));
          const a = build((k) => rightA(k));
          const b = build((k) => rightB(k));
          const history = Array.from({ length: previousFailures }, (_, i) => ({
            at: new Date(Date.parse(NOW) - (i + 1) * 60_000).toISOString(),
            passed: false,
          }));
          const da = decideVerification({ policy, facts, given: a, history, now: NOW, mode: 'online' });
          const db = decideVerification({ policy, facts, given: b, history, now: NOW, mode: 'online' });
          if (da.outcome.status === db.outcome.status) {
            expect(da).toEqual(db);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('the API schema refuses an outcome that grew a per-question field', () => {
    expect(verificationOutcomeSchema.safeParse({ status: 'failed', attemptsLeft: 3 }).success).toBe(true);
    expect(verificationOutcomeSchema.safeParse({ status: 'failed', attemptsLeft: 3, wrong: ['account_pin'] }).success).toBe(false);
    expect(verificationOutcomeSchema.safeParse({ status: 'passed', account_pin: true }).success).toBe(false);
  });
});
