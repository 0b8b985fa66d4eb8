/**
 * Ledger credits become negative lines of the invoice. The amount an agent grants is what the
 * customer pays less, VAT included: the customer gets exactly the amount promised.
 *
 * VAT (tax.ts): a credit is a PRICE REDUCTION (EU VAT directive art. 79 and 90, CGI art. 267) — it
 * lowers the taxable base and its VAT: the line is split into −net and −VAT (vat: 'included').
 * That covers recurring discounts, retention offers, service-outage and billing-error credits and
 * goodwill credits: the discount policy does not put goodwill gestures outside the scope of VAT,
 * so they follow the same rule. The one exception is a fee waiver: it gives back a late fee, which
 * is outside the scope of VAT (damages, not a supply), so the waiver is too (vat: 'outside-scope').
 * A reversal is treated as the entry it reverses. The line's sentence says which.
 *
 * THE RULES:
 *
 *   one-off credit      one line on the invoice of the cycle its date falls in.
 *   fee waiver          a one-off credit of the fee charged (`waiver`), said as such on the bill.
 *   recurring discount  one line of −amountPerCycle on EXACTLY `cycles` invoices: the cycles
 *                       startCycle, startCycle+1, … startCycle+cycles−1 — whatever the date it was
 *                       granted on, and never on any other invoice. A percentage discount was turned
 *                       into amountPerCycle when it was granted (the amount the policy decided on is
 *                       the amount the customer gets, and the amount the caps counted).
 *   reversal            an entry with reason 'reversal' and `reversesId`:
 *                       - of a RECURRING discount: no line of its own; the discount stops on every
 *                         invoice not yet issued on the reversal's day (an invoice is issued the day
 *                         after its cycle ends, so: every cycle ending on or after that day). Cycles
 *                         already invoiced keep their discount — nothing is clawed back.
 *                       - of a ONE-OFF credit (or fee waiver): a line of its own (+amount) on the
 *                         invoice of the cycle its date falls in. Reversed before that credit was
 *                         invoiced, both land on the same invoice and cancel out exactly (the bill
 *                         shows the credit and its cancellation, the total is as if neither
 *                         existed); reversed after, the money given by mistake is taken back on the
 *                         next invoice.
 *                       - of an entry not in the ledger given: a line of its own on its date.
 *
 * Lines are ordered by the day they take effect (a recurring discount: the first of the cycle),
 * then by entry id, so the same ledger always gives the same invoice.
 */
import type { CreditExplanation, CreditVat, InvoiceLine } from './invoice-types';
import { lineIdOf } from './line-id';
import { addMonths, monthIndex, yearMonthOf } from './dates';

export { addMonths };
import { BillingError } from './errors';
import { cycleOf, isWithin } from './dates';
import { money, percent, day } from './locale';
import type { Locale } from '../i18n/locale';
import { taxedLine, vatIncludedReductionLine } from './tax';
import type { BasisPoints, BillingCycle, Catalog, CreditReason, Id, IsoDate, LedgerCredit, LedgerEntry, RecurringDiscountTerms } from './types';
import type { CurrencyCode, Minor } from '../money/money';

/** The explanation of a recurring discount's line: which of its cycles this invoice is. */
export interface RecurringCreditExplanation extends CreditExplanation {
  readonly recurring: {
    /** 1-based: this is cycle `index` of `cycles`. */
    readonly index: number;
    readonly cycles: number;
    readonly startCycle: string;
    readonly amountPerCycle: Minor;
    readonly percentBp?: BasisPoints;
  };
}

/** The explanation of a fee waiver's line. */
export interface WaiverCreditExplanation extends CreditExplanation {
  readonly waiver: 'late-fee';
}

export function isRecurringCreditExplanation(e: unknown): e is RecurringCreditExplanation {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'credit' && typeof (e as { recurring?: unknown }).recurring === 'object';
}

export function isWaiverCreditExplanation(e: unknown): e is WaiverCreditExplanation {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'credit' && (e as { waiver?: unknown }).waiver === 'late-fee';
}

