/**
 * Best plan for this customer: each plan rated on the customer's own usage of the last months,
 * through the same engine (generateInvoice's rating), as if they had had that plan all along with their
 * current options. Promotions, one-off fees, late fees and credits are left out so plans are
 * compared on what they cost every month — the current plan included, measured the same way.
 */
import { divRound, sumMinor, type Minor } from '../money/money';
import { findPlan, priceOn } from './catalog';
import { assertCycle, cycleContaining, previousCycle } from './dates';
import { BillingError } from './errors';
import { invoiceForValidCatalog } from './invoice';
import { validateCatalog } from './validate';
import { lastServiceDay, sortedHistory, stateOn } from './subscription';
import type { AccountBillingContext, BillingCycle, Catalog, Id, IsoDate } from './types';

export interface RankPlansOptions {
  /** The last complete cycle to look at. */
  readonly lastCycle: BillingCycle;
  /** How many months back, 1 to 12 (3 to 6 is usual). Default 3. */
  readonly months?: number;
  /** Plans to rank; default every plan still sold, plus the current one. */
  readonly planIds?: readonly Id[];
}

export interface RankedPlan {
  readonly planId: Id;
  readonly planName: string;
  /** Monthly fee in force at the end of the last cycle. */
  readonly monthlyFee: Minor;
  /** What each cycle would have cost, VAT included, oldest first. */
  readonly monthlyTotals: readonly Minor[];
  /** Mean of monthlyTotals, rounded once (money.ts rule). */
  readonly averageMonthlyTotal: Minor;
  /** averageMonthlyTotal − the current plan's; negative = cheaper. Null without a current plan. */
  readonly differenceToCurrent: Minor | null;
  readonly isCurrent: boolean;
}

export interface PlanRanking {
  readonly cycles: readonly BillingCycle[];
  readonly currentPlanId: Id | null;
  /** Cheapest first. */
  readonly plans: readonly RankedPlan[];
}

function monthsBack(last: BillingCycle, months: number): BillingCycle[] {
  const cycles = [last];
  for (let c = last; cycles.length < months; ) {
    c = previousCycle(c);
    cycles.unshift(c);
  }
  return cycles;
}

export function rankPlans(catalog: Catalog, account: AccountBillingContext, options: RankPlansOptions): PlanRanking {
  const months = options.months ?? 3;
  if (!Number.isSafeInteger(months) || months < 1 || months > 12) {
    throw new BillingError('invalid-input', `months must be 1 to 12, got ${months}`, { field: 'months' });
  }
  validateCatalog(catalog);
  const last = assertCycle(options.lastCycle);
  const cycles = monthsBack(last, months);
  const history = sortedHistory(account.subscription);
  const lastDay = lastServiceDay(history, last);
  const current = lastDay === null ? { planId: null, optionIds: [] } : stateOn(history, lastDay);
  const sellable = catalog.plans.filter((p) => p.sellable !== false).map((p) => p.id);
  const candidates = [...new Set([...(options.planIds ?? sellable), ...(current.planId ? [current.planId] : [])])];

  const rate = (planId: Id): Minor[] => {
    const hypothetical: AccountBillingContext = {
      ...account,
      subscription: [{ from: cycles[0]?.start ?? last.start, planId, optionIds: current.optionIds }],
      promotions: [],
      oneOffCharges: [],
      payments: [],
      ledger: [],
    };
    return cycles.map((cycle) => invoiceForValidCatalog(catalog, hypothetical, cycle, null).total);
  };
  const average = (totals: readonly Minor[]): Minor => divRound(sumMinor(totals), totals.length);

  const rated = candidates.map((planId) => {
    const monthlyTotals = rate(planId);
    return { planId, monthlyTotals, averageMonthlyTotal: average(monthlyTotals) };
  });
  const currentAverage = rated.find((r) => r.planId === current.planId)?.averageMonthlyTotal ?? null;
  const plans: RankedPlan[] = rated
    .map((r) => ({
      planId: r.planId,
      planName: findPlan(catalog, r.planId).name,
      monthlyFee: priceOn(catalog, { kind: 'plan', id: r.planId }, last.end).monthlyFee,
      monthlyTotals: r.monthlyTotals,
      averageMonthlyTotal: r.averageMonthlyTotal,
      differenceToCurrent: currentAverage === null ? null : r.averageMonthlyTotal - currentAverage,
      isCurrent: r.planId === current.planId,
    }))
    .sort((a, b) => a.averageMonthlyTotal - b.averageMonthlyTotal || (a.planId < b.planId ? -1 : 1));
  return { cycles, currentPlanId: current.planId, plans };
}

/** The last complete month on the day of the call. */
export function lastCompleteCycle(date: IsoDate): BillingCycle {
  return previousCycle(cycleContaining(date));
}
