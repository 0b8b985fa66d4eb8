import { describe, expect, it } from 'vitest';
import type { DiscountRequestInput } from '../../../src/core/api';
import {
  creditHistory,
  customerFacts,
  entriesDiffer,
  firstOpenCycle,
  grantedTotal,
  isLoweringOf,
  monthsBetween,
  standingOf,
  yearBefore,
  type DecisionRows,
  type InvoiceFact,
  type LedgerFact,
  type PlannedEntry,
} from '../../../src/core/policy';

const account = { id: 'a1', customerId: 'c1', currency: 'EUR', status: 'active', openedOn: '2024-03-20' };
const inv = (id: string, total: number, over: Partial<InvoiceFact> = {}): InvoiceFact => ({
  id,
  total,
  amountDue: total,
  issuedOn: '2026-11-01',
  dueOn: '2026-11-20',
  lateFee: 0,
  ...over,
});
const credit = (id: string, amount: number, effectiveOn: string, over: Partial<LedgerFact> = {}): LedgerFact => ({
  id,
  kind: 'credit',
  amount,
  reasonCode: 'goodwill',
  reversesId: null,
  terms: null,
  effectiveOn,
  ...over,
});

describe('facts from rows (the rule the desk and the hub share)', () => {
  it('counts whole months of tenure and a 29 February year window', () => {
    expect(monthsBetween('2024-03-20', '2026-03-19')).toBe(23);
    expect(monthsBetween('2024-03-20', '2026-03-20')).toBe(24);
    expect(yearBefore('2028-02-29')).toBe('2027-02-28');
    expect(yearBefore('2026-12-05')).toBe('2025-12-05');
  });

  it('standing: late when the latest bill is unpaid past due, collections when two bills carried fees too', () => {
    const today = '2026-11-25';
    expect(standingOf(account, [inv('i2', 4000)], 4000, today)).toBe('good');
    expect(standingOf(account, [inv('i2', 4000)], 3999, today)).toBe('late');
    expect(standingOf(account, [inv('i2', 4000)], 0, '2026-11-20')).toBe('good'); // due today is not overdue
    expect(standingOf(account, [inv('i2', 4000, { lateFee: 500 }), inv('i1', 4000, { lateFee: 500 })], 0, today)).toBe('collections');
    expect(standingOf(account, [inv('i2', 4000, { lateFee: 500 }), inv('i1', 4000)], 4000, today)).toBe('late');
    expect(standingOf({ ...account, status: 'suspended' }, [], 0, today)).toBe('collections');
  });

  it('standing: what open disputes hold on the latest bill is set aside — wholly under dispute it is not late; a unit short it is', () => {
    const today = '2026-11-25';
    expect(standingOf(account, [inv('i2', 4000, { held: 4000 })], 0, today)).toBe('good');
    expect(standingOf(account, [inv('i2', 4000, { held: 1000 })], 3000, today)).toBe('good');
    expect(standingOf(account, [inv('i2', 4000, { held: 3999 })], 0, today)).toBe('late');
    expect(standingOf(account, [inv('i2', 4000, { held: -4000 })], 0, today)).toBe('late'); // a negative hold frees nothing
    // A bill that carried a late fee keeps the account late whatever is disputed now.
    expect(standingOf(account, [inv('i2', 4000, { held: 4000, lateFee: 500 })], 0, today)).toBe('late');
  });

  it('history: a reversed one-off counts nothing; a reversed recurring discount counts the cycles billed before', () => {
    const recurring: LedgerFact = {
      id: 'r',
      kind: 'recurring_discount',
      amount: 6000,
      reasonCode: 'retention_offer',
      reversesId: null,
      terms: JSON.stringify({ cycles: 6, startCycle: '2026-06', amountPerCycle: 1000 }),
      effectiveOn: '2026-06-02',
    };
    const ledger: LedgerFact[] = [
      credit('x', 2500, '2026-10-01'),
      { ...credit('x-rev', -2500, '2026-10-02'), kind: 'reversal', reversesId: 'x' },
      recurring,
      { ...credit('r-rev', -6000, '2026-09-15'), kind: 'reversal', reversesId: 'r' },
      credit('old', 9999, '2025-11-25'), // outside the window
      credit('kept', 1200, '2026-02-01', { reasonCode: 'billing-error' }),
    ];
    const h = creditHistory(ledger, '2026-11-25');
    expect(h).toEqual([
      { at: '2026-06-02', amount: 3000, reason: 'retention_offer', kind: 'recurring_discount' }, // June, July, August billed
      { at: '2026-02-01', amount: 1200, reason: 'billing_error', kind: 'one_off_credit' },
    ]);
  });

  it("an agent's day counts what stands: reversals taken back", () => {
    expect(
      grantedTotal([
        { ...credit('a', 1000, '2026-11-25'), reversalOn: null },
        { ...credit('b', 700, '2026-11-25'), reversalOn: '2026-11-25' },
      ]),
    ).toBe(1000);
  });

  it('a request never supplies a fact but its justification', () => {
    const rows: DecisionRows = {
      customer: { id: 'c1', fraudFlag: false, churnRisk: 'high' },
      account,
      invoice: inv('i3', -200, { lateFee: 0 }),
      recentInvoices: [inv('i3', -200), inv('i2', 4000), inv('i1', 4200)],
      paidSinceLatest: 0,
      ledger: [],
      actorGrantsToday: [],
    };
    const f = customerFacts(rows, { kind: 'one_off_credit', reason: 'billing_error', target: 'invoice', amount: 100, disputedAmount: 100 }, '2026-11-25');
    expect(f).toMatchObject({ invoiceTotal: 0, monthlyBill: 4000, disputedAmount: 100, churnRisk: 'high', tenureMonths: 32, actorGrantedToday: 0 });
    expect(f).not.toHaveProperty('lateFeeAmount');
  });
});

