/** The customer's plan and options on a given day, from the history of subscription changes. */
import { addDays } from './dates';
import type { AccountBillingContext, BillingCycle, Id, IsoDate, SubscriptionChange } from './types';

export interface SubscriptionState {
  readonly planId: Id | null;
  readonly optionIds: readonly Id[];
}

const NO_SERVICE: SubscriptionState = { planId: null, optionIds: [] };

/** Oldest first; changes on the same day keep their recorded order, so the last one wins. */
export function sortedHistory(history: readonly SubscriptionChange[]): SubscriptionChange[] {
  return history
    .map((change, index) => ({ change, index }))
    .sort((a, b) => (a.change.from === b.change.from ? a.index - b.index : a.change.from < b.change.from ? -1 : 1))
    .map(({ change }) => change);
}

/** The state in force on `date` (history must be sorted). Options without a plan are not billed. */
export function stateOn(sorted: readonly SubscriptionChange[], date: IsoDate): SubscriptionState {
  let current: SubscriptionChange | undefined;
  for (const change of sorted) {
    if (change.from > date) break;
    current = change;
  }
  if (!current || current.planId === null) return NO_SERVICE;
  return { planId: current.planId, optionIds: [...new Set(current.optionIds)] };
}

/** Last day of the cycle with a plan, or null if the customer had no service in it. */
export function lastServiceDay(sorted: readonly SubscriptionChange[], cycle: BillingCycle): IsoDate | null {
  // Service can only stop at the cycle end or on the eve of a change inside the cycle.
  const candidates = [
    cycle.end,
    ...sorted
      .filter((c) => c.from > cycle.start && c.from <= cycle.end)
      .map((c) => addDays(c.from, -1))
      .reverse(),
  ];
  return candidates.find((day) => stateOn(sorted, day).planId !== null) ?? null;
}

/** The cycle cut into periods over which the subscription and every price stay the same. */
export function steadyPeriods(cycle: BillingCycle, changeDates: readonly IsoDate[]): { from: IsoDate; to: IsoDate }[] {
  const starts = [...new Set([cycle.start, ...changeDates.filter((d) => d > cycle.start && d <= cycle.end)])].sort();
  return starts.map((from, i) => {
    const next = starts[i + 1];
    return { from, to: next === undefined ? cycle.end : addDays(next, -1) };
  });
}

/**
 * The account with one more subscription change. Changes recorded on or after its date are
 * dropped: a new decision replaces what was scheduled. The quote and the real change both go
 * through here, so a quote is the invoice that will really be produced.
 */
export function applySubscriptionChange(account: AccountBillingContext, change: SubscriptionChange): AccountBillingContext {
  const kept = account.subscription.filter((c) => c.from < change.from);
  return { ...account, subscription: [...kept, { from: change.from, planId: change.planId, optionIds: [...change.optionIds] }] };
}
