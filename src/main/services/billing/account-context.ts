/**
 * The store read into the billing engine's types — the ONE place that knows how core/billing's
 * inputs and outputs are kept in SQLite (store/invoice-rows.ts and the catalog's rules keep them):
 *
 * - the Catalog from plans / catalog_prices / promotions (each row's `terms` holds the engine's
 *   own fields). Two things the store does not hold are taken from the catalog the data set was
 *   generated with: the VAT rules and the ids of price changes (a later catalog_prices row);
 * - an account's AccountBillingContext from its subscription history, promotions, usage, the
 *   one-off charges on its bills, payments and ledger;
 * - a stored invoice back into the engine's Invoice: the stored structured explanations are the
 *   engine's own, the line ids are the engine's (they are made from the explanation), each
 *   line's VAT is recomputed by the engine's rule (tax.ts: per line, rounded once) and the sums
 *   are checked against the stored totals — a stored invoice that does not add up is refused.
 *
 * Statements are prepared once; every read goes through an index (account, invoice).
 */
import { PAYMENT_NET_SQL } from '../../../core/receivables/payments';
import type Database from 'better-sqlite3';
import {
  cycleContaining,
  documentOf,
  previousCycle,
  ledgerFromStore,
  nextCycle,
  type AccountBillingContext,
  type BillingCycle,
  type Catalog,
  type CustomerCategory,
  type Id,
  type Invoice,
  type InvoiceLine,
  type IsoDate,
  type LedgerEntry,
  type LineExplanation,
  type OneOffCharge,
  type OneOffFee,
  type Plan,
  type PlanOption,
  type PreviousInvoice,
  type PriceChange,
  type Promotion,
  type PromotionGrant,
  type SubscriptionChange,
} from '../../../core/billing';
import { percentOf, sumMinor } from '../../../core/money';
import { creditLineGross } from '../../../core/billing/credits';
import { CATALOG_RULES_KEY, readCatalogRules } from '../../store/catalog-rules';
import type { InvoiceRow } from '../../store/invoices';

// ── rows ─────────────────────────────────────────────────────────────────────

export interface AccountRow {
  readonly id: string;
  readonly customerId: string;
  readonly number: string;
  readonly currency: string;
  readonly status: 'active' | 'suspended' | 'closed';
  readonly paymentTermsDays: number;
  readonly paperBill: number;
  readonly category: CustomerCategory;
  readonly country: string;
}

/** An issued invoice's row, as stored. */
export type { InvoiceRow };

export interface LineRow {
  readonly id: string;
  readonly position: number;
  readonly kind: string;
  readonly amount: number;
  readonly taxRateBp: number;
  readonly explanation: string;
}

interface ChangeRow {
  readonly effectiveOn: string;
  readonly change: 'start' | 'plan_change' | 'option_add' | 'option_remove' | 'promotion_start' | 'cancel';
  readonly itemCode: string | null;
  readonly commandId: string | null;
}

interface LedgerRow {
  readonly id: string;
  readonly kind: 'credit' | 'recurring_discount' | 'fee_waiver' | 'reversal';
  readonly effectiveOn: string;
  readonly amount: number;
  readonly reasonCode: string;
  readonly reversesId: string | null;
  /** JSON: a recurring discount's terms (RecurringDiscountTerms). */
  readonly terms: string | null;
}

/** The VAT row that follows an invoice's lines in the store (store/invoice-rows.ts). */
export const VAT_LINE_KIND = 'tax';

const INVOICE_COLUMNS = `i.id, i.account_id AS accountId, i.number, i.cycle_start AS cycleStart, i.cycle_end AS cycleEnd,
  i.issued_on AS issuedOn, i.due_on AS dueOn, i.currency, i.subtotal, i.tax, i.total,
  i.previous_balance AS previousBalance, i.payments_received AS paymentsReceived, i.amount_due AS amountDue`;

const ACCOUNT_COLUMNS = `a.id, a.customer_id AS customerId, a.number, a.currency, a.status,
  a.payment_terms_days AS paymentTermsDays, a.paper_bill AS paperBill, c.category, c.country`;

