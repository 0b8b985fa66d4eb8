import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VERIFICATION_POLICY,
  knownFactsFromRecord,
  kindsOnFile,
  questionsToAsk,
  type QuestionKind,
  type VerificationPolicy,
} from '../../../src/core/verification';

const policy = DEFAULT_VERIFICATION_POLICY;

describe('which questions to ask', () => {
  it.each<[string, QuestionKind[], QuestionKind[], QuestionKind[]]>([
    [
      'everything on file: date of birth and PIN',
      ['date_of_birth', 'postcode', 'account_pin', 'last_invoice_amount'],
      ['date_of_birth', 'account_pin'],
      ['postcode', 'last_invoice_amount'],
    ],
    [
      'no PIN set: the last invoice amount instead',
      ['date_of_birth', 'postcode', 'last_invoice_amount'],
      ['date_of_birth', 'last_invoice_amount'],
      ['postcode'],
    ],
    ['no date of birth: postcode and PIN', ['postcode', 'account_pin'], ['postcode', 'account_pin'], []],
    ['only the two secrets', ['account_pin', 'last_invoice_amount'], ['account_pin', 'last_invoice_amount'], []],
    [
      'order on file does not matter',
      ['last_invoice_amount', 'account_pin', 'postcode', 'date_of_birth'],
      ['date_of_birth', 'account_pin'],
      ['postcode', 'last_invoice_amount'],
    ],
  ])('%s', (_name, onFile, ask, alternatives) => {
    expect(questionsToAsk(policy, onFile)).toEqual({ ok: true, ask, alternatives, requiredPasses: 2, requireNonPublic: true });
  });

  it.each<[string, QuestionKind[]]>([
    ['nothing on file', []],
    ['one fact only', ['account_pin']],
    ['only public-record facts', ['date_of_birth', 'postcode']],
  ])('cannot verify with %s', (_name, onFile) => {
    expect(questionsToAsk(policy, onFile)).toEqual({ ok: false, reason: 'not_enough_facts' });
  });

  it("follows the policy's order of preference", () => {
    const invoiceFirst: VerificationPolicy = { ...policy, questions: ['postcode', 'last_invoice_amount', 'account_pin', 'date_of_birth'] };
    const plan = questionsToAsk(invoiceFirst, ['date_of_birth', 'postcode', 'account_pin', 'last_invoice_amount']);
    expect(plan.ok && plan.ask).toEqual(['postcode', 'last_invoice_amount']);
  });

  it('asks no question the policy does not offer', () => {
    const noPostcode: VerificationPolicy = { ...policy, questions: ['date_of_birth', 'account_pin'] };
    const plan = questionsToAsk(noPostcode, ['postcode', 'account_pin']);
    expect(plan).toEqual({ ok: false, reason: 'not_enough_facts' });
  });

  it('without requireNonPublic, takes the first ones on file', () => {
    const lax: VerificationPolicy = { ...policy, requireNonPublic: false };
    const plan = questionsToAsk(lax, ['date_of_birth', 'postcode', 'account_pin']);
    expect(plan.ok && plan.ask).toEqual(['date_of_birth', 'postcode']);
  });
});

describe('facts on file', () => {
  it('normalises stored values with the same rules as typed answers', () => {
    const facts = knownFactsFromRecord({ currency: 'GBP', dateOfBirth: '1985-03-12', postcode: 'sw1a 1aa', lastInvoiceAmount: 4250, accountPin: '0427' });
    expect(facts).toEqual({ currency: 'GBP', date_of_birth: '1985-03-12', postcode: 'SW1A1AA', last_invoice_amount: '4250', account_pin: '0427' });
    expect(kindsOnFile(facts)).toEqual(['date_of_birth', 'postcode', 'account_pin', 'last_invoice_amount']);
  });

  it('treats unreadable stored values as not on file (the question is then not asked)', () => {
    const facts = knownFactsFromRecord({ currency: 'EUR', dateOfBirth: '1985-02-30', postcode: '??', lastInvoiceAmount: 12.5, accountPin: '12' });
    expect(kindsOnFile(facts)).toEqual([]);
    expect(kindsOnFile(knownFactsFromRecord({ currency: 'ZZZ', lastInvoiceAmount: 100 }))).toEqual([]);
    expect(kindsOnFile(knownFactsFromRecord({ currency: 'EUR', lastInvoiceAmount: null, accountPin: null }))).toEqual([]);
  });
});
