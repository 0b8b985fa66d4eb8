/**
 * The store's rows as the billing engine's inputs (store/billing-history.ts and store/catalog.ts
 * read them; stored-invoice.ts reads an issued invoice back):
 *
 * - the Catalog from plans / catalog_prices / promotions (each row's `terms` holds the engine's
 *   own fields), with the VAT rules and the ids of price changes the catalog keeps beside them
 *   (store/catalog-rules.ts);
 * - an account's AccountBillingContext from its subscription history, promotions, usage, the
 *   one-off charges on its bills, payments, ledger and its notices of price changes.
 */
import type Database from 'better-sqlite3';
import {
  cycleContaining,
  ledgerFromStore,
  nextCycle,
  type AccountBillingContext,
  type BillingCycle,
  type Catalog,
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
import type { AccountHistoryRows, BillingAccountRow, BillingChangeRow, BillingHistoryQueries, BillingLedgerRow } from '../../store/billing-history';
import { catalogRows } from '../../store/catalog';
import { CATALOG_RULES_KEY, readCatalogRules } from '../../store/catalog-rules';
import type { InvoiceRow } from '../../store/invoices';

// ── catalog ──────────────────────────────────────────────────────────────────

/**
 * The engine's Catalog rebuilt from the store: items, prices and promotions from their tables,
 * the VAT rules and price-change ids from the catalog's rules (store/catalog-rules.ts; a price
 * row with no known id gets "<item>@<date>"). A store with items but no rules is refused: a
 * bill without its VAT rules would be wrong, not approximate.
 */
export function catalogFromStore(client: Database.Database): Catalog {
  const { items, prices: priceRows, promotions: promotionRows } = catalogRows(client);
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

/**
 * Replays the stored changes as the decisions they were, in the order they were RECORDED: each
 * decision (one row, or the rows of one command) starts from the state in force on its date and
 * replaces whatever had been scheduled from that date on — the engine's applySubscriptionChange
 * rule, the very one a quote uses. (When every change is recorded on its own day, as in the
 * generated history, this is simply the changes folded in date order.) The history returned is
 * sorted by date, as core's stateOn wants it.
 */
export function subscriptionHistory(rows: readonly BillingChangeRow[]): { subscription: SubscriptionChange[]; promotions: PromotionGrant[] } {
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
 * A ledger row as the engine reads it (core/billing/credits.ts has the billing rules; the rows
 * are written by the discounts service, src/main/services/discounts/decisions.ts):
 *   credit              a one-off credit of `amount` on its date;
 *   fee_waiver          the same, said on the bill as the late fee given back;
 *   recurring_discount  billed from its terms (amountPerCycle on `cycles` invoices from startCycle);
 *   reversal            takes back the entry it reverses (negative for the engine, whichever
 *                       sign was stored).
 */
export function ledgerEntry(row: BillingLedgerRow): LedgerEntry | null {
  // One reading of ledger rows for billing and for discounts: core/billing's, which also maps
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
 * invoice with 28-day terms can fall due two cycles on: fees.ts judges both).
 */
export function previousInvoiceRef(row: InvoiceRow, before: InvoiceRow | null = null, held: ReadonlyMap<string, number> = new Map()): PreviousInvoice {
  const ref = (r: InvoiceRow): PreviousInvoice => ({
    id: engineInvoiceId(r.accountId, r.cycleStart),
    issueDate: r.issuedOn,
    dueDate: r.dueOn,
    amountDue: r.amountDue,
    // What open disputes hold on it is never judged for a late fee (core/billing/fees.ts).
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

export interface LoadedAccount {
  readonly account: BillingAccountRow;
  readonly context: AccountBillingContext;
  /** The newest stored invoice, null before the first bill. */
  readonly lastInvoice: InvoiceRow | null;
  /** The stored invoice before lastInvoice (its late fee may still be judged, fees.ts). */
  readonly invoiceBefore: InvoiceRow | null;
}

/** The catalog's id of the price change of `itemCode` on `effectiveFrom` ("<item>@<day>" as catalogFromStore names one it has no id for). */
export function priceChangeIdOf(catalog: Catalog, itemCode: string, effectiveFrom: IsoDate): string {
  const change = catalog.priceChanges.find(
    (c) => (c.target.kind === 'plan' ? c.target.planId : c.target.optionId) === itemCode && c.effectiveFrom === effectiveFrom,
  );
  return change?.id ?? `${itemCode}@${effectiveFrom}`;
}

/** An account's stored history as the engine's input. */
export function loadedAccount(rows: AccountHistoryRows, catalog: Catalog, opts: AccountContextOptions = {}): LoadedAccount {
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
    // Always present: the store tracks notices, so the notice rule applies (core/billing/catalog.ts).
    priceNotices: rows.notices.map((n) => ({ priceChangeId: priceChangeIdOf(catalog, n.itemCode, n.effectiveFrom), notifiedOn: n.notifiedOn })),
  };
  return { account, context, lastInvoice, invoiceBefore };
}

/** The account's whole billing history as the engine's input; null for an unknown account. */
export function loadAccount(queries: BillingHistoryQueries, accountId: string, catalog: Catalog, opts: AccountContextOptions = {}): LoadedAccount | null {
  const rows = queries.historyOf(accountId);
  return rows ? loadedAccount(rows, catalog, opts) : null;
}

/** The monthly paper-bill fee of each cycle not billed yet, up to the cycle of `through`. */
function impliedCharges(
  account: BillingAccountRow,
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
