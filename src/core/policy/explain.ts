/**
 * Every rule outcome of a decision as a sentence the agent can read out or act on, in English and
 * in French, with amounts in the agent's locale. The decision itself stays data (codes, minor
 * units, basis points): the hub stores and compares data, and only the screen needs words.
 *
 * The sentence tables are typed Record<RuleCode, …> per language, so adding a rule without its
 * English and French sentences does not compile.
 */
import { type Role } from '../api/roles';
import { intlLocale, type Locale } from '../i18n/locale';
import { formatMoney } from '../money/format';
import type { Decision, RuleCode, RuleResult } from './decide';
import type { ChurnRisk, ReasonCode, Standing } from './schema';

type Params = Readonly<Record<string, number | string>>;

// ---------------------------------------------------------------------------------------------
// Words

const ROLE_WITH_ARTICLE: Readonly<Record<Locale, Readonly<Record<Role, string>>>> = {
  en: { agent: 'an agent', senior_agent: 'a senior agent', supervisor: 'a supervisor' },
  fr: { agent: 'un conseiller', senior_agent: 'un conseiller senior', supervisor: 'un superviseur' },
};

export const REASON_LABELS: Readonly<Record<Locale, Readonly<Record<ReasonCode, string>>>> = {
  en: {
    billing_error: 'billing error correction',
    goodwill: 'goodwill gesture',
    service_outage: 'service outage compensation',
    retention_offer: 'retention offer',
    late_fee_waiver: 'late fee waiver',
  },
  fr: {
    billing_error: 'correction d’erreur de facturation',
    goodwill: 'geste commercial',
    service_outage: 'dédommagement pour panne',
    retention_offer: 'offre de fidélisation',
    late_fee_waiver: 'annulation de frais de retard',
  },
};

/** Keyed "kind/shape" as decide() reports them in the kind_allowed rule. */
const KIND_LABELS: Readonly<Record<Locale, Readonly<Record<string, string>>>> = {
  en: {
    'one_off_credit/invoice': 'a one-off credit on the invoice',
    'one_off_credit/account': 'a one-off credit on the account',
    'recurring_discount/amount': 'a recurring discount of a fixed amount',
    'recurring_discount/percent': 'a recurring percentage discount',
    'fee_waiver/late_fee': 'a late fee waiver',
  },
  fr: {
    'one_off_credit/invoice': 'un avoir ponctuel sur la facture',
    'one_off_credit/account': 'un avoir ponctuel sur le compte',
    'recurring_discount/amount': 'une remise récurrente d’un montant fixe',
    'recurring_discount/percent': 'une remise récurrente en pourcentage',
    'fee_waiver/late_fee': 'une annulation des frais de retard',
  },
};

const STANDING_LABELS: Readonly<Record<Locale, Readonly<Record<Standing, string>>>> = {
  en: { good: 'in good standing', late: 'late on payments', collections: 'in collections' },
  fr: { good: 'à jour', late: 'en retard de paiement', collections: 'en recouvrement' },
};

const CHURN_LABELS: Readonly<Record<Locale, Readonly<Record<ChurnRisk, string>>>> = {
  en: { low: 'low', medium: 'medium', high: 'high' },
  fr: { low: 'faible', medium: 'moyen', high: 'élevé' },
};

// ---------------------------------------------------------------------------------------------
// Formatting helpers

const percentFormats = new Map<Locale, Intl.NumberFormat>();
const dateFormats = new Map<Locale, Intl.DateTimeFormat>();

function pct(locale: Locale, bp: number | string | undefined): string {
  let f = percentFormats.get(locale);
  if (!f) percentFormats.set(locale, (f = new Intl.NumberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits: 2 })));
  return f.format(Number(bp) / 10_000);
}

function day(locale: Locale, iso: number | string | undefined): string {
  let f = dateFormats.get(locale);
  if (!f) dateFormats.set(locale, (f = new Intl.DateTimeFormat(intlLocale(locale), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })));
  const text = f.format(new Date(`${String(iso)}T00:00:00Z`));
  // French writes the first of the month "1er".
  return locale === 'fr' ? text.replace(/^1(?=\s)/, '1er') : text;
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function plural(locale: Locale, n: number, en: [string, string], fr: [string, string]): string {
  // French treats 0 and 1 as singular; English only 1.
  const one = locale === 'fr' ? n < 2 : n === 1;
  return `${n} ${(locale === 'fr' ? fr : en)[one ? 0 : 1]}`;
}

