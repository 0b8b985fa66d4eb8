/**
 * One demo customer, from their identity to their last bill, written as rows to a RowSink.
 *
 * Deterministic: customer `index` of seed `seed` draws only from its own random stream, so it
 * is the same person with the same bills whatever the size of the data set and whichever
 * chunk generates it. Ids are UUIDv7 stamped with the history's first day plus `index` ms, so
 * one customer's rows sit together in every primary-key index and inserts append.
 *
 * Invoices come from core/billing (generateInvoice), cycle by cycle, because how a bill is
 * paid decides the next one (late fee, balance carried over).
 */
import {
  generateInvoice,
  noticeAppliesFrom,
  noticesDue,
  priceOn,
  taxRateFor,
  type AccountBillingContext,
  type Catalog,
  type Invoice,
  type LedgerCredit,
  type OneOffCharge,
  type Payment,
  type PriceNotice,
  type SubscriptionChange,
  type UsageRecord,
} from '../../core/billing';
import { addMonths } from '../../core/billing/dates';
import { sortedHistory } from '../../core/billing/subscription';
import { mulDiv, type Minor } from '../../core/money';
import { DayNames, dayNumber, dayToMs, historyCycles, instant, type Cycle } from './calendar';
import { checkCatalog, DEMO_CATALOG, FEES } from './catalog';
import { TimelinePlanner, type CreditPlan, type LineEvent, type Timeline } from './history';
import { invoiceLineValues, invoiceRowValues } from '../store/invoice-rows';
import { makePerson } from './person';
import { lateNoticeAccount } from './plant';
import { PhoneBook } from './phones';
import { Rng, Scramble } from './random';
import type { Rows, RowSink } from './rows';
import { SeededIds } from './uuid';

export const PAYMENT_TERMS_DAYS = 14;
export const CURRENCY = 'EUR';
/** Account numbers have 8 digits; the smallest phone block holds 70 million numbers. */
export const MAX_CUSTOMERS = 50_000_000;
/** The random stream of a customer's notices of price changes (its own, so the rest of the customer does not move). */
export const NOTICE_STREAM = 31;

export interface DemoContext {
  readonly seed: number;
  readonly months: number;
  readonly today: number;
  readonly billed: readonly Cycle[];
  readonly current: Cycle;
  readonly days: DayNames;
  readonly catalog: Catalog;
  readonly phones: PhoneBook;
  readonly accountNumbers: Scramble;
  /** Staff who granted the historical credits (ledger_entries.actor_id); may be empty. */
  readonly staffIds: readonly string[];
  readonly idEpochMs: number;
}

export class DemoOptionsError extends Error {
  override readonly name = 'DemoOptionsError';
}

export function demoContext(opts: { seed: number; months: number; today: string; staffIds?: readonly string[] }): DemoContext {
  if (!Number.isSafeInteger(opts.seed)) throw new DemoOptionsError(`seed must be an integer, got ${opts.seed}`);
  if (!Number.isInteger(opts.months) || opts.months < 1 || opts.months > 120)
    throw new DemoOptionsError(`months must be between 1 and 120, got ${opts.months}`);
  let today: number;
  try {
    today = dayNumber(opts.today);
  } catch {
    throw new DemoOptionsError(`today must be a calendar date YYYY-MM-DD, got ${opts.today}`);
  }
  checkCatalog(DEMO_CATALOG);
  const { billed, current } = historyCycles(today, opts.months);
  const first = billed[0]!.start;
  return {
    seed: opts.seed,
    months: opts.months,
    today,
    billed,
    current,
    days: new DayNames(first - 1, today + 60),
    catalog: DEMO_CATALOG,
    phones: new PhoneBook(opts.seed),
    accountNumbers: new Scramble(100_000_000, opts.seed, 50),
    staffIds: opts.staffIds ?? [],
    idEpochMs: dayToMs(first),
  };
}

const CREDIT_NOTES: Record<CreditPlan['reason'], string> = {
  goodwill: 'Geste commercial suite à réclamation',
  'service-outage': 'Panne réseau signalée dans le secteur',
  'billing-error': 'Erreur de facturation corrigée',
  retention: 'Geste de fidélisation, client souhaitant résilier',
};
const GOODWILL_AMOUNTS: readonly Minor[] = [500, 1000, 1500, 2000, 2500];
const RETENTION_AMOUNTS: readonly Minor[] = [1000, 1500, 2000, 3000];
const LATE_METHODS = ['card', 'card', 'transfer'] as const;
const MANUAL_METHODS = ['card', 'card', 'transfer', 'transfer', 'cheque'] as const;

/** Writes customers one after another; holds only the customer in progress. */
export class CustomerGenerator {
  private readonly ids = new SeededIds();
  private readonly planner: TimelinePlanner;
  private rng = new Rng(0, 0, 0);

