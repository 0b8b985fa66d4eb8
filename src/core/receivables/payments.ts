/**
 * Payments as the customer's history shows them: method, status and — for a card — the last four
 * digits and nothing more. No other part of a card number is ever stored or returned: the store
 * keeps `card_last4` (four digits, a trigger refuses anything else) and this module is the one
 * place that turns it into what the agent reads.
 *
 *   received  the money arrived and counts
 *   failed    the attempt never moved money (declined card, rejected debit): counts for nothing
 *   returned  the money arrived, then went back (a returned direct debit, a chargeback): the
 *             payment keeps `amount − returnedAmount`
 *   refund    money paid back to the customer out of a credit balance: it counts against them
 */
import type { Minor } from '../money/money';
import type { MoneyIn } from './allocation';

export const PAYMENT_METHODS = ['direct_debit', 'card', 'transfer', 'cheque'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const PAYMENT_STATUSES = ['received', 'failed', 'returned', 'refund'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export interface PaymentFact {
  readonly id: string;
  readonly receivedOn: string;
  /** What was paid (refund: what was paid back), positive. */
  readonly amount: Minor;
  readonly status: PaymentStatus;
  /** returned: how much of it went back (the whole amount when not said). */
  readonly returnedAmount: Minor | null;
  readonly invoiceId: string | null;
}

/** Exactly four digits: the only part of a card number Ardoise keeps. */
export function isCardLast4(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9]{4}$/.test(value);
}

/** "•••• 4242" — or null when there is nothing valid to show (never more than four digits). */
export function maskedCard(last4: string | null | undefined): string | null {
  return isCardLast4(last4) ? `•••• ${last4}` : null;
}

/** What a payment row still holds of the money (received: all; returned: what was kept; failed: nothing). */
export function keptAmount(p: PaymentFact): Minor {
  switch (p.status) {
    case 'received':
      return p.amount;
    case 'returned':
      return Math.max(0, p.amount - (p.returnedAmount ?? p.amount));
    case 'failed':
    case 'refund':
      return 0;
  }
}

/** Money in, for the allocation (refunds are money out: see refundedTotal). */
export function moneyIn(payments: readonly PaymentFact[]): MoneyIn[] {
  return payments.filter((p) => keptAmount(p) > 0).map((p) => ({ id: p.id, on: p.receivedOn, amount: keptAmount(p), directedTo: p.invoiceId }));
}

/** What was paid back out of credit balances. */
export function refundedTotal(payments: readonly PaymentFact[]): Minor {
  return payments.filter((p) => p.status === 'refund').reduce((s, p) => s + p.amount, 0);
}

/** The SQL condition (on a `payments` row) of the money a payment row adds to the account: one rule for every sum in SQL. */
export const PAYMENT_NET_SQL = `(CASE status WHEN 'received' THEN amount WHEN 'returned' THEN amount - coalesce(returned_amount, amount) WHEN 'refund' THEN -amount ELSE 0 END)`;