/** Reads the params of one rule in one locale. */
/**
 * Who reads a sentence: the agent the rule was decided for ("your limit"), or whoever decides
 * the agent's request — a supervisor or a senior agent ("the agent's limit").
 */
export type Audience = 'actor' | 'approver';

class P {
  constructor(
    readonly locale: Locale,
    readonly p: Params,
    readonly audience: Audience = 'actor',
  ) {}
  /** "your limit" / "the agent's limit", "votre limite" / "la limite du conseiller". */
  yourLimit(daily = false): string {
    const you = this.audience === 'actor';
    if (this.locale === 'fr') return you ? `votre limite${daily ? ' journalière' : ''}` : `la limite${daily ? ' journalière' : ''} du conseiller`;
    return you ? `your${daily ? ' daily' : ''} limit` : `the agent’s${daily ? ' daily' : ''} limit`;
  }
  /** "This would take you to" / "This would take the agent to". */
  takeYouTo(): string {
    const you = this.audience === 'actor';
    if (this.locale === 'fr') return you ? 'Cela vous amènerait à' : 'Cela amènerait le conseiller à';
    return you ? 'This would take you to' : 'This would take the agent to';
  }
  money(key: string): string {
    return formatMoney(Number(this.p[key] ?? 0), String(this.p.currency ?? 'EUR'), intlLocale(this.locale));
  }
  num(key: string): number {
    return Number(this.p[key] ?? 0);
  }
  str(key: string): string {
    return String(this.p[key] ?? '');
  }
  pct(key: string): string {
    return pct(this.locale, this.p[key]);
  }
  role(): string {
    return ROLE_WITH_ARTICLE[this.locale][this.str('approverRole') as Role] ?? this.str('approverRole');
  }
  reason(): string {
    return REASON_LABELS[this.locale][this.str('reason') as ReasonCode] ?? this.str('reason');
  }
  has(key: string): boolean {
    return this.p[key] !== undefined;
  }
}

type Sentence = (passed: boolean, x: P) => string;

const OR: Readonly<Record<Locale, string>> = { en: ' or ', fr: ' ou ' };

/** The standings a reason is for, in words: "active or in collections". */
function allowedStandings(x: P, locale: Locale): string {
  return x
    .str('allowed')
    .split(',')
    .map((s) => STANDING_LABELS[locale][s as Standing])
    .join(OR[locale]);
}

// ---------------------------------------------------------------------------------------------
// English

