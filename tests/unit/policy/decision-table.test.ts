/**
 * The decision table: hand-written cases against SAMPLE_POLICY, each with the figures worked out
 * by hand in its comment. Amounts are cents. If a case here fails, either the engine or the
 * sample policy changed what an agent would be told on the phone.
 *
 * Sample policy in one glance (per credit / % of bill / per day):
 *   agent €20 / 30 % / €100 · senior €50 / 50 % / €300 · supervisor €250 / 100 % / €2,000
 *   goodwill €10 15 % · €30 25 % · €100 50 %, tenure ≥ 3, good standing, 2 or €60 a year
 *   billing error €80 · €200 · €1,000 at 100 %, ≤ documented error, not in the customer cap
 *   outage ≤ monthly bill × days / 30 · retention 10 % €60 · 20 % €150 · 25 % €400, ≤ 6 cycles
 *   late fee waiver ≤ the fee, once a year · customer cap 4 credits or €150 a year
 */
import { describe, expect, it } from 'vitest';
import {
  SAMPLE_POLICY,
  compilePolicy,
  decide,
  describeDecision,
  describeRule,
  failedRules,
  type CustomerFacts,
  type DiscountRequest,
  type Outcome,
  type PriorCredit,
  type Role,
} from '../../../src/core/policy';

const policy = compilePolicy(SAMPLE_POLICY);
/** The same rules, in force since 2020, for the leap-year window cases (2028 is a leap year). */
const policy2020 = compilePolicy({ ...SAMPLE_POLICY, effectiveFrom: '2020-01-01' });

const NOW = '2026-06-15';

const base: CustomerFacts = {
  customerId: 'cus-1',
  accountCurrency: 'EUR',
  tenureMonths: 24,
  standing: 'good',
  fraudFlag: false,
  churnRisk: 'low',
  invoiceTotal: 8000,
  monthlyBill: 6000,
  history: [],
  actorGrantedToday: 0,
};

const credit = (at: string, reason: PriorCredit['reason'], amount: number, kind: PriorCredit['kind'] = 'one_off_credit'): PriorCredit => ({
  at,
  reason,
  amount,
  kind,
});

const goodwill = (amount: number, target: 'invoice' | 'account' = 'invoice'): DiscountRequest => ({
  kind: 'one_off_credit',
  reason: 'goodwill',
  target,
  amount,
});
const billingError = (amount: number): DiscountRequest => ({ kind: 'one_off_credit', reason: 'billing_error', target: 'invoice', amount });
const outage = (amount: number, target: 'invoice' | 'account' = 'invoice'): DiscountRequest => ({
  kind: 'one_off_credit',
  reason: 'service_outage',
  target,
  amount,
});
const retentionPct = (percentBp: number, cycles: number): DiscountRequest => ({
  kind: 'recurring_discount',
  reason: 'retention_offer',
  form: 'percent',
  percentBp,
  cycles,
});
const retentionAmt = (amountPerCycle: number, cycles: number): DiscountRequest => ({
  kind: 'recurring_discount',
  reason: 'retention_offer',
  form: 'amount',
  amountPerCycle,
  cycles,
});
const waiver = (amount: number): DiscountRequest => ({ kind: 'fee_waiver', reason: 'late_fee_waiver', fee: 'late_fee', amount });

/** Four credits that use up the customer cap's count (€25 in all). */
const fourCounted = [
  credit('2026-01-10', 'service_outage', 500),
  credit('2026-02-10', 'service_outage', 500),
  credit('2026-03-10', 'late_fee_waiver', 1000, 'fee_waiver'),
  credit('2026-04-10', 'goodwill', 500),
];

interface Row {
  name: string;
  role: Role;
  facts?: Partial<CustomerFacts>;
  request: DiscountRequest;
  now?: string;
  useLeapPolicy?: boolean;
  outcome: Outcome;
  approver?: Role;
  max: number;
  failing: string[];
}

