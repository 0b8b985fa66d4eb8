/**
 * Bill comparison in words: one clause per cause, and the one-sentence summary an agent reads
 * out — "Your bill is €12.40 higher, mainly because your 6-month promotion ended on 3 March (+€10.00)."
 */
import type { ComparisonCause, InvoiceComparison, ProrationCause } from './comparison-types';
import { feeLabel, itemLabel } from './explain-line';
import { capitalise, day as dayOf, elide, finish, money, percent, quantity, yearOf } from './locale';
import type { Locale } from '../i18n/locale';
import type { CurrencyCode } from '../money/money';
import type { UsageKind } from './types';

const ALLOWANCE_NAMES: Readonly<Record<Locale, Readonly<Record<UsageKind, string>>>> = {
  en: { dataMb: 'data', voiceMinutes: 'calls', sms: 'texts' },
  fr: { dataMb: 'de données', voiceMinutes: "d'appels", sms: 'de SMS' },
};

function prorationClause(c: ProrationCause, locale: Locale): string {
  const now = `${c.currentDays} ${locale === 'fr' ? 'jours sur' : 'of'} ${c.currentDaysInCycle}${locale === 'fr' ? '' : ' days'}`;
  const before = `${c.previousDays} ${locale === 'fr' ? 'jours sur' : 'of'} ${c.previousDaysInCycle}${locale === 'fr' ? '' : ' days'}`;
  if (locale === 'fr') {
    const subject =
      c.subject.kind === 'promotion'
        ? `la promotion ${c.subject.name} a été appliquée`
        : c.subject.kind === 'plan'
          ? `le forfait ${c.subject.name} a été facturé`
          : `l'option ${c.subject.name} a été facturée`;
    return `${subject} ${now}, contre ${before} sur la facture précédente`;
  }
  const { kind, name } = c.subject;
  const subject = kind === 'promotion' ? `the ${name} promotion applied` : `${itemLabel({ kind, name }, locale, true)} was billed`;
  return `${subject} for ${now}, against ${before} on the previous bill`;
}

/** What the credits on the two bills say, never "a credit of €0.00" (a reversal takes money back). */
function creditClause(previous: number, current: number, m: (amount: number) => string, fr: boolean): string {
  if (current > 0 && previous > 0) {
    return fr
      ? `vous avez reçu ${m(current)} en avoirs, contre ${m(previous)} sur la facture précédente`
      : `you received ${m(current)} in credits, against ${m(previous)} on the previous bill`;
  }
  if (current > 0) return fr ? `vous avez reçu un avoir de ${m(current)}` : `you received a credit of ${m(current)}`;
  if (previous > 0 && current === 0)
    return fr ? `la facture précédente comprenait un avoir de ${m(previous)}` : `the previous bill included a credit of ${m(previous)}`;
  if (previous > 0) {
    return fr
      ? `la facture précédente comprenait un avoir de ${m(previous)}, et un avoir de ${m(-current)} est annulé sur celle-ci`
      : `the previous bill included a credit of ${m(previous)}, and a credit of ${m(-current)} is cancelled on this one`;
  }
  if (current < 0) return fr ? `un avoir de ${m(-current)} est annulé sur cette facture` : `a credit of ${m(-current)} is cancelled on this bill`;
  return fr ? `un avoir de ${m(-previous)} avait été annulé sur la facture précédente` : `a credit of ${m(-previous)} was cancelled on the previous bill`;
}

/** Units over an allowance on the two bills, never "0 MB over". */
function overageClause(cause: Extract<ComparisonCause, { code: 'usage-overage' }>, locale: Locale): string {
  const fr = locale === 'fr';
  const q = (n: number): string => quantity(n, cause.usage, locale);
  const allowance = ALLOWANCE_NAMES[locale][cause.usage];
  if (cause.currentOver === 0) {
    return fr
      ? `votre consommation est restée dans votre enveloppe ${allowance}, contre un dépassement de ${q(cause.previousOver)} sur la facture précédente`
      : `you stayed within your ${allowance} allowance, against ${q(cause.previousOver)} over on the previous bill`;
  }
  if (cause.previousOver === 0) {
    return fr
      ? `vous avez dépassé votre enveloppe ${allowance} de ${q(cause.currentOver)}, sans dépassement sur la facture précédente`
      : `you went ${q(cause.currentOver)} over your ${allowance} allowance, and had stayed within it on the previous bill`;
  }
  return fr
    ? `vous avez dépassé votre enveloppe ${allowance} de ${q(cause.currentOver)}, contre ${q(cause.previousOver)} sur la facture précédente`
    : `you went ${q(cause.currentOver)} over your ${allowance} allowance, against ${q(cause.previousOver)} on the previous bill`;
}

/**
 * What happened, as a clause that follows "because" / "parce que". `year`: the year of the
 * current bill — a day in another year is said with its year.
 */