// ── catalog ──────────────────────────────────────────────────────────────────

/**
 * The engine's Catalog rebuilt from the store: items, prices and promotions from their tables,
 * the VAT rules and price-change ids from the catalog's rules (store/catalog-rules.ts; a price
 * row with no known id gets "<item>@<date>"). A store with items but no rules is refused: a
 * bill without its VAT rules would be wrong, not approximate.
 */
export function catalogFromStore(client: Database.Database): Catalog {
  const items = client.prepare(`SELECT code, name, kind, terms FROM plans ORDER BY rowid`).all() as {
    code: string;
    name: string;
    kind: 'plan' | 'option' | 'fee';
    terms: string;
  }[];
  const priceRows = client
    .prepare(`SELECT item_code AS itemCode, amount, currency, effective_from AS effectiveFrom FROM catalog_prices ORDER BY item_code, effective_from, rowid`)
    .all() as { itemCode: string; amount: number; currency: string; effectiveFrom: string }[];
  const promotionRows = client.prepare(`SELECT code, name, terms FROM promotions ORDER BY rowid`).all() as { code: string; name: string; terms: string }[];
  if (items.length === 0) throw new Error('the store has no catalog');
  const rules = readCatalogRules(client);
  if (!rules) throw new Error(`the store's catalog has no VAT rules (settings ${CATALOG_RULES_KEY})`);

  const currencies = [...new Set(priceRows.map((p) => p.currency))];
  if (currencies.length !== 1) throw new Error(`the store's catalog is priced in ${currencies.length} currencies`);
  const currency = currencies[0]!;
  const prices = new Map<string, { amount: number; effectiveFrom: string }[]>();
  for (const p of priceRows) {
    if (p.currency !== currency) continue;
    const list = prices.get(p.itemCode) ?? [];
    list.push(p);
    prices.set(p.itemCode, list);
  }
  const firstPrice = (code: string): number => {
    const first = prices.get(code)?.[0];
    if (!first) throw new Error(`catalog item ${code} has no price in ${currency}`);
    return first.amount;
  };

  const plans: Plan[] = [];
  const options: PlanOption[] = [];
  const oneOffFees: OneOffFee[] = [];
  const priceChanges: PriceChange[] = [];
  for (const item of items) {
    const terms = JSON.parse(item.terms) as Record<string, unknown>;
    if (item.kind === 'fee') {
      oneOffFees.push({ ...(terms as Omit<OneOffFee, 'id' | 'name' | 'amount'>), id: item.code, name: item.name, amount: firstPrice(item.code) });
      continue;
    }
    const monthlyFee = firstPrice(item.code);
    if (item.kind === 'plan') plans.push({ ...(terms as Omit<Plan, 'id' | 'name' | 'monthlyFee'>), id: item.code, name: item.name, monthlyFee });
    else options.push({ ...(terms as Omit<PlanOption, 'id' | 'name' | 'monthlyFee'>), id: item.code, name: item.name, monthlyFee });
    for (const later of (prices.get(item.code) ?? []).slice(1)) {
      const target: PriceChange['target'] = item.kind === 'plan' ? { kind: 'plan', planId: item.code } : { kind: 'option', optionId: item.code };
      const key = `${item.code}@${later.effectiveFrom}`;
      priceChanges.push({ id: rules.priceChangeIds[key] ?? key, target, effectiveFrom: later.effectiveFrom, monthlyFee: later.amount });
    }
  }
  const promotions: Promotion[] = promotionRows.map((p) => ({ ...(JSON.parse(p.terms) as Omit<Promotion, 'id' | 'name'>), id: p.code, name: p.name }));
  return { currency, plans, options, oneOffFees, promotions, priceChanges, taxRules: rules.taxRules };
}

// ── subscription history ─────────────────────────────────────────────────────