describe('what a grant writes, and what an approver may change', () => {
  it('a recurring discount starts on the first cycle not yet invoiced', () => {
    expect(firstOpenCycle('2026-11-25', '2026-11-01')).toBe('2026-12');
    expect(firstOpenCycle('2026-11-25', '2026-10-01')).toBe('2026-11');
    expect(firstOpenCycle('2026-11-25', null)).toBe('2026-11');
  });

  const base: PlannedEntry = {
    id: 'e',
    accountId: 'a1',
    kind: 'recurring_discount',
    amount: 3000,
    currency: 'EUR',
    reasonCode: 'retention_offer',
    invoiceId: null,
    terms: { cycles: 3, startCycle: '2026-12', amountPerCycle: 1000 },
  };
  it('entries agree when the money and the place agree; a later start is allowed, an invoiced one is not', () => {
    expect(entriesDiffer([base], [base])).toEqual([]);
    expect(entriesDiffer([{ ...base, terms: { ...base.terms!, startCycle: '2027-01' } }], [base])).toEqual([]);
    expect(entriesDiffer([{ ...base, terms: { ...base.terms!, startCycle: '2026-11' } }], [base])).toEqual(['startCycle: 2026-11 is already invoiced']);
    expect(entriesDiffer([{ ...base, amount: 3001 }], [base])).toEqual(['amount: 3001 ≠ 3000']);
    expect(entriesDiffer([], [base])).toHaveLength(1);
  });

  it('an approval may lower a request, never raise or reshape it', () => {
    const one: DiscountRequestInput = { kind: 'one_off_credit', reason: 'goodwill', target: 'account', amount: 5000 };
    expect(isLoweringOf(one, one)).toBe(true);
    expect(isLoweringOf(one, { ...one, amount: 3000 })).toBe(true);
    expect(isLoweringOf(one, { ...one, amount: 5001 })).toBe(false);
    expect(isLoweringOf(one, { ...one, target: 'invoice' })).toBe(false);
    expect(isLoweringOf(one, { ...one, reason: 'billing_error' })).toBe(false);
    const pct: DiscountRequestInput = { kind: 'recurring_discount', reason: 'retention_offer', form: 'percent', percentBp: 1500, cycles: 6 };
    expect(isLoweringOf(pct, { ...pct, cycles: 3, percentBp: 1000 })).toBe(true);
    expect(isLoweringOf(pct, { ...pct, cycles: 7 })).toBe(false);
    expect(isLoweringOf(pct, { kind: 'recurring_discount', reason: 'retention_offer', form: 'amount', amountPerCycle: 1, cycles: 6 })).toBe(false);
  });
});
