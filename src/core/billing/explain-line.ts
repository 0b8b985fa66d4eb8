/**
 * One sentence per invoice line, in English or French, made only from the line's structured
 * explanation: "Premium plan from 12 to 31 March: 20 of 31 days at €29.99 a month = €19.35".
 */
import type {
  CreditExplanation,
  FeeRef,
  Invoice,
  InvoiceLine,
  ItemRef,
  LateFeeExplanation,
  OverageExplanation,
  PromotionExplanation,
  RecurringFeeExplanation,
} from './invoice-types';
import { creditVatNote, explainCreditLine } from './credits';
import { capitalise, count, day, dayRange, finish, money, percent, quantity, yearOf } from './locale';
import type { Locale } from '../i18n/locale';
import type { CreditReason, UsageKind } from './types';
import type { CurrencyCode } from '../money/money';

/** "Premium plan" / "forfait Premium"; `the` adds the article used inside a sentence. */
export function itemLabel(item: Pick<ItemRef, 'kind' | 'name'>, locale: Locale, the = false): string {
  if (locale === 'fr') {
    const noun = item.kind === 'plan' ? 'forfait' : 'option';
    if (!the) return `${noun} ${item.name}`;
    return item.kind === 'plan' ? `le forfait ${item.name}` : `l'option ${item.name}`;
  }
  return `${the ? 'the ' : ''}${item.name} ${item.kind === 'plan' ? 'plan' : 'option'}`;
}

function portion(days: number, daysInCycle: number, locale: Locale): string {
  if (days === daysInCycle) return locale === 'fr' ? 'mois complet' : 'full month';
  return locale === 'fr' ? `${count(days, locale)} ${days === 1 ? 'jour' : 'jours'} sur ${daysInCycle}` : `${days} of ${daysInCycle} days`;
}

function recurringFee(e: RecurringFeeExplanation, amount: number, currency: CurrencyCode, locale: Locale, year: number): string {
  const fee = money(e.monthlyFee, currency, locale);
  // Mention the new price only on the bill of the month it took effect.
  const change = e.priceChange && e.priceChange.effectiveFrom.slice(0, 7) === e.from.slice(0, 7) ? e.priceChange : null;
  const held = e.priceHeld;
  if (locale === 'fr') {
    const note = change
      ? ` (nouveau prix depuis le ${day(change.effectiveFrom, locale, year)}, au lieu de ${money(change.previousMonthlyFee, currency, locale)})`
      : held
        ? held.appliesFrom
          ? ` (le nouveau prix, ${money(held.monthlyFee, currency, locale)}, ne s’applique à vous qu’à partir du ${day(held.appliesFrom, locale, year)}, un mois après son annonce)`
          : ` (le nouveau prix, ${money(held.monthlyFee, currency, locale)}, ne vous est pas appliqué faute d’annonce un mois avant)`
        : '';
    return `${capitalise(itemLabel(e.item, locale))} ${dayRange(e.from, e.to, locale, year)} : ${portion(e.days, e.daysInCycle, locale)} à ${fee} par mois${note} = ${money(amount, currency, locale)}`;
  }
  const note = change
    ? ` (new price from ${day(change.effectiveFrom, locale, year)}, was ${money(change.previousMonthlyFee, currency, locale)})`
    : held
      ? held.appliesFrom
        ? ` (the new price, ${money(held.monthlyFee, currency, locale)}, applies to you only from ${day(held.appliesFrom, locale, year)}, one month after you were told of it)`
        : ` (the new price, ${money(held.monthlyFee, currency, locale)}, does not apply to you: you were not told of it a month before)`
      : '';
  return `${itemLabel(e.item, locale)} ${dayRange(e.from, e.to, locale, year)}: ${portion(e.days, e.daysInCycle, locale)} at ${fee} a month${note} = ${money(amount, currency, locale)}`;
}

function promotion(e: PromotionExplanation, amount: number, currency: CurrencyCode, locale: Locale, year: number): string {
  const p = e.promotion;
  const target = itemLabel(e.item, locale, true);
  if (locale === 'fr') {
    const off = e.discount.kind === 'percent' ? `-${percent(e.discount.basisPoints, locale)}` : `-${money(e.discount.amount, currency, locale)} par mois`;
    const capped = e.capped ? ', limitée au montant facturé' : '';
    return `Promotion ${p.name} (${off} sur ${target}, ${p.cycles} mois jusqu'au ${day(p.endDate, locale, year)}${capped}) ${dayRange(e.from, e.to, locale, year)} : ${portion(e.days, e.daysInCycle, locale)} = ${money(amount, currency, locale)}`;
  }
  const off = e.discount.kind === 'percent' ? `${percent(e.discount.basisPoints, locale)} off` : `${money(e.discount.amount, currency, locale)} a month off`;
  const capped = e.capped ? ', limited to the charge' : '';
  return `Promotion ${p.name} (${off} ${target}, ${p.cycles} months until ${day(p.endDate, locale, year)}${capped}) ${dayRange(e.from, e.to, locale, year)}: ${portion(e.days, e.daysInCycle, locale)} = ${money(amount, currency, locale)}`;
}

