/**
 * What-if for a plan or option change, computed by the SAME engine: the change is applied to the
 * subscription history (applySubscriptionChange, the very function used when the customer says
 * yes) and the invoices are generated. So the quote is the invoice that will really be produced,
 * provided the usage turns out as assumed — ONE assumption (usage-assumption.ts) for every figure:
 * the next bill, the first whole month after the change, and the twelve months from it that the
 * yearly saving sums (each of the twelve invoices generated, so a price change or the end of a
 * promotion within the year counts from its day, not as 12 × the first month).
 */
import { sumMinor, type Minor } from '../money/money';
import { findPlan } from './catalog';
import { addDays, assertIsoDate, cycleContaining, nextCycle } from './dates';
import { BillingError } from './errors';
import { invoiceForValidAccount } from './invoice';
import { validateAccount, validateCatalog } from './validate';
import type { Invoice, InvoiceLine, PreviousInvoice } from './invoice-types';
import { applySubscriptionChange, lastServiceDay, sortedHistory, stateOn } from './subscription';
import type { AccountBillingContext, BillingCycle, Catalog, Id, IsoDate, SubscriptionChange, UsageRecord } from './types';
import { assumeUsage, assumedRecord, withAssumedUsage, type UsageAmounts, type UsageAssumption } from './usage-assumption';

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
  /** How many complete months the assumed usage averages (usage-assumption.ts), 1 to 12. Default 3. */
  readonly months?: number;
  /** Overrides the assumed monthly usage. */
  readonly expectedUsage?: UsageAmounts;
  /** The current cycle's usage is recorded through this day. Default: `date`. */
  readonly recordedThrough?: IsoDate;
  /** Shared by the quotes of one ranking (quoteBaseline); used only when made for the same inputs. */
  readonly baseline?: QuoteBaseline;
}

/** Twelve whole months from the first one after the change, each invoice on its own. */
export interface QuoteYear {
  readonly cycles: readonly BillingCycle[];
  /** Each month's invoice total with the change, VAT included. */
  readonly totals: readonly Minor[];
  readonly totalsWithoutChange: readonly Minor[];
  readonly total: Minor;
  readonly totalWithoutChange: Minor;
}

export interface PlanChangeQuote {
  /** The subscription change to record if the customer accepts. */
  readonly change: SubscriptionChange;
  /** The one usage assumption behind every figure of the quote. */
  readonly usage: UsageAssumption;
  /** The usage records the quote billed the current and later cycles on (they replace the account's). */
  readonly assumedUsage: readonly UsageRecord[];
  /** The invoice of the current cycle, with the change. */
  readonly nextInvoice: Invoice;
  readonly nextInvoiceWithoutChange: Invoice;
  /** Lines of nextInvoice that the change prorated or added. */
  readonly prorationLines: readonly InvoiceLine[];
  /** The first whole month after the change, on its own (no previous balance, no late fee). */
  readonly monthlyAfter: Invoice;
  readonly monthlyAfterWithoutChange: Invoice;
  /** Positive when the change makes the first whole month cheaper. */
  readonly savingPerMonth: Minor;
  /** The twelve invoices from monthlyAfter on (price changes and promotion ends included). */
  readonly year: QuoteYear;
  /** year.totalWithoutChange − year.total: positive when the twelve months cost less. */
  readonly savingPerYear: Minor;
  /** nextInvoice.total − nextInvoiceWithoutChange.total. */
  readonly nextInvoiceDifference: Minor;
}

/**
 * A ranking quotes every plan for the same account on the same day: the invoices without the
 * change are the same for all, so they are made once and kept here (`key` says for what).
 */
export interface QuoteBaseline {
  /** The very account object it was made for (compared by identity). */
  readonly account: AccountBillingContext;
  readonly key: string;
  invoices?: readonly Invoice[];
}

function baselineKey(date: IsoDate, previous: PreviousInvoice | null, assumed: readonly UsageRecord[]): string {
  return `${date}|${JSON.stringify(previous)}|${JSON.stringify(assumed)}`;
}

