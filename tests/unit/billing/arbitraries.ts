/** fast-check generators: random catalogs (fees, rates, discounts) and random account histories. */
import fc from 'fast-check';
import { addDays, dayNumber, fromDayNumber, monthCycle, nextCycle } from '../../../src/core/billing/dates';
import { lastServiceDay, sortedHistory } from '../../../src/core/billing/subscription';
import type { AccountBillingContext, BillingCycle, Catalog, CustomerCategory, IsoDate, PreviousInvoice } from '../../../src/core/billing/index';
import { CATALOG } from './fixtures';

const PLAN_IDS = CATALOG.plans.map((p) => p.id);
const OPTION_IDS = CATALOG.options.map((o) => o.id);
const PROMOTION_IDS = CATALOG.promotions.map((p) => p.id);
const FEE_IDS = CATALOG.oneOffFees.filter((f) => f.kind !== 'late-payment').map((f) => f.id);
const COUNTRIES = ['FR', 'DE', 'BE', 'GB'] as const;

export const feeArb = fc.integer({ min: 0, max: 1_000_000 });

/** The test catalog with random fees, discounts, new prices and VAT rates. */
export const catalogArb: fc.Arbitrary<Catalog> = fc
  .record({
    planFees: fc.array(feeArb, { minLength: PLAN_IDS.length, maxLength: PLAN_IDS.length }),
    optionFees: fc.array(feeArb, { minLength: OPTION_IDS.length, maxLength: OPTION_IDS.length }),
    percent: fc.integer({ min: 0, max: 10_000 }),
    amountOff: fc.integer({ min: 0, max: 50_000 }),
    newPrices: fc.array(feeArb, { minLength: 2, maxLength: 2 }),
    rates: fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: CATALOG.taxRules.length, maxLength: CATALOG.taxRules.length }),
  })
  .map(({ planFees, optionFees, percent, amountOff, newPrices, rates }) => ({
    ...CATALOG,
    plans: CATALOG.plans.map((p, i) => ({ ...p, monthlyFee: planFees[i] ?? 0 })),
    options: CATALOG.options.map((o, i) => ({ ...o, monthlyFee: optionFees[i] ?? 0 })),
    promotions: CATALOG.promotions.map((p) =>
      p.discount.kind === 'percent'
        ? { ...p, discount: { kind: 'percent' as const, basisPoints: percent } }
        : { ...p, discount: { kind: 'amount' as const, amount: amountOff } },
    ),
    priceChanges: CATALOG.priceChanges.map((c, i) => ({ ...c, monthlyFee: newPrices[i] ?? 0 })),
    taxRules: CATALOG.taxRules.map((r, i) => ({ ...r, rateBp: rates[i] ?? 0 })),
  }));

/** Two consecutive cycles between mid-2025 and mid-2027 (around the 2026 price changes). */
export const twoCyclesArb: fc.Arbitrary<{ prev: BillingCycle; curr: BillingCycle }> = fc.integer({ min: 0, max: 23 }).map((i) => {
  const prev = monthCycle(2025 + Math.floor((5 + i) / 12), ((5 + i) % 12) + 1);
  return { prev, curr: nextCycle(prev) };
});

export const cycleArb: fc.Arbitrary<BillingCycle> = fc.integer({ min: 0, max: 12 * 30 }).map((i) => monthCycle(2000 + Math.floor(i / 12), (i % 12) + 1));

export function dateArb(from: IsoDate, to: IsoDate): fc.Arbitrary<IsoDate> {
  return fc.integer({ min: dayNumber(from), max: dayNumber(to) }).map(fromDayNumber);
}

const optionsArb = fc.subarray(OPTION_IDS);
const amountArb = fc.integer({ min: -5_000, max: 50_000 });

/** A customer's history around `cycles`: plan changes, cancellations, promotions, usage, fees, payments, credits. */
export function accountArb(prev: BillingCycle, curr: BillingCycle): fc.Arbitrary<AccountBillingContext> {
  const anyDay = dateArb(addDays(prev.start, -60), curr.end);
  const inWindow = dateArb(prev.start, curr.end);
  const usageArb = fc.record({
    dataMb: fc.integer({ min: 0, max: 150_000 }),
    voiceMinutes: fc.integer({ min: 0, max: 400 }),
    sms: fc.integer({ min: 0, max: 400 }),
  });
  return fc
    .record({
      first: fc.record({ from: anyDay, planId: fc.constantFrom(...PLAN_IDS), optionIds: optionsArb }),
      changes: fc.array(fc.record({ from: anyDay, planId: fc.option(fc.constantFrom(...PLAN_IDS), { freq: 4, nil: null }), optionIds: optionsArb }), {
        maxLength: 3,
      }),
      promotions: fc.uniqueArray(fc.record({ promotionId: fc.constantFrom(...PROMOTION_IDS), startDate: dateArb(addDays(prev.start, -400), curr.end) }), {
        selector: (g) => `${g.promotionId}@${g.startDate}`,
        maxLength: 3,
      }),
      usage: fc.tuple(usageArb, usageArb),
      charges: fc.array(fc.record({ feeId: fc.constantFrom(...FEE_IDS), date: inWindow }), { maxLength: 2 }),
      payments: fc.array(fc.record({ date: inWindow, amount: amountArb }), { maxLength: 3 }),
      credits: fc.array(
        fc.record({ date: inWindow, amount: amountArb, reason: fc.constantFrom('goodwill' as const, 'service-outage' as const, 'reversal' as const) }),
        { maxLength: 2 },
      ),
      country: fc.constantFrom(...COUNTRIES),
      category: fc.constantFrom<CustomerCategory>('residential', 'business'),
      paymentTermsDays: fc.integer({ min: 0, max: 28 }),
    })
    .map((r) => {
      const subscription = [r.first, ...r.changes];
      const sorted = sortedHistory(subscription);
      // Usage only where there was a plan to rate it against (the engine refuses it otherwise).
      const usage = [prev, curr].flatMap((cycle, i) => {
        const quantities = r.usage[i];
        return quantities && lastServiceDay(sorted, cycle) !== null ? [{ cycleStart: cycle.start, ...quantities }] : [];
      });
      return {
        accountId: 'acc-p',
        country: r.country,
        category: r.category,
        currency: 'EUR',
        paymentTermsDays: r.paymentTermsDays,
        subscription,
        promotions: r.promotions,
        usage,
        oneOffCharges: r.charges.map((c, i) => ({ id: `c${i}`, ...c })),
        payments: r.payments.map((p, i) => ({ id: `p${i}`, ...p })),
        ledger: r.credits.map((c, i) => ({ kind: 'credit' as const, id: `l${i}`, ...c })),
      };
    });
}

/** The bill before the first cycle, to exercise the balance and the late fee. */
export function previousInvoiceArb(cycle: BillingCycle, terms: number): fc.Arbitrary<PreviousInvoice> {
  return fc.integer({ min: -10_000, max: 50_000 }).map((amountDue) => ({
    id: 'before',
    issueDate: cycle.start,
    dueDate: addDays(cycle.start, terms),
    amountDue,
  }));
}

export const countryArb = fc.constantFrom(...COUNTRIES);
