/** Looking things up in the catalog: items, the price in force on a day, the VAT rate. */
import { lastDayAfterMonths } from './dates';
import { BillingError, type BillingErrorCode } from './errors';
import type { BasisPoints, Catalog, CustomerCategory, Id, IsoDate, OneOffFee, Plan, PlanOption, Promotion, PromotionGrant } from './types';
import type { Minor } from '../money/money';

/** The catalog item with this id; an unknown id is refused with the item's own error code. */
function byId<T extends { readonly id: Id }>(items: readonly T[], id: Id, code: BillingErrorCode, what: string, param: string): T {
  const item = items.find((i) => i.id === id);
  if (!item) throw new BillingError(code, `no ${what} ${id} in the catalog`, { [param]: id });
  return item;
}

export function findPlan(catalog: Catalog, planId: Id): Plan {
  return byId(catalog.plans, planId, 'unknown-plan', 'plan', 'planId');
}

export function findOption(catalog: Catalog, optionId: Id): PlanOption {
  return byId(catalog.options, optionId, 'unknown-option', 'option', 'optionId');
}

export function findPromotion(catalog: Catalog, promotionId: Id): Promotion {
  return byId(catalog.promotions, promotionId, 'unknown-promotion', 'promotion', 'promotionId');
}

export function findFee(catalog: Catalog, feeId: Id): OneOffFee {
  return byId(catalog.oneOffFees, feeId, 'unknown-fee', 'one-off fee', 'feeId');
}

export function findLateFee(catalog: Catalog): OneOffFee | undefined {
  return catalog.oneOffFees.find((f) => f.kind === 'late-payment');
}

/** A plan or an option: the things that carry a monthly fee. */
export interface RecurringItem {
  readonly kind: 'plan' | 'option';
  readonly id: Id;
}

/** Which catalog price change set the fee, so a line can say "new price from 1 April". */
export interface PriceChangeRef {
  readonly priceChangeId: Id;
  readonly effectiveFrom: IsoDate;
  readonly previousMonthlyFee: Minor;
}

export interface PriceInForce {
  readonly monthlyFee: Minor;
  readonly priceChange: PriceChangeRef | null;
}

export type PriceLookup = (item: RecurringItem, date: IsoDate) => PriceInForce;

/** A price lookup that sorts each item's price changes once, for the many days of a cycle. */
export function priceLookup(catalog: Catalog): PriceLookup {
  const schedules = new Map<string, { baseFee: Minor; changes: Catalog['priceChanges'] }>();
  const scheduleOf = (item: RecurringItem) => {
    const key = `${item.kind}:${item.id}`;
    let schedule = schedules.get(key);
    if (!schedule) {
      const baseFee = item.kind === 'plan' ? findPlan(catalog, item.id).monthlyFee : findOption(catalog, item.id).monthlyFee;
      const changes = catalog.priceChanges
        .filter((c) => (c.target.kind === 'plan' ? c.target.planId : c.target.optionId) === item.id && c.target.kind === item.kind)
        .sort((a, b) => (a.effectiveFrom === b.effectiveFrom ? (a.id < b.id ? -1 : 1) : a.effectiveFrom < b.effectiveFrom ? -1 : 1));
      schedule = { baseFee, changes };
      schedules.set(key, schedule);
    }
    return schedule;
  };
  return (item, date) => {
    const { baseFee, changes } = scheduleOf(item);
    let monthlyFee = baseFee;
    let priceChange: PriceChangeRef | null = null;
    for (const change of changes) {
      if (change.effectiveFrom > date) break;
      priceChange = { priceChangeId: change.id, effectiveFrom: change.effectiveFrom, previousMonthlyFee: monthlyFee };
      monthlyFee = change.monthlyFee;
    }
    return { monthlyFee, priceChange };
  };
}

/** The monthly fee of a plan or option on a given day: the latest price change in force, else the catalog fee. */
export function priceOn(catalog: Catalog, item: RecurringItem, date: IsoDate): PriceInForce {
  return priceLookup(catalog)(item, date);
}

/** The VAT rate for a country and category: a rule for the category wins over a country-wide one. */
export function taxRateFor(catalog: Catalog, country: string, category: CustomerCategory): BasisPoints {
  const exact = catalog.taxRules.find((r) => r.country === country && r.category === category);
  const countryWide = catalog.taxRules.find((r) => r.country === country && r.category === undefined);
  const rule = exact ?? countryWide;
  if (!rule) throw new BillingError('no-tax-rule', `no VAT rule for ${country}/${category}`, { country, category });
  return rule.rateBp;
}

/** Last day a granted promotion applies (its `cycles` months from the start date). */
export function promotionEndDate(promotion: Promotion, grant: PromotionGrant): IsoDate {
  return lastDayAfterMonths(grant.startDate, promotion.cycles);
}
