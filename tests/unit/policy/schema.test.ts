/** The policy document's door: the sample passes, and every kind of bad document is refused with a typed error. */
import { describe, expect, it } from 'vitest';
import {
  PolicyError,
  SAMPLE_POLICY,
  compilePolicy,
  decide,
  parseCustomerFacts,
  parseDiscountRequest,
  parsePolicy,
  safeParsePolicy,
  type PolicyDocument,
} from '../../../src/core/policy';

// The tests poke at any depth of a JSON copy: a loose type is the honest one here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = Record<string, any>;

/** A deep copy of the sample, changed by `edit`, as JSON (the way the hub sends it). */
function variant(edit: (doc: Doc) => void): unknown {
  const doc = JSON.parse(JSON.stringify(SAMPLE_POLICY)) as Doc;
  edit(doc);
  return doc;
}

function refusal(input: unknown): PolicyError {
  try {
    parsePolicy(input);
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyError);
    return error as PolicyError;
  }
  throw new Error('expected the document to be refused');
}

describe('policy schema', () => {
  it('accepts the sample policy, also as JSON from the hub', () => {
    expect(parsePolicy(SAMPLE_POLICY)).toEqual(SAMPLE_POLICY);
    expect(parsePolicy(JSON.parse(JSON.stringify(SAMPLE_POLICY)))).toEqual(SAMPLE_POLICY);
    expect(safeParsePolicy(SAMPLE_POLICY).ok).toBe(true);
  });

  it.each<[string, (doc: Doc) => void, string]>([
    ['a negative limit', (d) => (d.roleLimits.agent.perActionMax = -1), 'roleLimits.agent.perActionMax'],
    ['a fractional amount (minor units are whole)', (d) => (d.roleLimits.agent.perDayMax = 100.5), 'roleLimits.agent.perDayMax'],
    [
      'a percentage over 10000 bp',
      (d) => (d.roleLimits.supervisor.perActionMaxPercentOfInvoice = 10_001),
      'roleLimits.supervisor.perActionMaxPercentOfInvoice',
    ],
    [
      'a recurring depth over 10000 bp',
      (d) => (d.reasons.retention_offer.kinds.recurring_discount.maxPercentBp = 12_000),
      'reasons.retention_offer.kinds.recurring_discount.maxPercentBp',
    ],
    ['an unknown reason', (d) => (d.reasons.birthday = d.reasons.goodwill), 'reasons'],
    ['a missing reason', (d) => delete d.reasons.goodwill, 'reasons.goodwill'],
    ['an unknown role', (d) => (d.roleLimits.intern = d.roleLimits.agent), 'roleLimits'],
    ['an unknown field (a newer policy this desktop does not understand)', (d) => (d.reasons.goodwill.eligibility.maxAge = 90), 'reasons.goodwill.eligibility'],
    ['an unsupported currency', (d) => (d.currency = 'EURO'), 'currency'],
    ['a day that does not exist', (d) => (d.effectiveFrom = '2026-02-30'), 'effectiveFrom'],
    ['version 0', (d) => (d.version = 0), 'version'],
    ['a reason with no kind of credit', (d) => (d.reasons.goodwill.kinds = {}), 'reasons.goodwill.kinds'],
    [
      'a senior allowed less than an agent',
      (d) => (d.roleLimits.senior_agent.perActionMax = 1000),
      'reasons.service_outage.roleLimits.senior_agent.perActionMax',
    ],
    ['a reason raising the daily limit', (d) => (d.reasons.goodwill.roleLimits.agent.perDayMax = 50_000), 'reasons.goodwill.roleLimits.agent.perDayMax'],
    [
      'an unknown churn tier',
      (d) => (d.reasons.retention_offer.eligibility.churnRiskAtLeast = 'extreme'),
      'reasons.retention_offer.eligibility.churnRiskAtLeast',
    ],
    ['an empty list of standings', (d) => (d.reasons.goodwill.eligibility.standings = []), 'reasons.goodwill.eligibility.standings'],
  ])('refuses %s', (_name, edit, path) => {
    const error = refusal(variant(edit));
    expect(error.code).toBe('invalid-policy');
    expect(error.messageKey).toBe('policy.error.invalid-policy');
    expect(error.issues.map((i) => i.path)).toContain(path);
    expect(error.issues.every((i) => i.message.length > 0)).toBe(true);
  });

  it('refuses what is not a document at all', () => {
    for (const input of [null, 42, 'policy', [], {}]) expect(refusal(input).code).toBe('invalid-policy');
  });

  it('safeParsePolicy returns the typed error instead of throwing', () => {
    const result = safeParsePolicy(variant((d) => (d.customerCaps.rolling12Months.maxCount = -4)));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.issues[0]).toMatchObject({ path: 'customerCaps.rolling12Months.maxCount' });
  });

  it('compilePolicy refuses a bad document before any decision uses it', () => {
    expect(() => compilePolicy(variant((d) => (d.roleLimits.agent.perActionMax = -1)))).toThrow(PolicyError);
  });
});

