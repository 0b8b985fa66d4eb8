/**
 * THE BILLING ENGINE — one invoice for one calendar-month cycle. The rules, all in one place:
 *
 * ROUNDING: the one rule of src/core/money/money.ts — an amount that must be scaled (proration by
 *   days, a percentage, VAT) is computed exactly and rounded ONCE to the nearest minor unit, halves
 *   away from zero (mulDiv / percentOf). Every line is rounded once; subtotal, tax and total are
 *   plain sums of rounded lines and are never rounded again, so total = Σ line totals exactly.
 * PRICE NOTICE (catalog.ts, the notice rule): a catalog price increase on an item the customer
 *   already had is billed only from one month after they were told of it (Code de la consommation
 *   L224-33), never without a notice; until then the old fee, on a line that says so. A decrease
 *   needs no notice. Applies when the account carries its notices (the store always passes them).
 * PRORATION (recurring.ts): daily. days used / days in the month × monthly fee, once per line. A
 *   whole month gives exactly the fee; a month split into k lines is within k/2 minor units of it.
 * PROMOTIONS (promotions.ts): reduce the fee line they target for the days inside their window,
 *   never below zero; they run `cycles` months from the customer's start date, then end.
 * USAGE (usage.ts): rated on the plan in force when it happened. Usage is recorded per cycle, so it
 *   is taken as spread evenly over the days of service: with a mid-cycle plan change each plan
 *   period gets its share by days of the usage and of the allowance, priced at its own rates.
 *   The cycle then costs a day-weighted mix of what each plan would have cost all month — never
 *   less than the cheaper, never more than the dearer (within one rounding per line). One plan all
 *   cycle: the whole usage against the whole allowance (not cut for a partial month).
 * VAT (tax.ts): per line, at the rate of the account's country and category, on net prices.
 *   Late fees are outside the scope of VAT. Credits and discounts are price reductions: the amount
 *   granted is VAT included and lowers the taxable base and its VAT (split once: net, then VAT =
 *   gross − net); a late-fee waiver gives back a fee outside VAT, so it stays outside (credits.ts).
 * LATE FEE (fees.ts): every invoice is judged once, on its own due date: its amount due not paid
 *   in full by then costs the late fee on the invoice of the cycle that due date falls in (with
 *   28-day terms January's bill, due 1 March, is judged on March's bill).
 * BALANCE: amountDue = previousBalance − payments dated in the cycle + total.
 * CREDIT NOTE: a bill whose total is negative is issued as a credit note (avoir) referring to the
 *   invoice it corrects (the previous one), never as a negative invoice (document, explain-line.ts).
 */
import { sumMinor } from '../money/money';
import { taxRateFor } from './catalog';
import { creditLines } from './credits';
import { addDays, assertCycle } from './dates';
import { lateFeeLines, oneOffFeeLines, paidBetween, previousInvoiceOf } from './fees';
import type { BillDocument, Invoice, InvoiceLine, PreviousInvoice } from './invoice-types';
import { promotionLines } from './promotions';
import { recurringFeeLines } from './recurring';
import { sortedHistory } from './subscription';
import type { AccountBillingContext, BillingCycle, Catalog } from './types';
import { overageLines, usageFor } from './usage';
import { validateAccount, validateCatalog } from './validate';

/** Fee lines, each followed by the promotion lines that reduce it. */
function withPromotionsAfterTheirFee(feeLines: readonly InvoiceLine[], promotions: readonly InvoiceLine[]): InvoiceLine[] {
  const lines: InvoiceLine[] = [];
  for (const fee of feeLines) {
    lines.push(fee);
    for (const promotion of promotions) {
      if (promotion.explanation.code === 'promotion' && promotion.explanation.feeLineId === fee.id) lines.push(promotion);
    }
  }
  return lines;
}

export function generateInvoice(catalog: Catalog, account: AccountBillingContext, cycle: BillingCycle, previous: PreviousInvoice | null = null): Invoice {
  validateCatalog(catalog);
  return invoiceForValidCatalog(catalog, account, cycle, previous);
}

/** generateInvoice for callers that already validated this catalog (quotes, rankings: many invoices). */
export function invoiceForValidCatalog(catalog: Catalog, account: AccountBillingContext, cycle: BillingCycle, previous: PreviousInvoice | null): Invoice {
  validateAccount(catalog, account);
  return invoiceForValidAccount(catalog, account, cycle, previous);
}

/** invoiceForValidCatalog for an account already validated against this catalog (a quote's many months). */
export function invoiceForValidAccount(catalog: Catalog, account: AccountBillingContext, cycle: BillingCycle, previous: PreviousInvoice | null): Invoice {
  assertCycle(cycle);
  const rate = taxRateFor(catalog, account.country, account.category);
  const history = sortedHistory(account.subscription);
  const fees = recurringFeeLines(catalog, history, cycle, rate, account.priceNotices);
  const lines: InvoiceLine[] = [
    ...withPromotionsAfterTheirFee(fees, promotionLines(catalog, account.promotions, fees, rate)),
    ...overageLines(catalog, history, usageFor(account.usage, cycle), cycle, rate),
    ...oneOffFeeLines(catalog, account.oneOffCharges, cycle, rate),
    ...lateFeeLines(catalog, previous, account.payments, cycle, rate),
    ...creditLines(catalog, account.ledger, cycle, rate),
  ];

  const subtotal = sumMinor(lines.map((l) => l.amount));
  const tax = sumMinor(lines.map((l) => l.tax));
  const total = sumMinor(lines.map((l) => l.total));
  const issueDate = addDays(cycle.end, 1);
  const previousBalance = previous?.amountDue ?? 0;
  const paymentsReceived = paidBetween(account.payments, cycle.start, cycle.end);
  return {
    id: `${account.accountId}:${cycle.start}`,
    document: documentOf(total, previous?.id ?? null),
    accountId: account.accountId,
    currency: catalog.currency,
    cycle: { start: cycle.start, end: cycle.end },
    issueDate,
    dueDate: addDays(issueDate, account.paymentTermsDays),
    country: account.country,
    category: account.category,
    taxRateBp: rate,
    lines,
    subtotal,
    tax,
    total,
    previousBalance,
    paymentsReceived,
    amountDue: previousBalance - paymentsReceived + total,
  };
}

/** CREDIT NOTE: a bill whose total is negative is a credit note (avoir) correcting the previous invoice. */
export function documentOf(total: number, previousInvoiceId: string | null): BillDocument {
  return total < 0 ? { kind: 'credit-note', correctsInvoiceId: previousInvoiceId } : { kind: 'invoice' };
}

/** Invoices for consecutive cycles, each carrying the previous one's balance and late-fee check. */
export function generateInvoices(
  catalog: Catalog,
  account: AccountBillingContext,
  cycles: readonly BillingCycle[],
  previous: PreviousInvoice | null = null,
): Invoice[] {
  const invoices: Invoice[] = [];
  let before = previous;
  for (const cycle of cycles) {
    const invoice = generateInvoice(catalog, account, cycle, before);
    invoices.push(invoice);
    before = previousInvoiceOf(invoice, before);
  }
  return invoices;
}
