import { describe, expect, it } from 'vitest';
import { applySubscriptionChange, cycleOf, explainLine, generateInvoice, quotePlanChange } from '../../../src/core/billing/index';
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
    // February: Essentiel 999 + 200 = 1199 against Premium 2999 + 600 = 3599: saves 2400 in the first month.
    // The year, February 2026 to January 2027 (each invoice generated): Essentiel 12 × 1199 = 14 388;
    // Premium 3599 in February and March, then its price rises on 15 April (2999 × 14/30 = 1399.53 → 1400,
    // 3199 × 16/30 = 1706.13 → 1706, VAT 280 + 341 → 3727), then 3199 + 640 = 3839 for nine months:
    // 2 × 3599 + 3727 + 9 × 3839 = 45 476. Saving over the twelve months 31 088 — not 12 × 2400 = 28 800.
    // Usage assumed: December's 8 000 MB (the only month recorded of the last three), within both allowances;
    // nothing recorded for January yet, so the whole month is assumed.
    const quote = quotePlanChange(CATALOG, onPremium, { date: '2026-01-20', timing: 'now', planId: 'basic' });
    expect(quote.change).toEqual({ from: '2026-01-20', planId: 'basic', optionIds: [] });
    expect(quote.nextInvoice.total).toBe(2670);
    expect(quote.nextInvoiceWithoutChange.total).toBe(3599);
    expect(quote.nextInvoiceDifference).toBe(-929);
    expect(quote.monthlyAfter.total).toBe(1199);
    expect(quote.monthlyAfterWithoutChange.total).toBe(3599);
    expect(quote.savingPerMonth).toBe(2400);
    expect(quote.year.cycles.map((c) => c.start)).toEqual([
      '2026-02-01',
      '2026-03-01',
      '2026-04-01',
      '2026-05-01',
      '2026-06-01',
      '2026-07-01',
      '2026-08-01',
      '2026-09-01',
      '2026-10-01',
      '2026-11-01',
      '2026-12-01',
      '2027-01-01',
    ]);
    expect(quote.year.totalsWithoutChange.slice(0, 4)).toEqual([3599, 3599, 3727, 3839]);
    expect(quote.year.total).toBe(14_388);
    expect(quote.year.totalWithoutChange).toBe(45_476);
    expect(quote.savingPerYear).toBe(31_088);
    expect(quote.usage.basisCycles.map((c) => c.start)).toEqual(['2025-12-01']);
    expect(quote.usage.current).toMatchObject({ recordedThrough: null, daysLeft: 31, total: { dataMb: 8000, voiceMinutes: 40, sms: 10 } });
    expect(quote.assumedUsage.map((u) => [u.cycleStart, u.dataMb])).toEqual(
      quote.year.cycles.reduce<[string, number][]>((all, c) => [...all, [c.start, 8000]], [['2026-01-01', 8000]]),
    );
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

  it('bills this month on what is recorded so far plus the usual pace for the days left, and says so', () => {
    // Usage recorded: October 9 000 MB, November 12 000, December 12 000 → 11 000 MB a month (the mean of three).
    // January: 8 000 MB recorded up to the 20th; 11 days left at 11 000 × 11/31 = 3903.2 → 3903: 11 903 MB in all.
    // Essentiel from the 20th (10 000 MB): its share of the overage is 1 903 × 1 c × 12/31 days = 736.6 → 737
    // (VAT 147.4 → 147), on top of the prorated fees (2670): 3554. Premium all month (100 000 MB): 3599.
    // Recorded usage alone (8 000 MB) would have said 2670 — the figure the issue found read out.
    const customer = account({
      subscription: [{ from: '2025-06-01', planId: 'premium', optionIds: [] }],
      usage: [
        { cycleStart: '2025-10-01', dataMb: 9000, voiceMinutes: 30, sms: 10 },
        { cycleStart: '2025-11-01', dataMb: 12_000, voiceMinutes: 30, sms: 10 },
        { cycleStart: '2025-12-01', dataMb: 12_000, voiceMinutes: 30, sms: 10 },
        { cycleStart: '2026-01-01', dataMb: 8000, voiceMinutes: 20, sms: 5 },
      ],
    });
    const quote = quotePlanChange(CATALOG, customer, { date: '2026-01-20', timing: 'now', planId: 'basic' });
    expect(quote.usage.monthly).toEqual({ dataMb: 11_000, voiceMinutes: 30, sms: 10 });
    expect(quote.usage.current).toMatchObject({ recordedThrough: '2026-01-20', daysLeft: 11, rest: { dataMb: 3903, voiceMinutes: 11, sms: 4 } });
    expect(quote.usage.current.total).toEqual({ dataMb: 11_903, voiceMinutes: 31, sms: 9 });
    expect(quote.nextInvoice.lines.filter((l) => l.explanation.code === 'overage').map((l) => [l.amount, l.tax])).toEqual([[737, 147]]);
    expect(quote.nextInvoice.total).toBe(3554);
    expect(quote.nextInvoiceWithoutChange.total).toBe(3599);
    // February on: 11 000 MB on Essentiel is 1 000 MB over: 999 + 1000 = 1999 → 2399 a month.
    expect(quote.monthlyAfter.total).toBe(2399);
    // The same assumption with the usage recorded through the whole month: nothing left to assume.
    const through = quotePlanChange(CATALOG, customer, { date: '2026-01-20', timing: 'now', planId: 'basic' }, { recordedThrough: '2026-01-31' });
    expect(through.usage.current).toMatchObject({ daysLeft: 0, total: { dataMb: 8000, voiceMinutes: 20, sms: 5 } });
  });

  it('refuses a plan no longer sold, and a customer without a plan', () => {
    expect(refusal(() => quotePlanChange(CATALOG, onPremium, { date: '2026-01-20', timing: 'now', planId: 'premium-bis' }))).toBe('invalid-input');
    expect(refusal(() => quotePlanChange(CATALOG, account(), { date: '2026-01-20', timing: 'now', planId: 'basic' }))).toBe('no-active-plan');
    expect(refusal(() => quotePlanChange(CATALOG, onPremium, { date: '2026-01-20', timing: 'now', planId: 'nope' }))).toBe('unknown-plan');
  });
});
