/**
 * Where the customer's money went: every payment (and every one-off credit not yet on a bill)
 * allocated to the invoices it settles, in time order.
 *
 * THE RULE
 *   - Events are taken in date order; on one day an invoice is issued before money is counted
 *     (a payment on the issue day may settle that invoice).
 *   - A payment the customer directed at an invoice ("this was for March") goes to that invoice
 *     first, up to what it still owes; what is left of it — and every undirected payment — goes
 *     to the OLDEST open invoice first (earliest due date, then earliest issue).
 *   - Money that finds no open invoice is a credit balance; it settles the next invoice issued,
 *     oldest credit first.
 *   - A credit note (an invoice whose total is negative) is money owed back: it settles open
 *     invoices like a payment.
 *   - A failed payment never moved money and is not allocated; a returned payment (a direct
 *     debit or card charge sent back) takes its money back: it is allocated as though it had
 *     been received for the amount it kept (zero when returned whole).
 *
 * It conserves money exactly: what was allocated plus the credit balance equals what came in,
 * and no invoice is settled beyond its total (tests/unit/receivables: property tests).
 */
import type { Minor } from '../money/money';

export type IsoDate = string;

export interface OpenItem {
  readonly id: string;
  readonly issuedOn: IsoDate;
  readonly dueOn: IsoDate;
  /** The invoice's own charges (its total, not the amount due that carries older debt); may be negative (credit note). */
  readonly total: Minor;
}

export interface MoneyIn {
  readonly id: string;
  readonly on: IsoDate;
  /** Positive: money the customer's account received (payment kept, unbilled credit). */
  readonly amount: Minor;
  /** The invoice the customer said it was for, if any. */
  readonly directedTo: string | null;
}

export interface Allocation {
  /** A MoneyIn id, or the id of a credit note. */
  readonly sourceId: string;
  readonly invoiceId: string;
  readonly amount: Minor;
}

export interface InvoiceSettlement {
  readonly invoiceId: string;
  readonly total: Minor;
  readonly settled: Minor;
  /** total − settled, never negative (a credit note is settled by itself). */
  readonly left: Minor;
}

export interface AllocationResult {
  readonly allocations: readonly Allocation[];
  /** Every invoice, oldest first. */
  readonly invoices: readonly InvoiceSettlement[];
  /** Money received that no invoice needed: what the customer may ask back. */
  readonly creditBalance: Minor;
  /** Per source: what of it is still unallocated (part of the credit balance). */
  readonly unallocated: ReadonlyMap<string, Minor>;
}

export class AllocationError extends Error {}

function checkAmount(what: string, value: number): void {
  if (!Number.isSafeInteger(value)) throw new AllocationError(`${what}: not a whole number of minor units`);
}

/** Allocates money to invoices under THE RULE above. Pure; input order does not matter. */
export function allocate(invoices: readonly OpenItem[], money: readonly MoneyIn[]): AllocationResult {
  for (const i of invoices) checkAmount(`invoice ${i.id}`, i.total);
  for (const m of money) {
    checkAmount(`money ${m.id}`, m.amount);
    if (m.amount < 0) throw new AllocationError(`money ${m.id}: negative`);
  }
  const ids = new Set(invoices.map((i) => i.id));
  if (ids.size !== invoices.length) throw new AllocationError('an invoice appears twice');

  type Event = { on: IsoDate; order: number; key: string; invoice?: OpenItem; money?: MoneyIn };
  const events: Event[] = [
    ...invoices.map((invoice) => ({ on: invoice.issuedOn, order: 0, key: invoice.id, invoice })),
    ...money.map((m) => ({ on: m.on, order: 1, key: m.id, money: m })),
  ];
  events.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.order - b.order || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));

  const left = new Map<string, Minor>();
  const open: OpenItem[] = []; // invoices with something left, oldest first
  const credits: { id: string; amount: Minor }[] = []; // unallocated money, oldest first
  const allocations: Allocation[] = [];
  const byOldest = (a: OpenItem, b: OpenItem) =>
    a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.issuedOn < b.issuedOn ? -1 : a.issuedOn > b.issuedOn ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

  const give = (sourceId: string, invoice: OpenItem, amount: Minor): Minor => {
    const owed = left.get(invoice.id)!;
    const part = Math.min(owed, amount);
    if (part <= 0) return 0;
    left.set(invoice.id, owed - part);
    const last = allocations[allocations.length - 1];
    if (last && last.sourceId === sourceId && last.invoiceId === invoice.id) allocations[allocations.length - 1] = { ...last, amount: last.amount + part };
    else allocations.push({ sourceId, invoiceId: invoice.id, amount: part });
    return part;
  };
  const spread = (sourceId: string, amount: Minor, directedTo: string | null): Minor => {
    let rest = amount;
    if (directedTo !== null) {
      const target = open.find((i) => i.id === directedTo);
      if (target) rest -= give(sourceId, target, rest);
    }
    for (const invoice of open) {
      if (rest === 0) break;
      rest -= give(sourceId, invoice, rest);
    }
    for (let k = open.length - 1; k >= 0; k--) if (left.get(open[k]!.id) === 0) open.splice(k, 1);
    return rest;
  };

  for (const e of events) {
    if (e.invoice) {
      const invoice = e.invoice;
      if (invoice.total >= 0) {
        left.set(invoice.id, invoice.total);
        if (invoice.total > 0) {
          open.push(invoice);
          open.sort(byOldest);
          // Credit already held settles the new bill, oldest credit first.
          for (const c of credits) {
            if (left.get(invoice.id) === 0) break;
            c.amount -= give(c.id, invoice, c.amount);
          }
          for (let k = credits.length - 1; k >= 0; k--) if (credits[k]!.amount === 0) credits.splice(k, 1);
          if (left.get(invoice.id) === 0) open.splice(open.indexOf(invoice), 1);
        }
      } else {
        left.set(invoice.id, 0);
        const rest = spread(invoice.id, -invoice.total, null);
        if (rest > 0) credits.push({ id: invoice.id, amount: rest });
      }
    } else if (e.money && e.money.amount > 0) {
      const rest = spread(e.money.id, e.money.amount, e.money.directedTo);
      if (rest > 0) credits.push({ id: e.money.id, amount: rest });
    }
  }

  const unallocated = new Map<string, Minor>();
  for (const c of credits) unallocated.set(c.id, (unallocated.get(c.id) ?? 0) + c.amount);
  const creditBalance = credits.reduce((s, c) => s + c.amount, 0);
  const settledOf = new Map<string, Minor>();
  for (const a of allocations) settledOf.set(a.invoiceId, (settledOf.get(a.invoiceId) ?? 0) + a.amount);
  const settlements = [...invoices].sort(byOldest).map((i) => {
    const settled = i.total < 0 ? 0 : (settledOf.get(i.id) ?? 0);
    return { invoiceId: i.id, total: i.total, settled, left: i.total < 0 ? 0 : i.total - settled };
  });
  return { allocations, invoices: settlements, creditBalance, unallocated };
}
