import { describe, expect, it } from 'vitest';
import { cycleOf, lastCompleteCycle, rankPlans } from '../../../src/core/billing/index';
import { account, CATALOG, refusal } from './fixtures';

const usage = (month: string, dataMb: number) => ({ cycleStart: `${month}-01`, dataMb, voiceMinutes: 50, sms: 10 });

describe('best plan for this customer', () => {
  const customer = account({
    subscription: [{ from: '2025-06-01', planId: 'premium', optionIds: [] }],
    promotions: [{ promotionId: 'welcome', startDate: '2025-12-01' }],
    usage: [usage('2026-01', 10_000), usage('2026-02', 12_500), usage('2026-03', 11_001)],
  });

  it('rates every plan on sale on the last months of usage, cheapest first', () => {
    // Essentiel (10 000 MB, 100 min): Jan 999 → 1199; Feb 999 + 2500 = 3499 → +699.8 → 4199; Mar 999 + 1001 = 2000 → 2400.
    //   average (1199 + 4199 + 2400) / 3 = 2599.33 → 2599.
    // Confort 1999 + 400 = 2399 every month. Premium 2999 + 600 = 3599 (the promotion is left out on purpose).
    // Premium Bis is not sold any more: not ranked.
    const ranking = rankPlans(CATALOG, customer, { lastCycle: cycleOf('2026-03'), months: 3 });
    expect(ranking.cycles.map((c) => c.start)).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
    expect(ranking.currentPlanId).toBe('premium');
    expect(ranking.plans.map((p) => [p.planId, p.averageMonthlyTotal, p.differenceToCurrent, p.isCurrent])).toEqual([
      ['confort', 2399, -1200, false],
      ['basic', 2599, -1000, false],
      ['premium', 3599, 0, true],
    ]);
    expect(ranking.plans[1]?.monthlyTotals).toEqual([1199, 4199, 2400]);
  });

  it('rates at the prices of each month, and keeps a current plan that is no longer sold', () => {
    // Premium Bis customer; April 2026 has the Premium increase from 15 April: 1400 + 280 + 1706 + 341 = 3727.
    const legacy = { ...customer, subscription: [{ from: '2025-06-01', planId: 'premium-bis', optionIds: [] }] };
    const ranking = rankPlans(CATALOG, legacy, { lastCycle: cycleOf('2026-04'), months: 1, planIds: ['premium'] });
    expect(ranking.plans.map((p) => [p.planId, p.averageMonthlyTotal, p.monthlyFee])).toEqual([
      ['premium-bis', 3599, 2999],
      ['premium', 3727, 3199],
    ]);
  });

  it('finds the last complete month from the day of the call', () => {
    expect(lastCompleteCycle('2026-01-15')).toEqual(cycleOf('2025-12'));
  });

  it('refuses a silly window', () => {
    expect(refusal(() => rankPlans(CATALOG, customer, { lastCycle: cycleOf('2026-03'), months: 0 }))).toBe('invalid-input');
    expect(refusal(() => rankPlans(CATALOG, customer, { lastCycle: { start: '2026-03-02', end: '2026-03-31' } }))).toBe('invalid-cycle');
  });
});
