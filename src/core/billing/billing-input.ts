/**
 * A store's rows as the billing engine's inputs — the pure half of reading an account for
 * billing, shared by the desk (better-sqlite3: src/main/store/billing-history.ts reads the rows,
 * src/main/services/billing/engine-input.ts wraps this) and the hub (PostgreSQL:
 * src/hub/services/billing-run.ts). Both stores hold the same tables with the same columns, so
 * one reading of them makes the same invoice on either side.
 *
 * - the Catalog from plans / catalog_prices / promotions (each row's `terms` holds the engine's
 *   own fields), with the VAT rules and the ids of price changes the catalog keeps beside them
 *   (the `catalog_rules` setting);
 * - an account's AccountBillingContext from its subscription history, promotions, usage, the
 *   one-off charges on its bills, payments and ledger.
 */
import { ledgerFromStore, type StoredLedgerRow } from './credits';
import { cycleContaining, nextCycle } from './dates';
import type { LineExplanation, PreviousInvoice } from './invoice-types';
import type {
  AccountBillingContext,
  BillingCycle,
  Catalog,
  CustomerCategory,
  IsoDate,
  LedgerEntry,
  OneOffCharge,
  OneOffFee,
  Plan,
  PlanOption,
  PriceChange,
  Promotion,
  PromotionGrant,
  SubscriptionChange,
  TaxRule,
} from './types';

// ── catalog ──────────────────────────────────────────────────────────────────

/** The setting (settings table) holding what the catalog tables do not: VAT rules, price-change ids. */
export const CATALOG_RULES_KEY = 'catalog_rules';

export interface CatalogRules {
  readonly taxRules: readonly TaxRule[];
  /** "<item>@<effectiveFrom>" → the price change's id. */
  readonly priceChangeIds: Readonly<Record<string, string>>;
}

/** The catalog as stored: each item's and promotion's `terms` is JSON text. */
export interface CatalogRows {
  readonly items: readonly { readonly code: string; readonly name: string; readonly kind: string; readonly terms: string }[];
  /** By item, oldest first. */
  readonly prices: readonly { readonly itemCode: string; readonly amount: number; readonly currency: string; readonly effectiveFrom: string }[];
  readonly promotions: readonly { readonly code: string; readonly name: string; readonly terms: string }[];
}

/**
 * The engine's Catalog rebuilt from stored rows: items, prices and promotions from their tables,
 * the VAT rules and price-change ids from the catalog's rules (a price row with no known id gets
 * "<item>@<date>"). A store with items but no rules is refused: a bill without its VAT rules
 * would be wrong, not approximate.
 */