export function causeClause(cause: ComparisonCause, currency: CurrencyCode, locale: Locale, year: number): string {
  const fr = locale === 'fr';
  const m = (amount: number): string => money(amount, currency, locale);
  const day = (date: string): string => dayOf(date, locale, year);
  switch (cause.code) {
    case 'plan-change': {
      const on = cause.changedOn ? (fr ? ` le ${day(cause.changedOn)}` : ` on ${day(cause.changedOn)}`) : '';
      if (cause.fromPlan && cause.toPlan) {
        return fr
          ? `votre forfait est passé ${elide('de', cause.fromPlan)} à ${cause.toPlan}${on}`
          : `you changed from the ${cause.fromPlan} plan to the ${cause.toPlan} plan${on}`;
      }
      if (cause.toPlan) return fr ? `votre forfait ${cause.toPlan} a commencé${on}` : `your ${cause.toPlan} plan started${on}`;
      const since = cause.changedOn ? (fr ? ` à partir du ${day(cause.changedOn)}` : ` from ${day(cause.changedOn)}`) : '';
      const plan = cause.fromPlan ? `${cause.fromPlan} ` : '';
      return fr ? `votre forfait ${plan}a été résilié${since}` : `your ${plan}plan was cancelled${since}`;
    }
    case 'promotion-ended': {
      const p = cause.promotion;
      return fr ? `votre promotion de ${p.cycles} mois s'est terminée le ${day(p.endDate)}` : `your ${p.cycles}-month promotion ended on ${day(p.endDate)}`;
    }
    case 'promotion-started': {
      const p = cause.promotion;
      return fr ? `votre promotion ${p.name} a commencé le ${day(p.startDate)}` : `your ${p.name} promotion started on ${day(p.startDate)}`;
    }
    case 'price-change': {
      const on = cause.effectiveFrom ? (fr ? ` le ${day(cause.effectiveFrom)}` : ` on ${day(cause.effectiveFrom)}`) : '';
      const from = m(cause.previousMonthlyFee);
      const to = m(cause.newMonthlyFee);
      if (fr) {
        const of = cause.item.kind === 'plan' ? `du forfait ${cause.item.name}` : `de l'option ${cause.item.name}`;
        return `le prix ${of} est passé de ${from} à ${to} par mois${on}`;
      }
      const way = cause.newMonthlyFee >= cause.previousMonthlyFee ? 'went up' : 'went down';
      return `the price of ${itemLabel(cause.item, locale, true)} ${way} from ${from} to ${to} a month${on}`;
    }
    case 'usage-overage':
      return overageClause(cause, locale);
    case 'option-added':
      return fr ? `vous avez ajouté l'option ${cause.item.name} le ${day(cause.from)}` : `you added the ${cause.item.name} option on ${day(cause.from)}`;
    case 'option-removed':
      return fr ? `votre option ${cause.item.name} a pris fin le ${day(cause.lastDay)}` : `your ${cause.item.name} option ended on ${day(cause.lastDay)}`;
    case 'one-off-fee': {
      const label = feeLabel(cause.fee, locale);
      if (cause.currentCount > cause.previousCount) {
        return fr ? `des ${label} ont été facturés` : `a one-off ${label} was charged`;
      }
      return fr ? `les ${label} de la facture précédente ne sont pas facturés à nouveau` : `the one-off ${label} on the previous bill is not charged again`;
    }
    case 'late-fee':
      if (cause.charged === 'now') {
        return fr
          ? `des frais de retard ont été facturés car la facture précédente n'était pas entièrement payée le ${day(cause.dueDate)}`
          : `a late payment fee was charged because the previous bill was not paid in full by ${day(cause.dueDate)}`;
      }
      return fr ? `il n'y a pas de frais de retard cette fois-ci` : `there is no late payment fee this time`;
    case 'credit':
      return creditClause(cause.previousCredits, cause.currentCredits, m, fr);
    case 'proration':
      return prorationClause(cause, locale);
    case 'tax':
      return fr
        ? `le taux de TVA est passé de ${percent(cause.previousRateBp, locale)} à ${percent(cause.currentRateBp, locale)}`
        : `the VAT rate changed from ${percent(cause.previousRateBp, locale)} to ${percent(cause.currentRateBp, locale)}`;
  }
}

/** A cause on its own line: "Your 6-month promotion ended on 3 March: +€10.00" (`year`: the current bill's). */
export function explainCause(cause: ComparisonCause, currency: CurrencyCode, locale: Locale, year: number): string {
  const separator = locale === 'fr' ? ' : ' : ': ';
  return finish(`${capitalise(causeClause(cause, currency, locale, year))}${separator}${money(cause.amount, currency, locale, true)}`, locale);
}

/** "parce que" becomes "parce qu'" before a vowel. */
function because(clause: string, locale: Locale): string {
  if (locale === 'en') return `because ${clause}`;
  return /^[aeiouyéèêàâîô]/i.test(clause) ? `parce qu'${clause}` : `parce que ${clause}`;
}

/** The sentence an agent reads out about the difference between the two bills. */
export function summariseComparison(comparison: InvoiceComparison, locale: Locale): string {
  const { difference, currency } = comparison;
  if (difference === 0) {
    return locale === 'fr' ? 'Votre facture est identique à celle du mois dernier.' : 'Your bill is the same as last month.';
  }
  // The largest cause pulling the same way as the difference; one exists since the causes add up to it.
  const main = comparison.causes.find((c) => Math.sign(c.amount) === Math.sign(difference));
  const size = money(Math.abs(difference), currency, locale);
  const year = yearOf(comparison.current.cycle.start);
  const clause = main
    ? `, ${locale === 'fr' ? 'principalement ' : 'mainly '}${because(causeClause(main, currency, locale, year), locale)} (${money(main.amount, currency, locale, true)})`
    : '';
  if (locale === 'fr') {
    return finish(`Votre facture est ${difference > 0 ? 'plus' : 'moins'} élevée de ${size}${clause}.`, locale);
  }
  return `Your bill is ${size} ${difference > 0 ? 'higher' : 'lower'}${clause}.`;
}
