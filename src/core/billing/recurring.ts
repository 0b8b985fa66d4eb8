/**
 * Recurring fees with DAILY proration: a plan or option active for `days` of a cycle of
 * `daysInCycle` days costs mulDiv(monthlyFee, days, daysInCycle), rounded once per line.
 * A line is a maximal run of consecutive days with the same item at the same monthly fee, so a
 * mid-cycle start, plan change, cancellation or catalog price change splits it, and a whole
 * cycle gives exactly the monthly fee.
 */
import { mulDiv, type Minor } from '../money/money';
import { findOption, findPlan, noticeDates, priceLookup, type NoticeFacts, type PriceInForce, type RecurringItem } from './catalog';
import { daysInclusive, daysInCycle } from './dates';
import type { InvoiceLine, ItemRef, RecurringFeeExplanation } from './invoice-types';
import { stateOn, steadyPeriods } from './subscription';
import { lineIdOf } from './line-id';
import { taxedLine } from './tax';
import type { BasisPoints, BillingCycle, Catalog, IsoDate, PriceNotice, SubscriptionChange } from './types';

/** The fee for `days` days of a month of `daysInCycle` days. */
export function prorate(monthlyFee: Minor, days: number, daysInCycleCount: number): Minor {
  return mulDiv(monthlyFee, days, daysInCycleCount);
}

interface FeeRun {
  readonly item: RecurringItem;
  readonly from: IsoDate;
  to: IsoDate;
  days: number;
  readonly price: PriceInForce;
}

function activeItems(sorted: readonly SubscriptionChange[], day: IsoDate): RecurringItem[] {
  const state = stateOn(sorted, day);
  if (state.planId === null) return [];
  return [{ kind: 'plan', id: state.planId }, ...state.optionIds.map((id): RecurringItem => ({ kind: 'option', id }))];
}

/** Runs of consecutive days per item at one fee, plans first, each in date order. */
function feeRuns(catalog: Catalog, sorted: readonly SubscriptionChange[], cycle: BillingCycle, notices: readonly PriceNotice[] | undefined): FeeRun[] {
  const runs: FeeRun[] = [];
  const open = new Map<string, FeeRun>();
  const facts: NoticeFacts | undefined = notices ? { notices, history: sorted } : undefined;
  const priceOn = priceLookup(catalog, facts);
  const changeDates = [...sorted.map((c) => c.from), ...catalog.priceChanges.map((c) => c.effectiveFrom), ...noticeDates(facts)];
  for (const period of steadyPeriods(cycle, changeDates)) {
    const days = daysInclusive(period.from, period.to);
    const active = new Set<string>();
    for (const item of activeItems(sorted, period.from)) {
      const key = `${item.kind}:${item.id}`;
      active.add(key);
      const price = priceOn(item, period.from);
      const run = open.get(key);
      // Days at the old fee because an increase is held back are a line of their own, which says so.
      if (run && run.price.monthlyFee === price.monthlyFee && run.price.held?.priceChangeId === price.held?.priceChangeId) {
        run.to = period.to;
        run.days += days;
      } else {
        const started: FeeRun = { item, from: period.from, to: period.to, days, price };
        runs.push(started);
        open.set(key, started);
      }
    }
    for (const key of [...open.keys()]) if (!active.has(key)) open.delete(key);
  }
  const rank = (r: FeeRun): number => (r.item.kind === 'plan' ? 0 : 1);
  return runs.sort((a, b) => rank(a) - rank(b) || (a.from < b.from ? -1 : a.from > b.from ? 1 : a.item.id < b.item.id ? -1 : 1));
}

export function itemRef(catalog: Catalog, item: RecurringItem): ItemRef {
  const name = item.kind === 'plan' ? findPlan(catalog, item.id).name : findOption(catalog, item.id).name;
  return { kind: item.kind, id: item.id, name };
}

/** `notices`: the account's (types.ts AccountBillingContext.priceNotices); absent, the catalog's schedule as is. */
export function recurringFeeLines(
  catalog: Catalog,
  sorted: readonly SubscriptionChange[],
  cycle: BillingCycle,
  taxRateBp: BasisPoints,
  notices?: readonly PriceNotice[],
): InvoiceLine[] {
  const cycleDays = daysInCycle(cycle);
  return feeRuns(catalog, sorted, cycle, notices).map((run) => {
    const explanation: RecurringFeeExplanation = {
      code: 'recurring-fee',
      rule: run.days === cycleDays ? 'full-cycle' : 'daily-proration',
      item: itemRef(catalog, run.item),
      from: run.from,
      to: run.to,
      days: run.days,
      daysInCycle: cycleDays,
      monthlyFee: run.price.monthlyFee,
      priceChange: run.price.priceChange,
      ...(run.price.held ? { priceHeld: run.price.held } : {}),
    };
    return taxedLine(lineIdOf(explanation), catalog.currency, explanation, prorate(run.price.monthlyFee, run.days, cycleDays), true, taxRateBp);
  });
}
