/**
 * The fairness check in words the agent reads out: one sentence per difference (what happened,
 * then what it comes to, VAT included) and one summary. French follows French typography: a
 * no-break space before « : », months in lower case.
 */
import type { Locale } from '../i18n/locale';
import type { CurrencyCode } from '../money/money';
import { feeLabel, itemLabel } from './explain-line';
import type { FairnessCheck, FairnessDifference } from './fairness';
import type { InvoiceLine } from './invoice-types';
import { capitalise, day, dayRange, money, quantity } from './locale';
import type { UsageKind } from './types';

const NBSP = '\u00a0';

const USAGE_NAMES: Readonly<Record<Locale, Readonly<Record<UsageKind, string>>>> = {
  en: { dataMb: 'data', voiceMinutes: 'call', sms: 'text' },
  fr: { dataMb: 'de données', voiceMinutes: 'd’appels', sms: 'de SMS' },
};

/** What a line charges, as the subject of a sentence: "the Premium plan from 1 to 31 March". */
function lineSubject(line: InvoiceLine, locale: Locale): string {
  const fr = locale === 'fr';
  const e = line.explanation;
  switch (e.code) {
    case 'recurring-fee':
      return `${itemLabel(e.item, locale, true)} ${dayRange(e.from, e.to, locale)}`;
    case 'promotion':
      return fr ? `la promotion ${e.promotion.name} ${dayRange(e.from, e.to, locale)}` : `the ${e.promotion.name} promotion ${dayRange(e.from, e.to, locale)}`;
    case 'overage':
      return fr ? `le dépassement ${USAGE_NAMES.fr[e.usage]} du forfait ${e.plan.name}` : `${USAGE_NAMES.en[e.usage]} above the ${e.plan.name} plan allowance`;
    case 'one-off-fee':
    case 'late-fee':
      return fr ? `les ${feeLabel(e.fee, locale)}` : `the ${feeLabel(e.fee, locale)}`;
    case 'credit':
      return fr ? `l’avoir du ${day(e.date, locale)}` : `the credit of ${day(e.date, locale)}`;
  }
}

/** "(€4.80 in your favour)" / "(€4.80 not charged to you)". */
function outcome(d: FairnessDifference, currency: CurrencyCode, locale: Locale): string {
  const amount = money(Math.abs(d.difference), currency, locale);
  if (d.owedTo === 'customer') return locale === 'fr' ? `${amount} en votre faveur` : `${amount} in your favour`;
  return locale === 'fr' ? `${amount} qui ne vous avaient pas été facturés` : `${amount} that had not been charged to you`;
}

function times(n: number, locale: Locale): string {
  if (locale === 'fr') return n === 2 ? 'deux fois' : `${n} fois`;
  return n === 2 ? 'twice' : `${n} times`;
}

/** "a été facturé" agreeing with the subject: les frais (plural), l'option (feminine), le forfait. */
function frenchCharged(line: InvoiceLine): string {
  const e = line.explanation;
  if (e.code === 'one-off-fee' || e.code === 'late-fee') return 'ont été facturés';
  if (e.code === 'recurring-fee' && e.item.kind === 'option') return 'a été facturée';
  if (e.code === 'promotion') return 'a été appliquée';
  if (e.code === 'credit') return 'a été appliqué';
  return 'a été facturé';
}

/** "du forfait Premium" / "de l’option TV". */
function ofItem(item: { readonly kind: 'plan' | 'option'; readonly name: string }): string {
  return item.kind === 'plan' ? `du forfait ${item.name}` : `de l’option ${item.name}`;
}

