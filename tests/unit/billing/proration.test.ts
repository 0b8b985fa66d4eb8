import { describe, expect, it } from 'vitest';
import { cycleOf, generateInvoice, prorate, type InvoiceLine } from '../../../src/core/billing/index';
import { account, CATALOG } from './fixtures';

const fees = (lines: readonly InvoiceLine[]) =>
  lines.flatMap((l) => (l.explanation.code === 'recurring-fee' ? [{ ...l.explanation, amount: l.amount, tax: l.tax }] : []));

describe('daily proration of recurring fees', () => {
  it('charges a whole month at exactly the monthly fee', () => {
    const invoice = generateInvoice(CATALOG, account({ subscription: [{ from: '2026-01-10', planId: 'premium', optionIds: [] }] }), cycleOf('2026-03'));
    expect(fees(invoice.lines)).toMatchObject([{ rule: 'full-cycle', days: 31, daysInCycle: 31, monthlyFee: 2999, amount: 2999 }]);
  });

  it('prorates a mid-cycle start by the day', () => {
    // Premium from 12 March: 20 of 31 days. 2999 × 20/31 = 1934.84 → 1935. VAT 1935 × 20% = 387.
    const invoice = generateInvoice(CATALOG, account({ subscription: [{ from: '2026-03-12', planId: 'premium', optionIds: [] }] }), cycleOf('2026-03'));
    expect(fees(invoice.lines)).toMatchObject([
      { rule: 'daily-proration', from: '2026-03-12', to: '2026-03-31', days: 20, daysInCycle: 31, amount: 1935, tax: 387 },
    ]);
    expect(invoice.total).toBe(2322);
  });

  it('splits a plan change into two prorated lines', () => {
    // Confort 1–11 March: 1999 × 11/31 = 709.32 → 709 (VAT 141.8 → 142).
    // Premium 12–31 March: 2999 × 20/31 = 1934.84 → 1935 (VAT 387). Total 709+142+1935+387 = 3173.
    const invoice = generateInvoice(
      CATALOG,
      account({
        subscription: [
          { from: '2025-06-01', planId: 'confort', optionIds: [] },
          { from: '2026-03-12', planId: 'premium', optionIds: [] },
        ],
      }),
      cycleOf('2026-03'),
    );
    expect(fees(invoice.lines)).toMatchObject([
      { item: { id: 'confort' }, from: '2026-03-01', to: '2026-03-11', days: 11, amount: 709, tax: 142 },
      { item: { id: 'premium' }, from: '2026-03-12', to: '2026-03-31', days: 20, amount: 1935, tax: 387 },
    ]);
    expect(invoice.total).toBe(3173);
  });

  it('stops charging the day a cancellation takes effect', () => {
    // Cancelled from 21 March: service 1–20 March, 2999 × 20/31 → 1935; the option stops too.
    const invoice = generateInvoice(
      CATALOG,
      account({
        subscription: [
          { from: '2025-06-01', planId: 'premium', optionIds: ['europe'] },
          { from: '2026-03-21', planId: null, optionIds: [] },
        ],
      }),
      cycleOf('2026-03'),
    );
    // Europe 500 × 20/31 = 322.58 → 323.
    expect(fees(invoice.lines).map((f) => [f.item.id, f.to, f.amount])).toEqual([
      ['premium', '2026-03-20', 1935],
      ['europe', '2026-03-20', 323],
    ]);
  });

  it('uses the days of the month, 29 in a leap February', () => {
    // Confort from 10 Feb 2028: 20 of 29 days. 1999 × 20/29 = 1378.62 → 1379.
    const invoice = generateInvoice(CATALOG, account({ subscription: [{ from: '2028-02-10', planId: 'confort', optionIds: [] }] }), cycleOf('2028-02'));
    expect(fees(invoice.lines)).toMatchObject([{ days: 20, daysInCycle: 29, amount: 1379 }]);
  });

  it('charges nothing before the subscription starts or after it ends', () => {
    const history = [
      { from: '2026-05-01', planId: 'premium', optionIds: [] },
      { from: '2026-06-01', planId: null, optionIds: [] },
    ];
    expect(generateInvoice(CATALOG, account({ subscription: history }), cycleOf('2026-04')).lines).toEqual([]);
    expect(generateInvoice(CATALOG, account({ subscription: history }), cycleOf('2026-06')).lines).toEqual([]);
  });

  it('rounds each line once, halves away from zero', () => {
    // 999 × 14/28 = 499.5 → 500 (not 499).
    expect(prorate(999, 14, 28)).toBe(500);
    expect(prorate(2999, 20, 31)).toBe(1935);
    expect(prorate(2999, 31, 31)).toBe(2999);
  });
});