const table: Row[] = [
  // --- goodwill: per-credit and percent-of-invoice boundaries ---------------------------------
  // €10 ≤ €10; 15 % of €80 = €12 → allowed; max min(€10, €12) = €10
  { name: 'goodwill at the agent limit exactly', role: 'agent', request: goodwill(1000), outcome: 'allowed', max: 1000, failing: [] },
  // 1 cent over €10; senior €30 / 25 % of €80 = €20 fits → senior
  {
    name: 'goodwill 1 cent over the agent limit',
    role: 'agent',
    request: goodwill(1001),
    outcome: 'needs_approval',
    approver: 'senior_agent',
    max: 1000,
    failing: ['per_action_limit'],
  },
  // invoice €50: 15 % = €7.50 exactly
  {
    name: 'goodwill at 15 % of the invoice exactly',
    role: 'agent',
    facts: { invoiceTotal: 5000 },
    request: goodwill(750),
    outcome: 'allowed',
    max: 750,
    failing: [],
  },
  // €7.51 > 15 % of €50; senior 25 % = €12.50 fits
  {
    name: 'goodwill 1 cent over 15 % of the invoice',
    role: 'agent',
    facts: { invoiceTotal: 5000 },
    request: goodwill(751),
    outcome: 'needs_approval',
    approver: 'senior_agent',
    max: 750,
    failing: ['percent_limit'],
  },
  // senior €30 on €80: 25 % = €20 ✗; supervisor 50 % = €40 ✓ → supervisor; senior's max min(€30, €20) = €20
  {
    name: 'goodwill over the senior share of invoice goes to a supervisor',
    role: 'senior_agent',
    request: goodwill(3000),
    outcome: 'needs_approval',
    approver: 'supervisor',
    max: 2000,
    failing: ['percent_limit'],
  },
  // senior €30 on €200: 25 % = €50 ✓ → allowed
  {
    name: 'senior agent grants goodwill within their limits',
    role: 'senior_agent',
    facts: { invoiceTotal: 20000 },
    request: goodwill(3000),
    outcome: 'allowed',
    max: 3000,
    failing: [],
  },
  // €100.01 > every role's €100 goodwill limit → refused (also over the €60 cap, 15 % and the
  // agent's day); agent max min(€10, 15 % of €500 = €75, cap €60) = €10
  {
    name: 'goodwill over every role’s limit is refused',
    role: 'agent',
    facts: { invoiceTotal: 50000 },
    request: goodwill(10001),
    outcome: 'refused',
    max: 1000,
    failing: ['reason_amount_cap', 'per_action_limit', 'percent_limit', 'daily_limit'],
  },
  // supervisor €60.01: within €100 and 50 % of €200, over the goodwill cap of €60 → refused; max €60
  {
    name: 'goodwill 1 cent over the reason amount cap',
    role: 'supervisor',
    facts: { invoiceTotal: 20000 },
    request: goodwill(6001),
    outcome: 'refused',
    max: 6000,
    failing: ['reason_amount_cap'],
  },

  // --- goodwill: eligibility ---------------------------------------------------------------------
  {
    name: 'goodwill needs 3 months of tenure (2)',
    role: 'agent',
    facts: { tenureMonths: 2 },
    request: goodwill(500),
    outcome: 'refused',
    max: 0,
    failing: ['min_tenure'],
  },
  {
    name: 'goodwill at 3 months of tenure exactly',
    role: 'agent',
    facts: { tenureMonths: 3 },
    request: goodwill(500),
    outcome: 'allowed',
    max: 1000,
    failing: [],
  },
  {
    name: 'goodwill needs good standing',
    role: 'supervisor',
    facts: { standing: 'late' },
    request: goodwill(500),
    outcome: 'refused',
    max: 0,
    failing: ['account_standing'],
  },
  {
    name: 'fraud flag refuses even a supervisor',
    role: 'supervisor',
    facts: { fraudFlag: true },
    request: goodwill(500),
    outcome: 'refused',
    max: 0,
    failing: ['no_fraud_flag'],
  },
  // two goodwill credits in the last 12 months: the reason's count cap is 2
  {
    name: 'third goodwill in 12 months is refused',
    role: 'agent',
    facts: { history: [credit('2026-01-10', 'goodwill', 500), credit('2026-03-01', 'goodwill', 500)] },
    request: goodwill(500),
    outcome: 'refused',
    max: 0,
    failing: ['reason_count_cap'],
  },
  // the same two, but given on 15 June 2025 — exactly a year ago — no longer count
  {
    name: 'goodwill from exactly a year ago no longer counts',
    role: 'agent',
    facts: { history: [credit('2025-06-15', 'goodwill', 500), credit('2025-06-15T18:30:00Z', 'goodwill', 500)] },
    request: goodwill(500),
    outcome: 'allowed',
    max: 1000,
    failing: [],
  },

  // --- customer caps across reasons and agents ---------------------------------------------------
  {
    name: 'customer count cap reached (4 credits)',
    role: 'supervisor',
    facts: { history: fourCounted },
    request: goodwill(500),
    outcome: 'refused',
    max: 0,
    failing: ['customer_count_cap'],
  },
  // €140 counted + €10 = €150 exactly → allowed; max min(€10, €12, €60, €10) = €10
  {
    name: 'customer amount cap reached exactly',
    role: 'agent',
    facts: { history: [credit('2026-02-01', 'service_outage', 9000), credit('2026-04-01', 'service_outage', 5000)] },
    request: goodwill(1000),
    outcome: 'allowed',
    max: 1000,
    failing: [],
  },
  // €140 + €10.01 > €150 → refused (a senior cannot lift a cap); senior's max €10
  {
    name: 'customer amount cap 1 cent over',
    role: 'senior_agent',
    facts: { history: [credit('2026-02-01', 'service_outage', 9000), credit('2026-04-01', 'service_outage', 5000)] },
    request: goodwill(1001),
    outcome: 'refused',
    max: 1000,
    failing: ['customer_amount_cap'],
  },

  // --- billing error corrections -----------------------------------------------------------------
  {
    name: 'billing error at the agent’s €80 and the documented error',
    role: 'agent',
    facts: { disputedAmount: 8000 },
    request: billingError(8000),
    outcome: 'allowed',
    max: 8000,
    failing: [],
  },
  // €80.01 ≤ documented €90, over the agent's €80 → senior (€200)
  {
    name: 'billing error 1 cent over the agent’s €80',
    role: 'agent',
    facts: { disputedAmount: 9000, invoiceTotal: 10000 },
    request: billingError(8001),
    outcome: 'needs_approval',
    approver: 'senior_agent',
    max: 8000,
    failing: ['per_action_limit'],
  },
  {
    name: 'billing error over the documented amount',
    role: 'agent',
    facts: { disputedAmount: 3000 },
    request: billingError(3001),
    outcome: 'refused',
    max: 3000,
    failing: ['within_disputed_amount'],
  },
  {
    name: 'billing error without a documented error',
    role: 'supervisor',
    request: billingError(1000),
    outcome: 'refused',
    max: 0,
    failing: ['error_documented'],
  },
  // not in the customer cap, allowed in collections: correcting our mistake is owed
  {
    name: 'billing error ignores the customer cap and standing',
    role: 'agent',
    facts: { disputedAmount: 2000, standing: 'collections', history: fourCounted },
    request: billingError(2000),
    outcome: 'allowed',
    max: 2000,
    failing: [],
  },
  // supervisor €1,000.01: over the top limit → refused; max min(€1,000, €2,000/day, €2,000 cap, €2,000 error, 100 % of €2,000)
  {
    name: 'billing error over the supervisor’s limit',
    role: 'supervisor',
    facts: { disputedAmount: 200000, invoiceTotal: 200000 },
    request: billingError(100001),
    outcome: 'refused',
    max: 100000,
    failing: ['per_action_limit'],
  },
  // credit cannot exceed the invoice: 100 % of €50 for every role
  {
    name: 'billing error larger than the invoice',
    role: 'agent',
    facts: { disputedAmount: 6000, invoiceTotal: 5000 },
    request: billingError(5001),
    outcome: 'refused',
    max: 5000,
    failing: ['percent_limit'],
  },

  // --- daily limits -----------------------------------------------------------------------------
  // €90 today + €10 = €100 exactly
  {
    name: 'daily limit reached exactly',
    role: 'agent',
    facts: { actorGrantedToday: 9000 },
    request: goodwill(1000),
    outcome: 'allowed',
    max: 1000,
    failing: [],
  },
  // €95 + €10 > €100; outage of 10 days on €60 = €20 justified; senior fits → senior; max €5 left today
  {
    name: 'daily limit consumed: over by the credit',
    role: 'agent',
    facts: { actorGrantedToday: 9500, outageDays: 10 },
    request: outage(1000),
    outcome: 'needs_approval',
    approver: 'senior_agent',
    max: 500,
    failing: ['daily_limit'],
  },
  // €30 on €80 is over €20 and 30 %; €280 today: the senior's €300/day is too little for €30 more
  // → supervisor; the agent has nothing left today
  {
    name: 'daily total past the senior’s day goes to a supervisor',
    role: 'agent',
    facts: { actorGrantedToday: 28000, outageDays: 30 },
    request: outage(3000),
    outcome: 'needs_approval',
    approver: 'supervisor',
    max: 0,
    failing: ['per_action_limit', 'percent_limit', 'daily_limit'],
  },

  // --- service outage -------------------------------------------------------------------------
  // 3 days of €60 / 30 = €6.00
  { name: 'outage at the pro rata exactly', role: 'agent', facts: { outageDays: 3 }, request: outage(600), outcome: 'allowed', max: 600, failing: [] },
  {
    name: 'outage 1 cent over the pro rata',
    role: 'agent',
    facts: { outageDays: 3 },
    request: outage(601),
    outcome: 'refused',
    max: 600,
    failing: ['within_outage_pro_rata'],
  },
  {
    name: 'outage with no confirmed outage day',
    role: 'agent',
    facts: { outageDays: 0 },
    request: outage(100),
    outcome: 'refused',
    max: 0,
    failing: ['outage_documented'],
  },
  // account credit is measured on the monthly bill: 30 % of €20 = €6 ✗; senior 50 % = €10 ✓
  {
    name: 'outage on the account: share of the monthly bill',
    role: 'agent',
    facts: { outageDays: 30, monthlyBill: 2000, invoiceTotal: 50000 },
    request: outage(700, 'account'),
    outcome: 'needs_approval',
    approver: 'senior_agent',
    max: 600,
    failing: ['percent_limit'],
  },

  // --- retention offers (recurring) -----------------------------------------------------------
  // 10 % of €60 = €6 × 6 = €36 ≤ €60 → allowed; deepest now 10 % → €36
  {
    name: 'retention 10 % for 6 cycles by an agent',
    role: 'agent',
    facts: { churnRisk: 'medium' },
    request: retentionPct(1000, 6),
    outcome: 'allowed',
    max: 3600,
    failing: [],
  },
  // 10.01 % over the agent's 10 %; senior 20 % ✓
  {
    name: 'retention 1 bp over the agent’s depth',
    role: 'agent',
    facts: { churnRisk: 'high' },
    request: retentionPct(1001, 6),
    outcome: 'needs_approval',
    approver: 'senior_agent',
    max: 3600,
    failing: ['percent_limit'],
  },
  {
    name: 'retention needs churn risk medium or high',
    role: 'supervisor',
    facts: { churnRisk: 'low' },
    request: retentionPct(1000, 3),
    outcome: 'refused',
    max: 0,
    failing: ['churn_risk'],
  },
  // 7 cycles > 6 → refused; the max is given for the longest allowed (6 × €6)
  {
    name: 'retention longer than 6 cycles',
    role: 'agent',
    facts: { churnRisk: 'high' },
    request: retentionPct(500, 7),
    outcome: 'refused',
    max: 3600,
    failing: ['recurring_cycles'],
  },
  // 26 % is past the policy's 25 % for anyone; supervisor's max 25 % of €60 = €15 × 3
  {
    name: 'retention deeper than 25 % for a supervisor',
    role: 'supervisor',
    facts: { churnRisk: 'high' },
    request: retentionPct(2600, 3),
    outcome: 'refused',
    max: 4500,
    failing: ['recurring_depth', 'percent_limit'],
  },
  // €12 × 6 = €72 ≤ €150 and €12 = 20 % of €60 → allowed
  {
    name: 'retention fixed amount at the senior’s 20 %',
    role: 'senior_agent',
    facts: { churnRisk: 'medium' },
    request: retentionAmt(1200, 6),
    outcome: 'allowed',
    max: 7200,
    failing: [],
  },
  {
    name: 'retention fixed amount 1 cent over 20 %',
    role: 'senior_agent',
    facts: { churnRisk: 'medium' },
    request: retentionAmt(1201, 6),
    outcome: 'needs_approval',
    approver: 'supervisor',
    max: 7200,
    failing: ['percent_limit'],
  },
  // €11 × 6 = €66 > the agent's €60 total; 18.33 % also over 10 % → senior
  {
    name: 'retention total over the agent’s €60',
    role: 'agent',
    facts: { churnRisk: 'high' },
    request: retentionAmt(1100, 6),
    outcome: 'needs_approval',
    approver: 'senior_agent',
    max: 3600,
    failing: ['per_action_limit', 'percent_limit'],
  },
  {
    name: 'retention needs 6 months of tenure',
    role: 'agent',
    facts: { churnRisk: 'high', tenureMonths: 5 },
    request: retentionPct(500, 3),
    outcome: 'refused',
    max: 0,
    failing: ['min_tenure'],
  },
  {
    name: 'one retention offer a year',
    role: 'agent',
    facts: { churnRisk: 'high', history: [credit('2025-09-01', 'retention_offer', 3600, 'recurring_discount')] },
    request: retentionPct(500, 3),
    outcome: 'refused',
    max: 0,
    failing: ['reason_count_cap'],
  },
  {
    name: 'retention is not a one-off credit',
    role: 'supervisor',
    facts: { churnRisk: 'high' },
    request: { kind: 'one_off_credit', reason: 'retention_offer', target: 'account', amount: 1000 },
    outcome: 'refused',
    max: 0,
    failing: ['kind_allowed'],
  },

  // --- late fee waivers -----------------------------------------------------------------------
  // €10 fee on a €15 invoice (67 %): the share limit is lifted for waivers
  {
    name: 'late fee waiver of the whole fee',
    role: 'agent',
    facts: { lateFeeAmount: 1000, invoiceTotal: 1500 },
    request: waiver(1000),
    outcome: 'allowed',
    max: 1000,
    failing: [],
  },
  {
    name: 'late fee waiver above the fee',
    role: 'agent',
    facts: { lateFeeAmount: 1000 },
    request: waiver(1001),
    outcome: 'refused',
    max: 1000,
    failing: ['within_late_fee'],
  },
  { name: 'late fee waiver with no late fee', role: 'agent', request: waiver(500), outcome: 'refused', max: 0, failing: ['late_fee_present'] },
  {
    name: 'late fee waiver not in collections',
    role: 'supervisor',
    facts: { lateFeeAmount: 1000, standing: 'collections' },
    request: waiver(1000),
    outcome: 'refused',
    max: 0,
    failing: ['account_standing'],
  },
  {
    name: 'late fee waiver while late on payments',
    role: 'agent',
    facts: { lateFeeAmount: 1000, standing: 'late' },
    request: waiver(1000),
    outcome: 'allowed',
    max: 1000,
    failing: [],
  },
  // rolling window, ordinary year: 2025-06-16 → 2026-06-15 is 364 days: still inside
  {
    name: 'second waiver 364 days later is refused',
    role: 'agent',
    facts: { lateFeeAmount: 1000, history: [credit('2025-06-16', 'late_fee_waiver', 1000, 'fee_waiver')] },
    request: waiver(1000),
    outcome: 'refused',
    max: 0,
    failing: ['reason_count_cap'],
  },
  // 2025-06-15 → 2026-06-15 is 365 days: same date a year on, outside
  {
    name: 'second waiver 365 days later (a year) is allowed',
    role: 'agent',
    facts: { lateFeeAmount: 1000, history: [credit('2025-06-15', 'late_fee_waiver', 1000, 'fee_waiver')] },
    request: waiver(1000),
    outcome: 'allowed',
    max: 1000,
    failing: [],
  },
  // across 29 February 2028: 2027-06-16 → 2028-06-15 is 365 days but less than a year: inside
  {
    name: 'leap year: 365 days is not yet a year',
    role: 'agent',
    useLeapPolicy: true,
    now: '2028-06-15',
    facts: { lateFeeAmount: 1000, history: [credit('2027-06-16', 'late_fee_waiver', 1000, 'fee_waiver')] },
    request: waiver(1000),
    outcome: 'refused',
    max: 0,
    failing: ['reason_count_cap'],
  },
  // 2027-06-15 → 2028-06-15 is 366 days: a year, outside
  {
    name: 'leap year: 366 days is a year',
    role: 'agent',
    useLeapPolicy: true,
    now: '2028-06-15',
    facts: { lateFeeAmount: 1000, history: [credit('2027-06-15', 'late_fee_waiver', 1000, 'fee_waiver')] },
    request: waiver(1000),
    outcome: 'allowed',
    max: 1000,
    failing: [],
  },
  {
    name: 'a waiver is not a goodwill kind',
    role: 'agent',
    facts: { lateFeeAmount: 1000 },
    request: { kind: 'fee_waiver', reason: 'goodwill', fee: 'late_fee', amount: 1000 },
    outcome: 'refused',
    max: 0,
    failing: ['kind_allowed'],
  },

  // --- the policy itself ------------------------------------------------------------------------
  { name: 'policy not yet in force', role: 'supervisor', now: '2025-12-31', request: goodwill(500), outcome: 'refused', max: 0, failing: ['policy_in_force'] },
  // An account billed in pounds under the euro policy: refused for everyone, nothing to approve.
  {
    name: 'account in another currency than the policy',
    role: 'supervisor',
    facts: { accountCurrency: 'GBP' },
    request: goodwill(500),
    outcome: 'refused',
    max: 0,
    failing: ['currency_matches'],
  },
  {
    name: 'policy in force from its first day',
    role: 'agent',
    now: '2026-01-01T00:00:00Z',
    request: goodwill(500),
    outcome: 'allowed',
    max: 1000,
    failing: [],
  },
];

