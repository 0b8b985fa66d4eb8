/**
 * The billing use cases of a verified call: the caller's invoices, an invoice with each line in
 * words, why a bill differs from the one before, what a plan change would cost, which plan suits
 * the caller, and the plan change itself (a command).
 *
 * Every method takes the VERIFIED customer's id (from the interaction the dispatcher checked),
 * never trusts an account or invoice id from the input without checking it is theirs, and
 * answers with the engine that made the bill (core/billing) — from the store
 * (store/billing-history.ts), through engine-input.ts and stored-invoice.ts.
 *
 * "Today" is main's clock (deps.now). A store whose bills run past today (a demo set generated
 * for a later day, a desktop clock set back) is quoted from the day after its last bill, so a
 * quote is always for a cycle that has not been billed yet.
 */
import type Database from 'better-sqlite3';
import {
  ApiError,
  type BestPlans,
  type BillComparison,
  type BillingAccountRef,
  type BillSummary,
  type CatalogItemView,
  type InvoiceBody,
  type InvoiceDetail,
  type InvoiceList,
  type InvoiceStatus,
  type Locale,
  type PlanChangeApplied,
  type PlanChangeQuoteView,
  type PlanChangeTiming,
  type UsageAssumptionView,
} from '../../../core/api';
import {
  BillingError,
  compareInvoices,
  cycleContaining,
  nextCycle,
  quotePlanChange,
  rankPlans,
  stateOn,
  validateCatalog,
  type Catalog,
  type CustomerCategory,
  type DocumentInvoiceInput,
  type IsoDate,
  type PlanChangeQuote,
  type SubscriptionChange,
  type UsageAssumption,
  invoiceStanding,
  YEAR_MONTHS,
} from '../../../core/billing';
import { isPlanDowngrade } from '../../../core/outcomes/downgrade';
import { CustomerOutcomes } from '../outcomes';
import type { CommandServiceDeps } from '../command-log';
import { uuidv7 } from '../../store/ids';
import { BillingHistoryQueries, type BillingAccountRow } from '../../store/billing-history';
import { disputeQueries, type DisputeQueries } from '../../store/disputes';
import type { InvoiceRow } from '../../store/invoices';
import { catalogFromStore, loadAccount, previousInvoiceRef, type LoadedAccount } from './engine-input';
import { storedInvoice, type StoredInvoice } from './stored-invoice';
import { billDocumentFields, comparisonView, invoiceBody, lineView } from './views';

export interface BillingServiceDeps extends CommandServiceDeps {
  /** Default: rebuilt from the store's catalog tables on first use. */
  readonly catalog?: Catalog;
}

export interface PlanChangeInput {
  readonly accountId?: string | undefined;
  readonly planId: string;
  readonly optionIds?: readonly string[] | undefined;
  readonly timing: PlanChangeTiming;
  /** Complete months the assumed usage averages (as bestPlans' `months`); default 3. */
  readonly months?: number | undefined;
}

export interface Actor {
  readonly agentId: string;
  readonly interactionId: string;
}

/** How many read invoices are kept: an agent looks at a few bills per call, a few calls at a time. */
const INVOICE_CACHE_SIZE = 64;

interface CachedInvoice {
  readonly customerId: string;
  readonly row: InvoiceRow;
  readonly account: BillingAccountRef;
  readonly country: string;
  readonly category: CustomerCategory;
  readonly stored: StoredInvoice;
  /** The lines with their sentences, per language. */
  readonly lines: Map<Locale, InvoiceBody>;
  /**
   * The invoice before it (null: none), once looked up. Bills are issued in cycle order, so
   * the one before an issued bill does not change either.
   */
  previous: InvoiceRow | null | undefined;
}

/** A quote with what it was made from, so applying it writes exactly what was quoted. */
interface QuoteWork {
  readonly loaded: LoadedAccount;
  readonly date: IsoDate;
  readonly quote: PlanChangeQuote;
  readonly before: { planId: string; optionIds: readonly string[] };
}

export class BillingService {
  private readonly store: BillingHistoryQueries;
  private disputes: DisputeQueries | undefined;
  private catalogCache: Catalog | undefined;
  private readonly invoiceCache = new Map<string, CachedInvoice>();
  private readonly subscriptionOf: Database.Statement<[string], { id: string; planCode: string }>;
  private readonly insertChange: Database.Statement<[string, string, string, string, string, string, string]>;
  private readonly updatePlanCode: Database.Statement<[string, string]>;
  private readonly latestChangeOf: Database.Statement<[string], { id: string }>;
  /** Customer outcomes: a plan change to a cheaper plan writes a downgrade. */
  readonly outcomes: CustomerOutcomes;

