/**
 * A billing run: one cycle billed for many accounts, through the engine, from the store — each
 * account's history read (account-context.ts), its invoice generated (core/billing, the very
 * engine that quotes and explains) and stored the way every invoice is kept (store/invoice-rows.ts:
 * one row per engine line, then the VAT row). An account already billed for the cycle is left
 * as it is, so a run that stopped half-way can be run again.
 *
 * Synchronous and transaction-per-batch: the caller chooses the batch (better-sqlite3, no await
 * inside a transaction).
 */
import type Database from 'better-sqlite3';
import { generateInvoice, type BillingCycle, type Catalog, type Invoice } from '../../../core/billing';
import { invoiceLineRows } from '../../store/invoice-rows';
import { uuidv7 } from '../../store/ids';
import { BillingStore, previousInvoiceRef } from './account-context';

/** The rows of one invoice exactly as they are inserted. */
export interface InvoiceRows {
  readonly invoice: readonly [string, string, string, string, string, string, string, string, number, number, number, number, number, number];
  readonly lines: readonly (readonly [string, string, number, string, number, number, string])[];
}

export const INSERT_INVOICE = `INSERT INTO invoices (id, account_id, number, cycle_start, cycle_end, issued_on, due_on, currency, subtotal, tax, total, previous_balance, payments_received, amount_due)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
export const INSERT_LINE = `INSERT INTO invoice_lines (id, invoice_id, position, kind, amount, tax_rate_bp, explanation) VALUES (?, ?, ?, ?, ?, ?, ?)`;

/** "FA-202611-12345678": the cycle's month and the account number's digits (as the demo numbers them). */
export function invoiceNumber(cycle: BillingCycle, accountNumber: string): string {
  return `FA-${cycle.start.slice(0, 4)}${cycle.start.slice(5, 7)}-${accountNumber.replace(/^AR-/, '')}`;
}

export function invoiceRows(invoice: Invoice, accountNumber: string, now: number = Date.now()): InvoiceRows {
  const id = uuidv7(now);
  return {
    invoice: [
      id,
      invoice.accountId,
      invoiceNumber(invoice.cycle, accountNumber),
      invoice.cycle.start,
      invoice.cycle.end,
      invoice.issueDate,
      invoice.dueDate,
      invoice.currency,
      invoice.subtotal,
      invoice.tax,
      invoice.total,
      invoice.previousBalance,
      invoice.paymentsReceived,
      invoice.amountDue,
    ],
    lines: invoiceLineRows(invoice).map((l, k) => [uuidv7(now), id, k + 1, l.kind, l.amount, l.taxRateBp, l.explanation] as const),
  };
}

export class BillingRun {
  private readonly store: BillingStore;
  private readonly insertInvoice: Database.Statement;
  private readonly insertLine: Database.Statement;

  constructor(
    private readonly client: Database.Database,
    private readonly catalog: Catalog,
  ) {
    this.store = new BillingStore(client);
    this.insertInvoice = client.prepare(INSERT_INVOICE);
    this.insertLine = client.prepare(INSERT_LINE);
  }

  /** The invoice of `cycle` for one account, from the store (null: already billed, or unknown). */
  invoiceFor(accountId: string, cycle: BillingCycle): { invoice: Invoice; rows: InvoiceRows } | null {
    const loaded = this.store.load(accountId, this.catalog, { through: cycle.end });
    if (!loaded) return null;
    const last = loaded.lastInvoice;
    if (last && last.cycleStart >= cycle.start) return null;
    const invoice = generateInvoice(this.catalog, loaded.context, cycle, last ? previousInvoiceRef(last, loaded.invoiceBefore) : null);
    return { invoice, rows: invoiceRows(invoice, loaded.account.number) };
  }

  /**
   * Bills `cycle` for these accounts in ONE transaction (their histories read batch-wise);
   * returns the rows written.
   */
  billBatch(accountIds: readonly string[], cycle: BillingCycle): InvoiceRows[] {
    return this.client.transaction(() => {
      const written: InvoiceRows[] = [];
      const now = Date.now();
      const loaded = this.store.loadMany(accountIds, this.catalog, { through: cycle.end });
      for (const accountId of accountIds) {
        const account = loaded.get(accountId);
        const last = account?.lastInvoice;
        if (!account || (last && last.cycleStart >= cycle.start)) continue;
        const invoice = generateInvoice(this.catalog, account.context, cycle, last ? previousInvoiceRef(last, account.invoiceBefore) : null);
        const rows = invoiceRows(invoice, account.account.number, now);
        this.insertInvoice.run(...rows.invoice);
        for (const line of rows.lines) this.insertLine.run(...line);
        written.push(rows);
      }
      return written;
    })();
  }
}
