/** Payment plans (core/receivables/payment-plans.ts): the decision, the schedule, each instalment's status. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accountReceivables,
  brokenOn,
  decidePaymentPlan,
  DEFAULT_PAYMENT_PLAN_POLICY,
  DEFAULT_RECEIVABLES_POLICY,
  describePlanRule,
  instalmentSchedule,
  instalmentStates,
  monthsLater,
  paymentPlanPolicyOf,
  planHeadline,
  planInvoiceIds,
  planPayments,
  planStates,
  receivablesPolicySchema,
  scheduleSentence,
  type Allocation,
  type PaymentFact,
  type PaymentPlanFacts,
} from '../../../src/core/receivables';

const P = DEFAULT_PAYMENT_PLAN_POLICY;
const facts: PaymentPlanFacts = { overdueBalance: 12_002, currency: 'EUR', activePlans: 0, lastBrokenOn: null, today: '2027-03-05' };
const ask = (instalments: number) => ({ instalments, firstDueOn: '2027-03-05' });

describe('payment plan decision: allowed / needs approval / refused, with reasons', () => {
  it('within the agent maximum is allowed', () => {
    const d = decidePaymentPlan(P, 'agent', facts, ask(3));
    expect(d.outcome).toBe('allowed');
    expect(d.rules.every((r) => r.passed)).toBe(true);
    expect(d.maxInstalmentsNow).toBe(3);
  });

  it('over the agent maximum goes to the lowest role whose maximum covers it; over every role is refused', () => {
    expect(decidePaymentPlan(P, 'agent', { ...facts, overdueBalance: 100_000 }, ask(5))).toMatchObject({
      outcome: 'needs_approval',
      approverRole: 'senior_agent',
    });
    expect(decidePaymentPlan(P, 'agent', { ...facts, overdueBalance: 100_000 }, ask(10))).toMatchObject({
      outcome: 'needs_approval',
      approverRole: 'supervisor',
    });
    expect(decidePaymentPlan(P, 'senior_agent', { ...facts, overdueBalance: 100_000 }, ask(6)).outcome).toBe('allowed');
    const over = decidePaymentPlan(P, 'supervisor', { ...facts, overdueBalance: 1_000_000 }, ask(13));
    expect(over.outcome).toBe('refused');
    expect(over.rules.at(-1)).toMatchObject({ rule: 'instalment_limit', passed: false });
  });

  it('refuses an ineligible account, each failing rule named', () => {
    const failing = (f: Partial<PaymentPlanFacts>, n = 3) =>
      decidePaymentPlan(P, 'supervisor', { ...facts, ...f }, ask(n))
        .rules.filter((r) => !r.passed)
        .map((r) => r.rule);
    expect(failing({ overdueBalance: 2_999 })).toEqual(['overdue_minimum', 'minimum_instalment']);
    expect(failing({ overdueBalance: 0 })).toEqual(['overdue_minimum', 'minimum_instalment']);
    expect(failing({ activePlans: 1 })).toEqual(['no_active_plan']);
    expect(failing({ lastBrokenOn: '2026-03-05' })).toEqual(['no_broken_plan']);
    expect(failing({ lastBrokenOn: '2026-03-04' })).toEqual([]);
    expect(failing({}, 1)).toEqual(['instalments_whole', 'minimum_instalment']);
    expect(failing({}, 2.5)).toEqual(['instalments_whole', 'minimum_instalment']);
    expect(failing({ overdueBalance: 11_999 }, 12)).toEqual(['minimum_instalment']);
    expect(failing({ overdueBalance: 12_000 }, 12)).toEqual([]);
    expect(decidePaymentPlan(P, 'agent', { ...facts, activePlans: 1 }, ask(3))).toMatchObject({ outcome: 'refused', maxInstalmentsNow: 0 });
  });

  it('the most instalments now is bounded by the role and by the minimum instalment', () => {
    expect(decidePaymentPlan(P, 'supervisor', { ...facts, overdueBalance: 4_500 }, ask(2)).maxInstalmentsNow).toBe(4);
    expect(decidePaymentPlan(P, 'supervisor', { ...facts, overdueBalance: 1_000_000 }, ask(2)).maxInstalmentsNow).toBe(12);
  });

  it('reads its rules and headline in English and French', () => {
    const d = decidePaymentPlan(P, 'agent', { ...facts, overdueBalance: 100_000 }, ask(5));
    expect(planHeadline(d, 'en')).toBe('Plan of 5 instalments for €1,000.00 needs approval by a senior agent.');
    expect(planHeadline(d, 'fr')).toBe('Échéancier de 5\u00a0échéances pour 1\u202f000,00\u00a0€\u00a0: validation par un conseiller senior nécessaire.');
    expect(describePlanRule(d.rules.at(-1)!, 'en', 'EUR')).toBe('Over your limit of 3 instalments: needs approval by a senior agent.');
    const broken = decidePaymentPlan(P, 'agent', { ...facts, lastBrokenOn: '2026-11-05' }, ask(3));
    expect(
      describePlanRule(
        broken.rules.find((r) => r.rule === 'no_broken_plan')!,
        'fr',
        'EUR',
      ),
    ).toBe('Un échéancier a été rompu le 5 novembre 2026\u00a0: pas de nouvel échéancier avant 12\u00a0mois.');
  });

  it('the policy is data: the document may carry its own plan limits, or gets the defaults', () => {
    expect(paymentPlanPolicyOf({})).toEqual(P);
    const own = { ...DEFAULT_RECEIVABLES_POLICY, paymentPlans: { ...P, maxInstalments: { agent: 2, senior_agent: 4, supervisor: 8 } } };
    expect(receivablesPolicySchema.parse(own)).toEqual(own);
    expect(decidePaymentPlan(paymentPlanPolicyOf({ receivables: own }), 'agent', facts, ask(3)).outcome).toBe('needs_approval');
    expect(receivablesPolicySchema.safeParse({ ...own, paymentPlans: { ...P, maxInstalments: { agent: 1, senior_agent: 4, supervisor: 8 } } }).success).toBe(
      false,
    );
  });
});

describe('the schedule', () => {
  it('puts the remainder cents on the first instalment, then the same amount each month (month ends kept)', () => {
    expect(instalmentSchedule(12_002, 3, '2027-01-31')).toEqual([
      { seq: 1, dueOn: '2027-01-31', amount: 4_002 },
      { seq: 2, dueOn: '2027-02-28', amount: 4_000 },
      { seq: 3, dueOn: '2027-03-31', amount: 4_000 },
    ]);
    expect(monthsLater('2027-11-15', 3)).toBe('2028-02-15');
    expect(monthsLater('2027-03-05', -12)).toBe('2026-03-05');
    expect(scheduleSentence(instalmentSchedule(12_002, 3, '2027-03-05'), 'en', 'EUR')).toBe('€40.02 on 5 March 2027, then 2 × €40.00 each month.');
    expect(scheduleSentence(instalmentSchedule(12_000, 3, '2027-03-05'), 'fr', 'EUR')).toBe('3 × 40,00\u00a0€ chaque mois à partir du 5 mars 2027.');
  });

  it('property: sums exactly to the balance, amounts differ by less than the count, only the first is larger, dates strictly increase (2 000 runs)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000_000 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 3_000 }), (balance, n, offset) => {
        const first = new Date(Date.UTC(2026, 0, 1 + offset)).toISOString().slice(0, 10);
        const s = instalmentSchedule(balance, n, first);
        expect(s).toHaveLength(n);
        expect(s.reduce((sum, i) => sum + i.amount, 0)).toBe(balance);
        const rest = s.slice(1).map((i) => i.amount);
        expect(new Set(rest).size).toBeLessThanOrEqual(1);
        if (rest[0] !== undefined) expect(s[0]!.amount - rest[0]).toBeGreaterThanOrEqual(0);
        if (rest[0] !== undefined) expect(s[0]!.amount - rest[0]).toBeLessThan(n);
        for (let i = 1; i < n; i++) expect(s[i]!.dueOn > s[i - 1]!.dueOn).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("each instalment's status from the payments made since the plan was agreed", () => {
  const schedule = instalmentSchedule(12_002, 3, '2027-03-10');
  const agreedOn = '2027-03-05';

  it('due before its date, paid when covered, missed once its date passed unpaid', () => {
    expect(instalmentStates(schedule, agreedOn, [], '2027-03-10').map((s) => s.status)).toEqual(['due', 'due', 'due']);
    expect(instalmentStates(schedule, agreedOn, [], '2027-03-11').map((s) => s.status)).toEqual(['missed', 'due', 'due']);
    const paidFirst = instalmentStates(schedule, agreedOn, [{ on: '2027-03-09', amount: 4_002 }], '2027-04-20');
    expect(paidFirst.map((s) => s.status)).toEqual(['paid', 'missed', 'due']);
    expect(brokenOn(paidFirst)).toBe('2027-04-10');
  });

  it('payments before the plan was agreed do not count; a late payment pays but the plan stays broken', () => {
    expect(instalmentStates(schedule, agreedOn, [{ on: '2027-03-04', amount: 12_002 }], '2027-03-06').map((s) => s.status)).toEqual(['due', 'due', 'due']);
    const late = instalmentStates(schedule, agreedOn, [{ on: '2027-03-15', amount: 4_002 }], '2027-03-20');
    expect(late[0]).toMatchObject({ status: 'paid', late: true, paid: 4_002 });
    expect(brokenOn(late)).toBe('2027-03-10');
    expect(brokenOn(instalmentStates(schedule, agreedOn, [{ on: '2027-03-06', amount: 12_002 }], '2027-06-01'))).toBeNull();
  });

  it('a part payment is shown against the instalment, which stays due (or missed)', () => {
    const s = instalmentStates(schedule, agreedOn, [{ on: '2027-03-06', amount: 5_000 }], '2027-03-20');
    expect(s.map((x) => [x.status, x.paid])).toEqual([
      ['paid', 4_002],
      ['due', 998],
      ['due', 0],
    ]);
  });

  it('property: what is shown paid never exceeds what was paid since agreement, nor any instalment its amount (2 000 runs)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2_000, max: 1_000_000 }),
        fc.integer({ min: 2, max: 12 }),
        fc.array(fc.record({ day: fc.integer({ min: -30, max: 400 }), amount: fc.integer({ min: 0, max: 200_000 }) }), { maxLength: 8 }),
        fc.integer({ min: 0, max: 420 }),
        (balance, n, pays, todayOffset) => {
          const d = (k: number) => new Date(Date.UTC(2027, 2, 5 + k)).toISOString().slice(0, 10);
          const sched = instalmentSchedule(balance, n, d(5));
          const payments = pays.map((p) => ({ on: d(p.day), amount: p.amount }));
          const today = d(todayOffset);
          const states = instalmentStates(sched, d(0), payments, today);
          const counted = payments.filter((p) => p.on >= d(0) && p.on <= today).reduce((s, p) => s + p.amount, 0);
          expect(states.reduce((s, x) => s + x.paid, 0)).toBe(Math.min(counted, balance));
          for (const x of states) {
            expect(x.paid).toBeLessThanOrEqual(x.amount);
            if (x.status === 'missed') expect(x.dueOn < today).toBe(true);
            if (x.status === 'paid') expect(x.paid).toBe(x.amount);
          }
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

describe('what pays an instalment: payments settling the invoices the plan covers', () => {
  // A plan agreed on 5 March over the February bill (due 1 March, overdue then); the March bill
  // is issued on 1 April, due 15 April — after the agreement, so outside the plan.
  const agreedOn = '2027-03-05';
  const covered = { id: 'feb', issuedOn: '2027-02-15', dueOn: '2027-03-01', total: 9_000, previousBalance: 0 };
  const march = { id: 'mar', issuedOn: '2027-04-01', dueOn: '2027-04-15', total: 4_500, previousBalance: 9_000 };
  const schedule = instalmentSchedule(9_000, 3, '2027-04-10');
  const pay = (id: string, receivedOn: string, amount: number, invoiceId: string | null = null): PaymentFact => ({
    id,
    receivedOn,
    amount,
    status: 'received',
    returnedAmount: null,
    invoiceId,
  });
  const states = (payments: readonly PaymentFact[], today: string) => {
    const r = accountReceivables([covered, march], payments, []);
    return planStates({ agreedOn, schedule }, { allocations: r.allocations, invoices: [covered, march], payments }, today);
  };

  it('the plan covers the invoices due before the day it was agreed', () => {
    expect([...planInvoiceIds([covered, march, { id: 'x', dueOn: agreedOn }], agreedOn)]).toEqual(['feb']);
  });

  it('the customer paying the new bill as usual pays no instalment: the first is missed', () => {
    const s = states([pay('p1', '2027-04-02', 4_500, 'mar')], '2027-04-20');
    expect(s.map((x) => [x.status, x.paid])).toEqual([
      ['missed', 0],
      ['due', 0],
      ['due', 0],
    ]);
  });

  it('a payment for the plan (undirected: the oldest debt first, or directed at the plan’s bill) pays its instalments', () => {
    expect(states([pay('p1', '2027-04-02', 3_000)], '2027-04-20').map((x) => x.status)).toEqual(['paid', 'due', 'due']);
    expect(states([pay('p1', '2027-04-02', 3_000, 'feb')], '2027-04-20').map((x) => x.status)).toEqual(['paid', 'due', 'due']);
    // What a payment for the new bill leaves over goes to the oldest debt: the plan's.
    expect(states([pay('p1', '2027-04-02', 7_500, 'mar')], '2027-04-20').map((x) => [x.status, x.paid])).toEqual([
      ['paid', 3_000],
      ['due', 0],
      ['due', 0],
    ]);
    // Before the agreement it was not a plan payment.
    expect(states([pay('p0', '2027-03-04', 3_000)], '2027-04-20').map((x) => x.status)).toEqual(['missed', 'due', 'due']);
  });

  it('property: a payment allocated to a bill outside the plan never pays an instalment (1 000 runs)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1_000, max: 50_000 }), { minLength: 1, maxLength: 3 }),
        fc.array(
          fc.record({ total: fc.integer({ min: 1, max: 50_000 }), part: fc.double({ min: 0, max: 1, noNaN: true }), late: fc.integer({ min: 0, max: 40 }) }),
          {
            maxLength: 4,
          },
        ),
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 0, max: 400 }),
        (coveredTotals, newBills, n, todayOffset) => {
          const d = (k: number) => new Date(Date.UTC(2027, 2, 5 + k)).toISOString().slice(0, 10);
          const old = coveredTotals.map((total, k) => ({ id: `old${k}`, issuedOn: d(-40 - k), dueOn: d(-10 - k), total, previousBalance: 0 }));
          const fresh = newBills.map((b, k) => ({ id: `new${k}`, issuedOn: d(20 + 30 * k), dueOn: d(34 + 30 * k), total: b.total, previousBalance: 0 }));
          // Each new bill paid (in part or whole, on time or late) by a payment directed at it, never more than it asks.
          const payments = newBills.map((b, k) => pay(`p${k}`, d(20 + 30 * k + b.late), Math.floor(b.total * b.part), `new${k}`)).filter((p) => p.amount > 0);
          const balance = coveredTotals.reduce((s, x) => s + x, 0);
          const schedule = instalmentSchedule(balance, n, d(10));
          const invoices = [...old, ...fresh];
          const r = accountReceivables(invoices, payments, []);
          const s = planStates({ agreedOn: d(0), schedule }, { allocations: r.allocations, invoices, payments }, d(todayOffset));
          for (const x of s) {
            expect(x.paid).toBe(0);
            expect(x.status).not.toBe('paid');
          }
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('property: allocations to other invoices, of money that is not a payment, or before the agreement change nothing (1 000 runs)', () => {
    const alloc = fc.record({
      sourceId: fc.constantFrom('p1', 'p2', 'p3', 'credit', 'opening-balance'),
      invoiceId: fc.constantFrom('a', 'b', 'c', 'd'),
      amount: fc.integer({ min: 0, max: 10_000 }),
    });
    fc.assert(
      fc.property(fc.array(alloc, { maxLength: 12 }), (allocations: Allocation[]) => {
        const received = new Map([
          ['p1', '2027-03-04'],
          ['p2', '2027-03-05'],
          ['p3', '2027-04-01'],
        ]);
        const plan = new Set(['a', 'b']);
        const paid = planPayments(allocations, received, plan, '2027-03-05');
        const kept = allocations.filter((a) => plan.has(a.invoiceId) && (a.sourceId === 'p2' || a.sourceId === 'p3'));
        expect(paid.reduce((s, p) => s + p.amount, 0)).toBe(kept.reduce((s, a) => s + a.amount, 0));
        expect(planPayments([...allocations, { sourceId: 'p3', invoiceId: 'c', amount: 5_000 }], received, plan, '2027-03-05')).toEqual(paid);
      }),
      { numRuns: 1_000 },
    );
  });
});