const EN: Readonly<Record<RuleCode, Sentence>> = {
  policy_in_force: (ok, x) =>
    ok
      ? `Policy version ${x.num('version')} applies (in force since ${day('en', x.str('effectiveFrom'))}).`
      : `Policy version ${x.num('version')} only applies from ${day('en', x.str('effectiveFrom'))}.`,
  currency_matches: (ok, x) =>
    ok
      ? `The account is billed in ${x.str('policy')}, the policy's currency.`
      : `The account is billed in ${x.str('account')} and the policy decides in ${x.str('policy')}: no credit can be given under this policy.`,
  kind_allowed: (ok, x) => {
    const kind = cap(KIND_LABELS.en[`${x.str('kind')}/${x.str('shape')}`] ?? x.str('kind'));
    return ok ? `${kind} is allowed for the reason “${x.reason()}”.` : `${kind} is not allowed for the reason “${x.reason()}”.`;
  },
  no_fraud_flag: (ok) => (ok ? 'No fraud flag on the account.' : 'The account is flagged for fraud review: no credit can be given from the phone.'),
  min_tenure: (ok, x) =>
    ok
      ? `Customer for ${plural('en', x.num('actual'), ['month', 'months'], ['mois', 'mois'])} (at least ${x.num('required')} needed).`
      : `Customer for only ${plural('en', x.num('actual'), ['month', 'months'], ['mois', 'mois'])}; this needs at least ${x.num('required')}.`,
  account_standing: (ok, x) => {
    const standing = STANDING_LABELS.en[x.str('standing') as Standing];
    if (ok) return `The account is ${standing}.`;
    const allowed = allowedStandings(x, 'en');
    return `The account is ${standing}; this reason is only for accounts ${allowed}.`;
  },
  churn_risk: (ok, x) => {
    const actual = CHURN_LABELS.en[x.str('actual') as ChurnRisk];
    const required = CHURN_LABELS.en[x.str('required') as ChurnRisk];
    return ok ? `Churn risk is ${actual} (at least ${required} needed).` : `Churn risk is ${actual}; a retention offer needs at least ${required}.`;
  },
  error_documented: (ok, x) => (ok ? `Documented billing error of ${x.money('amount')}.` : 'No billing error is documented: record the disputed amount first.'),
  outage_documented: (ok, x) =>
    ok
      ? `Confirmed outage of ${plural('en', x.num('days'), ['day', 'days'], ['jour', 'jours'])}.`
      : x.num('days') > 0
        ? `The confirmed outage is ${plural('en', x.num('days'), ['day', 'days'], ['jour', 'jours'])}; compensation needs at least ${x.num('minDays')}.`
        : `No confirmed outage of at least ${plural('en', x.num('minDays'), ['day', 'days'], ['jour', 'jours'])}.`,
  late_fee_present: (ok, x) => (ok ? `Late fee charged: ${x.money('amount')}.` : 'No late fee was charged on this invoice.'),
  amount_positive: (ok, x) => (ok ? `The amount is ${x.money('amount')}.` : 'The amount must be more than zero.'),
  recurring_cycles: (ok, x) =>
    ok
      ? `${cap(plural('en', x.num('cycles'), ['billing cycle', 'billing cycles'], ['', '']))}, within the maximum of ${x.num('maxCycles')}.`
      : `${cap(plural('en', x.num('cycles'), ['billing cycle', 'billing cycles'], ['', '']))} is longer than the maximum of ${x.num('maxCycles')}.`,
  recurring_depth: (ok, x) => {
    if (x.has('percentBp')) {
      return ok
        ? `${x.pct('percentBp')} off each bill, within the maximum of ${x.pct('maxPercentBp')}.`
        : `${x.pct('percentBp')} off each bill is deeper than the maximum of ${x.pct('maxPercentBp')}.`;
    }
    return ok
      ? `${x.money('amount')} off each bill, within ${x.pct('maxPercentBp')} of the monthly bill (${x.money('max')}).`
      : `${x.money('amount')} off each bill is more than ${x.pct('maxPercentBp')} of the monthly bill (${x.money('max')}).`;
  },
  within_disputed_amount: (ok, x) =>
    ok
      ? `${x.money('amount')} is within the documented error of ${x.money('max')}.`
      : `${x.money('amount')} is more than the documented error of ${x.money('max')}.`,
  within_outage_pro_rata: (ok, x) => {
    const basis = `${x.num('days')}/${x.num('monthDays')} of the monthly bill`;
    return ok
      ? `${x.money('amount')} is within the outage compensation of ${x.money('max')} (${basis}).`
      : `${x.money('amount')} is more than the outage compensation of ${x.money('max')} (${basis}).`;
  },
  within_late_fee: (ok, x) =>
    ok ? `${x.money('amount')} is within the late fee of ${x.money('max')}.` : `${x.money('amount')} is more than the late fee of ${x.money('max')}.`,
  reason_count_cap: (ok, x) =>
    ok
      ? `${cap(x.reason())}: ${x.num('count')} in the last 12 months, of ${x.num('maxCount')} allowed.`
      : `${cap(x.reason())}: already ${x.num('count')} in the last 12 months; the most allowed is ${x.num('maxCount')}.`,
  reason_amount_cap: (ok, x) =>
    ok
      ? `${cap(x.reason())}: ${x.money('used')} given in the last 12 months; with ${x.money('amount')} that stays within the cap of ${x.money('max')}.`
      : `${cap(x.reason())}: ${x.money('used')} given in the last 12 months; ${x.money('amount')} more would go over the cap of ${x.money('max')}.`,
  customer_count_cap: (ok, x) =>
    ok
      ? `This customer had ${plural('en', x.num('count'), ['credit', 'credits'], ['', ''])} in the last 12 months, of ${x.num('maxCount')} allowed.`
      : `This customer already had ${plural('en', x.num('count'), ['credit', 'credits'], ['', ''])} in the last 12 months; the most allowed is ${x.num('maxCount')}.`,
  customer_amount_cap: (ok, x) =>
    ok
      ? `This customer received ${x.money('used')} in the last 12 months; with ${x.money('amount')} that stays within the cap of ${x.money('max')}.`
      : `This customer received ${x.money('used')} in the last 12 months; ${x.money('amount')} more would go over the cap of ${x.money('max')}.`,
  per_action_limit: (ok, x) => {
    if (ok) return `Within ${x.yourLimit()} of ${x.money('limit')} per credit.`;
    if (x.has('approverRole')) return `Over ${x.yourLimit()} of ${x.money('limit')} per credit; ${x.role()} can approve up to ${x.money('approverLimit')}.`;
    if (x.num('highest') === 1) return `${x.money('amount')} is over every role’s limit per credit: nobody can grant it.`;
    return `Over ${x.yourLimit()} of ${x.money('limit')} per credit.`;
  },
  percent_limit: (ok, x) => {
    const measure = `${x.str('measure') === 'invoice' ? 'of the invoice' : 'of the monthly bill'}${x.num('perCycle') ? ' per cycle' : ''}`;
    if (ok) return `Within ${x.yourLimit()} of ${x.pct('limitBp')} ${measure} (${x.money('limit')}).`;
    if (x.has('approverRole'))
      return `Over ${x.yourLimit()} of ${x.pct('limitBp')} ${measure} (${x.money('limit')}); ${x.role()} can approve up to ${x.pct('approverLimitBp')} (${x.money('approverLimit')}).`;
    if (x.num('highest') === 1) return `Over every role’s limit as a share ${measure}: nobody can grant it.`;
    return `Over ${x.yourLimit()} of ${x.pct('limitBp')} ${measure} (${x.money('limit')}).`;
  },
  daily_limit: (ok, x) => {
    const after = formatMoney(x.num('today') + x.num('amount'), x.str('currency'), intlLocale('en'));
    if (ok) return `Within ${x.yourLimit(true)}: ${x.money('today')} granted today, ${x.money('limit')} allowed.`;
    if (x.has('approverRole'))
      return `${x.takeYouTo()} ${after} today, over ${x.yourLimit(true)} of ${x.money('limit')}; ${x.role()} can approve (daily limit ${x.money('approverLimit')}).`;
    if (x.num('highest') === 1) return `${x.takeYouTo()} ${after} today, over every role’s daily limit: nobody can grant it today.`;
    return `${x.takeYouTo()} ${after} today, over ${x.yourLimit(true)} of ${x.money('limit')}.`;
  },
};