/** Refuses terms no invoice can be made from (the schema of the store is not trusted here). */
export function assertRecurringTerms(terms: RecurringDiscountTerms, entryId: Id): void {
  monthIndex(terms.startCycle);
  if (!Number.isSafeInteger(terms.cycles) || terms.cycles < 1 || terms.cycles > 120) {
    throw new BillingError('invalid-input', `recurring discount ${entryId}: cycles must be a whole number from 1 to 120`, { entryId, cycles: terms.cycles });
  }
  if (!Number.isSafeInteger(terms.amountPerCycle) || terms.amountPerCycle < 0) {
    throw new BillingError('invalid-amount', `recurring discount ${entryId}: amountPerCycle must be a whole, non-negative number of minor units`, { entryId });
  }
}

/**
 * The cycles ('YYYY-MM') whose invoice carries this recurring discount: exactly `cycles` of them
 * from startCycle, minus those not yet invoiced on `reversedOn` (the day of its reversal, if any).
 */
export function billedCycles(terms: RecurringDiscountTerms, reversedOn: IsoDate | null = null): string[] {
  const first = monthIndex(terms.startCycle);
  const out: string[] = [];
  for (let i = 0; i < terms.cycles; i++) {
    const ym = yearMonthOf(first + i);
    if (reversedOn !== null && cycleOf(ym).end >= reversedOn) break;
    out.push(ym);
  }
  return out;
}

/** A credit line: a price reduction VAT included, or outside the scope of VAT. */
function creditLine(id: Id, currency: CurrencyCode, explanation: CreditExplanation, given: Minor, rateBp: BasisPoints): InvoiceLine {
  return explanation.vat === 'included'
    ? vatIncludedReductionLine(id, currency, explanation, given, rateBp)
    : taxedLine(id, currency, explanation, -given, false, 0);
}

/** How the VAT treats this entry: a late-fee waiver (or its reversal) is outside scope, anything else reduces the base. */
function vatOf(entry: LedgerCredit, byId: ReadonlyMap<Id, LedgerEntry>): CreditVat {
  const target = entry.reason === 'reversal' && entry.reversesId !== undefined ? (byId.get(entry.reversesId) ?? entry) : entry;
  return target.waiver ? 'outside-scope' : 'included';
}

export function creditLines(catalog: Catalog, ledger: readonly LedgerEntry[], cycle: BillingCycle, taxRateBp: BasisPoints = 0): InvoiceLine[] {
  const byId = new Map<Id, LedgerEntry>();
  for (const e of ledger) byId.set(e.id, e);
  // The earliest reversal of each entry (an entry is reversed at most once; be safe anyway).
  const reversedOn = new Map<Id, IsoDate>();
  for (const e of ledger) {
    if (e.reason !== 'reversal' || e.reversesId === undefined) continue;
    const before = reversedOn.get(e.reversesId);
    if (before === undefined || e.date < before) reversedOn.set(e.reversesId, e.date);
  }
  const ym = cycle.start.slice(0, 7);

  const lines: { at: IsoDate; id: Id; line: InvoiceLine }[] = [];
  for (const entry of ledger) {
    if (entry.kind !== 'credit') continue;
    if (entry.recurring) {
      const terms = entry.recurring;
      assertRecurringTerms(terms, entry.id);
      const index = monthIndex(ym) - monthIndex(terms.startCycle);
      if (index < 0 || index >= terms.cycles) continue;
      const stop = reversedOn.get(entry.id);
      if (stop !== undefined && cycle.end >= stop) continue;
      const explanation: RecurringCreditExplanation = {
        code: 'credit',
        rule: 'ledger-credit',
        entryId: entry.id,
        date: entry.date,
        reason: entry.reason,
        amount: terms.amountPerCycle,
        vat: vatOf(entry, byId),
        recurring: {
          index: index + 1,
          cycles: terms.cycles,
          startCycle: terms.startCycle,
          amountPerCycle: terms.amountPerCycle,
          ...(terms.percentBp !== undefined ? { percentBp: terms.percentBp } : {}),
        },
      };
      lines.push({ at: cycle.start, id: entry.id, line: creditLine(lineIdOf(explanation), catalog.currency, explanation, terms.amountPerCycle, taxRateBp) });
      continue;
    }
    // A reversal of a recurring discount has no line: it only stops the discount (above).
    if (entry.reason === 'reversal' && entry.reversesId !== undefined) {
      const target = byId.get(entry.reversesId);
      if (target !== undefined && target.kind === 'credit' && target.recurring !== undefined) continue;
    }
    if (!isWithin(entry.date, cycle.start, cycle.end)) continue;
    const base: CreditExplanation = {
      code: 'credit',
      rule: 'ledger-credit',
      entryId: entry.id,
      date: entry.date,
      reason: entry.reason,
      amount: entry.amount,
      vat: vatOf(entry, byId),
    };
    const waived: WaiverCreditExplanation | null = entry.waiver ? { ...base, waiver: entry.waiver } : null;
    const explanation: CreditExplanation = waived ?? base;
    lines.push({ at: entry.date, id: entry.id, line: creditLine(lineIdOf(explanation), catalog.currency, explanation, entry.amount, taxRateBp) });
  }
  return lines.sort((a, b) => (a.at === b.at ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.at < b.at ? -1 : 1)).map((l) => l.line);
}

