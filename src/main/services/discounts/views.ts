/** What the screens get: decisions with their sentences, ledger rows and approvals in words. */
import type { ApprovalStatus, CallApprovalStatus, DecisionView, DiscountRequestInput, LedgerEntryView, Locale, RecurringTermsView } from '../../../core/api';
import { formatMoney } from '../../../core/money/format';
import { describeDecision, describeRule, reasonLabel, RULE_FAMILY, type Decision, type ReasonCode } from '../../../core/policy';
import type { LedgerRow } from '../../store/ledger';
import { policyReasonOf } from './customer-facts';

const INTL: Readonly<Record<Locale, string>> = { en: 'en-GB', fr: 'fr-FR' };

export function money(amount: number, currency: string, locale: Locale): string {
  return formatMoney(amount, currency, INTL[locale]);
}

export function decisionView(d: Decision, locale: Locale): DecisionView {
  const view: { -readonly [K in keyof DecisionView]: DecisionView[K] } = {
    outcome: d.outcome,
    headline: describeDecision(d, locale),
    rules: d.rules.map((r) => ({ rule: r.rule, family: RULE_FAMILY[r.rule], passed: r.passed, text: describeRule(r, locale) })),
    maxAllowedNow: d.maxAllowedNow,
    effectiveAmount: d.effectiveAmount,
    reason: d.reason,
    kind: d.kind,
    currency: d.currency,
    policyVersion: d.policyVersion,
  };
  if (d.approverRole !== undefined) view.approverRole = d.approverRole;
  if (d.maxPerCycleNow !== undefined) view.maxPerCycleNow = d.maxPerCycleNow;
  if (d.maxPercentNow !== undefined) view.maxPercentNow = d.maxPercentNow;
  if (d.perCycleAmount !== undefined) view.perCycleAmount = d.perCycleAmount;
  if (d.cycles !== undefined) view.cycles = d.cycles;
  return view;
}

/** The failing rules as API issues (path = rule code, message = the sentence). */
export function failedIssues(d: Decision, locale: Locale): { path: string; message: string }[] {
  return d.rules.filter((r) => !r.passed).map((r) => ({ path: r.rule, message: describeRule(r, locale) }));
}

export function labelOf(reasonCode: string, locale: Locale): string {
  const label = reasonLabel(policyReasonOf(reasonCode), locale);
  return label.charAt(0).toUpperCase() + label.slice(1);
}

export function recurringTermsView(terms: unknown): RecurringTermsView | null {
  const t = (typeof terms === 'string' ? JSON.parse(terms) : terms) as Partial<RecurringTermsView> | null;
  if (!t || typeof t.cycles !== 'number' || typeof t.startCycle !== 'string') return null;
  return {
    cycles: t.cycles,
    startCycle: t.startCycle,
    ...(typeof t.amountPerCycle === 'number' ? { amountPerCycle: t.amountPerCycle } : {}),
    ...(typeof t.percentBp === 'number' ? { percentBp: t.percentBp } : {}),
  };
}