// ---------------------------------------------------------------------------------------------
// French (typographie : espace avant « ; » et « : », guillemets français)

const FR: Readonly<Record<RuleCode, Sentence>> = {
  policy_in_force: (ok, x) =>
    ok
      ? `La politique version ${x.num('version')} s’applique (en vigueur depuis le ${day('fr', x.str('effectiveFrom'))}).`
      : `La politique version ${x.num('version')} ne s’applique qu’à partir du ${day('fr', x.str('effectiveFrom'))}.`,
  currency_matches: (ok, x) =>
    ok
      ? `Le compte est facturé en ${x.str('policy')}, la devise de la politique.`
      : `Le compte est facturé en ${x.str('account')} et la politique décide en ${x.str('policy')} : aucun geste ne peut être accordé au titre de cette politique.`,
  kind_allowed: (ok, x) => {
    const kind = cap(KIND_LABELS.fr[`${x.str('kind')}/${x.str('shape')}`] ?? x.str('kind'));
    return ok ? `${kind} est possible pour le motif « ${x.reason()} ».` : `${kind} n’est pas possible pour le motif « ${x.reason()} ».`;
  },
  no_fraud_flag: (ok) =>
    ok ? 'Aucune alerte fraude sur le compte.' : 'Le compte fait l’objet d’une alerte fraude : aucun geste ne peut être accordé par téléphone.',
  min_tenure: (ok, x) =>
    ok
      ? `Client depuis ${x.num('actual')} mois (au moins ${x.num('required')} requis).`
      : `Client depuis seulement ${x.num('actual')} mois ; il en faut au moins ${x.num('required')}.`,
  account_standing: (ok, x) => {
    const standing = STANDING_LABELS.fr[x.str('standing') as Standing];
    if (ok) return `Le compte est ${standing}.`;
    const allowed = allowedStandings(x, 'fr');
    return `Le compte est ${standing} ; ce motif est réservé aux comptes ${allowed}.`;
  },
  churn_risk: (ok, x) => {
    const actual = CHURN_LABELS.fr[x.str('actual') as ChurnRisk];
    const required = CHURN_LABELS.fr[x.str('required') as ChurnRisk];
    return ok
      ? `Risque de départ ${actual} (au moins ${required} requis).`
      : `Risque de départ ${actual} ; une offre de fidélisation demande un risque au moins ${required}.`;
  },
  error_documented: (ok, x) =>
    ok ? `Erreur de facturation documentée de ${x.money('amount')}.` : 'Aucune erreur de facturation documentée : saisissez d’abord le montant contesté.',
  outage_documented: (ok, x) =>
    ok
      ? `Panne confirmée de ${plural('fr', x.num('days'), ['', ''], ['jour', 'jours'])}.`
      : x.num('days') > 0
        ? `La panne confirmée est de ${plural('fr', x.num('days'), ['', ''], ['jour', 'jours'])} ; un dédommagement demande au moins ${plural('fr', x.num('minDays'), ['', ''], ['jour', 'jours'])}.`
        : `Aucune panne confirmée d’au moins ${plural('fr', x.num('minDays'), ['', ''], ['jour', 'jours'])}.`,
  late_fee_present: (ok, x) => (ok ? `Frais de retard facturés : ${x.money('amount')}.` : 'Aucuns frais de retard n’ont été facturés sur cette facture.'),
  amount_positive: (ok, x) => (ok ? `Le montant est de ${x.money('amount')}.` : 'Le montant doit être supérieur à zéro.'),
  recurring_cycles: (ok, x) =>
    ok
      ? `${cap(plural('fr', x.num('cycles'), ['', ''], ['cycle de facturation', 'cycles de facturation']))}, dans la limite de ${x.num('maxCycles')}.`
      : `${cap(plural('fr', x.num('cycles'), ['', ''], ['cycle de facturation', 'cycles de facturation']))} : au-delà du maximum de ${x.num('maxCycles')}.`,
  recurring_depth: (ok, x) => {
    if (x.has('percentBp')) {
      return ok
        ? `${x.pct('percentBp')} de remise par facture, dans la limite de ${x.pct('maxPercentBp')}.`
        : `${x.pct('percentBp')} de remise par facture dépasse le maximum de ${x.pct('maxPercentBp')}.`;
    }
    return ok
      ? `${x.money('amount')} de remise par facture, dans la limite de ${x.pct('maxPercentBp')} de la facture mensuelle (${x.money('max')}).`
      : `${x.money('amount')} de remise par facture dépasse ${x.pct('maxPercentBp')} de la facture mensuelle (${x.money('max')}).`;
  },
  within_disputed_amount: (ok, x) =>
    ok
      ? `${x.money('amount')} ne dépasse pas l’erreur documentée de ${x.money('max')}.`
      : `${x.money('amount')} dépasse l’erreur documentée de ${x.money('max')}.`,
  within_outage_pro_rata: (ok, x) => {
    const basis = `${x.num('days')}/${x.num('monthDays')} de la facture mensuelle`;
    return ok
      ? `${x.money('amount')} ne dépasse pas le dédommagement de ${x.money('max')} (${basis}).`
      : `${x.money('amount')} dépasse le dédommagement de ${x.money('max')} (${basis}).`;
  },
  within_late_fee: (ok, x) =>
    ok
      ? `${x.money('amount')} ne dépasse pas les frais de retard de ${x.money('max')}.`
      : `${x.money('amount')} dépasse les frais de retard de ${x.money('max')}.`,
  reason_count_cap: (ok, x) =>
    ok
      ? `${cap(x.reason())} : ${x.num('count')} sur les 12 derniers mois, pour un maximum de ${x.num('maxCount')}.`
      : `${cap(x.reason())} : déjà ${x.num('count')} sur les 12 derniers mois ; le maximum est ${x.num('maxCount')}.`,
  reason_amount_cap: (ok, x) =>
    ok
      ? `${cap(x.reason())} : ${x.money('used')} sur les 12 derniers mois ; avec ${x.money('amount')}, cela reste dans le plafond de ${x.money('max')}.`
      : `${cap(x.reason())} : ${x.money('used')} sur les 12 derniers mois ; ${x.money('amount')} de plus dépasserait le plafond de ${x.money('max')}.`,
  customer_count_cap: (ok, x) =>
    ok
      ? `Ce client a reçu ${plural('fr', x.num('count'), ['', ''], ['geste', 'gestes'])} sur les 12 derniers mois, pour un maximum de ${x.num('maxCount')}.`
      : `Ce client a déjà reçu ${plural('fr', x.num('count'), ['', ''], ['geste', 'gestes'])} sur les 12 derniers mois ; le maximum est ${x.num('maxCount')}.`,
  customer_amount_cap: (ok, x) =>
    ok
      ? `Ce client a reçu ${x.money('used')} sur les 12 derniers mois ; avec ${x.money('amount')}, cela reste dans le plafond de ${x.money('max')}.`
      : `Ce client a reçu ${x.money('used')} sur les 12 derniers mois ; ${x.money('amount')} de plus dépasserait le plafond de ${x.money('max')}.`,
  per_action_limit: (ok, x) => {
    if (ok) return `Dans ${x.yourLimit()} de ${x.money('limit')} par geste.`;
    if (x.has('approverRole'))
      return `Au-delà de ${x.yourLimit()} de ${x.money('limit')} par geste ; ${x.role()} peut accorder jusqu’à ${x.money('approverLimit')}.`;
    if (x.num('highest') === 1) return `${x.money('amount')} dépasse la limite par geste de tous les rôles : personne ne peut l’accorder.`;
    return `Au-delà de ${x.yourLimit()} de ${x.money('limit')} par geste.`;
  },
  percent_limit: (ok, x) => {
    const measure = `${x.str('measure') === 'invoice' ? 'de la facture' : 'de la facture mensuelle'}${x.num('perCycle') ? ' par cycle' : ''}`;
    if (ok) return `Dans ${x.yourLimit()} de ${x.pct('limitBp')} ${measure} (${x.money('limit')}).`;
    if (x.has('approverRole'))
      return `Au-delà de ${x.yourLimit()} de ${x.pct('limitBp')} ${measure} (${x.money('limit')}) ; ${x.role()} peut accorder jusqu’à ${x.pct('approverLimitBp')} (${x.money('approverLimit')}).`;
    if (x.num('highest') === 1) return `Au-delà de la part maximale ${measure} de tous les rôles : personne ne peut l’accorder.`;
    return `Au-delà de ${x.yourLimit()} de ${x.pct('limitBp')} ${measure} (${x.money('limit')}).`;
  },
  daily_limit: (ok, x) => {
    const after = formatMoney(x.num('today') + x.num('amount'), x.str('currency'), intlLocale('fr'));
    if (ok) return `Dans ${x.yourLimit(true)} : ${x.money('today')} aujourd’hui, pour un maximum de ${x.money('limit')}.`;
    if (x.has('approverRole'))
      return `${x.takeYouTo()} ${after} aujourd’hui, au-delà de ${x.yourLimit(true)} de ${x.money('limit')} ; ${x.role()} peut l’accorder (limite journalière ${x.money('approverLimit')}).`;
    if (x.num('highest') === 1)
      return `${x.takeYouTo()} ${after} aujourd’hui, au-delà de la limite journalière de tous les rôles : personne ne peut l’accorder aujourd’hui.`;
    return `${x.takeYouTo()} ${after} aujourd’hui, au-delà de ${x.yourLimit(true)} de ${x.money('limit')}.`;
  },
};