  constructor(
    private readonly ctx: DemoContext,
    private readonly sink: RowSink,
  ) {
    this.planner = new TimelinePlanner(ctx.catalog, ctx.billed, ctx.current, ctx.today);
  }

  write(index: number): void {
    const { ctx, sink } = this;
    const rng = (this.rng = Rng.stream(ctx.seed, index));
    this.ids.at(ctx.idEpochMs + index);

    // ── who they are ──
    const person = makePerson(rng, index, ctx.today, ctx.phones, ctx.seed);
    const t = this.planner.plan(rng, person);
    const customerId = this.id();
    const category = person.business ? 'business' : 'residential';
    sink.customer([
      customerId,
      person.name.given.text,
      person.name.family.text,
      person.dateOfBirth,
      category,
      'FR',
      person.speaker,
      person.fraudFlag ? 1 : 0,
      person.churnRisk,
      this.at(t.start),
    ]);
    const a = person.address;
    sink.address([this.id(), customerId, a.line1, a.line2, a.postcode, a.town.name, 'FR', 1]);
    sink.phone([this.id(), customerId, person.mobile, 'mobile', 1]);
    if (person.landline) sink.phone([this.id(), customerId, person.landline, 'landline', 0]);
    if (person.email) sink.email([this.id(), customerId, person.email, 1]);

    // ── their account and line ──
    const accountId = this.id();
    const accountNumber = String(ctx.accountNumbers.at(index)).padStart(8, '0');
    sink.account([
      accountId,
      customerId,
      `AR-${accountNumber}`,
      CURRENCY,
      t.payer === 'defaulting' ? 'suspended' : 'active',
      this.iso(t.start),
      PAYMENT_TERMS_DAYS,
      t.paperBill ? 1 : 0,
    ]);
    const subscription = subscriptionStates(t.events, ctx.days);
    const subscriptionId = this.id();
    sink.subscription([subscriptionId, accountId, subscription[subscription.length - 1]!.planId!, this.iso(t.start), null]);
    for (const e of t.events) sink.change([this.id(), subscriptionId, this.iso(e.day), e.change, e.item, this.at(e.day)]);
    const priceNotices = this.notices(index, accountId, subscription);

    this.writeBills({ t, category, accountId, accountNumber, subscriptionId, subscription, priceNotices });
  }

  /**
   * Every billed cycle: usage, the engine's invoice, the credits on it, and how it was paid;
   * then this month so far. Cycle by cycle, because how a bill is paid decides the next one.
   *
   * The engine is handed the line's history plus only this cycle's usage, one-off charges,
   * credits and payments (the late fee looks at payments up to the previous due date, which
   * falls in this cycle): the same invoice as from the whole past, without re-validating it
   * every month (tests/integration/demo/engine.test.ts rebills from the full history).
   */
  private writeBills(line: {
    t: Timeline;
    category: 'residential' | 'business';
    accountId: string;
    accountNumber: string;
    subscriptionId: string;
    subscription: readonly SubscriptionChange[];
    priceNotices: readonly PriceNotice[];
  }): void {
    const { ctx, sink } = this;
    const { billed, current, catalog, today } = ctx;
    const { t, category, accountId, subscriptionId, subscription } = line;
    const promotions = t.events.filter((e) => e.change === 'promotion_start').map((e) => ({ promotionId: e.item, startDate: this.iso(e.day) }));
    const setup: OneOffCharge[] = t.setupFees.map((feeId) => ({ id: this.id(), feeId, date: this.iso(t.start) }));
    const vatBp = taxRateFor(catalog, 'FR', category);
    const payments: Payment[] = [];
    let previous: Invoice | null = null;
    let billedTotal = 0;
    let paidTotal = 0;

    for (let k = 0; k < billed.length; k++) {
      const cycle = billed[k]!;
      const record = this.usage(t, cycle, (cycle.end - Math.max(cycle.start, t.start) + 1) / cycle.days);
      sink.usage([this.id(), subscriptionId, cycle.label, record.dataMb, record.voiceMinutes, record.sms]);
      const oneOffCharges = k === 0 ? [...setup] : [];
      if (t.paperBill) oneOffCharges.push({ id: this.id(), feeId: FEES.paperBill, date: cycle.endIso });
      const credits = this.creditsIn(t, cycle, subscription, vatBp);
      const account: AccountBillingContext = {
        accountId,
        country: 'FR',
        category,
        currency: CURRENCY,
        paymentTermsDays: PAYMENT_TERMS_DAYS,
        subscription,
        promotions,
        usage: [record],
        oneOffCharges,
        payments: payments.filter((p) => p.date >= cycle.startIso && p.date <= cycle.endIso),
        ledger: credits,
        priceNotices: line.priceNotices,
      };
      const invoice = generateInvoice(catalog, account, { start: cycle.startIso, end: cycle.endIso }, previous);

      const invoiceId = this.id();
      sink.invoice(invoiceRowValues(invoiceId, `FA-${cycle.compact}-${line.accountNumber}`, invoice));
      for (const row of invoiceLineValues(invoice, invoiceId, () => this.id())) sink.line(row);
      for (const c of credits) this.ledgerRow(accountId, c, invoiceId);
      previous = invoice;
      billedTotal += invoice.total;

      // How this bill gets paid. Only what has happened by `today` is recorded.
      const outstanding = billedTotal - paidTotal;
      const payment = outstanding > 0 ? this.paymentFor(t, outstanding, cycle.issued + PAYMENT_TERMS_DAYS, k >= billed.length - 3) : null;
      if (!payment || payment.day > today) continue;
      const paymentId = this.id();
      payments.push({ id: paymentId, date: this.iso(payment.day), amount: payment.amount });
      paidTotal += payment.amount;
      sink.payment([paymentId, accountId, invoiceId, payment.amount, CURRENCY, this.iso(payment.day), payment.method]);
    }

    // ── this month so far: usage, and credits not on a bill yet ──
    const record = this.usage(t, current, (today - Math.max(current.start, t.start) + 1) / current.days);
    sink.usage([this.id(), subscriptionId, current.label, record.dataMb, record.voiceMinutes, record.sms]);
    for (const c of this.creditsIn(t, current, subscription, vatBp)) this.ledgerRow(accountId, c, null);
  }