/** The plan and options in force on `date` (history sorted by date); no plan means no service. */
export function stateAt(history: readonly SubscriptionChange[], date: IsoDate): { planId: Id | null; optionIds: Id[] } {
  let current: SubscriptionChange | undefined;
  for (const c of history) {
    if (c.from > date) break;
    current = c;
  }
  return current && current.planId !== null ? { planId: current.planId, optionIds: [...new Set(current.optionIds)] } : { planId: null, optionIds: [] };
}

/**
 * Replays the stored changes as the decisions they were, in the order they were RECORDED: each
 * decision (one row, or the rows of one command) starts from the state in force on its date and
 * replaces whatever had been scheduled from that date on — the engine's applySubscriptionChange
 * rule, the very one a quote uses. (When every change is recorded on its own day, as in the
 * generated history, this is simply the changes folded in date order.)
 */
export function subscriptionHistory(rows: readonly ChangeRow[]): { subscription: SubscriptionChange[]; promotions: PromotionGrant[] } {
  let history: SubscriptionChange[] = [];
  const promotions: PromotionGrant[] = [];
  let k = 0;
  while (k < rows.length) {
    const first = rows[k]!;
    let end = k + 1;
    if (first.commandId !== null) {
      while (end < rows.length && rows[end]!.commandId === first.commandId && rows[end]!.effectiveOn === first.effectiveOn) end++;
    }
    const from = first.effectiveOn;
    // The raw state (options kept even without a plan: an option recorded before the start).
    const inForce = [...history].reverse().find((c) => c.from <= from);
    const state = { planId: inForce?.planId ?? null, optionIds: [...(inForce?.optionIds ?? [])] };
    let changed = false;
    for (const row of rows.slice(k, end)) {
      const item = row.itemCode;
      switch (row.change) {
        case 'promotion_start':
          if (item) promotions.push({ promotionId: item, startDate: row.effectiveOn });
          continue;
        case 'start':
        case 'plan_change':
          state.planId = item;
          break;
        case 'option_add':
          if (item && !state.optionIds.includes(item)) state.optionIds.push(item);
          break;
        case 'option_remove':
          state.optionIds = state.optionIds.filter((o) => o !== item);
          break;
        case 'cancel':
          state.planId = null;
          state.optionIds = [];
          break;
      }
      changed = true;
    }
    // applySubscriptionChange's rule: what was scheduled from this date on is replaced.
    if (changed) history = [...history.filter((c) => c.from < from), { from, planId: state.planId, optionIds: state.optionIds }];
    k = end;
  }
  return { subscription: history, promotions };
}

/**
 * A ledger row as the engine reads it (core/billing/credits.ts has the billing rules; the rows
 * are written by the discounts service, src/main/services/discounts/decisions.ts):
 *   credit              a one-off credit of `amount` on its date;
 *   fee_waiver          the same, said on the bill as the late fee given back;
 *   recurring_discount  billed from its terms (amountPerCycle on `cycles` invoices from startCycle);
 *   reversal            takes back the entry it reverses (negative for the engine, whichever
 *                       sign was stored).
 */
export function ledgerEntry(row: LedgerRow): LedgerEntry | null {
  // One reading of ledger rows for billing and for discounts: core/billing's, which also maps
  // the policy's reason codes (billing_error…) to the engine's (billing-error…).
  return ledgerFromStore([row])[0] ?? null;
}

// ── invoices ─────────────────────────────────────────────────────────────────

/** The engine's id of an account's invoice for a cycle (invoice.ts), as a late fee refers to it. */
export function engineInvoiceId(accountId: string, cycleStart: IsoDate): string {
  return `${accountId}:${cycleStart}`;
}

/**
 * What generating the next invoice needs to know about a stored one, with the one before it (an
 * invoice with 28-day terms can fall due two cycles on: fees.ts judges both).
 */
export function previousInvoiceRef(row: InvoiceRow, before: InvoiceRow | null = null): PreviousInvoice {
  const ref = (r: InvoiceRow): PreviousInvoice => ({
    id: engineInvoiceId(r.accountId, r.cycleStart),
    issueDate: r.issuedOn,
    dueDate: r.dueOn,
    amountDue: r.amountDue,
  });
  return { ...ref(row), before: before ? ref(before) : null };
}