const SENTENCES: Readonly<Record<Locale, Readonly<Record<RuleCode, Sentence>>>> = { en: EN, fr: FR };

// ---------------------------------------------------------------------------------------------
// Public

/** One rule's outcome as a sentence: "Over your limit of €20.00 per credit; a senior agent can approve up to €50.00." */
export function describeRule(result: RuleResult, locale: Locale, audience: Audience = 'actor'): string {
  const sentence = SENTENCES[locale][result.rule];
  return sentence(result.passed, new P(locale, result.params, audience));
}

export function reasonLabel(reason: ReasonCode, locale: Locale): string {
  return REASON_LABELS[locale][reason];
}

export function roleLabel(role: Role, locale: Locale): string {
  return ROLE_WITH_ARTICLE[locale][role];
}

/** What is being granted, for the summary: "€30.00 over 6 cycles (€5.00 a cycle)". */
function worth(decision: Decision, locale: Locale): string {
  const m = (amount: number) => formatMoney(amount, decision.currency, intlLocale(locale));
  if (decision.kind === 'recurring_discount' && decision.cycles !== undefined) {
    return locale === 'fr'
      ? `${m(decision.effectiveAmount)} sur ${plural('fr', decision.cycles, ['', ''], ['cycle', 'cycles'])} (${m(decision.perCycleAmount ?? 0)} par cycle)`
      : `${m(decision.effectiveAmount)} over ${plural('en', decision.cycles, ['cycle', 'cycles'], ['', ''])} (${m(decision.perCycleAmount ?? 0)} a cycle)`;
  }
  return m(decision.effectiveAmount);
}

