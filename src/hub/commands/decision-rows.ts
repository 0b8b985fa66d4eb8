/**
 * The hub's side of a discount decision: the same rows the desk reads (core/policy/facts.ts turns
 * them into facts), read from PostgreSQL inside the command's transaction, and the policy in
 * force from the hub's own versions — never what a desk sent.
 */
import { heldByInvoice, type DisputeFact } from '../../core/receivables/disputes';
import { accountReceivables, type AccountReceivables, type InvoiceFact as ReceivableInvoice } from '../../core/receivables/account';
import { PAYMENT_NET_SQL, type PaymentFact, type PaymentStatus } from '../../core/receivables/payments';
import type { DiscountRequestInput } from '../../core/api/methods/discounts';
import { compilePolicy, dayBounds, type ActorGrantFact, type CompiledPolicy, type DecisionRows, type InvoiceFact, type LedgerFact } from '../../core/policy';
import type { Sql } from '../db/open';
import { Rejection } from './push';

interface AccountRow {
  id: string;
  customer_id: string;
  currency: string;
  status: string;
  opened_on: string;
}
interface InvoiceRow {
  id: string;
  account_id: string;
  cycle_start: string;
  total: number;
  amount_due: number;
  issued_on: string;
  due_on: string;
  late_fee: number | string | null;
}
interface LedgerRow {
  id: string;
  kind: LedgerFact['kind'];
  amount: number;
  reason_code: string;
  reverses_id: string | null;
  terms: string | null;
  effective_on: string;
}

const INVOICE = `SELECT i.id, i.account_id, i.cycle_start, i.total, i.amount_due, i.issued_on, i.due_on,
  (SELECT sum(l.amount) FROM invoice_lines l WHERE l.invoice_id = i.id AND l.kind = 'late-fee') AS late_fee FROM invoices i`;

const invoiceFact = (r: InvoiceRow, held: ReadonlyMap<string, number>): InvoiceFact => ({
  id: r.id,
  total: r.total,
  amountDue: r.amount_due,
  issuedOn: r.issued_on,
  dueOn: r.due_on,
  lateFee: Number(r.late_fee ?? 0),
  ...((held.get(r.id) ?? 0) > 0 ? { held: held.get(r.id)! } : {}),
});

/**
 * What open disputes hold on each invoice of the account (invoice id → amount), by core's rule
 * (heldByInvoice): the hub's one reading of it, as the desk's is DisputeQueries.heldOfAccount.
 */
export async function heldOfAccount(sql: Sql, accountId: string): Promise<Map<string, number>> {
  const rows = await sql.query<{ id: string; invoice_id: string; invoice_line_id: string; amount: number | string }>(
    `SELECT id, invoice_id, invoice_line_id, amount FROM disputes WHERE account_id = $1 AND status = 'open'`,
    [accountId],
  );
  return heldByInvoice(
    rows.map((d): DisputeFact => ({ id: d.id, invoiceId: d.invoice_id, lineId: d.invoice_line_id, amount: Number(d.amount), status: 'open' })),
  );
}
/**
 * The customer locked (FOR UPDATE: two desks cannot both spend what one decision allows) and the
 * account, which must be theirs on the hub.
 */
export async function lockedAccount(sql: Sql, customerId: string, accountId: string): Promise<{ id: string; currency: string }> {
  await sql.query(`SELECT id FROM customers WHERE id = $1 FOR UPDATE`, [customerId]);
  const [account] = await sql.query<{ id: string; currency: string }>(`SELECT id, currency FROM accounts WHERE id = $1 AND customer_id = $2`, [
    accountId,
    customerId,
  ]);
  if (!account) throw new Rejection([{ code: 'unknown_account', message: 'This account is not the customer’s on the hub.' }]);
  return account;
}

/**
 * The account's receivables on the hub (core accountReceivables, the same code the desk runs):
 * its invoices, every desk's payments and the credits not yet billed, with the facts they came from.
 */
export async function receivablesOfAccount(
  sql: Sql,
  accountId: string,
): Promise<{ invoices: ReceivableInvoice[]; payments: PaymentFact[]; receivables: AccountReceivables }> {
  const invoiceRows = await sql.query<{ id: string; issued_on: string; due_on: string; total: number; previous_balance: number }>(
    `SELECT id, issued_on, due_on, total, previous_balance FROM invoices WHERE account_id = $1`,
    [accountId],
  );
  const paymentRows = await sql.query<{
    id: string;
    received_on: string;
    amount: number;
    status: PaymentStatus;
    returned_amount: number | null;
    invoice_id: string | null;
  }>(`SELECT id, received_on, amount, status, returned_amount, invoice_id FROM payments WHERE account_id = $1`, [accountId]);
  const credits = await sql.query<{ id: string; on: string; amount: number }>(
    `SELECT id, effective_on AS "on", amount FROM ledger_entries WHERE account_id = $1 AND kind IN ('credit', 'fee_waiver', 'reversal')
       AND effective_on > coalesce((SELECT max(cycle_end) FROM invoices WHERE account_id = $1), '0000-00-00')`,
    [accountId],
  );
  const invoices = invoiceRows.map((i) => ({
    id: i.id,
    issuedOn: i.issued_on,
    dueOn: i.due_on,
    total: Number(i.total),
    previousBalance: Number(i.previous_balance),
  }));
  const payments = paymentRows.map((x) => ({
    id: x.id,
    receivedOn: x.received_on,
    amount: Number(x.amount),
    status: x.status,
    returnedAmount: x.returned_amount === null ? null : Number(x.returned_amount),
    invoiceId: x.invoice_id,
  }));
  const receivables = accountReceivables(
    invoices,
    payments,
    credits.map((c) => ({ id: c.id, on: c.on, amount: Number(c.amount) })),
  );
  return { invoices, payments, receivables };
}

