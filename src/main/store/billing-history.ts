/**
 * Queries of what the billing engine reads about an account: the account and its customer's
 * category and country, its subscription history, usage, payments, ledger and issued invoices
 * with their lines. Rows only: services/billing/engine-input.ts turns them into the engine's
 * types and services/billing/stored-invoice.ts reads an invoice back. Every read goes through
 * an index (account, invoice); statements are prepared once.
 */
import type { AccountHistory } from '../../core/billing/billing-input';
import { PAYMENT_NET_SQL } from '../../core/receivables/payments';
import type Database from 'better-sqlite3';
import type { AccountRow } from './accounts';
import type { CustomerRow } from './customers';
import type { InvoiceLineRow, InvoiceRow, PaymentRow } from './invoices';
import type { LedgerRow } from './ledger';
import type { Row } from './rows';
import type { priceNotices, usageRecords } from './schema';
import type { SubscriptionChangeRow } from './subscriptions';

/** An account as billing reads it: its terms, with its customer's category and country. */
export type BillingAccountRow = Pick<AccountRow, 'id' | 'customerId' | 'number' | 'currency' | 'status' | 'paymentTermsDays' | 'paperBill'> &
  Pick<CustomerRow, 'category' | 'country'>;
/** An invoice line as stored (the VAT row included, kind VAT_LINE_KIND). */
export type BillingLineRow = Pick<InvoiceLineRow, 'id' | 'position' | 'kind' | 'amount' | 'taxRateBp' | 'explanation'>;
/** A subscription change in the order it was recorded. */
export type BillingChangeRow = Pick<SubscriptionChangeRow, 'effectiveOn' | 'change' | 'itemCode' | 'commandId'>;
/** A ledger entry as billing reads it; `terms` is JSON text. */
export type BillingLedgerRow = Pick<LedgerRow, 'id' | 'kind' | 'effectiveOn' | 'amount' | 'reasonCode' | 'reversesId' | 'terms'>;
export type BillingUsageRow = Pick<Row<typeof usageRecords>, 'cycle' | 'dataMb' | 'voiceMinutes' | 'sms'>;
/** A notice of a catalog price change to the account (the change named by its item and day). */
export type BillingNoticeRow = Pick<Row<typeof priceNotices>, 'itemCode' | 'effectiveFrom' | 'notifiedOn'>;
export type BillingPaymentRow = Pick<PaymentRow, 'id' | 'invoiceId' | 'receivedOn' | 'amount'>;
/** The stored explanation (JSON) of a one-off fee line. */
export type OneOffLineRow = Pick<InvoiceLineRow, 'explanation'>;
/** An invoice with the account and customer it belongs to. */
export type InvoiceOfCustomerRow = InvoiceRow & {
  customerId: AccountRow['customerId'];
  accountNumber: AccountRow['number'];
  accountCurrency: AccountRow['currency'];
} & Pick<CustomerRow, 'country' | 'category'>;

/**
 * Everything read about one account to bill it: core's AccountHistory (the hub reads the same)
 * of this desk's account and invoice rows; the statements below are typed from the schema.
 */
export type AccountHistoryRows = AccountHistory<BillingAccountRow, InvoiceRow>;

export const INVOICE_COLUMNS = `i.id, i.account_id AS accountId, i.number, i.cycle_start AS cycleStart, i.cycle_end AS cycleEnd,
  i.issued_on AS issuedOn, i.due_on AS dueOn, i.currency, i.subtotal, i.tax, i.total,
  i.previous_balance AS previousBalance, i.payments_received AS paymentsReceived, i.amount_due AS amountDue,
  i.document_kind AS documentKind, i.corrects_invoice_id AS correctsInvoiceId`;

export const BILLING_ACCOUNT_COLUMNS = `a.id, a.customer_id AS customerId, a.number, a.currency, a.status,
  a.payment_terms_days AS paymentTermsDays, a.paper_bill AS paperBill, c.category, c.country`;

export class BillingHistoryQueries {
  readonly account: Database.Statement<[string], BillingAccountRow>;
  readonly accountsOfCustomer: Database.Statement<[string], BillingAccountRow>;
  readonly invoice: Database.Statement<[string], InvoiceRow>;
  /** The invoice with this id if it belongs to this customer, with its account. */
  readonly invoiceOfCustomer: Database.Statement<[string, string], InvoiceOfCustomerRow>;
  readonly invoicesOfAccount: Database.Statement<[string], InvoiceRow>;
  readonly previousInvoice: Database.Statement<[string, string], InvoiceRow>;
  readonly latestInvoice: Database.Statement<[string], InvoiceRow>;
  readonly lines: Database.Statement<[string], BillingLineRow>;
  readonly paymentsOfAccount: Database.Statement<[string], BillingPaymentRow>;
  /** What was paid against one invoice. */
  readonly paidAgainst: Database.Statement<[string, string], { paid: number }>;
  private readonly changes: Database.Statement<[string], BillingChangeRow>;
  private readonly usage: Database.Statement<[string], BillingUsageRow>;
  private readonly oneOffExplanations: Database.Statement<[string], OneOffLineRow>;
  private readonly ledger: Database.Statement<[string], BillingLedgerRow>;
  private readonly notices: Database.Statement<[string], BillingNoticeRow>;

