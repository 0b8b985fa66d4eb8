/** Looking things up in the catalog: items, the price in force on a day, the VAT rate. */
import { addDays, lastDayAfterMonths, maxDate } from './dates';
import { BillingError, type BillingErrorCode } from './errors';
import type {
  BasisPoints,
  Catalog,
  CustomerCategory,
  Id,
  IsoDate,
  OneOffFee,
  Plan,
  PlanOption,
  PriceNotice,
  Promotion,
  PromotionGrant,
  SubscriptionChange,
} from './types';
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
  /** The day the new fee applied to this customer: the change's, or later when they were told late (the notice rule). */
  readonly effectiveFrom: IsoDate;
  readonly previousMonthlyFee: Minor;
}

/**
 * A catalog price increase this customer does not owe yet on a day (the notice rule, below): the
 * fee billed stays the one before it.
 */
export interface HeldIncrease {
  readonly priceChangeId: Id;
  readonly effectiveFrom: IsoDate;
  /** The new monthly fee, net of VAT, not owed yet. */
  readonly monthlyFee: Minor;
  /** When this customer was told of it; null: there is no record that they were. */
  readonly notifiedOn: IsoDate | null;
  /** The first day the new fee is owed (one month after the notice); null: not before they are told. */
  readonly appliesFrom: IsoDate | null;
}

export interface PriceInForce {
  readonly monthlyFee: Minor;
  readonly priceChange: PriceChangeRef | null;
  /** Present only when an increase of the catalog is held back for this customer on that day. */
  readonly held?: HeldIncrease;
}

export type PriceLookup = (item: RecurringItem, date: IsoDate) => PriceInForce;

/**
 * THE NOTICE RULE (Code de la consommation, L224-33): an operator must tell a customer of a change
 * to their contract — a price increase — at least one month before it takes effect (the customer
 * may then leave without fees). So, for one account:
 *
 * - a DECREASE needs no notice: it applies from its date to everybody;
 * - an INCREASE of an item the customer already had on the day before it takes effect (a run of
 *   the item, unbroken, that started before that day) is owed from the later of its date and one
 *   month after the customer was told: told on 15 March, owed from 15 April; told on 31 January,
 *   from 1 March (a whole month has run: there is no 31 February). Never told, never owed;
 * - a customer told of it on or before the day they took the item had the new price in their
 *   contract from the start: it applies from its date. One who takes the item on or after that
 *   date subscribes at the new price.
 *
 * Several notices of one change: the earliest counts (a letter sent again does not restart it).
 */
export function noticeAppliesFrom(notifiedOn: IsoDate): IsoDate {
  return addDays(lastDayAfterMonths(notifiedOn, 1), 1);
}

/** What the notice rule needs to know of one account. */
export interface NoticeFacts {
  readonly notices: readonly PriceNotice[];
  /** The account's subscription history, sorted (subscription.ts sortedHistory). */
  readonly history: readonly SubscriptionChange[];
}

/** The first day of the unbroken run of `item` that `date` is in, or null when the item is not held on `date`. */
function heldSince(history: readonly SubscriptionChange[], item: RecurringItem, date: IsoDate): IsoDate | null {
  let since: IsoDate | null = null;
  for (const c of history) {
    if (c.from > date) break;
    const has = c.planId !== null && (item.kind === 'plan' ? c.planId === item.id : c.optionIds.includes(item.id));
    if (!has) since = null;
    else since ??= c.from;
  }
  return since;
}

/** The earliest notice of each price change. */
function firstNotices(notices: readonly PriceNotice[]): Map<Id, IsoDate> {
  const first = new Map<Id, IsoDate>();
  for (const n of notices) {
    const known = first.get(n.priceChangeId);
    if (known === undefined || n.notifiedOn < known) first.set(n.priceChangeId, n.notifiedOn);
  }
  return first;
}

/** The days a customer's price can change on besides the catalog's dates: one month after each notice. */
export function noticeDates(facts: NoticeFacts | undefined): IsoDate[] {
  return facts ? facts.notices.map((n) => noticeAppliesFrom(n.notifiedOn)) : [];
}

/** A catalog increase an account must be told of: it had the item, unbroken since `since`, on the day before it. */
export interface NoticeDue {
  readonly priceChangeId: Id;
  readonly item: RecurringItem;
  readonly effectiveFrom: IsoDate;
  readonly since: IsoDate;
}

/** The catalog's increases this account must be told of (history sorted), each once, by date. */
export function noticesDue(catalog: Catalog, history: readonly SubscriptionChange[]): NoticeDue[] {
  const due: NoticeDue[] = [];
  const items: RecurringItem[] = [
    ...catalog.plans.map((p) => ({ kind: 'plan' as const, id: p.id })),
    ...catalog.options.map((o) => ({ kind: 'option' as const, id: o.id })),
  ];
  const schedule = priceLookup(catalog);
  for (const change of [...catalog.priceChanges].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0))) {
    const item = items.find((i) => i.kind === change.target.kind && i.id === (change.target.kind === 'plan' ? change.target.planId : change.target.optionId));
    if (!item) continue;
    const eve = addDays(change.effectiveFrom, -1);
    if (change.monthlyFee <= schedule(item, eve).monthlyFee) continue;
    const since = heldSince(history, item, eve);
    if (since !== null) due.push({ priceChangeId: change.id, item, effectiveFrom: change.effectiveFrom, since });
  }
  return due;
}

/**
 * A price lookup that sorts each item's price changes once, for the many days of a cycle. With
 * `facts`, one account's: an increase is held back by the notice rule (above); without, the
 * catalog's schedule as is.
 */
export function priceLookup(catalog: Catalog, facts?: NoticeFacts): PriceLookup {
  const told = facts ? firstNotices(facts.notices) : null;
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
    let held: HeldIncrease | undefined;
    for (const change of changes) {
      if (change.effectiveFrom > date) break;
      // The day the new fee applies to this customer: the change's, or later by the notice rule.
      let from = change.effectiveFrom;
      if (facts && told && change.monthlyFee > monthlyFee) {
        const since = heldSince(facts.history, item, date);
        const notifiedOn = told.get(change.id) ?? null;
        if (since !== null && since < change.effectiveFrom && (notifiedOn === null || notifiedOn > since)) {
          const appliesFrom = notifiedOn === null ? null : maxDate(change.effectiveFrom, noticeAppliesFrom(notifiedOn));
          if (appliesFrom === null || date < appliesFrom) {
            held = { priceChangeId: change.id, effectiveFrom: change.effectiveFrom, monthlyFee: change.monthlyFee, notifiedOn, appliesFrom };
            continue;
          }
          from = appliesFrom;
        }
      }
      // A line says "new price from <day>": the day it applied to this customer.
      priceChange = { priceChangeId: change.id, effectiveFrom: from, previousMonthlyFee: monthlyFee };
      monthlyFee = change.monthlyFee;
      held = undefined;
    }
    return held ? { monthlyFee, priceChange, held } : { monthlyFee, priceChange };
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
