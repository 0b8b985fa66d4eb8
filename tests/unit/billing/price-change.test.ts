import { describe, expect, it } from 'vitest';
import { cycleOf, generateInvoice, priceOn } from '../../../src/core/billing/index';
import { account, CATALOG } from './fixtures';

const premium = account({ subscription: [{ from: '2026-01-01', planId: 'premium', optionIds: [] }] });

describe('catalog price changes', () => {
  it('gives the fee in force on a day', () => {
    expect(priceOn(CATALOG, { kind: 'plan', id: 'premium' }, '2026-04-14')).toEqual({ monthlyFee: 2999, priceChange: null });
    expect(priceOn(CATALOG, { kind: 'plan', id: 'premium' }, '2026-04-15')).toEqual({
      monthlyFee: 3199,
      priceChange: { priceChangeId: 'premium-up', effectiveFrom: '2026-04-15', previousMonthlyFee: 2999 },
    });
  });

  it('splits the month at the effective date, each part prorated at its own price', () => {
    // April, 30 days. 1–14 at 2999: 2999 × 14/30 = 1399.53 → 1400 (VAT 280).
    // 15–30 at 3199: 3199 × 16/30 = 1706.13 → 1706 (VAT 341.2 → 341). Total 1400+280+1706+341 = 3727.
    const invoice = generateInvoice(CATALOG, premium, cycleOf('2026-04'));
    expect(invoice.lines.map((l) => [l.explanation.code === 'recurring-fee' && l.explanation.monthlyFee, l.amount, l.tax])).toEqual([
      [2999, 1400, 280],
      [3199, 1706, 341],
    ]);
    expect(invoice.total).toBe(3727);
  });

  it('charges the new price for the whole of the following months', () => {
    const invoice = generateInvoice(CATALOG, premium, cycleOf('2026-05'));
    expect(invoice.lines).toHaveLength(1);
    expect(invoice.lines[0]).toMatchObject({ amount: 3199, explanation: { rule: 'full-cycle', priceChange: { priceChangeId: 'premium-up' } } });
  });
});
