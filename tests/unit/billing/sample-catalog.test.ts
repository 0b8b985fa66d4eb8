import { describe, expect, it } from 'vitest';
import {
  compareInvoices,
  cycleOf,
  explainLine,
  generateInvoice,
  rankPlans,
  SAMPLE_CATALOG,
  summariseComparison,
  validateCatalog,
} from '../../../src/core/billing/index';
import { account, plain } from './fixtures';

describe('the sample catalog', () => {
  it('is valid and has plans, options, fees, promotions, a 2026 price increase and VAT rules', () => {
    expect(() => validateCatalog(SAMPLE_CATALOG)).not.toThrow();
    expect(SAMPLE_CATALOG.plans.map((p) => p.name)).toEqual(expect.arrayContaining(['Essentiel', 'Confort', 'Premium', 'Illimité', 'Fibre + Mobile']));
    expect(SAMPLE_CATALOG.promotions.length).toBeGreaterThanOrEqual(2);
    const increase = SAMPLE_CATALOG.priceChanges.find((c) => c.target.kind === 'plan');
    expect(increase?.effectiveFrom.startsWith('2026-')).toBe(true);
    expect(SAMPLE_CATALOG.taxRules.map((r) => r.country)).toEqual(expect.arrayContaining(['FR', 'GB', 'DE', 'BE']));
  });

  it('bills the April 2026 Premium increase and explains it', () => {
    // Premium 29.99 → 31.99 from 1 April 2026. March 2999 + 600 = 3599; April 3199 + 640 = 3839: +240.
    const customer = account({ subscription: [{ from: '2025-11-01', planId: 'premium', optionIds: [] }] });
    const march = generateInvoice(SAMPLE_CATALOG, customer, cycleOf('2026-03'));
    const april = generateInvoice(SAMPLE_CATALOG, customer, cycleOf('2026-04'));
    expect(plain(explainLine(april.lines[0]!, 'en'))).toBe(
      'Premium plan from 1 to 30 April: full month at €31.99 a month (new price from 1 April, was €29.99) = €31.99',
    );
    const cmp = compareInvoices(march, april);
    expect(plain(summariseComparison(cmp, 'en'))).toBe(
      'Your bill is €2.40 higher, mainly because the price of the Premium plan went up from €29.99 to €31.99 a month on 1 April (+€2.40).',
    );
  });

  it('ranks its plans for a heavy data user', () => {
    const customer = account({
      subscription: [{ from: '2025-01-01', planId: 'essentiel', optionIds: [] }],
      usage: ['2026-01', '2026-02', '2026-03'].map((m) => ({ cycleStart: `${m}-01`, dataMb: 40_000, voiceMinutes: 300, sms: 50 })),
    });
    const ranking = rankPlans(SAMPLE_CATALOG, customer, { date: '2026-04-10', months: 3 });
    // Usage assumed: January to March, 40 000 MB and 300 minutes a month (April: nothing recorded yet).
    // Essentiel: 999 + (40 000 − 10 240) MB × 1 + (300 − 120) min × 25 = 999 + 29 760 + 4 500 = 35 259 → + 7 051.8 VAT → 42 311.
    // Confort: 1999 + 400 = 2399, the cheapest that covers 40 000 MB. No price change for either: the year is 12 × the month.
    expect(ranking.plans[0]).toMatchObject({
      planId: 'confort',
      monthlyTotal: 2399,
      savingPerMonth: 42_311 - 2399,
      yearTotal: 12 * 2399,
      savingPerYear: 12 * (42_311 - 2399),
    });
    expect(ranking.plans.find((p) => p.isCurrent)?.monthlyTotal).toBe(42_311);
    expect(ranking.plans.some((p) => p.planId === 'decouverte')).toBe(false);
  });
});
