import { describe, expect, it } from 'vitest';
import { lastCompleteCycle, cycleOf, quotePlanChange, rankPlans } from '../../../src/core/billing/index';
import { account, CATALOG, refusal } from './fixtures';

const usage = (month: string, dataMb: number) => ({ cycleStart: `${month}-01`, dataMb, voiceMinutes: 50, sms: 10 });

describe('best plan for this customer', () => {
  const customer = account({
    subscription: [{ from: '2025-06-01', planId: 'premium', optionIds: [] }],
    // 50 % off the plan fee for 6 months from 1 December: it ends on 31 May.
    promotions: [{ promotionId: 'welcome', startDate: '2025-12-01' }],
    usage: [usage('2026-01', 10_000), usage('2026-02', 12_500), usage('2026-03', 11_001)],
  });

  it('quotes every plan on sale by the quote itself, cheapest over the next twelve months first', () => {
    // Call on 10 April; usage assumed (33 501 / 3 = 11 167 MB a month). First whole month: May, the last of the promotion.
    // Essentiel: May 999 − 500 + 1167 overage = 1666 + 333 VAT = 1999; June on 999 + 1167 = 2166 + 433 = 2599.
    //   Year 1999 + 11 × 2599 = 30 588.
    // Confort: May 1999 − 1000 = 999 + 200 VAT = 1199; June on 2399. Year 1199 + 11 × 2399 = 27 588.
    // Premium (current, 31.99 since 15 April): May 3199 − 1600 = 1599 + 320 = 1919; June on 3839. Year 1919 + 11 × 3839 = 44 148.
    // Essentiel is dearer than Premium in May (1999 against 1919) but saves 13 560 over the year: ranked on the year.
    const ranking = rankPlans(CATALOG, customer, { date: '2026-04-10', months: 3 });
    expect(ranking.usage.monthly).toEqual({ dataMb: 11_167, voiceMinutes: 50, sms: 10 });
    expect(ranking.firstMonth).toEqual(cycleOf('2026-05'));
    expect(ranking.year.map((c) => c.start)).toHaveLength(12);
    expect(ranking.currentPlanId).toBe('premium');
    expect(ranking.plans.map((p) => [p.planId, p.monthlyTotal, p.yearTotal, p.savingPerMonth, p.savingPerYear, p.isCurrent])).toEqual([
      ['confort', 1199, 27_588, 720, 16_560, false],
      ['basic', 1999, 30_588, -80, 13_560, false],
      ['premium', 1919, 44_148, 0, 0, true],
    ]);
    expect(ranking.plans.map((p) => p.monthlyFee)).toEqual([1999, 999, 3199]);
  });

  it('gives, for every plan, the figures its quote gives (either timing)', () => {
    const ranking = rankPlans(CATALOG, customer, { date: '2026-04-10' });
    for (const plan of ranking.plans) {
      for (const timing of ['now', 'end-of-cycle'] as const) {
        const quote = quotePlanChange(CATALOG, customer, { date: '2026-04-10', timing, planId: plan.planId });
        expect([plan.monthlyTotal, plan.yearTotal, plan.savingPerMonth, plan.savingPerYear]).toEqual([
          quote.monthlyAfter.total,
          quote.year.total,
          quote.savingPerMonth,
          quote.savingPerYear,
        ]);
      }
    }
  });

  it('counts the paper-bill fee and every other charge the quote counts', () => {
    const paper = { ...customer, oneOffCharges: ['2026-05', '2026-06'].map((m) => ({ id: `paper-${m}`, feeId: 'paper', date: `${m}-20` })) };
    const ranking = rankPlans(CATALOG, paper, { date: '2026-04-10' });
    // 2.00 + 0.40 VAT on May's and June's bills, whatever the plan.
    expect(ranking.plans.map((p) => p.monthlyTotal)).toEqual([1199 + 240, 1999 + 240, 1919 + 240]);
    expect(ranking.plans.map((p) => p.yearTotal)).toEqual([27_588 + 480, 30_588 + 480, 44_148 + 480]);
  });

  it('keeps a current plan that is no longer sold, and ranks nothing without a plan', () => {
    const legacy = { ...customer, subscription: [{ from: '2025-06-01', planId: 'premium-bis', optionIds: [] }] };
    const ranking = rankPlans(CATALOG, legacy, { date: '2026-04-10', planIds: ['premium'] });
    expect(ranking.plans.map((p) => [p.planId, p.isCurrent])).toEqual([
      ['premium-bis', true],
      ['premium', false],
    ]);
    const gone = { ...customer, subscription: [...customer.subscription, { from: '2026-04-01', planId: null, optionIds: [] }] };
    expect(rankPlans(CATALOG, gone, { date: '2026-04-10' })).toMatchObject({ currentPlanId: null, plans: [] });
  });

  it('finds the last complete month from the day of the call', () => {
    expect(lastCompleteCycle('2026-01-15')).toEqual(cycleOf('2025-12'));
  });

  it('refuses a silly window or day', () => {
    expect(refusal(() => rankPlans(CATALOG, customer, { date: '2026-04-10', months: 0 }))).toBe('invalid-input');
    expect(refusal(() => rankPlans(CATALOG, customer, { date: '2026-04-10', months: 13 }))).toBe('invalid-input');
    expect(refusal(() => rankPlans(CATALOG, customer, { date: '2026-02-30' }))).toBe('invalid-date');
  });
});