/** The engine's line id, made from the explanation exactly as the engine makes it. */
export function engineLineId(e: LineExplanation): string {
  switch (e.code) {
    case 'recurring-fee':
      return `${e.item.kind}:${e.item.id}:${e.from}`;
    case 'promotion':
      return `promotion:${e.promotion.id}:${e.promotion.startDate}:${e.feeLineId}`;
    case 'overage':
      return e.share ? `overage:${e.usage}:${e.share.from}` : `overage:${e.usage}`;
    case 'one-off-fee':
      return `one-off:${e.chargeId}`;
    case 'late-fee':
      return `late-fee:${e.previousInvoiceId}`;
    case 'credit':
      return `credit:${e.entryId}`;
  }
}

function isTaxable(e: LineExplanation, rateBp: number, catalog: Catalog): boolean {
  switch (e.code) {
    case 'credit':
      return e.vat === 'included';
    case 'late-fee':
    case 'one-off-fee':
      return catalog.oneOffFees.find((f) => f.id === e.fee.id)?.taxable ?? rateBp > 0;
    default:
      return true;
  }
}

/**
 * Stored explanations parsed once: the same ones recur on thousands of bills (a plan for a whole
 * month, a promotion), and the engine never changes what it is given (every type is readonly) —
 * the parsed objects are frozen to make sure of it.
 */
const parsedExplanations = new Map<string, LineExplanation>();
const PARSED_EXPLANATIONS_MAX = 20_000;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export function parsedExplanation(json: string): LineExplanation {
  let e = parsedExplanations.get(json);
  if (!e) {
    e = deepFreeze(JSON.parse(json) as LineExplanation);
    if (parsedExplanations.size >= PARSED_EXPLANATIONS_MAX) parsedExplanations.delete(parsedExplanations.keys().next().value!);
    parsedExplanations.set(json, e);
  }
  return e;
}

export class StoredInvoiceError extends Error {
  override readonly name = 'StoredInvoiceError';
}

/** A stored line as the engine's InvoiceLine (VAT recomputed by the engine's per-line rule). */
export function engineLine(row: LineRow, explanation: LineExplanation, currency: string, catalog: Catalog): InvoiceLine {
  if (explanation.code === 'credit' && explanation.vat === 'included') {
    // A price reduction given VAT included: its VAT is the gross given minus the stored net (tax.ts).
    const gross = creditLineGross(explanation);
    const tax = -gross - row.amount;
    return { id: engineLineId(explanation), currency, explanation, amount: row.amount, taxRateBp: row.taxRateBp, taxable: true, tax, total: row.amount + tax };
  }
  const taxable = isTaxable(explanation, row.taxRateBp, catalog);
  const tax = taxable ? percentOf(row.amount, row.taxRateBp) : 0;
  return {
    id: engineLineId(explanation),
    currency,
    explanation,
    amount: row.amount,
    taxRateBp: taxable ? row.taxRateBp : 0,
    taxable,
    tax,
    total: row.amount + tax,
  };
}

export interface StoredInvoice {
  readonly row: InvoiceRow;
  /** The engine's invoice (its id is the store's id). */
  readonly invoice: Invoice;
  /** Store row id of each engine line, same order. */
  readonly lineRowIds: readonly string[];
  /** The stored explanation of each engine line, as stored (JSON), same order. */
  readonly explanationJson: readonly string[];
  /** The VAT row's figures. */
  readonly vat: { readonly rateBp: number; readonly taxableAmount: number; readonly amount: number };
}

/**
 * A stored invoice back into the engine's Invoice. Refuses (StoredInvoiceError) one whose lines
 * do not add up to its stored subtotal, VAT and total.
 */