  constructor(private readonly deps: BillingServiceDeps) {
    this.store = new BillingHistoryQueries(deps.client);
    this.outcomes = new CustomerOutcomes(deps.client, deps.commands, () => this.today());
    this.catalogCache = deps.catalog;
    this.subscriptionOf = deps.client.prepare(
      `SELECT id, plan_code AS planCode FROM subscriptions WHERE account_id = ? ORDER BY (ended_on IS NULL) DESC, started_on DESC, id DESC LIMIT 1`,
    );
    this.insertChange = deps.client.prepare(
      `INSERT INTO subscription_changes (id, subscription_id, effective_on, change, item_code, recorded_at, command_id) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updatePlanCode = deps.client.prepare(`UPDATE subscriptions SET plan_code = ? WHERE id = ?`);
    this.latestChangeOf = deps.client.prepare(`SELECT id FROM subscription_changes WHERE subscription_id = ? ORDER BY recorded_at DESC, id DESC LIMIT 1`);
  }

  /** The catalog the engine bills with (validated once). */
  get catalog(): Catalog {
    if (!this.catalogCache) {
      const catalog = catalogFromStore(this.deps.client);
      validateCatalog(catalog);
      this.catalogCache = catalog;
    }
    return this.catalogCache;
  }

  /** Forget the catalog (after a catalog sync) and what was read with it. */
  reloadCatalog(): void {
    this.catalogCache = this.deps.catalog;
    this.invoiceCache.clear();
  }

  today(): IsoDate {
    return this.deps.now().toISOString().slice(0, 10);
  }

  get reader(): BillingHistoryQueries {
    return this.store;
  }

  // ── accounts and invoices ──────────────────────────────────────────────────

  /** The customer's account: `accountId` if it is theirs (else NOT_FOUND), or their first. */
  private accountOf(customerId: string, accountId?: string): { account: BillingAccountRow; accounts: BillingAccountRow[] } {
    const accounts = this.store.accountsOfCustomer.all(customerId);
    const account = accountId === undefined ? accounts[0] : accounts.find((a) => a.id === accountId);
    if (!account) throw new ApiError('NOT_FOUND');
    return { account, accounts };
  }

  /**
   * The customer's invoice as the engine's Invoice, or NOT_FOUND. An issued invoice never
   * changes (a correction is a credit on a later bill), so it is kept once read: opening a bill
   * and then asking why it differs reads its rows once. The ownership check holds for the cache
   * too (the customer an invoice belongs to is part of the entry).
   */
  private invoiceOf(customerId: string, invoiceId: string): CachedInvoice {
    const hit = this.cached(invoiceId);
    if (hit) {
      if (hit.customerId !== customerId) throw new ApiError('NOT_FOUND');
      return hit;
    }
    const found = this.store.invoiceOfCustomer.get(invoiceId, customerId);
    if (!found) throw new ApiError('NOT_FOUND');
    const { customerId: owner, accountNumber, accountCurrency, country, category, ...row } = found;
    return this.remember(row, { customerId: owner, account: { id: row.accountId, number: accountNumber, currency: accountCurrency }, country, category });
  }

  private cached(invoiceId: string): CachedInvoice | undefined {
    const hit = this.invoiceCache.get(invoiceId);
    if (hit) {
      this.invoiceCache.delete(invoiceId);
      this.invoiceCache.set(invoiceId, hit);
    }
    return hit;
  }

  /** Reads the lines and keeps the invoice. A stored invoice that does not add up throws. */
  private remember(row: InvoiceRow, owner: Pick<CachedInvoice, 'customerId' | 'account' | 'country' | 'category'>): CachedInvoice {
    const entry: CachedInvoice = {
      ...owner,
      row,
      stored: storedInvoice(this.store, row, owner, this.catalog),
      lines: new Map(),
      previous: undefined,
    };
    this.invoiceCache.set(row.id, entry);
    if (this.invoiceCache.size > INVOICE_CACHE_SIZE) this.invoiceCache.delete(this.invoiceCache.keys().next().value!);
    return entry;
  }

  /** The invoice before this one, of the same account (so the same customer), or null. */
  private previousOf(current: CachedInvoice): CachedInvoice | null {
    if (current.previous === undefined) {
      current.previous = this.store.previousInvoice.get(current.row.accountId, current.row.cycleStart) ?? null;
    }
    const row = current.previous;
    if (row === null) return null;
    return this.cached(row.id) ?? this.remember(row, current);
  }

  /** Payments of the account received after `date` (core/billing/standing.ts: oldest debt first). */
  private paidAfter(accountId: string): (date: IsoDate) => number {
    const payments = this.store.paymentsOfAccount.all(accountId);
    return (date) => payments.reduce((sum, p) => (p.receivedOn > date ? sum + p.amount : sum), 0);
  }

  private status(row: InvoiceRow, paidAfter: (date: IsoDate) => number, today: IsoDate): InvoiceStatus {
    return invoiceStanding({ amountDue: row.amountDue, dueOn: row.dueOn }, paidAfter(row.cycleEnd), today, this.held(row.accountId).get(row.id) ?? 0);
  }

  /** What open disputes hold on each invoice of the account (set aside by the overdue rule and the late fee). */
  private held(accountId: string): Map<string, number> {
    return (this.disputes ??= disputeQueries(this.deps.client)).heldOfAccount(accountId);
  }

  invoices(customerId: string, accountId?: string): InvoiceList {
    const { account, accounts } = this.accountOf(customerId, accountId);
    const paidAfter = this.paidAfter(account.id);
    const today = this.today();
    const rows = this.store.invoicesOfAccount.all(account.id);
    const numbers = new Map(rows.map((r) => [r.id, r.number]));
    const numberOf = (invoiceId: string): string | undefined => numbers.get(invoiceId) ?? this.store.invoice.get(invoiceId)?.number;
    const invoices: BillSummary[] = rows.map((row) => ({
      id: row.id,
      number: row.number,
      ...billDocumentFields(row, numberOf),
      cycle: { start: row.cycleStart, end: row.cycleEnd },
      issuedOn: row.issuedOn,
      dueOn: row.dueOn,
      currency: row.currency,
      total: row.total,
      amountDue: row.amountDue,
      status: this.status(row, paidAfter, today),
    }));
    return { account: accountRef(account), accounts: accounts.map(accountRef), invoices };
  }

  invoice(customerId: string, invoiceId: string, locale: Locale): InvoiceDetail {
    const cached = this.invoiceOf(customerId, invoiceId);
    const { row, stored } = cached;
    let body = cached.lines.get(locale);
    if (!body) {
      body = invoiceBody(stored.invoice, locale, stored);
      cached.lines.set(locale, body);
    }
    if (cached.previous === undefined) cached.previous = this.store.previousInvoice.get(row.accountId, row.cycleStart) ?? null;
    return {
      id: row.id,
      number: row.number,
      ...billDocumentFields(row, (id) => this.store.invoice.get(id)?.number),
      account: cached.account,
      status: this.status(row, this.paidAfter(row.accountId), this.today()),
      previousInvoiceId: cached.previous?.id ?? null,
      locale,
      ...body,
    };
  }

  /**
   * What the document of an issued invoice is made from (core/billing/invoice-document.ts): the
   * stored invoice's lines with their sentences in `locale` and whether each is in the scope of
   * VAT, and for a credit note the invoice it corrects (recorded with it: number and date).
   * NOT_FOUND for an invoice that is not the customer's.
   */
  documentSource(customerId: string, invoiceId: string, locale: Locale): { detail: InvoiceDetail; input: DocumentInvoiceInput; category: CustomerCategory } {
    const detail = this.invoice(customerId, invoiceId, locale);
    const cached = this.invoiceOf(customerId, invoiceId);
    const engine = cached.stored.invoice;
    // The invoice a credit note corrects, as it was recorded when the note was issued.
    const corrects = cached.row.correctsInvoiceId === null ? undefined : this.store.invoice.get(cached.row.correctsInvoiceId);
    const input: DocumentInvoiceInput = {
      number: detail.number,
      kind: engine.document.kind,
      corrects: corrects ? { number: corrects.number, issuedOn: corrects.issuedOn } : null,
      issuedOn: detail.issuedOn,
      dueOn: detail.dueOn,
      cycle: detail.cycle,
      currency: detail.currency,
      lines: detail.lines.map((l, k) => ({
        sentence: l.sentence,
        amount: l.amount,
        taxRateBp: l.taxRateBp,
        taxable: engine.lines[k]!.taxable,
        tax: l.tax,
        total: l.total,
      })),
      subtotal: detail.subtotal,
      tax: detail.tax,
      total: detail.total,
      previousBalance: detail.previousBalance,
      paymentsReceived: detail.paymentsReceived,
      amountDue: detail.amountDue,
    };
    return { detail, input, category: cached.category };
  }

  compare(customerId: string, invoiceId: string, previousInvoiceId: string | undefined, locale: Locale): BillComparison {
    const current = this.invoiceOf(customerId, invoiceId);
    const row = current.row;
    let previous: CachedInvoice;
    if (previousInvoiceId === undefined) {
      const before = this.previousOf(current);
      if (!before) throw new ApiError('NOT_FOUND', [{ path: 'invoiceId', message: 'no invoice before this one' }]);
      previous = before;
    } else {
      previous = this.invoiceOf(customerId, previousInvoiceId);
      if (previous.row.accountId !== row.accountId) throw new ApiError('INVALID_INPUT', [{ path: 'previousInvoiceId', message: 'another account' }]);
      if (previous.row.id === row.id) throw new ApiError('INVALID_INPUT', [{ path: 'previousInvoiceId', message: 'the same invoice' }]);
    }
    const comparison = compareInvoices(previous.stored.invoice, current.stored.invoice);
    const p = previous.row;
    return comparisonView(
      comparison,
      { id: p.id, number: p.number, cycle: { start: p.cycleStart, end: p.cycleEnd } },
      { id: row.id, number: row.number, cycle: { start: row.cycleStart, end: row.cycleEnd } },
      locale,
    );
  }

  // ── plans ──────────────────────────────────────────────────────────────────

  /** The day of the call for billing: today, or the day after the last bill if that is later. */
  callDay(lastInvoice: InvoiceRow | null): IsoDate {
    const today = this.today();
    if (lastInvoice && today <= lastInvoice.cycleEnd) return nextCycle({ start: lastInvoice.cycleStart, end: lastInvoice.cycleEnd }).start;
    return today;
  }

  private loadForPlans(customerId: string, accountId: string | undefined): { loaded: LoadedAccount; date: IsoDate } {
    const { account } = this.accountOf(customerId, accountId);
    const date = this.callDay(this.store.latestInvoice.get(account.id) ?? null);
    // The charges the account's settings imply (the paper-bill fee) through the quote's last month.
    let last = cycleContaining(date);
    for (let k = 0; k < YEAR_MONTHS; k++) last = nextCycle(last);
    const loaded = loadAccount(this.store, account.id, this.catalog, { through: last.end });
    if (!loaded) throw new ApiError('NOT_FOUND');
    return { loaded, date };
  }

  private checkCatalogIds(input: Pick<PlanChangeInput, 'planId' | 'optionIds'>): void {
    const issues: { path: string; message: string }[] = [];
    if (!this.catalog.plans.some((p) => p.id === input.planId)) issues.push({ path: 'planId', message: 'unknown plan' });
    (input.optionIds ?? []).forEach((o, k) => {
      if (!this.catalog.options.some((p) => p.id === o)) issues.push({ path: `optionIds.${k}`, message: 'unknown option' });
    });
    if (new Set(input.optionIds ?? []).size !== (input.optionIds ?? []).length) issues.push({ path: 'optionIds', message: 'repeated option' });
    if (issues.length > 0) throw new ApiError('INVALID_INPUT', issues);
  }

  private work(customerId: string, input: PlanChangeInput): QuoteWork {
    this.checkCatalogIds(input);
    const { loaded, date } = this.loadForPlans(customerId, input.accountId);
    const last = loaded.lastInvoice;
    const cycle = cycleContaining(date);
    const previousInvoice = last && last.cycleStart < cycle.start ? previousInvoiceRef(last, loaded.invoiceBefore, this.held(last.accountId)) : null;
    let quote: PlanChangeQuote;
    try {
      quote = quotePlanChange(
        this.catalog,
        loaded.context,
        { date, timing: input.timing === 'now' ? 'now' : 'end-of-cycle', planId: input.planId, ...(input.optionIds ? { optionIds: input.optionIds } : {}) },
        { previousInvoice, ...(input.months !== undefined ? { months: input.months } : {}) },
      );
    } catch (err) {
      throw billingToApi(err);
    }
    const before = stateOn(loaded.context.subscription, quote.change.from);
    return { loaded, date, quote, before: { planId: before.planId ?? '', optionIds: before.optionIds } };
  }

  quote(customerId: string, input: PlanChangeInput, locale: Locale): PlanChangeQuoteView {
    const { loaded, date, quote, before } = this.work(customerId, input);
    return {
      currency: loaded.account.currency,
      locale,
      date,
      timing: input.timing,
      effectiveOn: quote.change.from,
      currentPlan: this.item('plan', before.planId),
      currentOptions: before.optionIds.map((o) => this.item('option', o)),
      newPlan: this.item('plan', quote.change.planId!),
      newOptions: quote.change.optionIds.map((o) => this.item('option', o)),
      nextInvoice: invoiceBody(quote.nextInvoice, locale),
      nextInvoiceWithoutChangeTotal: quote.nextInvoiceWithoutChange.total,
      nextInvoiceDifference: quote.nextInvoiceDifference,
      prorationLines: quote.prorationLines.map((l) => lineView(l, locale, l.id, Number(quote.nextInvoice.cycle.start.slice(0, 4)))),
      monthlyAfter: invoiceBody(quote.monthlyAfter, locale),
      monthlyAfterWithoutChangeTotal: quote.monthlyAfterWithoutChange.total,
      savingPerMonth: quote.savingPerMonth,
      year: { cycles: quote.year.cycles.map(cycleView), total: quote.year.total, totalWithoutChange: quote.year.totalWithoutChange },
      savingPerYear: quote.savingPerYear,
      usage: usageView(quote.usage),
    };
  }

  /** Every plan on sale and the current one, each by the quote's own engine call (its figures are the quote's). */
  bestPlans(customerId: string, accountId: string | undefined, months = 3): BestPlans {
    const { loaded, date } = this.loadForPlans(customerId, accountId);
    let ranking;
    try {
      ranking = rankPlans(this.catalog, loaded.context, { date, months });
    } catch (err) {
      throw billingToApi(err);
    }
    return {
      currency: loaded.account.currency,
      date,
      usage: usageView(ranking.usage),
      firstMonth: cycleView(ranking.firstMonth),
      year: ranking.year.map(cycleView),
      currentPlanId: ranking.currentPlanId,
      optionIds: [...ranking.optionIds],
      plans: ranking.plans.map((p) => ({ ...p })),
    };
  }

  /**
   * Records the change the customer accepted: subscription_changes rows (and the subscription's
   * plan_code when it takes effect today), the outbox command 'plan.change' and the audit entry
   * 'plan_changed' in one transaction. The change written is the fresh quote's own `change`, so
   * the next invoice billed from the store is the quote's nextInvoice.
   */
  applyPlanChange(customerId: string, actor: Actor, input: PlanChangeInput & { quotedNextTotal?: number | undefined }): PlanChangeApplied {
    const { loaded, quote, before } = this.work(customerId, input);
    const change = quote.change;
    if (input.quotedNextTotal !== undefined && input.quotedNextTotal !== quote.nextInvoice.total) {
      throw new ApiError('CONFLICT', [{ path: 'quotedNextTotal', message: 'the price has changed: quote again' }]);
    }
    const rows = changeRows(before, change);
    if (rows.length === 0) throw new ApiError('INVALID_INPUT', [{ path: 'planId', message: 'already the current plan and options' }]);
    const subscription = this.subscriptionOf.get(loaded.account.id);
    if (!subscription) throw new ApiError('CONFLICT', [{ path: 'planId', message: 'no subscription' }]);

    const beforeView = { plan: this.item('plan', before.planId), options: before.optionIds.map((o) => this.item('option', o)) };
    const afterView = { plan: this.item('plan', change.planId!), options: change.optionIds.map((o) => this.item('option', o)) };
    const effectiveNow = change.from <= this.today();
    const ms = this.deps.now().getTime();
    const written = rows.map((r) => ({ id: uuidv7(ms), ...r }));
    // The hub applies it only on the subscription as this desk saw it (another desk may have changed it meanwhile).
    const basedOn = this.latestChangeOf.get(subscription.id)?.id ?? null;
    // A cheaper plan (core/outcomes/downgrade.ts: the rule the hub checks the claim with) is a downgrade: a
    // customer outcome, written with the change (same transaction, same command) — its id minted here so the hub writes the same row.
    const downgrade = isPlanDowngrade(this.catalog, loaded.context.subscription, change) ? { outcomeId: uuidv7(ms), occurredOn: change.from } : null;
    const receipt = this.deps.commands.execute(
      {
        type: 'plan.change',
        actorId: actor.agentId,
        interactionId: actor.interactionId,
        payload: {
          customerId,
          accountId: loaded.account.id,
          subscriptionId: subscription.id,
          planCodeBefore: subscription.planCode,
          basedOn,
          rows: written,
          timing: input.timing,
          change: { from: change.from, planId: change.planId, optionIds: change.optionIds },
          quotedNextTotal: quote.nextInvoice.total,
          savingPerMonth: quote.savingPerMonth,
          ...(downgrade ? { downgrade } : {}),
        },
        audit: {
          action: 'plan_changed',
          subject: loaded.account.id,
          before: { planId: before.planId, optionIds: before.optionIds },
          after: {
            planId: change.planId,
            planName: this.item('plan', change.planId!).name,
            optionIds: change.optionIds,
            effectiveOn: change.from,
            nextInvoiceTotal: quote.nextInvoice.total,
          },
        },
      },
      ({ commandId, at }) => {
        for (const r of written) this.insertChange.run(r.id, subscription.id, change.from, r.change, r.itemCode, at, commandId);
        if (downgrade) this.outcomes.downgradeRow(customerId, downgrade.occurredOn, at, downgrade.outcomeId);
        if (effectiveNow && change.planId && change.planId !== subscription.planCode) this.updatePlanCode.run(change.planId, subscription.id);
      },
    );
    return {
      commandId: receipt.commandId,
      effectiveOn: change.from,
      before: beforeView,
      after: afterView,
      nextInvoiceTotal: quote.nextInvoice.total,
      savingPerMonth: quote.savingPerMonth,
    };
  }

  private item(kind: 'plan' | 'option', id: string): CatalogItemView {
    const found = kind === 'plan' ? this.catalog.plans.find((p) => p.id === id) : this.catalog.options.find((o) => o.id === id);
    return { id, name: found?.name ?? id };
  }
}

function cycleView(c: { start: string; end: string }): { start: string; end: string } {
  return { start: c.start, end: c.end };
}

function usageView(u: UsageAssumption): UsageAssumptionView {
  const c = u.current;
  return {
    basisCycles: u.basisCycles.map(cycleView),
    monthly: { ...u.monthly },
    current: {
      cycle: cycleView(c.cycle),
      recordedThrough: c.recordedThrough,
      recorded: { ...c.recorded },
      daysLeft: c.daysLeft,
      rest: { ...c.rest },
      total: { ...c.total },
    },
  };
}

function accountRef(a: BillingAccountRow): BillingAccountRef {
  return { id: a.id, number: a.number, currency: a.currency };
}

/** The store rows (one decision) that turn `before` into `change`. */
function changeRows(
  before: { planId: string; optionIds: readonly string[] },
  change: SubscriptionChange,
): { change: 'plan_change' | 'option_add' | 'option_remove'; itemCode: string }[] {
  const rows: { change: 'plan_change' | 'option_add' | 'option_remove'; itemCode: string }[] = [];
  if (change.planId !== null && change.planId !== before.planId) rows.push({ change: 'plan_change', itemCode: change.planId });
  for (const o of before.optionIds) if (!change.optionIds.includes(o)) rows.push({ change: 'option_remove', itemCode: o });
  for (const o of change.optionIds) if (!before.optionIds.includes(o)) rows.push({ change: 'option_add', itemCode: o });
  return rows;
}

/** The engine refused its input: a typed error for the screen, never an INTERNAL. */
function billingToApi(err: unknown): unknown {
  if (!(err instanceof BillingError)) return err;
  const path = err.code === 'unknown-option' ? 'optionIds' : 'planId';
  if (err.code === 'no-active-plan') return new ApiError('CONFLICT', [{ path: 'planId', message: 'no active plan' }]);
  if (err.code === 'invalid-input' || err.code === 'unknown-plan' || err.code === 'unknown-option') {
    return new ApiError('INVALID_INPUT', [{ path, message: err.code === 'invalid-input' ? 'not available' : err.code }]);
  }
  return err;
}