  constructor(readonly client: Database.Database) {
    this.account = client.prepare(`SELECT ${BILLING_ACCOUNT_COLUMNS} FROM accounts a JOIN customers c ON c.id = a.customer_id WHERE a.id = ?`);
    this.accountsOfCustomer = client.prepare(
      `SELECT ${BILLING_ACCOUNT_COLUMNS} FROM accounts a JOIN customers c ON c.id = a.customer_id WHERE a.customer_id = ? ORDER BY a.opened_on, a.rowid`,
    );
    this.invoice = client.prepare(`SELECT ${INVOICE_COLUMNS} FROM invoices i WHERE i.id = ?`);
    this.invoiceOfCustomer = client.prepare(
      `SELECT ${INVOICE_COLUMNS}, a.customer_id AS customerId, a.number AS accountNumber, a.currency AS accountCurrency, c.country, c.category
       FROM invoices i JOIN accounts a ON a.id = i.account_id JOIN customers c ON c.id = a.customer_id WHERE i.id = ? AND a.customer_id = ?`,
    );
    this.invoicesOfAccount = client.prepare(`SELECT ${INVOICE_COLUMNS} FROM invoices i WHERE i.account_id = ? ORDER BY i.cycle_start DESC, i.id DESC`);
    this.previousInvoice = client.prepare(
      `SELECT ${INVOICE_COLUMNS} FROM invoices i WHERE i.account_id = ? AND i.cycle_start < ? ORDER BY i.cycle_start DESC, i.id DESC LIMIT 1`,
    );
    this.latestInvoice = client.prepare(`SELECT ${INVOICE_COLUMNS} FROM invoices i WHERE i.account_id = ? ORDER BY i.cycle_start DESC, i.id DESC LIMIT 1`);
    this.lines = client.prepare(
      `SELECT id, position, kind, amount, tax_rate_bp AS taxRateBp, explanation FROM invoice_lines WHERE invoice_id = ? ORDER BY position`,
    );
    this.paymentsOfAccount = client.prepare(
      `SELECT id, invoice_id AS invoiceId, received_on AS receivedOn, ${PAYMENT_NET_SQL} AS amount FROM payments WHERE account_id = ? AND ${PAYMENT_NET_SQL} <> 0 ORDER BY received_on, rowid`,
    );
    this.paidAgainst = client.prepare(`SELECT coalesce(sum(${PAYMENT_NET_SQL}), 0) AS paid FROM payments WHERE account_id = ? AND invoice_id = ?`);
    this.changes = client.prepare(
      `SELECT sc.effective_on AS effectiveOn, sc.change, sc.item_code AS itemCode, sc.command_id AS commandId
       FROM subscriptions s JOIN subscription_changes sc ON sc.subscription_id = s.id
       WHERE s.account_id = ? ORDER BY sc.recorded_at, sc.rowid`,
    );
    this.usage = client.prepare(
      `SELECT u.cycle, u.data_mb AS dataMb, u.voice_minutes AS voiceMinutes, u.sms
       FROM subscriptions s JOIN usage_records u ON u.subscription_id = s.id WHERE s.account_id = ? ORDER BY u.cycle, u.rowid`,
    );
    this.oneOffExplanations = client.prepare(
      `SELECT l.explanation FROM invoices i JOIN invoice_lines l ON l.invoice_id = i.id WHERE i.account_id = ? AND l.kind = 'one-off-fee' ORDER BY i.cycle_start, l.position`,
    );
    this.ledger = client.prepare(
      `SELECT id, kind, effective_on AS effectiveOn, amount, reason_code AS reasonCode, reverses_id AS reversesId, terms
       FROM ledger_entries WHERE account_id = ? ORDER BY effective_on, rowid`,
    );
    this.notices = client.prepare(
      `SELECT item_code AS itemCode, effective_from AS effectiveFrom, notified_on AS notifiedOn FROM price_notices WHERE account_id = ? ORDER BY notified_on, id`,
    );
  }

  /** The account's whole billing history as stored; null for an unknown account. */
  historyOf(accountId: string): AccountHistoryRows | null {
    const account = this.account.get(accountId);
    if (!account) return null;
    const lastInvoice = this.latestInvoice.get(accountId) ?? null;
    const invoiceBefore = lastInvoice ? (this.previousInvoice.get(accountId, lastInvoice.cycleStart) ?? null) : null;
    return {
      account,
      lastInvoice,
      invoiceBefore,
      changes: this.changes.all(accountId),
      oneOff: this.oneOffExplanations.all(accountId),
      ledger: this.ledger.all(accountId),
      usage: this.usage.all(accountId),
      payments: this.paymentsOfAccount.all(accountId),
      notices: this.notices.all(accountId),
    };
  }
}
