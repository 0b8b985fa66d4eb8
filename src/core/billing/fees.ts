/**
 * One-off fees charged in the cycle, and the late fee.
 * LATE FEE RULE: every invoice is judged once, on its own due date: when its amount due (if
 * positive) was not covered by the payments dated from its issue date to its due date included,
 * the catalog's late-payment fee is charged on the invoice of the cycle in which that due date
 * falls (or, for the previous invoice, the first cycle after it). Payment terms are at most 28
 * days, so an invoice falls due in the next cycle or — January's with 28 days: issued 1 February,
 * due 1 March — the one after; both the previous invoice and the one before it (`before`) are
 * therefore looked at, and an invoice is never judged twice (the one before only if its due date
 * is in this cycle, the previous only once its due date has come). What open disputes hold on the
 * invoice (`disputedHeld`) is set aside: only the undisputed part must be paid by the due date.
 */
import { sumMinor } from '../money/money';
import { findFee, findLateFee } from './catalog';
import { isWithin } from './dates';
import type { FeeRef, InvoiceLine, LateFeeExplanation, OneOffFeeExplanation, PreviousInvoice } from './invoice-types';
import { lineIdOf } from './line-id';
import { taxedLine } from './tax';
import type { BasisPoints, BillingCycle, Catalog, OneOffCharge, OneOffFee, Payment } from './types';

function feeRef(fee: OneOffFee): FeeRef {
  return { id: fee.id, kind: fee.kind, name: fee.name };
}

export function oneOffFeeLines(catalog: Catalog, charges: readonly OneOffCharge[], cycle: BillingCycle, taxRateBp: BasisPoints): InvoiceLine[] {
  return charges
    .filter((c) => isWithin(c.date, cycle.start, cycle.end))
    .sort((a, b) => (a.date === b.date ? (a.id < b.id ? -1 : 1) : a.date < b.date ? -1 : 1))
    .map((charge) => {
      const fee = findFee(catalog, charge.feeId);
      const explanation: OneOffFeeExplanation = {
        code: 'one-off-fee',
        rule: 'one-off-charge',
        fee: feeRef(fee),
        chargeId: charge.id,
        date: charge.date,
      };
      return taxedLine(lineIdOf(explanation), catalog.currency, explanation, fee.amount, fee.taxable, taxRateBp);
    });
}

export function paidBetween(payments: readonly Payment[], from: string, to: string): number {
  return sumMinor(payments.filter((p) => isWithin(p.date, from, to)).map((p) => p.amount));
}

export function lateFeeLines(
  catalog: Catalog,
  previous: PreviousInvoice | null,
  payments: readonly Payment[],
  cycle: BillingCycle,
  taxRateBp: BasisPoints,
): InvoiceLine[] {
  const fee = findLateFee(catalog);
  if (!fee || !previous) return [];
  const judged: PreviousInvoice[] = [];
  const before = previous.before ?? null;
  if (before && isWithin(before.dueDate, cycle.start, cycle.end)) judged.push(before);
  if (previous.dueDate <= cycle.end) judged.push(previous);
  const lines: InvoiceLine[] = [];
  for (const invoice of judged) {
    if (invoice.amountDue <= 0) continue;
    const paidByDueDate = paidBetween(payments, invoice.issueDate, invoice.dueDate);
    if (paidByDueDate + Math.max(0, invoice.disputedHeld ?? 0) >= invoice.amountDue) continue;
    const explanation: LateFeeExplanation = {
      code: 'late-fee',
      rule: 'unpaid-by-due-date',
      fee: feeRef(fee),
      previousInvoiceId: invoice.id,
      dueDate: invoice.dueDate,
      amountDue: invoice.amountDue,
      paidByDueDate,
    };
    lines.push(taxedLine(lineIdOf(explanation), catalog.currency, explanation, fee.amount, fee.taxable, taxRateBp));
  }
  return lines;
}

/** What the next invoice needs to know of `invoice`, with the one before it (one level kept). */
export function previousInvoiceOf(invoice: PreviousInvoice, before: PreviousInvoice | null): PreviousInvoice {
  const strip = (i: PreviousInvoice): PreviousInvoice => ({
    id: i.id,
    issueDate: i.issueDate,
    dueDate: i.dueDate,
    amountDue: i.amountDue,
    ...(i.disputedHeld ? { disputedHeld: i.disputedHeld } : {}),
  });
  return { ...strip(invoice), before: before ? strip(before) : null };
}
