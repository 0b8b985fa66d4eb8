/**
 * What-if for a plan or option change, computed by the SAME engine: the change is applied to the
 * subscription history (applySubscriptionChange, the very function used when the customer says
 * yes) and the invoices are generated. So the quote is the invoice that will really be produced,
 * provided the usage turns out as assumed.
 */
import type { Minor } from '../money/money';
import { findPlan } from './catalog';
import { addDays, assertIsoDate, cycleContaining, nextCycle } from './dates';
import { BillingError } from './errors';
import { invoiceForValidCatalog } from './invoice';
import { validateCatalog } from './validate';
import type { Invoice, InvoiceLine, PreviousInvoice } from './invoice-types';
import { applySubscriptionChange, lastServiceDay, sortedHistory, stateOn } from './subscription';
import type { AccountBillingContext, BillingCycle, Catalog, Id, IsoDate, SubscriptionChange, UsageRecord } from './types';

export interface PlanChangeRequest {
  /** The day of the call. */
  readonly date: IsoDate;
  /** 'now': from `date`, prorated; 'end-of-cycle': from the 1st of next month. */
  readonly timing: 'now' | 'end-of-cycle';
  /** Absent: keep the current plan. */
  readonly planId?: Id;
  /** Absent: keep the current options. */
  readonly optionIds?: readonly Id[];
}

export interface PlanChangeQuoteOptions {
  /** The invoice before the cycle of `date`, for the balance and the late-fee check. */
  readonly previousInvoice?: PreviousInvoice | null;
  /** Usage assumed for a cycle with no record yet; default: the last complete month's, else none. */
  readonly expectedUsage?: Pick<UsageRecord, 'dataMb' | 'voiceMinutes' | 'sms'>;
}

export interface PlanChangeQuote {
  /** The subscription change to record if the customer accepts. */
  readonly change: SubscriptionChange;
  /** Usage the quote assumed for cycles that had no record (add them, then apply `change`, to reproduce it). */
  readonly assumedUsage: readonly UsageRecord[];
  /** The invoice of the current cycle, with the change. */
  readonly nextInvoice: Invoice;
  readonly nextInvoiceWithoutChange: Invoice;
  /** Lines of nextInvoice that the change prorated or added. */
  readonly prorationLines: readonly InvoiceLine[];
  /** The first whole month after the change, on its own (no previous balance, no late fee). */
  readonly monthlyAfter: Invoice;
  readonly monthlyAfterWithoutChange: Invoice;
  /** Positive when the change makes the monthly bill cheaper. */
  readonly savingPerMonth: Minor;
  readonly savingPerYear: Minor;
  /** nextInvoice.total − nextInvoiceWithoutChange.total. */
  readonly nextInvoiceDifference: Minor;
}

function usageAssumptions(
  account: AccountBillingContext,
  cycles: readonly BillingCycle[],
  expected: PlanChangeQuoteOptions['expectedUsage'],
): UsageRecord[] {
  const first = cycles[0];
  if (!first) return [];
  const lastComplete = [...account.usage].filter((u) => u.cycleStart < first.start).sort((a, b) => (a.cycleStart < b.cycleStart ? 1 : -1))[0];
  const basis = expected ?? lastComplete ?? { dataMb: 0, voiceMinutes: 0, sms: 0 };
  return cycles
    .filter((c) => !account.usage.some((u) => u.cycleStart === c.start))
    .map((c) => ({ cycleStart: c.start, dataMb: basis.dataMb, voiceMinutes: basis.voiceMinutes, sms: basis.sms }));
}

export function quotePlanChange(
  catalog: Catalog,
  account: AccountBillingContext,
  request: PlanChangeRequest,
  options: PlanChangeQuoteOptions = {},
): PlanChangeQuote {
  assertIsoDate(request.date);
  validateCatalog(catalog);
  const current = stateOn(sortedHistory(account.subscription), request.date);
  if (current.planId === null) {
    throw new BillingError('no-active-plan', `no active plan on ${request.date} to change`, { date: request.date });
  }
  if (request.planId !== undefined && request.planId !== current.planId && findPlan(catalog, request.planId).sellable === false) {
    throw new BillingError('invalid-input', `plan ${request.planId} is no longer sold`, { planId: request.planId });
  }
  const cycle = cycleContaining(request.date);
  const after = nextCycle(cycle);
  const change: SubscriptionChange = {
    from: changeEffectiveDate(request.date, request.timing),
    planId: request.planId ?? current.planId,
    optionIds: [...(request.optionIds ?? current.optionIds)],
  };

  // The changed subscription has a plan in both cycles, so usage can be assumed for both; without
  // the change (e.g. a cancellation already scheduled) only where there is still a plan.
  const assumedUsage = usageAssumptions(account, [cycle, after], options.expectedUsage);
  const changed = applySubscriptionChange({ ...account, usage: [...account.usage, ...assumedUsage] }, change);
  const history = sortedHistory(account.subscription);
  const withUsage: AccountBillingContext = {
    ...account,
    usage: [...account.usage, ...assumedUsage.filter((u) => lastServiceDay(history, cycleContaining(u.cycleStart)) !== null)],
  };
  const previous = options.previousInvoice ?? null;

  const nextInvoice = invoiceForValidCatalog(catalog, changed, cycle, previous);
  const nextInvoiceWithoutChange = invoiceForValidCatalog(catalog, withUsage, cycle, previous);
  const monthlyAfter = invoiceForValidCatalog(catalog, changed, after, null);
  const monthlyAfterWithoutChange = invoiceForValidCatalog(catalog, withUsage, after, null);

  const unchanged = new Set(nextInvoiceWithoutChange.lines.map((l) => `${l.id}=${l.total}`));
  const prorationLines = nextInvoice.lines.filter((l) => {
    const e = l.explanation;
    const prorated = (e.code === 'recurring-fee' || e.code === 'promotion') && e.days < e.daysInCycle;
    return prorated && !unchanged.has(`${l.id}=${l.total}`);
  });
  const savingPerMonth = monthlyAfterWithoutChange.total - monthlyAfter.total;
  return {
    change,
    assumedUsage,
    nextInvoice,
    nextInvoiceWithoutChange,
    prorationLines,
    monthlyAfter,
    monthlyAfterWithoutChange,
    savingPerMonth,
    savingPerYear: savingPerMonth * 12,
    nextInvoiceDifference: nextInvoice.total - nextInvoiceWithoutChange.total,
  };
}

/** The day a change requested on `date` takes effect. */
export function changeEffectiveDate(date: IsoDate, timing: PlanChangeRequest['timing']): IsoDate {
  return timing === 'now' ? assertIsoDate(date) : addDays(cycleContaining(date).end, 1);
}
