/** What the screens get: decisions with their sentences, ledger rows and approvals in words. */
import type { ApprovalRequestInput, ApprovalStatus, CallApprovalStatus, DecisionView, LedgerEntryView, Locale, RecurringTermsView } from '../../../core/api';
import { intlLocale, t, tn } from '../../../core/i18n';
import { formatMoney } from '../../../core/money/format';
import { describeDecision, describeRule, reasonLabel, RULE_FAMILY, type Audience, type Decision } from '../../../core/policy';
import type { LedgerRow } from '../../store/ledger';
import { policyReasonOf } from './customer-facts';

export function money(amount: number, currency: string, locale: Locale): string {
  return formatMoney(amount, currency, intlLocale(locale));
}

/** A decision in words; `audience` 'approver' words it for whoever decides the agent's request ("the agent's limit"). */
export function decisionView(d: Decision, locale: Locale, audience: Audience = 'actor'): DecisionView {
  const view: { -readonly [K in keyof DecisionView]: DecisionView[K] } = {
    outcome: d.outcome,
    headline: describeDecision(d, locale, audience),
    rules: d.rules.map((r) => ({ rule: r.rule, family: RULE_FAMILY[r.rule], passed: r.passed, text: describeRule(r, locale, audience) })),
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
  return new Intl.DateTimeFormat(intlLocale(locale), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${yearMonth}-01T00:00:00Z`));
}

/** "Retention offer: €5.00 off 6 bills from December 2026" / "Offre de fidélisation : 5,00 € de remise sur 6 factures à partir de décembre 2026". */
export function ledgerDescription(row: LedgerRow, invoiceNumber: string | null, locale: Locale): string {
  const label = labelOf(row.reasonCode, locale);
  if (row.kind === 'recurring_discount') {
    const terms = recurringTermsView(row.terms);
    if (terms) {
      const amount = money(terms.amountPerCycle ?? 0, row.currency, locale);
      return tn(locale, 'sentence.ledger.recurring', terms.cycles, { label, amount, month: monthName(terms.startCycle, locale) });
    }
  }
  const amount = money(row.amount, row.currency, locale);
  const invoice = invoiceNumber ?? '';
  if (row.kind === 'fee_waiver')
    return t(locale, invoiceNumber ? 'sentence.ledger.feeWaiverOnInvoice' : 'sentence.ledger.feeWaiver', { label, amount, invoice });
  return t(locale, invoiceNumber ? 'sentence.ledger.creditOnInvoice' : 'sentence.ledger.creditOnAccount', { label, amount, invoice });
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
function requestWorth(request: ApprovalRequestInput, amount: number, currency: string, locale: Locale): string {
  if (request.kind === 'recurring_discount') {
    const per = request.form === 'amount' ? request.amountPerCycle : Math.round(amount / request.cycles);
    return tn(locale, 'sentence.request.monthly', request.cycles, { amount: money(per, currency, locale) });
  }
  return money(amount, currency, locale);
}

export function callStatusSummary(
  status: ApprovalStatus,
  request: ApprovalRequestInput,
  amount: number,
  approvedAmount: number | null,
  currency: string,
  decidedBy: string | null,
  comment: string | null,
  locale: Locale,
): string {
  const label = (
    request.kind === 'refund' ? refundLabel(locale) : request.kind === 'payment_plan' ? planLabel(locale) : labelOf(request.reason, locale)
  ).toLowerCase();
  const who = decidedBy ?? t(locale, 'sentence.request.aSupervisor');
  const why = comment ? t(locale, 'sentence.request.comment', { comment }) : '';
  switch (status) {
    case 'pending':
      return t(locale, 'sentence.request.pending', { label, worth: requestWorth(request, amount, currency, locale) });
    case 'approved':
    case 'applied': {
      const given = approvedAmount ?? amount;
      const params = { who, amount: money(given, currency, locale), asked: money(amount, currency, locale), comment: why };
      return t(locale, given < amount ? 'sentence.request.approvedLower' : 'sentence.request.approved', params);
    }
    case 'refused':
      return t(locale, 'sentence.request.refused', { who, comment: why });
    case 'cancelled':
      return t(locale, 'sentence.request.cancelled');
  }
}

export type { CallApprovalStatus };

/** The label of a payment plan request in the approvals inbox: "Payment plan". */
export function planLabel(locale: Locale): string {
  return t(locale, 'plan.approval.label');
}

/** The label of a refund request in the approvals inbox: "Refund of a credit balance". */
export function refundLabel(locale: Locale): string {
  return locale === 'en' ? 'Refund of a credit balance' : 'Remboursement d’un solde créditeur';
}