const OVERAGE_WORDS: Readonly<Record<Locale, Readonly<Record<UsageKind, { label: string; used: string; included: string; per: string }>>>> = {
  en: {
    dataMb: { label: 'Data', used: 'used', included: 'included', per: 'per MB' },
    voiceMinutes: { label: 'Calls', used: 'used', included: 'included', per: 'per minute' },
    sms: { label: 'Texts', used: 'sent', included: 'included', per: 'per SMS' },
  },
  fr: {
    dataMb: { label: 'de données', used: 'consommés', included: 'inclus', per: 'par Mo' },
    voiceMinutes: { label: "d'appels", used: 'consommées', included: 'incluses', per: 'la minute' },
    sms: { label: 'de SMS', used: 'envoyés', included: 'inclus', per: 'par SMS' },
  },
};

function overage(e: OverageExplanation, amount: number, currency: CurrencyCode, locale: Locale, year: number): string {
  const w = OVERAGE_WORDS[locale][e.usage];
  const q = (n: number): string => quantity(n, e.usage, locale);
  const rate = money(e.unitPrice, currency, locale);
  const s = e.share;
  if (locale === 'fr') {
    const part = s
      ? `, part ${dayRange(s.from, s.to, locale, year)} (${count(s.days, locale)} ${s.days === 1 ? 'jour' : 'jours'} sur ${s.serviceDays} de service)`
      : '';
    return `Dépassement ${w.label} du forfait ${e.plan.name} : ${q(e.used)} ${w.used}, ${q(e.allowance)} ${w.included}, ${q(e.over)} en plus à ${rate} ${w.per}${part} = ${money(amount, currency, locale)}`;
  }
  const part = s ? `, share ${dayRange(s.from, s.to, locale, year)} (${s.days} of ${s.serviceDays} days of service)` : '';
  return `${w.label} above the ${e.plan.name} plan allowance: ${q(e.used)} ${w.used}, ${q(e.allowance)} ${w.included}, ${q(e.over)} over at ${rate} ${w.per}${part} = ${money(amount, currency, locale)}`;
}

const FEE_LABELS: Readonly<Record<Locale, Readonly<Record<FeeRef['kind'], string | null>>>> = {
  en: { installation: 'installation fee', 'late-payment': 'late payment fee', 'paper-bill': 'paper bill fee', 'sim-card': 'SIM card fee', other: null },
  fr: {
    installation: "frais d'installation",
    'late-payment': 'frais de retard de paiement',
    'paper-bill': 'frais de facture papier',
    'sim-card': 'frais de carte SIM',
    other: null,
  },
};

/** "installation fee" / "frais d'installation"; a fee of kind 'other' goes by its catalog name. */
export function feeLabel(fee: FeeRef, locale: Locale): string {
  return FEE_LABELS[locale][fee.kind] ?? (locale === 'fr' ? `frais « ${fee.name} »` : `${fee.name} charge`);
}

function lateFee(e: LateFeeExplanation, amount: number, currency: CurrencyCode, locale: Locale, year: number): string {
  const due = money(e.amountDue, currency, locale);
  const paid = money(e.paidByDueDate, currency, locale);
  if (locale === 'fr') {
    const received = e.paidByDueDate > 0 ? `seulement ${paid} reçus` : 'aucun paiement reçu';
    return `${capitalise(feeLabel(e.fee, locale))} : votre facture précédente (${due} à régler au plus tard le ${day(e.dueDate, locale, year)}) n'a pas été entièrement payée à l'échéance (${received}) = ${money(amount, currency, locale)}`;
  }
  const received = e.paidByDueDate > 0 ? `only ${paid} received` : 'no payment received';
  return `${capitalise(feeLabel(e.fee, locale))}: your previous bill (${due} due on ${day(e.dueDate, locale, year)}) was not paid in full by its due date (${received}) = ${money(amount, currency, locale)}`;
}