/** One difference in one sentence. */
export function explainDifference(d: FairnessDifference, currency: CurrencyCode, locale: Locale): string {
  const fr = locale === 'fr';
  const line = d.issuedLines[0] ?? d.recomputedLines[0]!;
  const subject = lineSubject(line, locale);
  const m = (n: number): string => money(n, currency, locale);
  const result = outcome(d, currency, locale);
  const c = d.cause;
  switch (c.code) {
    case 'duplicate-fee':
      return fr
        ? `${capitalise(subject)} ${frenchCharged(line)} ${times(c.copies, locale)} au lieu d’une${NBSP}: ${result}.`
        : `${capitalise(subject)} was charged ${times(c.copies, locale)} instead of once: ${result}.`;
    case 'usage-rated-twice':
      return fr
        ? `Votre consommation ${USAGE_NAMES.fr[c.usage]} a été comptée deux fois (${quantity(c.billedUsage, c.usage, locale)} facturés pour ${quantity(c.recordedUsage, c.usage, locale)} relevés)${NBSP}: ${result}.`
        : `Your ${USAGE_NAMES.en[c.usage]} usage was counted twice (${quantity(c.billedUsage, c.usage, locale)} billed for ${quantity(c.recordedUsage, c.usage, locale)} recorded): ${result}.`;
    case 'late-plan-change': {
      const change =
        c.fromPlan && c.toPlan && c.fromPlan !== c.toPlan
          ? fr
            ? `Votre passage du forfait ${c.fromPlan} au forfait ${c.toPlan} le ${day(c.effectiveOn, locale)}`
            : `Your change from the ${c.fromPlan} plan to the ${c.toPlan} plan on ${day(c.effectiveOn, locale)}`
          : fr
            ? `Le changement d’abonnement du ${day(c.effectiveOn, locale)}`
            : `The change to your subscription on ${day(c.effectiveOn, locale)}`;
      return fr
        ? `${change} n’a été enregistré que le ${day(c.recordedOn, locale)}, après l’émission de cette facture. Pour ${subject}, ${m(d.issued)} facturés au lieu de ${m(d.recomputed)}${NBSP}: ${result}.`
        : `${change} was only recorded on ${day(c.recordedOn, locale)}, after this bill was issued. For ${subject}, ${m(d.issued)} was charged instead of ${m(d.recomputed)}: ${result}.`;
    }
    case 'promotion-not-applied': {
      const when = line.explanation.code === 'promotion' ? ` ${dayRange(line.explanation.from, line.explanation.to, locale)}` : '';
      return fr
        ? `Votre promotion ${c.promotion.name} n’a pas été appliquée${when}${NBSP}: ${result}.`
        : `Your ${c.promotion.name} promotion was not applied${when}: ${result}.`;
    }
    case 'price-not-notified': {
      const refund = m(Math.abs(d.difference));
      const price = fr
        ? `Le nouveau prix ${ofItem(c.item)}, ${m(c.newMonthlyFee)} HT par mois,`
        : `The new price of ${itemLabel(c.item, locale, true)}, ${m(c.newMonthlyFee)} a month before VAT,`;
      if (c.notifiedOn === null || c.appliesFrom === null) {
        return fr
          ? `${price} ne peut pas encore vous être appliqué${NBSP}: nous n’avons aucune trace de l’avis qui devait vous l’annoncer un mois avant. Les ${refund} TTC facturés à ce prix vous sont remboursés.`
          : `${price} cannot apply to you yet: we have no record of telling you about it a month before. The ${refund} charged at that price, VAT included, is refunded to you.`;
      }
      return fr
        ? `${price} ne s’applique à vous qu’à partir du ${day(c.appliesFrom, locale)}, un mois après que nous vous en avons informé le ${day(c.notifiedOn, locale)}${NBSP}: les ${refund} TTC facturés à ce prix avant cette date vous sont remboursés.`
        : `${price} applies to you only from ${day(c.appliesFrom, locale)}, one month after we told you about it on ${day(c.notifiedOn, locale)}: the ${refund} charged at that price before then, VAT included, is refunded to you.`;
    }
    case 'price-not-in-force':
      return fr
        ? `${capitalise(itemLabel(c.item, locale, true))} a été facturé${c.item.kind === 'option' ? 'e' : ''} ${m(c.billedMonthlyFee)} par mois au lieu du prix en vigueur, ${m(c.monthlyFeeInForce)} (hors TVA)${NBSP}: ${result}.`
        : `${capitalise(itemLabel(c.item, locale, true))} was charged at ${m(c.billedMonthlyFee)} a month instead of the price in force, ${m(c.monthlyFeeInForce)} (before VAT): ${result}.`;
    case 'calculated-differently':
      return fr
        ? `Pour ${subject}, la facture indique ${m(d.issued)} et le calcul d’aujourd’hui donne ${m(d.recomputed)}${NBSP}: ${result}.`
        : `For ${subject}, the bill says ${m(d.issued)} and today’s calculation gives ${m(d.recomputed)}: ${result}.`;
  }
}

/** The answer to "is this bill right?" in one sentence. */
export function summariseFairness(check: FairnessCheck, locale: Locale): string {
  const fr = locale === 'fr';
  const m = (n: number): string => money(n, check.currency, locale);
  if (check.differences.length === 0) {
    return fr
      ? 'Cette facture est juste, recalculée aujourd’hui elle donne le même montant ligne par ligne.'
      : 'This bill is right: recalculated today, every line comes to the same amount.';
  }
  if (check.customerOwed > 0) {
    return fr
      ? `Cette facture était trop élevée de ${m(check.customerOwed)} TTC${NBSP}: nous vous devons ${m(check.customerOwed)}.`
      : `This bill was ${m(check.customerOwed)} too high, VAT included: we owe you ${m(check.customerOwed)}.`;
  }
  return fr
    ? `Cette facture vous a facturé ${m(check.undercharged)} de moins que le calcul d’aujourd’hui${NBSP}; nous ne vous réclamons rien.`
    : `This bill charged you ${m(check.undercharged)} less than today’s calculation; we are not asking you for it.`;
}

/** When a correcting credit for this bill already covers what the check found. */
export function explainSettled(corrected: number, currency: CurrencyCode, locale: Locale): string {
  const m = money(corrected, currency, locale);
  return locale === 'fr'
    ? `Un avoir de correction de ${m} a déjà été accordé pour cette facture${NBSP}: rien ne reste dû.`
    : `A correcting credit of ${m} has already been granted for this bill: nothing is left owing.`;
}