// ---------------------------------------------------------------------------------------------
// Sentences for the lines this file adds to the engine's vocabulary

const RECURRING_LABELS: Readonly<Record<Locale, Readonly<Record<CreditReason, string>>>> = {
  en: {
    goodwill: 'Goodwill discount',
    'service-outage': 'Outage discount',
    'billing-error': 'Billing correction',
    retention: 'Retention discount',
    reversal: 'Discount',
  },
  fr: {
    goodwill: 'Remise commerciale',
    'service-outage': 'Remise pour panne',
    'billing-error': 'Correction de facturation',
    retention: 'Remise de fidélisation',
    reversal: 'Remise',
  },
};

/**
 * The sentence of a recurring discount's or a fee waiver's line, in English or French:
 * "Retention discount 2 of 6: -€5.00", "Remise de fidélisation 2 sur 6 : -5,00 €",
 * "Late fee waived on 3 December: -€7.50". Null for any other credit line (explainLine says those).
 */
export function explainCreditLine(e: CreditExplanation, amount: Minor, currency: CurrencyCode, locale: Locale, vatNote = '', year?: number): string | null {
  const value = money(amount, currency, locale) + vatNote;
  if (isRecurringCreditExplanation(e)) {
    const r = e.recurring;
    const label = RECURRING_LABELS[locale][e.reason];
    const rate = r.percentBp !== undefined ? (locale === 'fr' ? ` (${percent(r.percentBp, locale)} de remise)` : ` (${percent(r.percentBp, locale)} off)`) : '';
    return locale === 'fr' ? `${label} ${r.index} sur ${r.cycles}${rate} : ${value}` : `${label} ${r.index} of ${r.cycles}${rate}: ${value}`;
  }
  if (isWaiverCreditExplanation(e)) {
    return locale === 'fr' ? `Frais de retard annulés le ${day(e.date, locale, year)} : ${value}` : `Late fee waived on ${day(e.date, locale, year)}: ${value}`;
  }
  return null;
}

/**
 * What a credit line says about VAT, after its amount: " (price reduction, VAT included: -€8.33
 * excl. VAT, -€1.67 VAT)" or " (outside the scope of VAT)"; nothing for a line of an invoice
 * issued before credits carried VAT.
 */