const CREDIT_REASONS: Readonly<Record<Locale, Readonly<Record<CreditReason, string>>>> = {
  en: { goodwill: 'goodwill gesture', 'service-outage': 'service outage', 'billing-error': 'billing error', retention: 'loyalty offer', reversal: 'reversal' },
  fr: {
    goodwill: 'geste commercial',
    'service-outage': 'panne de service',
    'billing-error': 'erreur de facturation',
    retention: 'offre de fidélité',
    reversal: 'annulation',
  },
};

export function creditReason(reason: CreditReason, locale: Locale): string {
  return CREDIT_REASONS[locale][reason];
}

function credit(e: CreditExplanation, amount: number, currency: CurrencyCode, locale: Locale, vatNote: string, year: number): string {
  const value = money(amount, currency, locale) + vatNote;
  if (e.amount < 0) {
    return locale === 'fr'
      ? `Annulation d'un avoir le ${day(e.date, locale, year)} : ${value}`
      : `Reversal of a credit on ${day(e.date, locale, year)}: ${value}`;
  }
  return locale === 'fr'
    ? `Avoir du ${day(e.date, locale, year)} (${creditReason(e.reason, locale)}) : ${value}`
    : `Credit on ${day(e.date, locale, year)} (${creditReason(e.reason, locale)}): ${value}`;
}

/** The year a line is about when none is passed: the year of its own days (they lie in its invoice's cycle). */
function lineYear(line: InvoiceLine): number | undefined {
  const e = line.explanation;
  switch (e.code) {
    case 'recurring-fee':
    case 'promotion':
      return yearOf(e.from);
    case 'overage':
      return e.share ? yearOf(e.share.from) : undefined;
    case 'one-off-fee':
    case 'credit':
      return yearOf(e.date);
    case 'late-fee':
      return yearOf(e.dueDate);
  }
}

/**
 * The line in one sentence, net of VAT (a credit: VAT included, then its VAT), in the agent's
 * language. `year`: the invoice's year — a day in another year is said with its year ("until
 * 31 May 2027"); by default the year of the line's own days.
 */
export function explainLine(line: InvoiceLine, locale: Locale, year?: number): string {
  return finish(lineSentence(line, locale, year ?? lineYear(line) ?? 0), locale);
}

function lineSentence(line: InvoiceLine, locale: Locale, year: number): string {
  const e = line.explanation;
  const currency = line.currency;
  switch (e.code) {
    case 'recurring-fee':
      return recurringFee(e, line.amount, currency, locale, year);
    case 'promotion':
      return promotion(e, line.amount, currency, locale, year);
    case 'overage':
      return overage(e, line.amount, currency, locale, year);
    case 'one-off-fee': {
      const label = capitalise(feeLabel(e.fee, locale));
      return locale === 'fr'
        ? `${label} le ${day(e.date, locale, year)} : ${money(line.amount, currency, locale)}`
        : `${label} on ${day(e.date, locale, year)}: ${money(line.amount, currency, locale)}`;
    }
    case 'late-fee':
      return lateFee(e, line.amount, currency, locale, year);
    case 'credit': {
      // A credit is said VAT included (what the customer pays less), then its VAT treatment. // Recurring discounts and fee waivers have their own wording ("Retention discount 2 of 6").
      const note = creditVatNote(line, locale);
      const amount = e.vat === 'included' ? line.total : line.amount;
      return explainCreditLine(e, amount, currency, locale, note, year) ?? credit(e, amount, currency, locale, note, year);
    }
  }
}

/**
 * What the document is, in one sentence: "Invoice" / "Facture", or for a negative total
 * "Credit note correcting invoice acc-1:2026-02-01: €12.00 in your favour" /
 * "Avoir sur la facture acc-1:2026-02-01 : 12,00 € en votre faveur".
 */
export function explainDocument(invoice: Pick<Invoice, 'document' | 'total' | 'currency'>, locale: Locale, invoiceLabel?: string): string {
  const d = invoice.document;
  if (d.kind === 'invoice') return locale === 'fr' ? 'Facture' : 'Invoice';
  const value = money(-invoice.total, invoice.currency, locale);
  const ref = invoiceLabel ?? d.correctsInvoiceId;
  if (locale === 'fr') return finish(ref ? `Avoir sur la facture ${ref} : ${value} en votre faveur` : `Avoir : ${value} en votre faveur`, locale);
  return ref ? `Credit note correcting invoice ${ref}: ${value} in your favour` : `Credit note: ${value} in your favour`;
}
