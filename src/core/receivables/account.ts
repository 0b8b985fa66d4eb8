/**
 * One account's receivables from its stored facts: invoices (their own totals; the first one's
 * balance brought forward), payments (by status), one-off credits not yet on a bill, and refunds
 * paid out of a credit balance — all allocated by THE RULE of allocation.ts.
 *
 * A refund is money out: it is allocated as a charge the credit balance settles (an open item of
 * its own, never shown as an invoice), so refunding can never exceed what was overpaid without
 * the account owing it again.
 */
import type { Minor } from '../money/money';
import { allocate, type AllocationResult, type MoneyIn, type OpenItem } from './allocation';
import { moneyIn, type PaymentFact } from './payments';

export interface InvoiceFact {
  readonly id: string;
  readonly issuedOn: string;
  readonly dueOn: string;
  readonly total: Minor;
  readonly previousBalance: Minor;
}

export interface UnbilledCredit {
  readonly id: string;
  readonly on: string;
  readonly amount: Minor;
}

export const OPENING_BALANCE_ID = 'opening-balance';

export interface AccountReceivables extends AllocationResult {
  /** What the first invoice brought forward from before it (positive: owed). */
  readonly openingBalance: Minor;
  /** Owed minus credit balance: positive, the customer owes; negative, we owe them. */
  readonly balance: Minor;
  /** Ids of open items that are refunds (not invoices). */
  readonly refundIds: ReadonlySet<string>;
}

export function accountReceivables(invoices: readonly InvoiceFact[], payments: readonly PaymentFact[], credits: readonly UnbilledCredit[]): AccountReceivables {
  const sorted = [...invoices].sort((a, b) => (a.issuedOn < b.issuedOn ? -1 : a.issuedOn > b.issuedOn ? 1 : a.id < b.id ? -1 : 1));
  const first = sorted[0];
  const openingBalance = first?.previousBalance ?? 0;
  const items: OpenItem[] = invoices.map((i) => ({ id: i.id, issuedOn: i.issuedOn, dueOn: i.dueOn, total: i.total }));
  const money: MoneyIn[] = [
    ...moneyIn(payments),
    ...credits.filter((c) => c.amount > 0).map((c) => ({ id: c.id, on: c.on, amount: c.amount, directedTo: null })),
  ];
  // A reversed credit not yet billed takes money back: a charge like a refund.
  for (const c of credits) if (c.amount < 0) items.push({ id: c.id, issuedOn: c.on, dueOn: c.on, total: -c.amount });
  if (first && openingBalance > 0) items.push({ id: OPENING_BALANCE_ID, issuedOn: first.issuedOn, dueOn: first.issuedOn, total: openingBalance });
  if (first && openingBalance < 0) money.push({ id: OPENING_BALANCE_ID, on: first.issuedOn, amount: -openingBalance, directedTo: null });
  const refundIds = new Set<string>();
  for (const p of payments) {
    if (p.status !== 'refund' || p.amount <= 0) continue;
    refundIds.add(p.id);
    items.push({ id: p.id, issuedOn: p.receivedOn, dueOn: p.receivedOn, total: p.amount });
  }
  const r = allocate(items, money);
  const owed = r.invoices.reduce((s, i) => s + i.left, 0);
  return { ...r, openingBalance, balance: owed - r.creditBalance, refundIds };
}

/**
 * What is overdue on the account today: what is left on each invoice past its own due date, less
 * what open disputes hold on it (`held`: invoice id → amount). Refunds and the opening balance
 * are open items, not invoices: they have no entry in `invoices` and are never overdue. The one
 * rule of the desk (the plans panel, the plan decision) and of the hub's re-check.
 */
export function overdueBalance(
  r: Pick<AccountReceivables, 'invoices'>,
  invoices: readonly { readonly id: string; readonly dueOn: string }[],
  held: ReadonlyMap<string, Minor>,
  today: string,
): Minor {
  const due = new Map(invoices.map((i) => [i.id, i.dueOn]));
  let overdue = 0;
  for (const i of r.invoices) {
    const dueOn = due.get(i.invoiceId);
    if (dueOn === undefined || dueOn >= today) continue;
    overdue += Math.max(0, i.left - (held.get(i.invoiceId) ?? 0));
  }
  return overdue;
}