describe('decision table (SAMPLE_POLICY)', () => {
  it('has at least 30 hand-written cases covering every reason, kind and role', () => {
    expect(table.length).toBeGreaterThanOrEqual(30);
    expect(new Set(table.map((r) => r.request.reason)).size).toBe(5);
    expect(new Set(table.map((r) => r.request.kind)).size).toBe(3);
    expect(new Set(table.map((r) => r.role)).size).toBe(3);
    expect(new Set(table.map((r) => r.outcome)).size).toBe(3);
  });

  it.each(table)('$name → $outcome', (row) => {
    const facts = { ...base, ...row.facts };
    const d = decide(row.useLeapPolicy ? policy2020 : policy, { userId: 'u-1', role: row.role }, facts, row.request, row.now ?? NOW);
    expect({ outcome: d.outcome, approver: d.approverRole, max: d.maxAllowedNow, failing: failedRules(d) }).toEqual({
      outcome: row.outcome,
      approver: row.approver,
      max: row.max,
      failing: row.failing,
    });
    // Every decision reads in both languages.
    for (const locale of ['en', 'fr'] as const) {
      expect(describeDecision(d, locale)).not.toMatch(/undefined|NaN|\{/);
      for (const r of d.rules) expect(describeRule(r, locale)).not.toMatch(/undefined|NaN|\{/);
    }
  });
});

describe('what the agent reads', () => {
  const d = decide(
    policy,
    { userId: 'u-1', role: 'agent' },
    { ...base, invoiceTotal: 20000 },
    { kind: 'one_off_credit', reason: 'service_outage', target: 'invoice', amount: 3500 },
    NOW,
  );
  const outageFacts = { ...base, invoiceTotal: 20000, outageDays: 30 };
  const over = decide(
    policy,
    { userId: 'u-1', role: 'agent' },
    outageFacts,
    { kind: 'one_off_credit', reason: 'service_outage', target: 'invoice', amount: 3500 },
    NOW,
  );

  it('names the approver and their limit in both languages', () => {
    expect(d.outcome).toBe('refused'); // no outage documented
    expect(over.outcome).toBe('needs_approval');
    const rule = over.rules.find((r) => r.rule === 'per_action_limit')!;
    expect(describeRule(rule, 'en')).toBe('Over your limit of €20.00 per credit; a senior agent can approve up to €50.00.');
    expect(describeRule(rule, 'fr').replace(/[\u202f\u00a0]/g, ' ')).toBe(
      'Au-delà de votre limite de 20,00 € par geste ; un conseiller senior peut accorder jusqu’à 50,00 €.',
    );
    expect(describeDecision(over, 'en')).toBe(
      'Needs approval by a senior agent: service outage compensation of €35.00 is over your limits. You can grant up to €20.00 yourself.',
    );
  });

  it('words the same rules for whoever decides the request: the agent\'s limit, not "your limit"', () => {
    const rule = over.rules.find((r) => r.rule === 'per_action_limit')!;
    expect(describeRule(rule, 'en', 'approver')).toBe('Over the agent’s limit of €20.00 per credit; a senior agent can approve up to €50.00.');
    expect(describeRule(rule, 'fr', 'approver').replace(/[\u202f\u00a0]/g, ' ')).toBe(
      'Au-delà de la limite du conseiller de 20,00 € par geste ; un conseiller senior peut accorder jusqu’à 50,00 €.',
    );
    expect(describeDecision(over, 'en', 'approver')).toBe(
      'Needs approval by a senior agent: service outage compensation of €35.00 is over the agent’s limits. The agent can grant up to €20.00 themselves.',
    );
    // No rule, passed or not, speaks to the approver as if they had asked.
    for (const decision of [d, over]) {
      for (const r of decision.rules) {
        expect(describeRule(r, 'en', 'approver')).not.toMatch(/\b(you|your|yourself)\b/i);
        expect(describeRule(r, 'fr', 'approver')).not.toMatch(/\b(vous|votre|vos)\b/i);
      }
      expect(describeDecision(decision, 'en', 'approver')).not.toMatch(/\b(your|yourself)\b/i);
    }
  });

  it('says when nobody can approve', () => {
    const top = decide(policy, { userId: 'u-1', role: 'agent' }, { ...base, invoiceTotal: 50000 }, goodwill(10001), NOW);
    const rule = top.rules.find((r) => r.rule === 'per_action_limit')!;
    expect(describeRule(rule, 'en')).toBe('€100.01 is over every role’s limit per credit: nobody can grant it.');
  });

  it('refusals lead with the first broken rule', () => {
    const fraud = decide(policy, { userId: 'u-1', role: 'agent' }, { ...base, fraudFlag: true }, goodwill(500), NOW);
    expect(describeDecision(fraud, 'en')).toBe('Refused. The account is flagged for fraud review: no credit can be given from the phone.');
    expect(describeDecision(fraud, 'fr')).toBe('Refusé. Le compte fait l’objet d’une alerte fraude : aucun geste ne peut être accordé par téléphone.');
  });

  it('reports a recurring discount’s value over all its cycles, rounded once per cycle', () => {
    // 12.5 % of €59.99 = 749.875 → €7.50 a cycle, × 6 = €45.00
    const r = decide(policy, { userId: 'u-1', role: 'senior_agent' }, { ...base, churnRisk: 'high', monthlyBill: 5999 }, retentionPct(1250, 6), NOW);
    expect(r.perCycleAmount).toBe(750);
    expect(r.effectiveAmount).toBe(4500);
    expect(r.outcome).toBe('allowed');
    expect(describeDecision(r, 'en')).toBe('Allowed: retention offer of €45.00 over 6 cycles (€7.50 a cycle). You can grant it now.');
    // deepest the senior could go now: 20 % → €12.00 a cycle
    expect(r.maxPercentNow).toBe(2000);
    expect(r.maxPerCycleNow).toBe(1200);
  });
});

describe('history rows the engine cannot read', () => {
  it('counts a row with an unreadable date, and one dated in the future (the cautious side)', () => {
    const facts = { ...base, lateFeeAmount: 1000 };
    for (const at of ['someday', '2026-13-01', '2027-01-01']) {
      const d = decide(policy, { userId: 'u-1', role: 'agent' }, { ...facts, history: [credit(at, 'late_fee_waiver', 1000, 'fee_waiver')] }, waiver(1000), NOW);
      expect(failedRules(d)).toEqual(['reason_count_cap']);
    }
  });
});