/** A baseline to share between the quotes of one account on one day (pass the same object to each). */
export function quoteBaseline(
  account: AccountBillingContext,
  date: IsoDate,
  previous: PreviousInvoice | null,
  options: Pick<PlanChangeQuoteOptions, 'months' | 'expectedUsage' | 'recordedThrough'> = {},
): QuoteBaseline {
  const usage = assumeUsage(account, date, {
    ...(options.months !== undefined ? { months: options.months } : {}),
    ...(options.expectedUsage ? { monthly: options.expectedUsage } : {}),
    ...(options.recordedThrough ? { recordedThrough: options.recordedThrough } : {}),
  });
  const cycles = [cycleContaining(date)];
  while (cycles.length <= YEAR_MONTHS) cycles.push(nextCycle(cycles[cycles.length - 1]!));
  return {
    account,
    key: baselineKey(
      date,
      previous,
      cycles.map((c) => assumedRecord(usage, c)),
    ),
  };
}

/** Months in the savings year. */
export const YEAR_MONTHS = 12;

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

  const usage = assumeUsage(account, request.date, {
    ...(options.months !== undefined ? { months: options.months } : {}),
    ...(options.expectedUsage ? { monthly: options.expectedUsage } : {}),
    ...(options.recordedThrough ? { recordedThrough: options.recordedThrough } : {}),
  });
  const yearCycles: BillingCycle[] = [after];
  while (yearCycles.length < YEAR_MONTHS) yearCycles.push(nextCycle(yearCycles[yearCycles.length - 1]!));
  const assumedUsage = [cycle, ...yearCycles].map((c) => assumedRecord(usage, c));

  // The changed subscription has a plan in every cycle, so usage is assumed for each; without the
  // change (e.g. a cancellation already scheduled) only where there is still a plan.
  const changed = applySubscriptionChange(withAssumedUsage(account, assumedUsage), change);
  const history = sortedHistory(account.subscription);
  const withUsage = withAssumedUsage(
    account,
    assumedUsage.filter((u) => lastServiceDay(history, cycleContaining(u.cycleStart)) !== null),
  );
  const previous = options.previousInvoice ?? null;
  validateAccount(catalog, changed);
  const nextInvoice = invoiceForValidAccount(catalog, changed, cycle, previous);
  const months = yearCycles.map((c) => invoiceForValidAccount(catalog, changed, c, null));
  // Without the change: the same for every plan quoted on the same day (a ranking quotes them all).
  const baseline =
    options.baseline?.account === account && options.baseline.key === baselineKey(request.date, previous, assumedUsage) ? options.baseline : undefined;
  let nextInvoiceWithoutChange: Invoice;
  let monthsWithout: Invoice[];
  if (baseline?.invoices) {
    [nextInvoiceWithoutChange, ...monthsWithout] = baseline.invoices as [Invoice, ...Invoice[]];
  } else {
    validateAccount(catalog, withUsage);
    nextInvoiceWithoutChange = invoiceForValidAccount(catalog, withUsage, cycle, previous);
    monthsWithout = yearCycles.map((c) => invoiceForValidAccount(catalog, withUsage, c, null));
    if (baseline) baseline.invoices = [nextInvoiceWithoutChange, ...monthsWithout];
  }
  const monthlyAfter = months[0]!;
  const monthlyAfterWithoutChange = monthsWithout[0]!;

  const unchanged = new Set(nextInvoiceWithoutChange.lines.map((l) => `${l.id}=${l.total}`));
  const prorationLines = nextInvoice.lines.filter((l) => {
    const e = l.explanation;
    const prorated = (e.code === 'recurring-fee' || e.code === 'promotion') && e.days < e.daysInCycle;
    return prorated && !unchanged.has(`${l.id}=${l.total}`);
  });
  const totals = months.map((i) => i.total);
  const totalsWithoutChange = monthsWithout.map((i) => i.total);
  const year: QuoteYear = {
    cycles: yearCycles,
    totals,
    totalsWithoutChange,
    total: sumMinor(totals),
    totalWithoutChange: sumMinor(totalsWithoutChange),
  };
  return {
    change,
    usage,
    assumedUsage,
    nextInvoice,
    nextInvoiceWithoutChange,
    prorationLines,
    monthlyAfter,
    monthlyAfterWithoutChange,
    savingPerMonth: monthlyAfterWithoutChange.total - monthlyAfter.total,
    year,
    savingPerYear: year.totalWithoutChange - year.total,
    nextInvoiceDifference: nextInvoice.total - nextInvoiceWithoutChange.total,
  };
}

/** The day a change requested on `date` takes effect. */
export function changeEffectiveDate(date: IsoDate, timing: PlanChangeRequest['timing']): IsoDate {
  return timing === 'now' ? assertIsoDate(date) : addDays(cycleContaining(date).end, 1);
}
