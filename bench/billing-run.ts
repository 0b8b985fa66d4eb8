/**
 * A billing run, as the billing-cycle benchmark measures it: one cycle billed for many accounts,
 * through the engine, from the store — each account's history read (batch-wise, then mapped by
 * src/main/services/billing/engine-input.ts), its invoice generated (core/billing, the very
 * engine that quotes and explains) and stored the way every invoice is kept (store/invoice-rows.ts:
 * one row per engine line, then the VAT row). An account already billed for the cycle is left
 * as it is, so a run that stopped half-way can be run again.
 *
 * Synchronous and transaction-per-batch: the caller chooses the batch (better-sqlite3, no await
 * inside a transaction).
 */
import { PAYMENT_NET_SQL } from '../src/core/receivables/payments';
import type Database from 'better-sqlite3';
import { generateInvoice, type BillingCycle, type Catalog, type Invoice } from '../src/core/billing';
import { formatDocumentNumber } from '../src/core/billing/numbering';
import { loadAccount, loadedAccount, previousInvoiceRef, type AccountContextOptions, type LoadedAccount } from '../src/main/services/billing/engine-input';
import {
  BILLING_ACCOUNT_COLUMNS,
  BillingHistoryQueries,
  INVOICE_COLUMNS,
  type BillingAccountRow,
  type BillingChangeRow,
  type BillingLedgerRow,
  type BillingNoticeRow,
  type BillingPaymentRow,
  type BillingUsageRow,
  type OneOffLineRow,
} from '../src/main/store/billing-history';
import { issuedDocument, invoiceRows, InvoiceIssuer, type InvoiceRows } from '../src/main/services/billing/issue-invoice';
import { invoiceNumbers, type InvoiceNumbers } from '../src/main/store/invoice-numbers';
import type { InvoiceRow } from '../src/main/store/invoices';

export { INSERT_INVOICE, INSERT_LINE, invoiceRows, type InvoiceRows } from '../src/main/services/billing/issue-invoice';

type WithAccount<T> = T & { accountId: string };

/** The history reads of one account, for a JSON array of account ids, each row tagged with its account. */
interface ManyStatements {
  readonly accounts: Database.Statement<[string], BillingAccountRow>;
  readonly latestInvoices: Database.Statement<[string], InvoiceRow & { rank: number }>;
  readonly changes: Database.Statement<[string], WithAccount<BillingChangeRow>>;
  readonly oneOff: Database.Statement<[string], WithAccount<OneOffLineRow>>;
  readonly ledger: Database.Statement<[string], WithAccount<BillingLedgerRow>>;
  readonly usage: Database.Statement<[string], WithAccount<BillingUsageRow>>;
  readonly payments: Database.Statement<[string], WithAccount<BillingPaymentRow>>;
  readonly notices: Database.Statement<[string], WithAccount<BillingNoticeRow>>;
}

function manyStatements(c: Database.Database): ManyStatements {
  const IDS = `(SELECT value FROM json_each(?))`;
  return {
    accounts: c.prepare(`SELECT ${BILLING_ACCOUNT_COLUMNS} FROM accounts a JOIN customers c ON c.id = a.customer_id WHERE a.id IN ${IDS}`),
    latestInvoices: c.prepare(
      `SELECT * FROM (SELECT ${INVOICE_COLUMNS}, row_number() OVER (PARTITION BY i.account_id ORDER BY i.cycle_start DESC, i.id DESC) AS rank
       FROM invoices i WHERE i.account_id IN ${IDS}) WHERE rank <= 2`,
    ),
    changes: c.prepare(
      `SELECT s.account_id AS accountId, sc.effective_on AS effectiveOn, sc.change, sc.item_code AS itemCode, sc.command_id AS commandId
       FROM subscriptions s JOIN subscription_changes sc ON sc.subscription_id = s.id
       WHERE s.account_id IN ${IDS} ORDER BY s.account_id, sc.recorded_at, sc.rowid`,
    ),
    oneOff: c.prepare(
      `SELECT i.account_id AS accountId, l.explanation FROM invoices i JOIN invoice_lines l ON l.invoice_id = i.id
       WHERE i.account_id IN ${IDS} AND l.kind = 'one-off-fee' ORDER BY i.account_id, i.cycle_start, l.position`,
    ),
    ledger: c.prepare(
      `SELECT account_id AS accountId, id, kind, effective_on AS effectiveOn, amount, reason_code AS reasonCode, reverses_id AS reversesId, terms
       FROM ledger_entries WHERE account_id IN ${IDS} ORDER BY account_id, effective_on, rowid`,
    ),
    usage: c.prepare(
      `SELECT s.account_id AS accountId, u.cycle, u.data_mb AS dataMb, u.voice_minutes AS voiceMinutes, u.sms
       FROM subscriptions s JOIN usage_records u ON u.subscription_id = s.id WHERE s.account_id IN ${IDS} ORDER BY s.account_id, u.cycle, u.rowid`,
    ),
    payments: c.prepare(
      `SELECT account_id AS accountId, id, invoice_id AS invoiceId, received_on AS receivedOn, ${PAYMENT_NET_SQL} AS amount
       FROM payments WHERE account_id IN ${IDS} AND ${PAYMENT_NET_SQL} <> 0 ORDER BY account_id, received_on, rowid`,
    ),
    notices: c.prepare(
      `SELECT account_id AS accountId, item_code AS itemCode, effective_from AS effectiveFrom, notified_on AS notifiedOn
       FROM price_notices WHERE account_id IN ${IDS} ORDER BY account_id, notified_on, id`,
    ),
  };
}

