/**
 * The one rule that makes a plan change a downgrade (a customer outcome the retention insights
 * count), shared by the desk (BillingService.applyPlanChange writes the outcome with the change)
 * and the hub (plan.change accepts a desk's downgrade only when its own data says the same).
 *
 * A downgrade: the change puts the subscription on another plan, the subscription had a plan on
 * the change's day, and the new plan's monthly fee is below the old one's — both fees as the
 * catalog has them in force on the day the change takes effect. A plan either side does not know
 * (no price to compare) is not a downgrade.
 */
import { priceOn } from '../billing/catalog';
import { stateOn } from '../billing/subscription';
import type { Catalog, Id, IsoDate, SubscriptionChange } from '../billing/types';
import { isDowngrade } from './index';

export interface PlanChangeFacts {
  /** The day the change takes effect. */
  readonly from: IsoDate;
  /** The plan after the change (null: no plan). */
  readonly planId: Id | null;
}

/**
 * True when `change` is a downgrade of the subscription whose history is `subscription` (sorted
 * by date, as core/billing's stateOn wants it: billing-input's subscriptionHistory gives it so).
 */
export function isPlanDowngrade(catalog: Catalog, subscription: readonly SubscriptionChange[], change: PlanChangeFacts): boolean {
  const before = stateOn(subscription, change.from).planId;
  const after = change.planId;
  if (before === null || after === null || before === after) return false;
  const known = (id: Id) => catalog.plans.some((p) => p.id === id);
  if (!known(before) || !known(after)) return false;
  const fee = (id: Id) => priceOn(catalog, { kind: 'plan', id }, change.from).monthlyFee;
  return isDowngrade(fee(before), fee(after));
}
