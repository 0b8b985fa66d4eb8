import { describe, expect, it } from 'vitest';
import { cycleOf, generateInvoice, taxRateFor, type Catalog } from '../../../src/core/billing/index';
import { account, CATALOG, refusal } from './fixtures';

const march = cycleOf('2026-03');
const premiumFrom12 = { subscription: [{ from: '2026-03-12', planId: 'premium', optionIds: [] }] };

describe('VAT by country and category, per line', () => {
  it('looks the rate up in the table, a category rule before a country-wide one', () => {
    expect(taxRateFor(CATALOG, 'FR', 'residential')).toBe(2000);
    expect(taxRateFor(CATALOG, 'FR', 'business')).toBe(2000);
    expect(taxRateFor(CATALOG, 'DE', 'business')).toBe(1900);
    expect(taxRateFor({ ...CATALOG, taxRules: [...CATALOG.taxRules, { country: 'DE', category: 'business', rateBp: 0 }] }, 'DE', 'business')).toBe(0);
  });

  it('refuses a country without a VAT rule', () => {
    expect(refusal(() => generateInvoice(CATALOG, account({ ...premiumFrom12, country: 'US' }), march))).toBe('no-tax-rule');
  });

  it('taxes each line at the account rate, rounded once per line', () => {
    // 1935 net. FR 20%: 387. DE 19%: 367.65 → 368. BE 21%: 406.35 → 406.
    const tax = (country: string) => generateInvoice(CATALOG, account({ ...premiumFrom12, country }), march).lines[0]?.tax;
    expect(tax('FR')).toBe(387);
    expect(tax('DE')).toBe(368);
    expect(tax('BE')).toBe(406);
    expect(tax('GB')).toBe(387);
  });

  it('rounds VAT halves away from zero, on discounts too', () => {
    // A €0.50 a month discount in Belgium: VAT −50 × 21% = −10.5 → −11.
    const catalog: Catalog = {
      ...CATALOG,
      promotions: [{ id: 'tiny', name: 'Tiny', target: { kind: 'plan' }, discount: { kind: 'amount', amount: 50 }, cycles: 1 }],
    };
    const invoice = generateInvoice(
      catalog,
      account({
        country: 'BE',
        subscription: [{ from: '2026-01-01', planId: 'basic', optionIds: [] }],
        promotions: [{ promotionId: 'tiny', startDate: '2026-03-01' }],
      }),
      march,
    );
    expect(invoice.lines.map((l) => [l.amount, l.tax])).toEqual([
      [999, 210], // 209.79 → 210
      [-50, -11],
    ]);
  });

  it('adds up: subtotal + tax = total = Σ line totals', () => {
    const invoice = generateInvoice(CATALOG, account({ ...premiumFrom12, country: 'DE' }), march);
    expect(invoice.subtotal).toBe(1935);
    expect(invoice.tax).toBe(368);
    expect(invoice.total).toBe(2303);
    expect(invoice.taxRateBp).toBe(1900);
  });
});