export function catalogFromRows(rows: CatalogRows, rules: CatalogRules | null): Catalog {
  const { items, prices: priceRows, promotions: promotionRows } = rows;
  if (items.length === 0) throw new Error('the store has no catalog');
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

// ── the rows read about one account ──────────────────────────────────────────

/** An account as billing reads it: its terms, with its customer's category and country. */
export interface BillingAccountFields {
  readonly id: string;
  readonly currency: string;
  readonly paymentTermsDays: number;
  /** The monthly paper-bill fee applies (a boolean, or SQL's 0/1). */
  readonly paperBill: boolean | number;
  readonly category: CustomerCategory;
  readonly country: string;
}

/** What billing reads of a stored invoice. */
export interface StoredInvoiceFields {
  readonly id: string;
  readonly accountId: string;
  readonly cycleStart: IsoDate;
  readonly cycleEnd: IsoDate;
  readonly issuedOn: IsoDate;
  readonly dueOn: IsoDate;
  readonly amountDue: number;
}

/** A subscription change in the order it was recorded. */
export interface BillingChangeFields {
  readonly effectiveOn: IsoDate;
  readonly change: string;
  readonly itemCode: string | null;
  readonly commandId: string | null;
}

/** A ledger entry as billing reads it; `terms` is JSON text. */
export type BillingLedgerFields = StoredLedgerRow;

/** Everything read about one account to bill it. */
export interface AccountHistory<A extends BillingAccountFields = BillingAccountFields, I extends StoredInvoiceFields = StoredInvoiceFields> {
  readonly account: A;
  /** The newest stored invoice, null before the first bill. */
  readonly lastInvoice: I | null;
  /** The stored invoice before lastInvoice. */
  readonly invoiceBefore: I | null;
  readonly changes: readonly BillingChangeFields[];
  /** The stored explanations (JSON) of the account's one-off fee lines, oldest bill first. */
  readonly oneOff: readonly { readonly explanation: string }[];
  readonly ledger: readonly BillingLedgerFields[];
  /** `cycle` is 'YYYY-MM'. */
  readonly usage: readonly { readonly cycle: string; readonly dataMb: number; readonly voiceMinutes: number; readonly sms: number }[];
  /** Net of returns and refunds, in the order received. */
  readonly payments: readonly { readonly id: string; readonly receivedOn: IsoDate; readonly amount: number }[];
  /** The account's notices of catalog price changes (the change named by its item and day). */
  readonly notices: readonly { readonly itemCode: string; readonly effectiveFrom: IsoDate; readonly notifiedOn: IsoDate }[];
}

// ── subscription history ─────────────────────────────────────────────────────

/**
 * Replays the stored changes as the decisions they were, in the order they were RECORDED: each
 * decision (one row, or the rows of one command) starts from the state in force on its date and
 * replaces whatever had been scheduled from that date on — the engine's applySubscriptionChange
 * rule, the very one a quote uses. (When every change is recorded on its own day, as in the
 * generated history, this is simply the changes folded in date order.) The history returned is
 * sorted by date, as core's stateOn wants it.
 */
export function subscriptionHistory(rows: readonly BillingChangeFields[]): { subscription: SubscriptionChange[]; promotions: PromotionGrant[] } {
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

// ── ledger ───────────────────────────────────────────────────────────────────

/**
 * A ledger row as the engine reads it (credits.ts has the billing rules):
 *   credit              a one-off credit of `amount` on its date;
 *   fee_waiver          the same, said on the bill as the late fee given back;
 *   recurring_discount  billed from its terms (amountPerCycle on `cycles` invoices from startCycle);
 *   reversal            takes back the entry it reverses (negative for the engine, whichever
 *                       sign was stored).
 */
export function ledgerEntry(row: BillingLedgerFields): LedgerEntry | null {
  // One reading of ledger rows for billing and for discounts: ledgerFromStore, which also maps
  // the policy's reason codes (billing_error…) to the engine's (billing-error…).
  return ledgerFromStore([row])[0] ?? null;
}

// ── previous invoices ────────────────────────────────────────────────────────

/** The engine's id of an account's invoice for a cycle (invoice.ts), as a late fee refers to it. */
export function engineInvoiceId(accountId: string, cycleStart: IsoDate): string {
  return `${accountId}:${cycleStart}`;
}

/**
 * What generating the next invoice needs to know about a stored one, with the one before it (an
 * invoice with 28-day terms can fall due two cycles on: fees.ts judges both). `held`: what open
 * disputes hold, by stored invoice id — never judged for a late fee (fees.ts).
 */
export function previousInvoiceRef(
  row: StoredInvoiceFields,
  before: StoredInvoiceFields | null = null,
  held: ReadonlyMap<string, number> = new Map(),
): PreviousInvoice {
  const ref = (r: StoredInvoiceFields): PreviousInvoice => ({
    id: engineInvoiceId(r.accountId, r.cycleStart),
    issueDate: r.issuedOn,
    dueDate: r.dueOn,
    amountDue: r.amountDue,
    ...(held.get(r.id) ? { disputedHeld: held.get(r.id)! } : {}),
  });
  return { ...ref(row), before: before ? ref(before) : null };
}

// ── the account's context ────────────────────────────────────────────────────

export interface AccountContextOptions {
  /**
   * Cycles after the last invoice up to the one containing this day get the charges the account's
   * settings imply (the monthly paper-bill fee), so a quote bills what the month-end run will.
   */
  readonly through?: IsoDate;
}

export interface LoadedAccount<A extends BillingAccountFields = BillingAccountFields, I extends StoredInvoiceFields = StoredInvoiceFields> {
  readonly account: A;
  readonly context: AccountBillingContext;
  /** The newest stored invoice, null before the first bill. */
  readonly lastInvoice: I | null;
  /** The stored invoice before lastInvoice (its late fee may still be judged, fees.ts). */
  readonly invoiceBefore: I | null;
}

/** The catalog's id of the price change of `itemCode` on `effectiveFrom` ("<item>@<day>" as catalogFromRows names one it has no id for). */
export function priceChangeIdOf(catalog: Catalog, itemCode: string, effectiveFrom: IsoDate): string {
  const change = catalog.priceChanges.find(
    (c) => (c.target.kind === 'plan' ? c.target.planId : c.target.optionId) === itemCode && c.effectiveFrom === effectiveFrom,
  );
  return change?.id ?? `${itemCode}@${effectiveFrom}`;
}

/** An account's stored history as the engine's input. */
export function loadedAccount<A extends BillingAccountFields, I extends StoredInvoiceFields>(
  rows: AccountHistory<A, I>,
  catalog: Catalog,
  opts: AccountContextOptions = {},
): LoadedAccount<A, I> {
  const { account, lastInvoice, invoiceBefore } = rows;
  const { subscription, promotions } = subscriptionHistory(rows.changes);
  const oneOffCharges: OneOffCharge[] = rows.oneOff.map((r) => {
    const e = JSON.parse(r.explanation) as Extract<LineExplanation, { code: 'one-off-fee' }>;
    return { id: e.chargeId, feeId: e.fee.id, date: e.date };
  });
  oneOffCharges.push(...impliedCharges(account, catalog, lastInvoice, subscription, opts.through));
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
    // Always present: both stores track notices, so the notice rule applies (core/billing/catalog.ts).
    priceNotices: rows.notices.map((n) => ({ priceChangeId: priceChangeIdOf(catalog, n.itemCode, n.effectiveFrom), notifiedOn: n.notifiedOn })),
  };
  return { account, context, lastInvoice, invoiceBefore };
}

/** The monthly paper-bill fee of each cycle not billed yet, up to the cycle of `through`. */
function impliedCharges(
  account: BillingAccountFields,
  catalog: Catalog,
  lastInvoice: StoredInvoiceFields | null,
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