const ledgerFact = (r: LedgerRow): LedgerFact => ({
  id: r.id,
  kind: r.kind,
  amount: r.amount,
  reasonCode: r.reason_code,
  reversesId: r.reverses_id,
  terms: r.terms,
  effectiveOn: r.effective_on,
});

export interface HubTarget {
  readonly rows: DecisionRows;
  readonly latestCycleStart: string | null;
}

/**
 * The rows of one decision, the customer locked first (two desks granting to one customer are
 * decided one after the other). Where the request lands follows the desk's rule: the invoice it
 * names (refused if it is not this customer's), else the main account and its latest invoice.
 */
export async function decisionRows(sql: Sql, customerId: string, request: DiscountRequestInput, dayOf: string, today: string): Promise<HubTarget> {
  const [customer] = await sql.query<{ id: string; fraud_flag: number; churn_risk: DecisionRows['customer']['churnRisk'] }>(
    `SELECT id, fraud_flag, churn_risk FROM customers WHERE id = $1 FOR UPDATE`,
    [customerId],
  );
  if (!customer) throw new Rejection([{ code: 'unknown_customer', message: 'The hub does not know this customer.' }]);
  const invoiceId = 'invoiceId' in request ? request.invoiceId : undefined;
  let account: AccountRow | undefined;
  let invoice: InvoiceRow | undefined;
  if (invoiceId !== undefined) {
    [invoice] = await sql.query<InvoiceRow>(`${INVOICE} WHERE i.id = $1`, [invoiceId]);
    if (invoice)
      [account] = await sql.query<AccountRow>(`SELECT id, customer_id, currency, status, opened_on FROM accounts WHERE id = $1`, [invoice.account_id]);
    if (!invoice || !account || account.customer_id !== customerId)
      throw new Rejection([{ code: 'unknown_invoice', message: 'This invoice is not one of this customer’s on the hub.' }]);
  } else {
    [account] = await sql.query<AccountRow>(
      `SELECT id, customer_id, currency, status, opened_on FROM accounts WHERE customer_id = $1
        ORDER BY CASE status WHEN 'active' THEN 0 WHEN 'suspended' THEN 1 ELSE 2 END, opened_on, id LIMIT 1`,
      [customerId],
    );
    if (!account) throw new Rejection([{ code: 'no_account', message: 'This customer has no account on the hub.' }]);
  }
  const recent = await sql.query<InvoiceRow>(`${INVOICE} WHERE i.account_id = $1 ORDER BY i.cycle_start DESC, i.id DESC LIMIT 3`, [account.id]);
  const held = await heldOfAccount(sql, account.id);
  const recentInvoices = recent.map((r) => invoiceFact(r, held));
  if (invoiceId === undefined) invoice = recent[0];
  let paidSinceLatest = 0;
  if (recentInvoices[0]) {
    const [p] = await sql.query<{ paid: string | null }>(
      `SELECT sum(${PAYMENT_NET_SQL}) AS paid FROM payments WHERE account_id = $1 AND received_on > $2 AND received_on <= $3`,
      [account.id, recentInvoices[0].issuedOn, today],
    );
    paidSinceLatest = Number(p?.paid ?? 0);
  }
  const ledger = await sql.query<LedgerRow>(
    `SELECT l.id, l.kind, l.amount, l.reason_code, l.reverses_id, l.terms, l.effective_on FROM ledger_entries l JOIN accounts a ON a.id = l.account_id WHERE a.customer_id = $1`,
    [customerId],
  );
  const { start, end } = dayBounds(today);
  const grants = await sql.query<LedgerRow & { reversal_on: string | null }>(
    `SELECT l.id, l.kind, l.amount, l.reason_code, l.reverses_id, l.terms, l.effective_on,
            (SELECT min(r.effective_on) FROM ledger_entries r WHERE r.reverses_id = l.id AND r.kind = 'reversal') AS reversal_on
       FROM ledger_entries l WHERE l.actor_id = $1 AND l.kind <> 'reversal' AND l.created_at >= $2 AND l.created_at < $3`,
    [dayOf, start, end],
  );
  const actorGrantsToday: ActorGrantFact[] = grants.map((g) => ({ ...ledgerFact(g), reversalOn: g.reversal_on }));
  return {
    rows: {
      customer: { id: customer.id, fraudFlag: customer.fraud_flag === 1, churnRisk: customer.churn_risk },
      account: { id: account.id, customerId: account.customer_id, currency: account.currency, status: account.status, openedOn: account.opened_on },
      invoice: invoice ? invoiceFact(invoice, held) : null,
      recentInvoices,
      paidSinceLatest,
      ledger: ledger.map(ledgerFact),
      actorGrantsToday,
    },
    latestCycleStart: recent[0]?.cycle_start ?? null,
  };
}

/** Compiled once per document (a version's document never changes; keyed by its text all the same). */
const compiled = new Map<string, CompiledPolicy>();

/** The hub's policy for `day`: the highest version in force, else the earliest (its decisions then say when it starts). */
export async function policyOn(sql: Sql, day: string): Promise<CompiledPolicy> {
  const [row] = await sql.query<{ document: string }>(
    `SELECT version, document FROM policies
      ORDER BY (effective_from <= $1) DESC, CASE WHEN effective_from <= $1 THEN -version ELSE version END LIMIT 1`,
    [day],
  );
  if (!row) throw new Rejection([{ code: 'no_policy', message: 'The hub holds no discount policy.' }]);
  let policy = compiled.get(row.document);
  if (!policy) compiled.set(row.document, (policy = compilePolicy(JSON.parse(row.document))));
  return policy;
}
