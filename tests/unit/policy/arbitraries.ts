/** fast-check generators shared by the policy property tests. */
import fc from 'fast-check';
import {
  CHURN_RISKS,
  REASON_CODES,
  ROLES,
  SAMPLE_POLICY,
  STANDINGS,
  parsePolicy,
  type CustomerFacts,
  type DiscountRequest,
  type PolicyDocument,
  type ReasonCode,
} from '../../../src/core/policy';

/** Mostly the usual case, sometimes the other: eligibility should not drown the caps. */
function mostly<T>(usual: T, others: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof({ weight: 8, arbitrary: fc.constant(usual) }, { weight: 2, arbitrary: others });
}

/** Amounts around the sample limits (€10–€80) and well beyond them. */
export const amountArb = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 2_500 }) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 12_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 150_000 }) },
);

export const requestArb: fc.Arbitrary<DiscountRequest> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('one_off_credit' as const),
      reason: fc.constantFrom<ReasonCode>('billing_error', 'goodwill', 'service_outage'),
      target: fc.constantFrom('invoice' as const, 'account' as const),
      amount: amountArb,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('recurring_discount' as const),
      reason: fc.constant<ReasonCode>('retention_offer'),
      form: fc.constant('amount' as const),
      amountPerCycle: fc.integer({ min: 1, max: 4_000 }),
      cycles: fc.integer({ min: 1, max: 8 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('recurring_discount' as const),
      reason: fc.constant<ReasonCode>('retention_offer'),
      form: fc.constant('percent' as const),
      percentBp: fc.integer({ min: 1, max: 3_000 }),
      cycles: fc.integer({ min: 1, max: 8 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('fee_waiver' as const),
      reason: fc.constant<ReasonCode>('late_fee_waiver'),
      fee: fc.constant('late_fee' as const),
      amount: fc.integer({ min: 1, max: 3_000 }),
    }),
  },
  // Kinds a reason does not allow.
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('one_off_credit' as const),
      reason: fc.constantFrom(...REASON_CODES),
      target: fc.constantFrom('invoice' as const, 'account' as const),
      amount: amountArb,
    }),
  },
);

/** Everything about the customer except the history and the actor's day, which a simulation owns. */
export const customerArb = fc.record({
  // Now and then an account billed in another currency than the policy's (refused outright).
  accountCurrency: mostly('EUR', fc.constant('GBP')),
  tenureMonths: fc.oneof(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 120 })),
  standing: mostly('good' as const, fc.constantFrom(...STANDINGS)),
  fraudFlag: mostly(false, fc.constant(true)),
  churnRisk: fc.constantFrom(...CHURN_RISKS),
  invoiceTotal: fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 250_000 })),
  monthlyBill: fc.oneof(fc.integer({ min: 0, max: 9_000 }), fc.integer({ min: 0, max: 100_000 })),
  disputedAmount: fc.option(fc.integer({ min: 0, max: 150_000 }), { nil: undefined }),
  lateFeeAmount: fc.option(fc.integer({ min: 0, max: 2_500 }), { nil: undefined }),
  outageDays: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
});

/**
 * Customers who mostly qualify, with the facts every reason needs: a simulation should spend its
 * steps running into limits and caps, not into eligibility.
 */
export const eligibleCustomerArb: typeof customerArb = fc.record({
  accountCurrency: fc.constant('EUR'),
  tenureMonths: mostly(36, fc.integer({ min: 0, max: 120 })),
  standing: mostly('good' as const, fc.constantFrom(...STANDINGS)),
  fraudFlag: fc.oneof({ weight: 19, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  churnRisk: mostly('high' as const, fc.constantFrom(...CHURN_RISKS)),
  invoiceTotal: fc.integer({ min: 2_000, max: 60_000 }),
  monthlyBill: fc.integer({ min: 2_000, max: 20_000 }),
  disputedAmount: fc.integer({ min: 0, max: 30_000 }),
  lateFeeAmount: fc.integer({ min: 500, max: 2_500 }),
  outageDays: fc.integer({ min: 0, max: 30 }),
});

export function facts(
  c: typeof customerArb extends fc.Arbitrary<infer T> ? T : never,
  history: CustomerFacts['history'],
  actorGrantedToday: number,
): CustomerFacts {
  const f: CustomerFacts = {
    customerId: 'cus-1',
    accountCurrency: c.accountCurrency,
    tenureMonths: c.tenureMonths,
    standing: c.standing,
    fraudFlag: c.fraudFlag,
    churnRisk: c.churnRisk,
    invoiceTotal: c.invoiceTotal,
    monthlyBill: c.monthlyBill,
    history,
    actorGrantedToday,
  };
  if (c.disputedAmount !== undefined) f.disputedAmount = c.disputedAmount;
  if (c.lateFeeAmount !== undefined) f.lateFeeAmount = c.lateFeeAmount;
  if (c.outageDays !== undefined) f.outageDays = c.outageDays;
  return f;
}

const sorted3 = (min: number, max: number) => fc.array(fc.integer({ min, max }), { minLength: 3, maxLength: 3 }).map((a) => [...a].sort((x, y) => x - y));

/**
 * Random but valid policies: the sample's shape with random limits (growing with rank), caps and
 * cap membership — so the invariants are checked against the engine, not against one set of numbers.
 */
export const policyArb: fc.Arbitrary<PolicyDocument> = fc
  .record({
    perAction: sorted3(0, 30_000),
    pct: sorted3(0, 10_000),
    perDay: sorted3(0, 60_000),
    capCount: fc.integer({ min: 0, max: 6 }),
    capAmount: fc.integer({ min: 0, max: 40_000 }),
    reasons: fc.array(
      fc.record({
        cap: fc.option(fc.record({ maxCount: fc.integer({ min: 0, max: 4 }), maxAmount: fc.integer({ min: 0, max: 30_000 }) }), { nil: undefined }),
        counts: fc.boolean(),
        override: fc.option(fc.record({ perAction: sorted3(0, 50_000), pct: sorted3(0, 10_000) }), { nil: undefined }),
      }),
      { minLength: REASON_CODES.length, maxLength: REASON_CODES.length },
    ),
  })
  .map((g) => {
    const doc = structuredClone(SAMPLE_POLICY) as PolicyDocument & { reasons: Record<ReasonCode, Record<string, unknown>> };
    ROLES.forEach((role, i) => {
      doc.roleLimits[role] = { perActionMax: g.perAction[i]!, perActionMaxPercentOfInvoice: g.pct[i]!, perDayMax: g.perDay[i]! };
    });
    doc.customerCaps = { rolling12Months: { maxCount: g.capCount, maxAmount: g.capAmount } };
    REASON_CODES.forEach((reason, i) => {
      const r = g.reasons[i]!;
      const rules = doc.reasons[reason];
      rules.countsTowardCustomerCap = r.counts;
      if (r.cap) rules.caps = { rolling12Months: r.cap };
      else delete rules.caps;
      if (r.override) {
        const o = r.override;
        rules.roleLimits = Object.fromEntries(ROLES.map((role, k) => [role, { perActionMax: o.perAction[k]!, perActionMaxPercentOfInvoice: o.pct[k]! }]));
      } else delete rules.roleLimits;
    });
    return parsePolicy(doc);
  });
