/**
 * The hub's billing run: the hub is the billing authority of the desks joined to it (a joined
 * desk refuses to bill: NotBillingAuthority), so billing a cycle happens here, on the hub's data.
 *
 *   - the same pure rules as a standalone desk's run (core/billing/billing-input.ts reads the
 *     rows, core/billing/issue.ts decides the bill, its kind, its series and its rows), so a bill
 *     is the same whichever authority issued it;
 *   - one transaction per account: it locks the customer (as every command does: a credit being
 *     granted lands wholly before or after the bill), reads the account's history, takes the
 *     bill's number in its series (invoice-numbers.ts: the series' row stays locked until commit,
 *     a rollback gives the number back) and writes the invoice and its lines. A failure leaves
 *     no half bill and no gap; the accounts billed before it stay billed;
 *   - idempotent: an account already billed for the cycle (or a later one) is skipped — read
 *     after the customer's lock, so two runs of the same cycle at once (two hub processes) bill
 *     each account once: the second waits, then sees the first's bill;
 *   - a negative bill is a credit note (AV-YYYY-…) correcting the account's last bill;
 *   - the rows are frozen by the hub's triggers (migration 0005_frozen_invoices), and reach the
 *     desks through the change log like any write to a synced table; a NOTIFY after the run
 *     nudges them to pull.
 */
import {
  catalogFromRows,
  CATALOG_RULES_KEY,
  loadedAccount,
  type AccountHistory,
  type BillingAccountFields,
  type CatalogRows,
  type CatalogRules,
  type StoredInvoiceFields,
} from '../../core/billing/billing-input';
import { BillingError, cycleOf, type BillingCycle, type Catalog } from '../../core/billing';
import { cycleBill, invoiceLineValues, invoiceRowValues } from '../../core/billing/issue';
import type { DocumentKind } from '../../core/billing/numbering';
import { PAYMENT_NET_SQL } from '../../core/receivables/payments';
import { heldByInvoice, type DisputeFact } from '../../core/receivables/disputes';
import { uuidv7 } from '../../platform/ids';
import { CHANGES_CHANNEL } from '../commands/push';
import type { HubDb, Sql } from '../db/open';
import { takeDocumentNumber } from './invoice-numbers';

export type BillingRunErrorCode = 'bad_cycle' | 'cycle_not_over' | 'no_catalog';