  /**
   * The notices of the catalog's increases this customer was sent (price_notices; the notice rule,
   * core/billing/catalog.ts): a letter 5 to 7 weeks before the new price, or, for one who took the
   * item after the letters went out, the contract they signed that day. So every increase is
   * billed from its date, as before notices were kept. But in the accounts of
   * plant.ts lateNoticeAccount the first letter went out late — returned, sent again — on a day
   * that makes the increase owed only from the middle of the last billed month: their bills keep
   * the old price until then, and the loader plants the increase charged too early on the last one.
   * From a random stream of its own, so the rest of the customer is what it was.
   */
  private notices(index: number, accountId: string, subscription: readonly SubscriptionChange[]): PriceNotice[] {
    const { ctx, sink } = this;
    const due = noticesDue(ctx.catalog, sortedHistory(subscription));
    if (due.length === 0) return [];
    const rng = Rng.stream(ctx.seed, index, NOTICE_STREAM);
    const last = ctx.billed[ctx.billed.length - 1]!;
    let late = lateNoticeAccount(ctx.seed, index);
    const out: PriceNotice[] = [];
    for (const d of due) {
      const letter = dayNumber(d.effectiveFrom) - rng.int(35, 49);
      const since = dayNumber(d.since);
      let notifiedOn = since > letter ? d.since : this.iso(letter);
      let channel: Rows['notice'][5] = since > letter ? 'contract' : 'letter';
      if (late && since < letter && dayNumber(d.effectiveFrom) + 31 < last.start) {
        // Owed from the 5th to the 25th of the last billed month: told the same day a month before.
        const owedFrom = `${last.label}-${String(rng.int(5, 25)).padStart(2, '0')}`;
        notifiedOn = `${addMonths(last.label, -1)}${owedFrom.slice(7)}`;
        if (noticeAppliesFrom(notifiedOn) !== owedFrom) throw new Error(`a late notice on ${notifiedOn} is not owed from ${owedFrom}`);
        channel = 'letter';
        late = false;
      }
      sink.notice([
        this.ids.next(rng.next32),
        accountId,
        d.item.id,
        d.effectiveFrom,
        notifiedOn,
        channel,
        instant(notifiedOn, rng.int(8, 19), rng.int(0, 59), rng.int(0, 59)),
      ]);
      out.push({ priceChangeId: d.priceChangeId, notifiedOn });
    }
    return out;
  }

  /**
   * When and how much a customer pays a bill of `outstanding` due on `due`: most on the day
   * by direct debit, late payers weeks after (by card once the debit bounced), strugglers part
   * of it, and the few who stopped paying — their line is suspended — nothing in the last months.
   */
  private paymentFor(t: Timeline, outstanding: Minor, due: number, lastMonths: boolean): { day: number; amount: Minor; method: Rows['payment'][6] } | null {
    const rng = this.rng;
    const roll = rng.float();
    if (t.payer === 'defaulting' && lastMonths) return null;
    const late = t.payer === 'late' ? roll < 0.35 : t.payer === 'struggling' ? roll >= 0.3 && roll < 0.5 : t.payer === 'defaulting' ? roll < 0.5 : false;
    if (late) return { day: due + rng.int(3, 35), amount: outstanding, method: rng.pick(LATE_METHODS) };
    if (t.payer === 'struggling' && roll < 0.3)
      return { day: due, amount: Math.round(outstanding * (0.3 + 0.4 * rng.float())), method: t.directDebit ? 'direct_debit' : 'card' };
    if (!t.directDebit) return { day: due - rng.int(0, 10), amount: outstanding, method: rng.pick(MANUAL_METHODS) };
    return { day: due, amount: outstanding, method: 'direct_debit' };
  }