function group<T extends { accountId: string }>(rows: readonly T[]): Map<string, T[]> {
  const by = new Map<string, T[]>();
  for (const r of rows) {
    const list = by.get(r.accountId);
    if (list) list.push(r);
    else by.set(r.accountId, [r]);
  }
  return by;
}

export class BillingRun {
  private readonly queries: BillingHistoryQueries;
  private readonly many: ManyStatements;
  private readonly issuer: InvoiceIssuer;
  private readonly numbers: InvoiceNumbers;

  constructor(
    private readonly client: Database.Database,
    private readonly catalog: Catalog,
  ) {
    this.queries = new BillingHistoryQueries(client);
    this.many = manyStatements(client);
    this.issuer = new InvoiceIssuer(client, catalog);
    this.numbers = invoiceNumbers(client);
  }

  /**
   * Each account's history as loadAccount reads it, for many accounts at once: one read per
   * table for the whole batch instead of one per account, each still through the account
   * indexes. Unknown ids are left out.
   */
  loadMany(accountIds: readonly string[], opts: AccountContextOptions = {}): Map<string, LoadedAccount> {
    const ids = JSON.stringify(accountIds);
    const m = this.many;
    const changes = group(m.changes.all(ids));
    const oneOff = group(m.oneOff.all(ids));
    const ledger = group(m.ledger.all(ids));
    const usage = group(m.usage.all(ids));
    const payments = group(m.payments.all(ids));
    const notices = group(m.notices.all(ids));
    const latest = new Map<string, InvoiceRow>();
    const second = new Map<string, InvoiceRow>();
    for (const { rank, ...row } of m.latestInvoices.all(ids)) (rank === 1 ? latest : second).set(row.accountId, row);
    const out = new Map<string, LoadedAccount>();
    for (const account of m.accounts.all(ids)) {
      const id = account.id;
      const rows = {
        account,
        lastInvoice: latest.get(id) ?? null,
        invoiceBefore: second.get(id) ?? null,
        changes: changes.get(id) ?? [],
        oneOff: oneOff.get(id) ?? [],
        ledger: ledger.get(id) ?? [],
        usage: usage.get(id) ?? [],
        payments: payments.get(id) ?? [],
        notices: notices.get(id) ?? [],
      };
      out.set(id, loadedAccount(rows, this.catalog, opts));
    }
    return out;
  }

  /** The invoice of `cycle` for one account, from the store (null: already billed, or unknown). */
  invoiceFor(accountId: string, cycle: BillingCycle): { invoice: Invoice; rows: InvoiceRows } | null {
    const loaded = loadAccount(this.queries, accountId, this.catalog, { through: cycle.end });
    if (!loaded) return null;
    const last = loaded.lastInvoice;
    if (last && last.cycleStart >= cycle.start) return null;
    const invoice = generateInvoice(this.catalog, loaded.context, cycle, last ? previousInvoiceRef(last, loaded.invoiceBefore) : null);
    const document = issuedDocument(invoice, last);
    return { invoice, rows: invoiceRows(invoice, formatDocumentNumber(document.series, this.numbers.peek(document.series)), document) };
  }

  /** The engine's invoices of `cycle` for these accounts, with each account's last stored bill. */
  private invoicesFor(accountIds: readonly string[], cycle: BillingCycle): { invoice: Invoice; last: InvoiceRow | null }[] {
    const out: { invoice: Invoice; last: InvoiceRow | null }[] = [];
    const loaded = this.loadMany(accountIds, { through: cycle.end });
    for (const accountId of accountIds) {
      const account = loaded.get(accountId);
      const last = account?.lastInvoice ?? null;
      if (!account || (last && last.cycleStart >= cycle.start)) continue;
      out.push({ invoice: generateInvoice(this.catalog, account.context, cycle, last ? previousInvoiceRef(last, account.invoiceBefore) : null), last });
    }
    return out;
  }

  /**
   * The rows billing `cycle` would write for these accounts (their histories read batch-wise),
   * numbered as billBatch would number them now, without writing them or taking their numbers.
   * Accounts already billed for the cycle, or unknown, are left out.
   */
  rowsFor(accountIds: readonly string[], cycle: BillingCycle, now: number = Date.now()): InvoiceRows[] {
    const next = new Map<string, number>();
    return this.invoicesFor(accountIds, cycle).map(({ invoice, last }) => {
      const document = issuedDocument(invoice, last);
      const n = next.get(document.series) ?? this.numbers.peek(document.series);
      next.set(document.series, n + 1);
      return invoiceRows(invoice, formatDocumentNumber(document.series, n), document, now);
    });
  }

  /**
   * Bills `cycle` for these accounts in ONE transaction (their histories read batch-wise), each
   * bill numbered in its series in that transaction (store/invoice-numbers.ts); returns the rows
   * written.
   */
  billBatch(accountIds: readonly string[], cycle: BillingCycle): InvoiceRows[] {
    return this.client
      .transaction(() => {
        this.issuer.assertAuthority();
        return this.invoicesFor(accountIds, cycle).map(({ invoice, last }) => this.issuer.issueInvoice(invoice, last));
      })
      .immediate();
  }
}