function fr0(locale: Locale): string {
  return locale === 'fr' ? 'de' : 'of';
}

/** The decision in one line, for the discount panel's headline and the approval request. */
export function describeDecision(decision: Decision, locale: Locale, audience: Audience = 'actor'): string {
  const m = (amount: number) => formatMoney(amount, decision.currency, intlLocale(locale));
  const what = `${REASON_LABELS[locale][decision.reason]} ${fr0(locale)} ${worth(decision, locale)}`;
  const fr = locale === 'fr';
  switch (decision.outcome) {
    case 'allowed':
      return fr ? `Autorisé : ${what}. Vous pouvez l’accorder maintenant.` : `Allowed: ${what}. You can grant it now.`;
    case 'needs_approval': {
      const role = ROLE_WITH_ARTICLE[locale][decision.approverRole ?? 'supervisor'];
      if (audience === 'approver') {
        const agentCan =
          decision.maxAllowedNow > 0
            ? fr
              ? `Le conseiller peut accorder jusqu’à ${m(decision.maxAllowedNow)} lui-même.`
              : `The agent can grant up to ${m(decision.maxAllowedNow)} themselves.`
            : fr
              ? 'Le conseiller ne peut rien accorder lui-même pour le moment.'
              : 'The agent cannot grant any amount themselves right now.';
        return fr
          ? `Validation requise par ${role} : ${what}, au-delà des limites du conseiller. ${agentCan}`
          : `Needs approval by ${role}: ${what} is over the agent’s limits. ${agentCan}`;
      }
      const yourself =
        decision.maxAllowedNow > 0
          ? fr
            ? `Vous pouvez accorder jusqu’à ${m(decision.maxAllowedNow)} vous-même.`
            : `You can grant up to ${m(decision.maxAllowedNow)} yourself.`
          : fr
            ? 'Vous ne pouvez rien accorder vous-même pour le moment.'
            : 'You cannot grant any amount yourself right now.';
      return fr
        ? `Validation requise par ${role} : ${what}, au-delà de vos limites. ${yourself}`
        : `Needs approval by ${role}: ${what} is over your limits. ${yourself}`;
    }
    case 'refused': {
      const first = decision.rules.find((r) => !r.passed);
      const why = first ? ` ${describeRule(first, locale)}` : '';
      const room =
        decision.maxAllowedNow > 0
          ? fr
            ? ` Vous pouvez accorder jusqu’à ${m(decision.maxAllowedNow)} maintenant.`
            : ` You can grant up to ${m(decision.maxAllowedNow)} now.`
          : '';
      return fr ? `Refusé.${why}${room}` : `Refused.${why}${room}`;
    }
  }
}

/** Every rule of a decision as sentences, in the order they were checked. */
export function describeRules(decision: Decision, locale: Locale): { rule: RuleCode; passed: boolean; text: string }[] {
  return decision.rules.map((r) => ({ rule: r.rule, passed: r.passed, text: describeRule(r, locale) }));
}