  private id(): string {
    return this.ids.next(this.rng.next32);
  }

  private iso(day: number): string {
    return this.ctx.days.iso(day);
  }

  /** An instant on `day` during opening hours. */
  private at(day: number): string {
    return instant(this.iso(day), this.rng.int(8, 19), this.rng.int(0, 59), this.rng.int(0, 59));
  }

  /** What a customer used in a cycle: their habit, this month's variation, the share of the cycle held. */
  private usage(t: Timeline, cycle: Cycle, share: number): UsageRecord {
    const rng = this.rng;
    // Big allowances are hardly ever exceeded by much: past 20 GB the overage is capped at 2 %.
    const allowance = t.firstPlan.allowances.dataMb;
    let dataMb = t.dataNeedMb * Math.max(0.2, rng.around(1, 0.12));
    if (allowance !== 'unlimited' && allowance > 20 * 1024) dataMb = Math.min(dataMb, allowance * 1.02);
    return {
      cycleStart: cycle.startIso,
      dataMb: Math.round(dataMb * share),
      voiceMinutes: Math.round(t.voiceNeed * Math.max(0.2, rng.around(1, 0.25)) * share),
      sms: Math.round(t.smsNeed * 2 * rng.float() * share),
    };
  }

  /** Credits granted during a cycle, as ledger credits the engine puts on that cycle's bill. */
  private creditsIn(t: Timeline, cycle: Cycle, subscription: readonly SubscriptionChange[], vatBp: number): LedgerCredit[] {
    const out: LedgerCredit[] = [];
    for (const c of t.credits) {
      if (c.day < cycle.start || c.day > cycle.end) continue;
      out.push({
        kind: 'credit',
        id: this.id(),
        date: this.iso(c.day),
        amount: this.creditAmount(c, cycle, planOn(subscription, this.iso(c.day)), vatBp),
        reason: c.reason,
      });
    }
    return out;
  }

  /** Credits are given after VAT: an outage gives back the days without service, VAT included. */
  private creditAmount(c: CreditPlan, cycle: Cycle, planId: string, vatBp: number): Minor {
    switch (c.reason) {
      case 'goodwill':
        return this.rng.pick(GOODWILL_AMOUNTS);
      case 'retention':
        return this.rng.pick(RETENTION_AMOUNTS);
      case 'billing-error':
        return this.rng.int(3, 15) * 100;
      case 'service-outage': {
        const fee = priceOn(this.ctx.catalog, { kind: 'plan', id: planId }, cycle.startIso).monthlyFee;
        return Math.max(100, mulDiv(fee, c.outageDays * (10_000 + vatBp), cycle.days * 10_000));
      }
    }
  }

  private ledgerRow(accountId: string, c: LedgerCredit, invoiceId: string | null): void {
    const day = dayNumber(c.date);
    const actor = this.ctx.staffIds.length > 0 ? this.rng.pick(this.ctx.staffIds) : null;
    const reason = c.reason as CreditPlan['reason'];
    this.sink.ledger([c.id, accountId, 'credit', c.amount, CURRENCY, reason, invoiceId, c.date, this.at(day), actor, CREDIT_NOTES[reason]]);
  }
}

/** The line's events folded into the engine's history: from each change day, the plan and options held. */
function subscriptionStates(events: readonly LineEvent[], days: DayNames): SubscriptionChange[] {
  const states: SubscriptionChange[] = [];
  let planId = '';
  let options: string[] = [];
  for (const e of events) {
    if (e.change === 'promotion_start') continue;
    if (e.change === 'start' || e.change === 'plan_change') planId = e.item;
    else if (e.change === 'option_add') options = [...options, e.item];
    else options = options.filter((o) => o !== e.item);
    const from = days.iso(e.day);
    const last = states[states.length - 1];
    if (last && last.from === from) states.pop();
    states.push({ from, planId, optionIds: options });
  }
  return states;
}

function planOn(states: readonly SubscriptionChange[], isoDay: string): string {
  let planId = states[0]!.planId!;
  for (const s of states) if (s.from <= isoDay && s.planId) planId = s.planId;
  return planId;
}
