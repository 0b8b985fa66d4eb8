/**
 * One-off fees charged in the cycle, and the late fee.
 * LATE FEE RULE: when the previous invoice's amount due (if positive) was not covered by the
 * payments dated from its issue date to its due date included, the catalog's late-payment fee is
 * charged on the invoice of the cycle in which that due date falls or after.
 */
import { sumMinor } from '../money/money';
import { findFee, findLateFee } from './catalog';
import { isWithin } from './dates';
import type { FeeRef, InvoiceLine, LateFeeExplanation, OneOffFeeExplanation, PreviousInvoice } from './invoice-types';
import { taxedLine } from './tax';
import type { BasisPoints, BillingCycle, Catalog, OneOffCharge, OneOffFee, Payment } from './types';

function feeRef(fee: OneOffFee): FeeRef {
  return { id: fee.id, kind: fee.kind, name: fee.name };
}

export function oneOffFeeLines(
  catalog: Catalog,
  charges: readonly OneOffCharge[],
  cycle: BillingCycle,
  taxRateBp: BasisPoints,
): InvoiceLine[] {
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
      return taxedLine(`one-off:${charge.id}`, catalog.currency, explanation, fee.amount, fee.taxable, taxRateBp);
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
  if (!fee || !previous || previous.amountDue <= 0 || previous.dueDate > cycle.end) return [];
  const paidByDueDate = paidBetween(payments, previous.issueDate, previous.dueDate);
  if (paidByDueDate >= previous.amountDue) return [];
  const explanation: LateFeeExplanation = {
    code: 'late-fee',
    rule: 'unpaid-by-due-date',
    fee: feeRef(fee),
    previousInvoiceId: previous.id,
    dueDate: previous.dueDate,
    amountDue: previous.amountDue,
    paidByDueDate,
  };
  return [taxedLine(`late-fee:${previous.id}`, catalog.currency, explanation, fee.amount, fee.taxable, taxRateBp)];
}
