/**
 * Best plan for this customer: every plan on sale (and the current one) QUOTED by the same engine
 * call as the quote screen (quotePlanChange), with the customer's options kept — so a plan's figures
 * in the ranking are the quote's figures for that plan, to the cent: the first whole month after
 * the change and the twelve months from it, at the prices in force then (price changes and the
 * end of a promotion included), with the paper-bill fee and every other charge the account will
 * carry, on the one usage assumption of usage-assumption.ts.
 *
 * Plans are ranked on the twelve months (what the customer will really pay in a year), then on
 * the first month, then by id, so the same input always gives the same order.
 */
import type { Minor } from '../money/money';
import { findPlan, priceOn } from './catalog';
import { assertIsoDate, cycleContaining, nextCycle, previousCycle } from './dates';
import { validateCatalog } from './validate';
import { quoteBaseline, quotePlanChange, type PlanChangeQuote, type QuoteYear } from './quote';
import { sortedHistory, stateOn } from './subscription';
import type { AccountBillingContext, BillingCycle, Catalog, Id, IsoDate } from './types';
import { assumeUsage, type UsageAmounts, type UsageAssumption } from './usage-assumption';

export interface RankPlansOptions {
  /** The day of the call (the quote's `date`). */
  readonly date: IsoDate;
  /** How many complete months the assumed usage averages, 1 to 12. Default 3. */
  readonly months?: number;
  /** Plans to rank; default every plan still sold, plus the current one. */
  readonly planIds?: readonly Id[];
  /** Overrides the assumed monthly usage (as the quote's expectedUsage). */
  readonly expectedUsage?: UsageAmounts;
  /** As the quote's recordedThrough. */
  readonly recordedThrough?: IsoDate;
}

export interface RankedPlan {
  readonly planId: Id;
  readonly planName: string;
  /** Monthly fee (net of VAT) in force on the first day of `firstMonth`. */
  readonly monthlyFee: Minor;
  /** The quote's monthlyAfter.total: the first whole month with this plan, VAT included. */
  readonly monthlyTotal: Minor;
  /** The quote's year.total: the twelve months from firstMonth. */
  readonly yearTotal: Minor;
  /** The quote's savingPerMonth (positive: cheaper than staying). Zero for the current plan. */
  readonly savingPerMonth: Minor;
  /** The quote's savingPerYear. */
  readonly savingPerYear: Minor;
  readonly isCurrent: boolean;
}

export interface PlanRanking {
  /** The one usage assumption every figure was made on. */
  readonly usage: UsageAssumption;
  /** The first whole month after a change (the month `monthlyTotal` is). */
  readonly firstMonth: BillingCycle;
  /** The twelve months `yearTotal` sums. */
  readonly year: readonly BillingCycle[];
  /** Null when the customer has no plan on the day of the call (then nothing is ranked). */
  readonly currentPlanId: Id | null;
  readonly optionIds: readonly Id[];
  /** Cheapest over twelve months first. */
  readonly plans: readonly RankedPlan[];
}

/** The ranking's figures of one plan, read from its quote. */
export function rankedFromQuote(catalog: Catalog, quote: PlanChangeQuote, isCurrent: boolean): RankedPlan {
  const planId = quote.change.planId!;
  return {
    planId,
    planName: findPlan(catalog, planId).name,
    monthlyFee: priceOn(catalog, { kind: 'plan', id: planId }, quote.monthlyAfter.cycle.start).monthlyFee,
    monthlyTotal: quote.monthlyAfter.total,
    yearTotal: quote.year.total,
    savingPerMonth: quote.savingPerMonth,
    savingPerYear: quote.savingPerYear,
    isCurrent,
  };
}

export function rankPlans(catalog: Catalog, account: AccountBillingContext, options: RankPlansOptions): PlanRanking {
  const date = assertIsoDate(options.date);
  validateCatalog(catalog);
  const quoteOptions = {
    ...(options.months !== undefined ? { months: options.months } : {}),
    ...(options.expectedUsage ? { expectedUsage: options.expectedUsage } : {}),
    ...(options.recordedThrough ? { recordedThrough: options.recordedThrough } : {}),
  };
  const usage = assumeUsage(account, date, { ...quoteOptions, ...(options.expectedUsage ? { monthly: options.expectedUsage } : {}) });
  const current = stateOn(sortedHistory(account.subscription), date);
  const sellable = catalog.plans.filter((p) => p.sellable !== false).map((p) => p.id);
  const candidates = current.planId === null ? [] : [...new Set([...(options.planIds ?? sellable), current.planId])];

  let year: QuoteYear['cycles'] = [];
  // Staying on the current plan is billed once for all the quotes.
  const baseline = quoteBaseline(account, date, null, quoteOptions);
  const plans = candidates.map((planId) => {
    // The same call as the quote screen's (timing does not move the whole months after the change).
    const quote = quotePlanChange(catalog, account, { date, timing: 'end-of-cycle', planId }, { ...quoteOptions, baseline });
    year = quote.year.cycles;
    return rankedFromQuote(catalog, quote, planId === current.planId);
  });
  plans.sort((a, b) => a.yearTotal - b.yearTotal || a.monthlyTotal - b.monthlyTotal || (a.planId < b.planId ? -1 : a.planId > b.planId ? 1 : 0));
  const firstMonth = year[0] ?? nextCycle(cycleContaining(date));
  return { usage, firstMonth, year, currentPlanId: current.planId, optionIds: current.optionIds, plans };
}

/** The last complete month on the day of the call. */
export function lastCompleteCycle(date: IsoDate): BillingCycle {
  return previousCycle(cycleContaining(date));
}