function monthName(yearMonth: string, locale: Locale): string {
  return new Intl.DateTimeFormat(INTL[locale], { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${yearMonth}-01T00:00:00Z`));
}

/** "Retention offer: €5.00 off 6 bills from December 2026" / "Offre de fidélisation : 5,00 € de remise sur 6 factures à partir de décembre 2026". */
export function ledgerDescription(row: LedgerRow, invoiceNumber: string | null, locale: Locale): string {
  const label = labelOf(row.reasonCode, locale);
  const fr = locale === 'fr';
  const sep = fr ? ' : ' : ': ';
  if (row.kind === 'recurring_discount') {
    const t = recurringTermsView(row.terms);
    if (t) {
      const per = money(t.amountPerCycle ?? 0, row.currency, locale);
      return fr
        ? `${label}${sep}${per} de remise sur ${t.cycles} ${t.cycles > 1 ? 'factures' : 'facture'} à partir de ${monthName(t.startCycle, locale)}`
        : `${label}${sep}${per} off ${t.cycles} ${t.cycles === 1 ? 'bill' : 'bills'} from ${monthName(t.startCycle, locale)}`;
    }
  }
  const amount = money(row.amount, row.currency, locale);
  if (row.kind === 'fee_waiver') {
    return fr ? `${label}${sep}${amount} de frais de retard annulés${invoiceNumber ? ` (facture ${invoiceNumber})` : ''}` : `${label}${sep}${amount} late fee waived${invoiceNumber ? ` (invoice ${invoiceNumber})` : ''}`;
  }
  if (invoiceNumber) return fr ? `${label}${sep}avoir de ${amount} sur la facture ${invoiceNumber}` : `${label}${sep}${amount} credit on invoice ${invoiceNumber}`;
  return fr ? `${label}${sep}avoir de ${amount} sur le compte` : `${label}${sep}${amount} credit on the account`;
}

export function ledgerEntryView(
  row: LedgerRow,
  reversal: LedgerRow | undefined,
  names: (userId: string | null) => { id: string; name: string } | null,
  invoiceNumber: string | null,
  canReverse: boolean,
  locale: Locale,
): LedgerEntryView {
  return {
    id: row.id,
    kind: row.kind === 'reversal' ? 'credit' : row.kind,
    amount: row.amount,
    currency: row.currency,
    reason: policyReasonOf(row.reasonCode),
    reasonLabel: labelOf(row.reasonCode, locale),
    description: ledgerDescription(row, invoiceNumber, locale),
    invoiceId: row.invoiceId,
    invoiceNumber,
    terms: row.kind === 'recurring_discount' ? recurringTermsView(row.terms) : null,
    effectiveOn: row.effectiveOn,
    createdAt: row.createdAt,
    grantedBy: names(row.actorId),
    interactionId: row.interactionId,
    note: row.note,
    reversal: reversal ? { id: reversal.id, reason: reversal.note ?? '', at: reversal.createdAt, by: names(reversal.actorId) } : null,
    canReverse: reversal === undefined && canReverse,
  };
}

/** What a request is worth in words: "€35.00" or "€5.00 a month for 6 months". */
function requestWorth(request: DiscountRequestInput, amount: number, currency: string, locale: Locale): string {
  if (request.kind === 'recurring_discount') {
    const per = request.form === 'amount' ? request.amountPerCycle : Math.round(amount / request.cycles);
    return locale === 'fr' ? `${money(per, currency, locale)} par mois pendant ${request.cycles} mois` : `${money(per, currency, locale)} a month for ${request.cycles} ${request.cycles === 1 ? 'month' : 'months'}`;
  }
  return money(amount, currency, locale);
}

export function callStatusSummary(
  status: ApprovalStatus,
  request: DiscountRequestInput,
  amount: number,
  approvedAmount: number | null,
  currency: string,
  decidedBy: string | null,
  comment: string | null,
  locale: Locale,
): string {
  const fr = locale === 'fr';
  const label = labelOf(request.reason as ReasonCode, locale).toLowerCase();
  const who = decidedBy ?? (fr ? 'un superviseur' : 'a supervisor');
  const why = comment ? (fr ? ` — « ${comment} »` : ` — “${comment}”`) : '';
  switch (status) {
    case 'pending':
      return fr ? `En attente de validation : ${label}, ${requestWorth(request, amount, currency, locale)}.` : `Waiting for approval: ${label}, ${requestWorth(request, amount, currency, locale)}.`;
    case 'approved':
    case 'applied': {
      const given = approvedAmount ?? amount;
      const lower = given < amount ? (fr ? ` (au lieu de ${money(amount, currency, locale)})` : ` (instead of ${money(amount, currency, locale)})`) : '';
      return fr ? `Accordé par ${who} : ${money(given, currency, locale)}${lower}.${why}` : `Approved by ${who}: ${money(given, currency, locale)}${lower}.${why}`;
    }
    case 'refused':
      return fr ? `Refusé par ${who}.${why}` : `Refused by ${who}.${why}`;
    case 'cancelled':
      return fr ? 'Demande annulée.' : 'Request cancelled.';
  }
}

export type { CallApprovalStatus };
