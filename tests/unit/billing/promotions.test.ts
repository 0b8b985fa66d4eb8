import { describe, expect, it } from 'vitest';
import { cycleOf, generateInvoice, promotionEndDate, type InvoiceLine, type Promotion } from '../../../src/core/billing/index';
import { account, CATALOG } from './fixtures';

const promos = (lines: readonly InvoiceLine[]) =>
  lines.flatMap((l) => (l.explanation.code === 'promotion' ? [{ ...l.explanation, amount: l.amount, tax: l.tax }] : []));

const onPremiumWithWelcome = account({
  subscription: [{ from: '2025-09-04', planId: 'premium', optionIds: [] }],
  promotions: [{ promotionId: 'welcome', startDate: '2025-09-04' }],
});

describe('promotions', () => {
  it('knows when a promotion ends: the day before the same date N months later', () => {
    const sixMonths = { cycles: 6 } as Promotion;
    const oneMonth = { cycles: 1 } as Promotion;
    expect(promotionEndDate(sixMonths, { promotionId: 'x', startDate: '2025-09-04' })).toBe('2026-03-03');
    expect(promotionEndDate(oneMonth, { promotionId: 'x', startDate: '2026-03-01' })).toBe('2026-03-31');
    // 31 January + 1 month does not exist: runs to the end of February.
    expect(promotionEndDate(oneMonth, { promotionId: 'x', startDate: '2026-01-31' })).toBe('2026-02-28');
    expect(promotionEndDate(oneMonth, { promotionId: 'x', startDate: '2024-01-31' })).toBe('2024-02-29');
  });

  it('takes a percentage off the fee it targets, for the whole month', () => {
    // 50% of 2999 = 1499.5 → 1500 (half away from zero). VAT on the discount: −1500 × 20% = −300.
    const invoice = generateInvoice(CATALOG, onPremiumWithWelcome, cycleOf('2026-02'));
    expect(promos(invoice.lines)).toMatchObject([
      { rule: 'percent-of-fee', days: 28, amount: -1500, tax: -300, promotion: { endDate: '2026-03-03', cycles: 6 } },
    ]);
    // The discount sits right after the fee it reduces.
    expect(invoice.lines.map((l) => l.explanation.code)).toEqual(['recurring-fee', 'promotion']);
    // 2999 + 600 − 1500 − 300 = 1799
    expect(invoice.total).toBe(1799);
  });

  it('applies only up to its end date, then stops', () => {
    // Ends 3 March: 2999 × 50% × 3/31 = 145.11 → 145 (VAT −29).
    const march = generateInvoice(CATALOG, onPremiumWithWelcome, cycleOf('2026-03'));
    expect(promos(march.lines)).toMatchObject([{ from: '2026-03-01', to: '2026-03-03', days: 3, amount: -145, tax: -29 }]);
    const april = generateInvoice(CATALOG, onPremiumWithWelcome, cycleOf('2026-04'));
    expect(promos(april.lines)).toEqual([]);
  });

  it('prorates an amount off like the fee it reduces', () => {
    // €5.00 a month off from 12 March: 500 × 20/31 = 322.58 → 323.
    const invoice = generateInvoice(
      CATALOG,
      account({
        subscription: [{ from: '2026-03-12', planId: 'premium', optionIds: [] }],
        promotions: [{ promotionId: 'fixed', startDate: '2026-03-12' }],
      }),
      cycleOf('2026-03'),
    );
    expect(promos(invoice.lines)).toMatchObject([{ rule: 'amount-off', days: 20, amount: -323, capped: false }]);
  });

  it('targets an option', () => {
    // TV offerte: 100% of the TV option (800), 3 months from 1 March → ends 31 May.
    const invoice = generateInvoice(
      CATALOG,
      account({
        subscription: [{ from: '2026-01-01', planId: 'basic', optionIds: ['tv'] }],
        promotions: [{ promotionId: 'tv-free', startDate: '2026-03-01' }],
      }),
      cycleOf('2026-03'),
    );
    expect(promos(invoice.lines)).toMatchObject([{ item: { id: 'tv' }, amount: -800 }]);
  });

  it('never takes more than what is left of the fee', () => {
    // Essentiel 999. Bienvenue 50%: 499.5 → 500. Then €5.00 off, but only 999 − 500 = 499 is left → 499, capped.
    const invoice = generateInvoice(
      CATALOG,
      account({
        subscription: [{ from: '2026-01-01', planId: 'basic', optionIds: [] }],
        promotions: [
          { promotionId: 'welcome', startDate: '2026-01-01' },
          { promotionId: 'fixed', startDate: '2026-02-01' },
        ],
      }),
      cycleOf('2026-03'),
    );
    expect(promos(invoice.lines)).toMatchObject([
      { promotion: { id: 'welcome' }, amount: -500, capped: false },
      { promotion: { id: 'fixed' }, amount: -499, capped: true },
    ]);
    expect(invoice.subtotal).toBe(0);
  });

  it('does not follow the customer to a plan it does not target', () => {
    // Bienvenue targets Essentiel/Confort/Premium, not Premium Bis: it stops at the switch on 16 March.
    const invoice = generateInvoice(
      CATALOG,
      account({
        subscription: [
          { from: '2026-01-01', planId: 'premium', optionIds: [] },
          { from: '2026-03-16', planId: 'premium-bis', optionIds: [] },
        ],
        promotions: [{ promotionId: 'welcome', startDate: '2026-01-01' }],
      }),
      cycleOf('2026-03'),
    );
    // 2999 × 50% × 15/31 = 725.56 → 726
    expect(promos(invoice.lines)).toMatchObject([{ item: { id: 'premium' }, to: '2026-03-15', days: 15, amount: -726 }]);
  });
});