export function engineInvoice(row: InvoiceRow, lines: readonly LineRow[], account: Pick<AccountRow, 'country' | 'category'>, catalog: Catalog): StoredInvoice {
  const engineLines: InvoiceLine[] = [];
  const lineRowIds: string[] = [];
  const explanationJson: string[] = [];
  let vatRow: LineRow | undefined;
  for (const l of lines) {
    if (l.kind === VAT_LINE_KIND) {
      vatRow = l;
      continue;
    }
    engineLines.push(engineLine(l, parsedExplanation(l.explanation), row.currency, catalog));
    lineRowIds.push(l.id);
    explanationJson.push(l.explanation);
  }
  const subtotal = sumMinor(engineLines.map((l) => l.amount));
  const tax = sumMinor(engineLines.map((l) => l.tax));
  const total = subtotal + tax;
  if (subtotal !== row.subtotal || tax !== row.tax || total !== row.total || (vatRow !== undefined && vatRow.amount !== tax)) {
    throw new StoredInvoiceError(`invoice ${row.id} does not add up: lines ${subtotal}+${tax}, stored ${row.subtotal}+${row.tax}=${row.total}`);
  }
  const rateBp = vatRow?.taxRateBp ?? engineLines.find((l) => l.taxable)?.taxRateBp ?? 0;
  const invoice: Invoice = {
    id: row.id,
    // A negative bill is a credit note correcting the invoice before it (the engine's id of the
    // previous cycle's invoice, as generateInvoice refers to it).
    document: documentOf(total, total < 0 ? engineInvoiceId(row.accountId, previousCycle({ start: row.cycleStart, end: row.cycleEnd }).start) : null),
    accountId: row.accountId,
    currency: row.currency,
    cycle: { start: row.cycleStart, end: row.cycleEnd },
    issueDate: row.issuedOn,
    dueDate: row.dueOn,
    country: account.country,
    category: account.category,
    taxRateBp: rateBp,
    lines: engineLines,
    subtotal,
    tax,
    total,
    previousBalance: row.previousBalance,
    paymentsReceived: row.paymentsReceived,
    amountDue: row.amountDue,
  };
  const taxableAmount = sumMinor(engineLines.filter((l) => l.taxable).map((l) => l.amount));
  return { row, invoice, lineRowIds, explanationJson, vat: { rateBp, taxableAmount, amount: tax } };
}

// ── the reader ───────────────────────────────────────────────────────────────

interface UsageRow {
  readonly cycle: string;
  readonly dataMb: number;
  readonly voiceMinutes: number;
  readonly sms: number;
}

interface PaymentRow {
  readonly id: string;
  readonly invoiceId: string | null;
  readonly receivedOn: string;
  readonly amount: number;
}

/** Everything read about one account to bill it. */
interface AccountRows {
  readonly account: AccountRow;
  readonly lastInvoice: InvoiceRow | null;
  readonly invoiceBefore: InvoiceRow | null;
  readonly changes: readonly ChangeRow[];
  readonly oneOff: readonly { explanation: string }[];
  readonly ledger: readonly LedgerRow[];
  readonly usage: readonly UsageRow[];
  readonly payments: readonly PaymentRow[];
}

type WithAccount<T> = T & { accountId: string };

/** The same reads for a JSON array of account ids, each row tagged with its account. */
interface ManyStatements {
  readonly accounts: Database.Statement<[string], AccountRow>;
  readonly latestInvoices: Database.Statement<[string], InvoiceRow & { rank: number }>;
  readonly changes: Database.Statement<[string], WithAccount<ChangeRow>>;
  readonly oneOff: Database.Statement<[string], WithAccount<{ explanation: string }>>;
  readonly ledger: Database.Statement<[string], WithAccount<LedgerRow>>;
  readonly usage: Database.Statement<[string], WithAccount<UsageRow>>;
  readonly payments: Database.Statement<[string], WithAccount<PaymentRow>>;
}

export interface AccountContextOptions {
  /**
   * Cycles after the last invoice up to the one containing this day get the charges the account's
   * settings imply (the monthly paper-bill fee), so a quote bills what the month-end run will.
   */
  readonly through?: IsoDate;
}

export interface LoadedAccount {
  readonly account: AccountRow;
  readonly context: AccountBillingContext;
  /** The newest stored invoice, null before the first bill. */
  readonly lastInvoice: InvoiceRow | null;
  /** The stored invoice before lastInvoice (its late fee may still be judged, fees.ts). */
  readonly invoiceBefore: InvoiceRow | null;
}