describe('decision inputs', () => {
  it('validates requests', () => {
    expect(parseDiscountRequest({ kind: 'one_off_credit', reason: 'goodwill', target: 'invoice', amount: 500 })).toEqual({
      kind: 'one_off_credit',
      reason: 'goodwill',
      target: 'invoice',
      amount: 500,
    });
    for (const bad of [
      { kind: 'one_off_credit', reason: 'goodwill', target: 'invoice', amount: 0 },
      { kind: 'one_off_credit', reason: 'goodwill', target: 'invoice', amount: 5.5 },
      { kind: 'one_off_credit', reason: 'birthday', target: 'invoice', amount: 500 },
      { kind: 'recurring_discount', reason: 'retention_offer', form: 'percent', percentBp: 10_001, cycles: 3 },
      { kind: 'recurring_discount', reason: 'retention_offer', form: 'amount', amountPerCycle: 500, cycles: 0 },
      { kind: 'refund', reason: 'goodwill', amount: 500 },
    ]) {
      expect(() => parseDiscountRequest(bad)).toThrow(expect.objectContaining({ code: 'invalid-request' }));
    }
  });

  it('validates customer facts', () => {
    const good = {
      customerId: 'c',
      accountCurrency: 'EUR',
      tenureMonths: 3,
      standing: 'good',
      fraudFlag: false,
      churnRisk: 'low',
      invoiceTotal: 100,
      monthlyBill: 100,
      history: [{ at: '2026-01-02T10:00:00Z', amount: 100, reason: 'goodwill', kind: 'one_off_credit' }],
      actorGrantedToday: 0,
    };
    expect(parseCustomerFacts(good)).toEqual(good);
    expect(() => parseCustomerFacts({ ...good, history: [{ ...good.history[0], at: 'yesterday' }] })).toThrow(
      expect.objectContaining({ code: 'invalid-facts' }),
    );
    expect(() => parseCustomerFacts({ ...good, standing: 'excellent' })).toThrow(expect.objectContaining({ code: 'invalid-facts' }));
    expect(() => parseCustomerFacts({ ...good, actorGrantedToday: -1 })).toThrow(expect.objectContaining({ code: 'invalid-facts' }));
  });

  it('decide refuses an unreadable day or an unknown role with a typed error, not a wrong answer', () => {
    const facts = parseCustomerFacts({
      customerId: 'c',
      accountCurrency: 'EUR',
      tenureMonths: 3,
      standing: 'good',
      fraudFlag: false,
      churnRisk: 'low',
      invoiceTotal: 100,
      monthlyBill: 100,
      history: [],
      actorGrantedToday: 0,
    });
    const request = parseDiscountRequest({ kind: 'one_off_credit', reason: 'goodwill', target: 'invoice', amount: 5 });
    expect(() => decide(SAMPLE_POLICY, { userId: 'u', role: 'agent' }, facts, request, 'today')).toThrow(expect.objectContaining({ code: 'invalid-date' }));
    expect(() => decide(SAMPLE_POLICY, { userId: 'u', role: 'boss' as 'agent' }, facts, request, '2026-03-01')).toThrow(
      expect.objectContaining({ code: 'invalid-actor' }),
    );
    // A raw document works too: compiled once, then remembered.
    expect(decide(SAMPLE_POLICY as PolicyDocument, { userId: 'u', role: 'agent' }, facts, request, '2026-03-01').outcome).toBe('allowed');
  });
});
