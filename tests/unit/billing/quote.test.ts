import { describe, expect, it } from 'vitest';
import {
  applySubscriptionChange,
  cycleOf,
  explainLine,
  generateInvoice,
  quotePlanChange,
} from '../../../src/core/billing/index';
import { account, CATALOG, plain, refusal } from './fixtures';

const onPremium = account({
  subscription: [{ from: '2025-06-01', planId: 'premium', optionIds: [] }],
  usage: [{ cycleStart: '2025-12-01', dataMb: 8000, voiceMinutes: 40, sms: 10 }],
});

describe('plan-change quote', () => {
  it('switching now prorates both plans in this month and gives the monthly bill after', () => {
    // Call on 20 Jan 2026, Premium → Essentiel now.
    // January: Premium 1–19: 2999 × 19/31 = 1838.10 → 1838 (VAT 367.6 → 368);
    //          Essentiel 20–31: 999 × 12/31 = 386.71 → 387 (VAT 77.4 → 77). Total 2670 (3599 without the change).
    // February: Essentiel 999 + 200 = 1199 against Premium 2999 + 600 = 3599: saves 2400 a month, 28 800 a year.
    // Usage assumed: December's 8 000 MB, within both allowances.
    const quote = quotePlanChange(CATALOG, onPremium, { date: '2026-01-20', timing: 'now', planId: 'basic' });
    expect(quote.change).toEqual({ from: '2026-01-20', planId: 'basic', optionIds: [] });
    expect(quote.nextInvoice.total).toBe(2670);
    expect(quote.nextInvoiceWithoutChange.total).toBe(3599);
    expect(quote.nextInvoiceDifference).toBe(-929);
    expect(quote.monthlyAfter.total).toBe(1199);
    expect(quote.monthlyAfterWithoutChange.total).toBe(3599);
    expect(quote.savingPerMonth).toBe(2400);
    expect(quote.savingPerYear).toBe(28_800);
    expect(quote.assumedUsage.map((u) => [u.cycleStart, u.dataMb])).toEqual([
      ['2026-01-01', 8000],
      ['2026-02-01', 8000],
    ]);
    expect(quote.prorationLines.map((l) => plain(explainLine(l, 'en')))).toEqual([
      'Premium plan from 1 to 19 January: 19 of 31 days at €29.99 a month = €18.38',
      'Essentiel plan from 20 to 31 January: 12 of 31 days at €9.99 a month = €3.87',
    ]);
  });

  it('switching at the end of the cycle leaves this month alone', () => {
    const quote = quotePlanChange(CATALOG, onPremium, { date: '2026-01-20', timing: 'end-of-cycle', planId: 'basic' });
    expect(quote.change.from).toBe('2026-02-01');
    expect(quote.nextInvoice.total).toBe(3599);
    expect(quote.nextInvoiceDifference).toBe(0);
    expect(quote.prorationLines).toEqual([]);
    expect(quote.savingPerMonth).toBe(2400);
  });

  it('counts the overage a smaller allowance would bring', () => {
    // With 12 500 MB a month, Essentiel (10 000 MB) costs 999 + 2500 overage = 3499 + 700 VAT = 4199: a loss of 600 a month.
    const heavy = { ...onPremium, usage: [{ cycleStart: '2025-12-01', dataMb: 12_500, voiceMinutes: 0, sms: 0 }] };
    const quote = quotePlanChange(CATALOG, heavy, { date: '2026-01-20', timing: 'end-of-cycle', planId: 'basic' });
    expect(quote.monthlyAfter.total).toBe(4199);
    expect(quote.savingPerMonth).toBe(-600);
  });

  it('quotes an option change, keeping the plan', () => {
    // Adding Voyage Europe from 20 Jan: 500 × 12/31 = 193.55 → 194 (+39 VAT).
    const quote = quotePlanChange(CATALOG, onPremium, { date: '2026-01-20', timing: 'now', optionIds: ['europe'] });
    expect(quote.change).toEqual({ from: '2026-01-20', planId: 'premium', optionIds: ['europe'] });
    expect(quote.nextInvoiceDifference).toBe(233);
    expect(quote.savingPerMonth).toBe(-600);
  });

  it('is the invoice really produced once the change is recorded', () => {
    const quote = quotePlanChange(CATALOG, onPremium, { date: '2026-01-20', timing: 'now', planId: 'confort', optionIds: ['tv'] });
    const recorded = applySubscriptionChange({ ...onPremium, usage: [...onPremium.usage, ...quote.assumedUsage] }, quote.change);
    expect(generateInvoice(CATALOG, recorded, cycleOf('2026-01'))).toEqual(quote.nextInvoice);
    expect(generateInvoice(CATALOG, recorded, cycleOf('2026-02'))).toEqual(quote.monthlyAfter);
  });

  it('refuses a plan no longer sold, and a customer without a plan', () => {
    expect(refusal(() => quotePlanChange(CATALOG, onPremium, { date: '2026-01-20', timing: 'now', planId: 'premium-bis' }))).toBe('invalid-input');
    expect(refusal(() => quotePlanChange(CATALOG, account(), { date: '2026-01-20', timing: 'now', planId: 'basic' }))).toBe('no-active-plan');
    expect(refusal(() => quotePlanChange(CATALOG, onPremium, { date: '2026-01-20', timing: 'now', planId: 'nope' }))).toBe('unknown-plan');
  });
});