export class BillingStore {
  readonly account: Database.Statement<[string], AccountRow>;
  readonly accountsOfCustomer: Database.Statement<[string], AccountRow>;
  readonly invoice: Database.Statement<[string], InvoiceRow>;
  /** The invoice with this id if it belongs to this customer, with its account. */
  readonly invoiceOfCustomer: Database.Statement<
    [string, string],
    InvoiceRow & { customerId: string; accountNumber: string; accountCurrency: string; country: string; category: CustomerCategory }
  >;
  readonly invoicesOfAccount: Database.Statement<[string], InvoiceRow>;
  readonly previousInvoice: Database.Statement<[string, string], InvoiceRow>;
  readonly latestInvoice: Database.Statement<[string], InvoiceRow>;
  readonly lines: Database.Statement<[string], LineRow>;
  readonly paymentsOfAccount: Database.Statement<[string], PaymentRow>;
  /** What was paid against one invoice. */
  readonly paidAgainst: Database.Statement<[string, string], { paid: number }>;
  private readonly changes: Database.Statement<[string], ChangeRow>;
  private readonly usage: Database.Statement<[string], UsageRow>;
  private readonly oneOffExplanations: Database.Statement<[string], { explanation: string }>;
  private readonly ledger: Database.Statement<[string], LedgerRow>;
  private manyStatements: ManyStatements | undefined;