export function creditVatNote(line: Pick<InvoiceLine, 'explanation' | 'amount' | 'tax' | 'currency'>, locale: Locale): string {
  const e = line.explanation;
  if (e.code !== 'credit' || e.vat === undefined) return '';
  if (e.vat === 'outside-scope') return locale === 'fr' ? ' (hors champ de la TVA)' : ' (outside the scope of VAT)';
  const net = money(line.amount, line.currency, locale);
  const tax = money(line.tax, line.currency, locale);
  return locale === 'fr' ? ` (réduction de prix, TVA incluse : ${net} HT, ${tax} de TVA)` : ` (price reduction, VAT included: ${net} excl. VAT, ${tax} VAT)`;
}

/** The amount a credit line gives (positive) or takes back (negative), VAT included. */
export function creditLineGross(e: CreditExplanation): Minor {
  return isRecurringCreditExplanation(e) ? e.recurring.amountPerCycle : e.amount;
}

// ---------------------------------------------------------------------------------------------
// From the store's ledger rows to the engine's ledger

/** A ledger_entries row as the desktop store (and the hub) keeps it. */
export interface StoredLedgerRow {
  readonly id: Id;
  readonly kind: 'credit' | 'recurring_discount' | 'fee_waiver' | 'reversal';
  /** Positive: given to the customer; a reversal: minus the amount of the entry it reverses. */
  readonly amount: Minor;
  /** The policy's reason code (billing_error, …) or an older billing code (billing-error, …). */
  readonly reasonCode: string;
  readonly reversesId: Id | null;
  /** recurring_discount: { cycles, startCycle, amountPerCycle, percentBp? }. */
  readonly terms: unknown;
  readonly effectiveOn: IsoDate;
}

const REASON_TO_BILLING: Readonly<Record<string, CreditReason>> = {
  goodwill: 'goodwill',
  billing_error: 'billing-error',
  'billing-error': 'billing-error',
  service_outage: 'service-outage',
  'service-outage': 'service-outage',
  retention_offer: 'retention',
  retention: 'retention',
  // A waived fee is said as a waiver on the bill (`waiver`); the reason only picks a label.
  late_fee_waiver: 'goodwill',
};

/** The reason the bill names for a store reason code (an unknown code reads as a goodwill gesture). */
export function billingReasonOf(reasonCode: string): CreditReason {
  return REASON_TO_BILLING[reasonCode] ?? 'goodwill';
}

/** Reads a recurring discount's terms from the store; throws BillingError on anything else. */
export function recurringTermsOf(terms: unknown, entryId: Id): RecurringDiscountTerms {
  const t = (typeof terms === 'string' ? safeJson(terms) : terms) as Partial<RecurringDiscountTerms> | null;
  if (!t || typeof t !== 'object' || typeof t.startCycle !== 'string' || typeof t.cycles !== 'number' || typeof t.amountPerCycle !== 'number') {
    throw new BillingError('invalid-input', `recurring discount ${entryId} has no readable terms`, { entryId });
  }
  const out: RecurringDiscountTerms = {
    startCycle: t.startCycle,
    cycles: t.cycles,
    amountPerCycle: t.amountPerCycle,
    ...(typeof t.percentBp === 'number' ? { percentBp: t.percentBp } : {}),
  };
  assertRecurringTerms(out, entryId);
  return out;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The engine's ledger for one account, from its stored rows (any order). */
export function ledgerFromStore(rows: readonly StoredLedgerRow[]): LedgerCredit[] {
  return rows.map((row): LedgerCredit => {
    const common = { kind: 'credit' as const, id: row.id, date: row.effectiveOn };
    switch (row.kind) {
      case 'reversal':
        return { ...common, amount: row.amount, reason: 'reversal', ...(row.reversesId ? { reversesId: row.reversesId } : {}) };
      case 'recurring_discount':
        return { ...common, amount: row.amount, reason: billingReasonOf(row.reasonCode), recurring: recurringTermsOf(row.terms, row.id) };
      case 'fee_waiver':
        return { ...common, amount: row.amount, reason: billingReasonOf(row.reasonCode), waiver: 'late-fee' };
      case 'credit':
        return { ...common, amount: row.amount, reason: billingReasonOf(row.reasonCode) };
    }
  });
}