/** A billing run refused before it billed anything. */
export class BillingRunError extends Error {
  override readonly name = 'BillingRunError';
  constructor(
    readonly code: BillingRunErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The billing cycle of a month written 'YYYY-MM'; BillingRunError('bad_cycle') otherwise. */
export function billingCycleOf(month: string): BillingCycle {
  try {
    return cycleOf(month);
  } catch {
    throw new BillingRunError('bad_cycle', `a billing cycle is a month written YYYY-MM, not "${month}"`);
  }
}

export interface IssuedBill {
  readonly accountId: string;
  readonly invoiceId: string;
  readonly number: string;
  readonly kind: DocumentKind;
  readonly total: number;
  readonly correctsInvoiceId: string | null;
}

export interface BillingRunReport {
  readonly cycle: BillingCycle;
  /** In the order they were issued. */
  readonly issued: readonly IssuedBill[];
  /** Accounts with a bill for this cycle already (a rerun, or another run). */
  readonly alreadyBilled: number;
  /** Closed accounts with nothing to bill this cycle. */
  readonly nothingToBill: number;
  /** Account ids asked for that the hub does not hold. */
  readonly unknown: readonly string[];
  /** Accounts whose bill the engine refused (their transaction rolled back: no number taken). */
  readonly failed: readonly { readonly accountId: string; readonly error: string }[];
}

export interface BillingRunOptions {
  /** Only these accounts (default: every account the hub holds). */
  readonly accountIds?: readonly string[];
  /** The hub's clock: a cycle is billed once it is over (from the day after its end); the rows' ids are minted from it. */
  readonly now?: () => Date;
  /** Called after each account (progress). */
  readonly onAccount?: (done: number, of: number) => void;
}

const INVOICE_COLUMNS = `i.id, i.account_id AS "accountId", i.cycle_start AS "cycleStart", i.cycle_end AS "cycleEnd",
  i.issued_on AS "issuedOn", i.due_on AS "dueOn", i.amount_due AS "amountDue"`;

/** The engine's catalog from the hub's catalog tables and its `catalog_rules` setting. */
export async function hubCatalog(sql: Sql): Promise<Catalog> {
  const rows: CatalogRows = {
    items: await sql.query(`SELECT code, name, kind, terms FROM plans ORDER BY id`),
    prices: await sql.query(
      `SELECT item_code AS "itemCode", amount, currency, effective_from AS "effectiveFrom" FROM catalog_prices ORDER BY item_code, effective_from, id`,
    ),
    promotions: await sql.query(`SELECT code, name, terms FROM promotions ORDER BY id`),
  };
  const [rules] = await sql.query<{ value: string }>(`SELECT value FROM settings WHERE key = $1`, [CATALOG_RULES_KEY]);
  try {
    return catalogFromRows(rows, rules ? (JSON.parse(rules.value) as CatalogRules) : null);
  } catch (err) {
    throw new BillingRunError('no_catalog', err instanceof Error ? err.message : String(err));
  }
}

interface HubAccountRow extends BillingAccountFields {
  readonly customerId: string;
  readonly status: string;
}

/** One account's billing history as the hub holds it (the desk's store/billing-history.ts, in PostgreSQL). */
export async function hubAccountHistory(sql: Sql, accountId: string): Promise<AccountHistory<HubAccountRow, StoredInvoiceFields> | null> {
  const [account] = await sql.query<HubAccountRow>(
    `SELECT a.id, a.customer_id AS "customerId", a.currency, a.status, a.payment_terms_days AS "paymentTermsDays", a.paper_bill AS "paperBill",
            c.category, c.country
       FROM accounts a JOIN customers c ON c.id = a.customer_id WHERE a.id = $1`,
    [accountId],
  );
  if (!account) return null;
  const [lastInvoice] = await sql.query<StoredInvoiceFields>(
    `SELECT ${INVOICE_COLUMNS} FROM invoices i WHERE i.account_id = $1 ORDER BY i.cycle_start DESC, i.id DESC LIMIT 1`,
    [accountId],
  );
  const [invoiceBefore] = lastInvoice
    ? await sql.query<StoredInvoiceFields>(
        `SELECT ${INVOICE_COLUMNS} FROM invoices i WHERE i.account_id = $1 AND i.cycle_start < $2 ORDER BY i.cycle_start DESC, i.id DESC LIMIT 1`,
        [accountId, lastInvoice.cycleStart],
      )
    : [];
  return {
    account,
    lastInvoice: lastInvoice ?? null,
    invoiceBefore: invoiceBefore ?? null,
    changes: await sql.query(
      `SELECT sc.effective_on AS "effectiveOn", sc.change, sc.item_code AS "itemCode", sc.command_id AS "commandId"
         FROM subscriptions s JOIN subscription_changes sc ON sc.subscription_id = s.id
        WHERE s.account_id = $1 ORDER BY sc.recorded_at, sc.id`,
      [accountId],
    ),
    oneOff: await sql.query(
      `SELECT l.explanation FROM invoices i JOIN invoice_lines l ON l.invoice_id = i.id
        WHERE i.account_id = $1 AND l.kind = 'one-off-fee' ORDER BY i.cycle_start, l.position`,
      [accountId],
    ),
    ledger: await sql.query(
      `SELECT id, kind, effective_on AS "effectiveOn", amount, reason_code AS "reasonCode", reverses_id AS "reversesId", terms
         FROM ledger_entries WHERE account_id = $1 ORDER BY effective_on, id`,
      [accountId],
    ),
    usage: await sql.query(
      `SELECT u.cycle, u.data_mb AS "dataMb", u.voice_minutes AS "voiceMinutes", u.sms
         FROM subscriptions s JOIN usage_records u ON u.subscription_id = s.id WHERE s.account_id = $1 ORDER BY u.cycle, u.id`,
      [accountId],
    ),
    payments: await sql.query(
      `SELECT id, received_on AS "receivedOn", ${PAYMENT_NET_SQL} AS amount FROM payments
        WHERE account_id = $1 AND ${PAYMENT_NET_SQL} <> 0 ORDER BY received_on, id`,
      [accountId],
    ),
    notices: await sql.query(
      `SELECT item_code AS "itemCode", effective_from AS "effectiveFrom", notified_on AS "notifiedOn" FROM price_notices
        WHERE account_id = $1 ORDER BY notified_on, id`,
      [accountId],
    ),
  };
}

type AccountOutcome =
  | { readonly kind: 'issued'; readonly bill: IssuedBill }
  | { readonly kind: 'already' }
  | { readonly kind: 'nothing' }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'failed'; readonly error: string };

/** Bills one account for the cycle in the caller's transaction (see the file's comment). */
async function billAccount(sql: Sql, catalog: Catalog, accountId: string, cycle: BillingCycle, now: () => Date): Promise<AccountOutcome> {
  // The customer's lock, as every command takes it, before anything is read.
  const locked = await sql.query(`SELECT c.id FROM customers c JOIN accounts a ON a.customer_id = c.id WHERE a.id = $1 FOR UPDATE OF c`, [accountId]);
  if (locked.length === 0) return { kind: 'unknown' };
  const history = await hubAccountHistory(sql, accountId);
  if (!history) return { kind: 'unknown' };
  const loaded = loadedAccount(history, catalog, { through: cycle.end });
  const disputes = await sql.query<DisputeFact>(
    `SELECT id, invoice_id AS "invoiceId", invoice_line_id AS "lineId", amount, status FROM disputes WHERE account_id = $1 AND status = 'open'`,
    [accountId],
  );
  const bill = cycleBill(catalog, loaded, cycle, heldByInvoice(disputes));
  if (!bill) return { kind: 'already' };
  const { invoice, document } = bill;
  if (history.account.status === 'closed' && invoice.lines.length === 0 && invoice.amountDue === 0) return { kind: 'nothing' };

  const number = await takeDocumentNumber(sql, document.series);
  const at = now().getTime();
  const id = uuidv7(at);
  await sql.query(
    `INSERT INTO invoices (id, account_id, number, cycle_start, cycle_end, issued_on, due_on, currency, subtotal, tax, total,
       previous_balance, payments_received, amount_due, document_kind, corrects_invoice_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [...invoiceRowValues(id, number, invoice), document.kind, document.correctsInvoiceId],
  );
  const params: unknown[] = [];
  const values = invoiceLineValues(invoice, id, () => uuidv7(at)).map((row, k) => {
    params.push(...row);
    const b = k * 7;
    return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7})`;
  });
  if (values.length > 0)
    await sql.query(`INSERT INTO invoice_lines (id, invoice_id, position, kind, amount, tax_rate_bp, explanation) VALUES ${values.join(', ')}`, params);
  return {
    kind: 'issued',
    bill: { accountId, invoiceId: id, number, kind: document.kind, total: invoice.total, correctsInvoiceId: document.correctsInvoiceId },
  };
}