  constructor(readonly client: Database.Database) {
    this.account = client.prepare(`SELECT ${ACCOUNT_COLUMNS} FROM accounts a JOIN customers c ON c.id = a.customer_id WHERE a.id = ?`);
    this.accountsOfCustomer = client.prepare(
      `SELECT ${ACCOUNT_COLUMNS} FROM accounts a JOIN customers c ON c.id = a.customer_id WHERE a.customer_id = ? ORDER BY a.opened_on, a.rowid`,
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
  }

  /** The newest stored invoice of an account and the one before it. */
  private lastTwo(accountId: string): { lastInvoice: InvoiceRow | null; invoiceBefore: InvoiceRow | null } {
    const lastInvoice = this.latestInvoice.get(accountId) ?? null;
    const invoiceBefore = lastInvoice ? (this.previousInvoice.get(accountId, lastInvoice.cycleStart) ?? null) : null;
    return { lastInvoice, invoiceBefore };
  }

  /** The account's whole billing history as the engine's input; null for an unknown account. */
  load(accountId: string, catalog: Catalog, opts: AccountContextOptions = {}): LoadedAccount | null {
    const account = this.account.get(accountId);
    if (!account) return null;
    return this.assemble(
      {
        account,
        ...this.lastTwo(accountId),
        changes: this.changes.all(accountId),
        oneOff: this.oneOffExplanations.all(accountId),
        ledger: this.ledger.all(accountId),
        usage: this.usage.all(accountId),
        payments: this.paymentsOfAccount.all(accountId),
      },
      catalog,
      opts,
    );
  }

  /**
   * load() for many accounts at once (a billing run): one read per table for the whole batch
   * instead of one per account, each still through the account indexes. Unknown ids are left out.
   */
  loadMany(accountIds: readonly string[], catalog: Catalog, opts: AccountContextOptions = {}): Map<string, LoadedAccount> {
    const ids = JSON.stringify(accountIds);
    const group = <T extends { accountId: string }>(rows: readonly T[]): Map<string, T[]> => {
      const by = new Map<string, T[]>();
      for (const r of rows) {
        const list = by.get(r.accountId);
        if (list) list.push(r);
        else by.set(r.accountId, [r]);
      }
      return by;
    };
    const m = this.many;
    const changes = group(m.changes.all(ids));
    const oneOff = group(m.oneOff.all(ids));
    const ledger = group(m.ledger.all(ids));
    const usage = group(m.usage.all(ids));
    const payments = group(m.payments.all(ids));
    const latest = new Map<string, InvoiceRow>();
    const second = new Map<string, InvoiceRow>();
    for (const { rank, ...row } of m.latestInvoices.all(ids)) (rank === 1 ? latest : second).set(row.accountId, row);
    const out = new Map<string, LoadedAccount>();
    for (const account of m.accounts.all(ids)) {
      const id = account.id;
      out.set(
        id,
        this.assemble(
          {
            account,
            lastInvoice: latest.get(id) ?? null,
            invoiceBefore: second.get(id) ?? null,
            changes: changes.get(id) ?? [],
            oneOff: oneOff.get(id) ?? [],
            ledger: ledger.get(id) ?? [],
            usage: usage.get(id) ?? [],
            payments: payments.get(id) ?? [],
          },
          catalog,
          opts,
        ),
      );
    }
    return out;
  }

  private assemble(rows: AccountRows, catalog: Catalog, opts: AccountContextOptions): LoadedAccount {
    const { account, lastInvoice, invoiceBefore } = rows;
    const { subscription, promotions } = subscriptionHistory(rows.changes);
    const oneOffCharges: OneOffCharge[] = rows.oneOff.map((r) => {
      const e = JSON.parse(r.explanation) as Extract<LineExplanation, { code: 'one-off-fee' }>;
      return { id: e.chargeId, feeId: e.fee.id, date: e.date };
    });
    oneOffCharges.push(...this.impliedCharges(account, catalog, lastInvoice, subscription, opts.through));
    const ledger: LedgerEntry[] = [];
    for (const row of rows.ledger) {
      const entry = ledgerEntry(row);
      if (entry) ledger.push(entry);
    }
    const context: AccountBillingContext = {
      accountId: account.id,
      country: account.country,
      category: account.category,
      currency: account.currency,
      paymentTermsDays: account.paymentTermsDays,
      subscription,
      promotions,
      usage: rows.usage.map((u) => ({ cycleStart: `${u.cycle}-01`, dataMb: u.dataMb, voiceMinutes: u.voiceMinutes, sms: u.sms })),
      oneOffCharges,
      payments: rows.payments.map((p) => ({ id: p.id, date: p.receivedOn, amount: p.amount })),
      ledger,
    };
    return { account, context, lastInvoice, invoiceBefore };
  }

  /** The monthly paper-bill fee of each cycle not billed yet, up to the cycle of `through`. */
  private impliedCharges(
    account: AccountRow,
    catalog: Catalog,
    lastInvoice: InvoiceRow | null,
    subscription: readonly SubscriptionChange[],
    through: IsoDate | undefined,
  ): OneOffCharge[] {
    if (!account.paperBill || through === undefined) return [];
    const paper = catalog.oneOffFees.find((f) => f.kind === 'paper-bill');
    const firstFrom = subscription[0]?.from;
    if (!paper || firstFrom === undefined) return [];
    const charges: OneOffCharge[] = [];
    let cycle: BillingCycle = lastInvoice ? nextCycle({ start: lastInvoice.cycleStart, end: lastInvoice.cycleEnd }) : cycleContaining(firstFrom);
    for (let guard = 0; cycle.start <= through && guard < 24; guard++, cycle = nextCycle(cycle)) {
      charges.push({ id: `${account.id}:${paper.id}:${cycle.start}`, feeId: paper.id, date: cycle.end });
    }
    return charges;
  }

  private get many(): ManyStatements {
    if (this.manyStatements) return this.manyStatements;
    const c = this.client;
    const IDS = `(SELECT value FROM json_each(?))`;
    this.manyStatements = {
      accounts: c.prepare(`SELECT ${ACCOUNT_COLUMNS} FROM accounts a JOIN customers c ON c.id = a.customer_id WHERE a.id IN ${IDS}`),
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
    };
    return this.manyStatements;
  }

  /** A stored invoice (any account) with its lines, as the engine's Invoice. */
  storedInvoice(row: InvoiceRow, account: Pick<AccountRow, 'country' | 'category'>, catalog: Catalog): StoredInvoice {
    return engineInvoice(row, this.lines.all(row.id), account, catalog);
  }
}
