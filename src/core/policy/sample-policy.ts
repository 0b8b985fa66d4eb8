/**
 * A realistic policy for a European telecom's billing line, in euros. It is the seed of a fresh
 * store and the policy the tests and the benchmark decide against; production gets its document
 * from the hub. Every number says why it is there, because a supervisor will ask.
 */
import type { PolicyDocument } from './schema';

const euros = (n: number) => Math.round(n * 100);

type PerAction = readonly [maxEuros: number, maxPercentOfInvoiceBp: number];

/** A reason's limits per credit, by role: the most in euros and the largest share of the invoice. */
function perAction(agent: PerAction, seniorAgent: PerAction, supervisor: PerAction) {
  const limits = ([max, bp]: PerAction) => ({ perActionMax: euros(max), perActionMaxPercentOfInvoice: bp });
  return { agent: limits(agent), senior_agent: limits(seniorAgent), supervisor: limits(supervisor) };
}

export const SAMPLE_POLICY: PolicyDocument = {
  version: 1,
  effectiveFrom: '2026-01-01',
  currency: 'EUR',

  // What each person may grant alone. Percent of the invoice stops a large credit on a small
  // bill (€20 off a €25 invoice looks like a refund, not a gesture). The daily limit bounds what
  // one compromised or over-generous login can give away before anyone looks.
  roleLimits: {
    agent: { perActionMax: euros(20), perActionMaxPercentOfInvoice: 3000, perDayMax: euros(100) },
    senior_agent: { perActionMax: euros(50), perActionMaxPercentOfInvoice: 5000, perDayMax: euros(300) },
    supervisor: { perActionMax: euros(250), perActionMaxPercentOfInvoice: 10_000, perDayMax: euros(2000) },
  },

  // Across all agents: a customer who calls every month and reaches a different agent each time
  // must not collect a credit each time. Four gestures or €150 a year is generous for a
  // residential line billed ~€40–60 a month.
  customerCaps: { rolling12Months: { maxCount: 4, maxAmount: euros(150) } },

  reasons: {
    // Giving back what we charged wrongly is not a gesture: it is bounded by the documented error
    // (never by a feeling), allowed whatever the account standing, and does not use up the
    // customer's goodwill cap — refusing to correct our own mistake because the customer was
    // unlucky before would be wrong. Limits are higher for the same reason, but still tiered so a
    // large correction gets a second pair of eyes. Six corrections a year on one account means
    // something is broken upstream: stop and escalate to billing operations.
    billing_error: {
      kinds: { one_off_credit: { targets: ['invoice', 'account'] } },
      eligibility: { noFraudFlag: true, minTenureMonths: 0, standings: ['good', 'late', 'collections'] },
      basis: { kind: 'disputed_amount' },
      caps: { rolling12Months: { maxCount: 6, maxAmount: euros(2000) } },
      countsTowardCustomerCap: false,
      roleLimits: perAction([80, 10_000], [200, 10_000], [1000, 10_000]),
    },

    // Pure goodwill is the most abused reason, so it is the tightest: customers in good standing
    // who have been with us a quarter, small amounts, and at most two a year per customer.
    goodwill: {
      kinds: { one_off_credit: { targets: ['invoice', 'account'] } },
      eligibility: { noFraudFlag: true, minTenureMonths: 3, standings: ['good'] },
      caps: { rolling12Months: { maxCount: 2, maxAmount: euros(60) } },
      countsTowardCustomerCap: true,
      roleLimits: perAction([10, 1500], [30, 2500], [100, 5000]),
    },

    // Compensation for a confirmed outage: the days without service, pro rata of the monthly bill
    // on a 30-day month (the terms of service's convention). Owed whatever the standing. Outages
    // under a day are credited automatically by billing, so an agent needs at least one whole
    // day. It counts toward the customer cap: it is a gesture beyond the automatic credit.
    service_outage: {
      kinds: { one_off_credit: { targets: ['invoice', 'account'] } },
      eligibility: { noFraudFlag: true, minTenureMonths: 0, standings: ['good', 'late', 'collections'] },
      basis: { kind: 'outage_pro_rata', minDays: 1, monthDays: 30 },
      countsTowardCustomerCap: true,
    },

    // Keeping a customer who is leaving: a percentage or amount off the next bills, never more
    // than 25 % and never longer than six months (longer trains customers to threaten to leave).
    // Only for customers the churn model rates medium or high, with six months of tenure, paying
    // on time. One retention offer a year per customer. Paid from the retention budget, not the
    // goodwill budget, so it does not use up the customer cap; its own per-role limits (total
    // over all cycles, and depth per cycle) replace the gesture limits.
    retention_offer: {
      kinds: { recurring_discount: { forms: ['percent', 'amount'], maxCycles: 6, maxPercentBp: 2500 } },
      eligibility: { noFraudFlag: true, minTenureMonths: 6, standings: ['good'], churnRiskAtLeast: 'medium' },
      caps: { rolling12Months: { maxCount: 1, maxAmount: euros(500) } },
      countsTowardCustomerCap: false,
      roleLimits: perAction([60, 1000], [150, 2000], [400, 2500]),
    },

    // Waiving a late-payment fee once a year forgives a slip; twice is a pattern. Only the fee
    // actually charged, and not for accounts in collections (the collections team owns those
    // fees). The fee bounds the amount, so the share-of-invoice limit is lifted for this reason —
    // a €10 fee on a €25 invoice is 40 % and still a routine waiver.
    late_fee_waiver: {
      kinds: { fee_waiver: { fees: ['late_fee'] } },
      eligibility: { noFraudFlag: true, minTenureMonths: 3, standings: ['good', 'late'] },
      basis: { kind: 'late_fee' },
      caps: { rolling12Months: { maxCount: 1, maxAmount: euros(50) } },
      countsTowardCustomerCap: true,
      roleLimits: {
        agent: { perActionMaxPercentOfInvoice: 10_000 },
        senior_agent: { perActionMaxPercentOfInvoice: 10_000 },
        supervisor: { perActionMaxPercentOfInvoice: 10_000 },
      },
    },
  },

  // Does a retention offer keep anyone? One caller in ten who could get one is held out (no
  // proactive offer) so the answer comes from a randomised comparison, not from who agents chose
  // to offer to. Design: about 80 % of such customers still with us at 90 days without an offer;
  // a gain of 5 points is worth a retention budget. Under 30 customers in an arm nothing is shown
  // (the intervals lean on normal approximations that need at least that many); above it the
  // figures come with their intervals, and the status still says how many more the design needs.
  experiments: [
    {
      id: 'retention-offer-holdout',
      title: { en: 'Retention offer vs no proactive offer', fr: 'Offre de fidélisation ou aucune offre proactive' },
      reason: 'retention_offer',
      holdoutBp: 1000,
      startsOn: '2026-01-01',
      eligibility: {},
      design: { horizonDays: 90, baselineRetention: 0.8, minimumDetectableDifference: 0.05 },
      minimumPerArm: 30,
      // Declared before any result: does the offer work differently for callers at high churn
      // risk, or for new customers? Each is reported with its complement, Holm-adjusted.
      segments: ['highRisk', 'newCustomer'],
    },
  ],
};