/**
 * Bills `cycle` for every account the hub holds (or `opts.accountIds`), one transaction per
 * account; returns what was issued and what was not, and why. Refuses (BillingRunError) before
 * billing anything a cycle that is not over yet (its bill would be frozen with half its usage)
 * or when the hub has no catalog.
 */
export async function billCycle(db: HubDb, cycle: BillingCycle, opts: BillingRunOptions = {}): Promise<BillingRunReport> {
  const now = opts.now ?? (() => new Date());
  const today = now().toISOString().slice(0, 10);
  if (cycle.end >= today)
    throw new BillingRunError(
      'cycle_not_over',
      `the cycle ${cycle.start} → ${cycle.end} is not over: it is billed from the day after it ends (today is ${today})`,
    );
  const catalog = await hubCatalog(db);
  const accountIds = opts.accountIds ? [...new Set(opts.accountIds)] : (await db.query<{ id: string }>(`SELECT id FROM accounts ORDER BY id`)).map((r) => r.id);
  const issued: IssuedBill[] = [];
  const unknown: string[] = [];
  const failed: { accountId: string; error: string }[] = [];
  let alreadyBilled = 0;
  let nothingToBill = 0;
  for (const [k, accountId] of accountIds.entries()) {
    let outcome: AccountOutcome;
    try {
      outcome = await db.tx((sql) => billAccount(sql, catalog, accountId, cycle, now));
    } catch (err) {
      // The engine refused this account's bill (its data does not make one): rolled back, no
      // number taken; the run goes on. Anything else (the database) stops the run.
      if (!(err instanceof BillingError)) throw err;
      outcome = { kind: 'failed', error: err.message };
    }
    switch (outcome.kind) {
      case 'issued':
        issued.push(outcome.bill);
        break;
      case 'already':
        alreadyBilled++;
        break;
      case 'nothing':
        nothingToBill++;
        break;
      case 'unknown':
        unknown.push(accountId);
        break;
      case 'failed':
        failed.push({ accountId, error: outcome.error });
        break;
    }
    opts.onAccount?.(k + 1, accountIds.length);
  }
  // The bills are in the change log already; this nudges every hub process's desks to pull.
  if (issued.length > 0) await db.query(`SELECT pg_notify($1, $2)`, [CHANGES_CHANNEL, JSON.stringify({ device: null, tables: ['invoices', 'invoice_lines'] })]);
  return { cycle, issued, alreadyBilled, nothingToBill, unknown, failed };
}
