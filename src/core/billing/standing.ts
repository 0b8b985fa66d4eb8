/**
 * THE ONE RULE for where an invoice stands — used by the account panel, the bills tab and the
 * discount policy's facts (standing), on the desk and in the hub:
 *
 *   An invoice's amount due already carries what earlier bills left unpaid, and the oldest debt is
 *   paid first, so what counts against an invoice is every payment received after its cycle
 *   ended. (Credits granted since lower the account's balance at once, and the next invoice.)
 *
 *   paid         nothing left to pay (or it asked for nothing)
 *   overdue      something left to pay and the due date has passed (dueOn < today)
 *   partly-paid  not yet due, something received, something left
 *   due          not yet due, nothing received yet
 *
 *   HELD: what open disputes hold on the invoice (core/receivables/disputes) is set aside: an
 *   invoice whose unpaid amount is all under dispute is not overdue (it stays due/partly-paid
 *   until the disputes are resolved); a part not under dispute is judged as before.
 */
import type { Minor } from '../money/money';
import type { IsoDate } from './types';

export type InvoiceStanding = 'paid' | 'partly-paid' | 'due' | 'overdue';

export interface InvoiceToSettle {
  readonly amountDue: Minor;
  readonly dueOn: IsoDate;
}

/** `settledSince`: payments received after the invoice's cycle ended. */
export function invoiceStanding(invoice: InvoiceToSettle, settledSince: Minor, today: IsoDate, held: Minor = 0): InvoiceStanding {
  const left = invoice.amountDue - settledSince;
  if (left <= 0) return 'paid';
  if (invoice.dueOn < today && left > Math.max(0, held)) return 'overdue';
  return settledSince > 0 ? 'partly-paid' : 'due';
}

/** What is still owed on the invoice under the same rule (never negative). */
export function leftToPay(invoice: InvoiceToSettle, settledSince: Minor): Minor {
  return Math.max(0, invoice.amountDue - settledSince);
}
