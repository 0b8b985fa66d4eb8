/**
 * Issuing a bill on a standalone desk: the engine's invoice (core/billing generateInvoice) becomes
 * a frozen document — an invoice, or a credit note ('avoir') correcting the account's invoice
 * before it when its total is negative — numbered in its series (store/invoice-numbers.ts: who
 * numbers and why it is gapless) in the transaction that writes it, with its lines and its VAT per
 * rate as issued. What to bill and how it is kept is core's (core/billing/issue.ts), shared with
 * the hub's billing run (src/hub/services/billing-run.ts). Nothing recomputes it afterwards:
 * explanations, comparisons and the printed document read these rows; only the fairness check
 * recomputes, to compare.
 */
import type Database from 'better-sqlite3';
import type { BillingCycle, Catalog, Invoice } from '../../../core/billing';
import { cycleBill, issuedDocument, type IssuedDocument } from '../../../core/billing/issue';
import type { DocumentKind } from '../../../core/billing/numbering';
import { BillingHistoryQueries } from '../../store/billing-history';
import { disputeQueries } from '../../store/disputes';
import { uuidv7 } from '../../store/ids';
import { invoiceNumbers } from '../../store/invoice-numbers';
import { invoiceLineValues, invoiceRowValues, type InvoiceLineValues, type InvoiceRowValues } from '../../store/invoice-rows';
import type { InvoiceRow } from '../../store/invoices';
import { prepareStores } from '../../store/prepared';
import { DEVICE_KEY } from '../../sync/desk-link';
import { loadAccount } from './engine-input';

export { issuedDocument, type IssuedDocument };

export const INSERT_INVOICE = `INSERT INTO invoices (id, account_id, number, cycle_start, cycle_end, issued_on, due_on, currency, subtotal, tax, total,
  previous_balance, payments_received, amount_due, document_kind, corrects_invoice_id)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
export const INSERT_LINE = `INSERT INTO invoice_lines (id, invoice_id, position, kind, amount, tax_rate_bp, explanation) VALUES (?, ?, ?, ?, ?, ?, ?)`;

/** The rows of one issued bill exactly as they are inserted. */
export interface InvoiceRows {
  readonly invoice: readonly [...InvoiceRowValues, DocumentKind, string | null];
  readonly lines: readonly InvoiceLineValues[];
  /** The numbering series the bill's number was taken from. */
  readonly series: string;
}

export function invoiceRows(invoice: Invoice, number: string, document: IssuedDocument, now: number = Date.now()): InvoiceRows {
  const id = uuidv7(now);
  return {
    invoice: [...invoiceRowValues(id, number, invoice), document.kind, document.correctsInvoiceId],
    lines: invoiceLineValues(invoice, id, () => uuidv7(now)),
    series: document.series,
  };
}

/** A desk joined to a hub does not issue bills: the hub does, and they reach the desk through sync. */
export class NotBillingAuthority extends Error {
  override readonly name = 'NotBillingAuthority';
  constructor() {
    super('this desk is joined to a hub: bills are issued and numbered by the hub');
  }
}

/**
 * Issues one account's bill for a cycle, from the store, in one transaction taken for writing
 * from its start (BEGIN IMMEDIATE: two billings on two connections queue, they never both read
 * the same counter). Null when the account is unknown or already billed for the cycle.
 */
export class InvoiceIssuer {
  private readonly queries: BillingHistoryQueries;
  private readonly store;
  private readonly insertInvoice: Database.Statement;
  private readonly insertLine: Database.Statement;
  private readonly joined: Database.Statement<[string], number>;

  constructor(
    private readonly client: Database.Database,
    private readonly catalog: Catalog,
    private readonly now: () => number = Date.now,
  ) {
    this.queries = new BillingHistoryQueries(client);
    this.store = prepareStores(client, { numbers: invoiceNumbers, disputes: disputeQueries });
    this.insertInvoice = client.prepare(INSERT_INVOICE);
    this.insertLine = client.prepare(INSERT_LINE);
    this.joined = client.prepare<[string], number>(`SELECT 1 FROM sync_state WHERE key = ?`).pluck();
  }

  /** Refuses (NotBillingAuthority) on a desk joined to a hub: only the billing authority numbers bills. */
  assertAuthority(): void {
    if (this.joined.get(DEVICE_KEY) !== undefined) throw new NotBillingAuthority();
  }

  /** Writes an issued bill's rows (inside the caller's transaction). */
  write(rows: InvoiceRows): void {
    this.insertInvoice.run(...rows.invoice);
    for (const line of rows.lines) this.insertLine.run(...line);
  }

  /** Numbers and writes the engine's invoice (inside the caller's transaction). */
  issueInvoice(invoice: Invoice, lastInvoice: Pick<InvoiceRow, 'id'> | null): InvoiceRows {
    const document = issuedDocument(invoice, lastInvoice);
    const rows = invoiceRows(invoice, this.store.numbers.take(document.series), document, this.now());
    this.write(rows);
    return rows;
  }

  issue(accountId: string, cycle: BillingCycle): InvoiceRows | null {
    return this.client
      .transaction(() => {
        this.assertAuthority();
        const loaded = loadAccount(this.queries, accountId, this.catalog, { through: cycle.end });
        if (!loaded) return null;
        // What open disputes hold on the bills judged for a late fee is never charged one (core/billing/fees.ts).
        const bill = cycleBill(this.catalog, loaded, cycle, this.store.disputes.heldOfAccount(accountId));
        return bill ? this.issueInvoice(bill.invoice, loaded.lastInvoice) : null;
      })
      .immediate();
  }
}
