/**
 * A refund of the customer's credit balance, asked during a call: the same decision style as a
 * discount — allowed / needs approval / refused — with each rule's outcome as data and its
 * sentence in English and French.
 *
 *   amount_positive       a whole, positive number of minor units
 *   credit_balance        no more than the credit balance the allocation leaves (money the
 *                         customer actually overpaid; a credit not yet on a bill counts)
 *   no_pending_refund     one refund waits at a time: a second request would pay twice
 *   refund_limit          within the actor's limit (policy data); above it → the lowest role
 *                         whose limit covers it approves; above every role's → refused
 */
import { lowestRoleFor, type Role } from '../api/roles';
import { formatAmount, type Locale } from '../i18n';
import type { Outcome, RuleResult } from '../policy/decide';
import type { ReceivablesPolicy } from './policy';

export type RefundRule = 'amount_positive' | 'credit_balance' | 'no_pending_refund' | 'refund_limit';
export type RefundOutcome = Outcome;
export type RefundRuleResult = RuleResult<RefundRule>;

export interface RefundDecision {
  readonly outcome: RefundOutcome;
  readonly approverRole?: Role;
  readonly amount: number;
  readonly currency: string;
  readonly rules: readonly RefundRuleResult[];
  /** The most this actor could refund now, alone. */
  readonly maxAllowedNow: number;
}

export interface RefundFacts {
  readonly creditBalance: number;
  readonly pendingRefunds: number;
  readonly currency: string;
}

export function decideRefund(policy: ReceivablesPolicy, role: Role, facts: RefundFacts, amount: number): RefundDecision {
  const positive = Number.isSafeInteger(amount) && amount > 0;
  const rules: RefundRuleResult[] = [
    { rule: 'amount_positive', passed: positive, params: { amount: Number.isFinite(amount) ? amount : 0 } },
    {
      rule: 'credit_balance',
      passed: positive && amount <= facts.creditBalance,
      params: { amount: positive ? amount : 0, creditBalance: facts.creditBalance },
    },
    { rule: 'no_pending_refund', passed: facts.pendingRefunds === 0, params: { pending: facts.pendingRefunds } },
  ];
  const limit = policy.refundMax[role];
  const eligible = rules.every((r) => r.passed);
  const maxAllowedNow = facts.pendingRefunds === 0 ? Math.max(0, Math.min(limit, facts.creditBalance)) : 0;
  if (!eligible) return { outcome: 'refused', amount: positive ? amount : 0, currency: facts.currency, rules, maxAllowedNow };
  const within = amount <= limit;
  const approver = within ? null : lowestRoleFor(policy.refundMax, amount);
  rules.push({ rule: 'refund_limit', passed: within, params: { amount, limit, role, ...(approver ? { approverRole: approver } : {}) } });
  if (within) return { outcome: 'allowed', amount, currency: facts.currency, rules, maxAllowedNow };
  if (approver === null) return { outcome: 'refused', amount, currency: facts.currency, rules, maxAllowedNow };
  return { outcome: 'needs_approval', approverRole: approver, amount, currency: facts.currency, rules, maxAllowedNow };
}

const ROLE_NAMES: Readonly<Record<Locale, Readonly<Record<Role, string>>>> = {
  en: { agent: 'an agent', senior_agent: 'a senior agent', supervisor: 'a supervisor' },
  fr: { agent: 'un conseiller', senior_agent: 'un conseiller senior', supervisor: 'un superviseur' },
};

/** One rule's sentence, to read or show. */
export function describeRefundRule(r: RefundRuleResult, locale: Locale, currency: string): string {
  const money = (key: string) => formatAmount(locale, Number(r.params[key] ?? 0), currency);
  const en = locale === 'en';
  switch (r.rule) {
    case 'amount_positive':
      return r.passed
        ? en
          ? 'The amount is valid.'
          : 'Le montant est valide.'
        : en
          ? 'The amount must be more than zero, in whole cents.'
          : 'Le montant doit être supérieur à zéro, en centimes entiers.';
    case 'credit_balance':
      return r.passed
        ? en
          ? `Within the credit balance of ${money('creditBalance')}.`
          : `Dans la limite du solde créditeur de ${money('creditBalance')}.`
        : en
          ? `More than the credit balance of ${money('creditBalance')}.`
          : `Supérieur au solde créditeur de ${money('creditBalance')}.`;
    case 'no_pending_refund':
      return r.passed
        ? en
          ? 'No other refund is waiting.'
          : 'Aucun autre remboursement en attente.'
        : en
          ? 'A refund is already waiting for this customer.'
          : 'Un remboursement est déjà en attente pour ce client.';
    case 'refund_limit': {
      if (r.passed) return en ? `Within your refund limit of ${money('limit')}.` : `Dans votre limite de remboursement de ${money('limit')}.`;
      const approver = r.params['approverRole'] as Role | undefined;
      if (approver)
        return en
          ? `Over your refund limit of ${money('limit')}: needs approval by ${ROLE_NAMES.en[approver]}.`
          : `Au-delà de votre limite de remboursement de ${money('limit')}\u00a0: validation par ${ROLE_NAMES.fr[approver]} nécessaire.`;
      return en
        ? 'Over every role’s refund limit: billing operations must handle it.'
        : 'Au-delà de toutes les limites de remboursement : à traiter par le service facturation.';
    }
  }
}

/** The headline of a decision. */
export function refundHeadline(d: RefundDecision, locale: Locale): string {
  const en = locale === 'en';
  const amount = formatAmount(locale, d.amount, d.currency);
  if (d.outcome === 'allowed') return en ? `Refund of ${amount} allowed.` : `Remboursement de ${amount} autorisé.`;
  if (d.outcome === 'needs_approval')
    return en
      ? `Refund of ${amount} needs approval by ${ROLE_NAMES.en[d.approverRole!]}.`
      : `Remboursement de ${amount}\u00a0: validation par ${ROLE_NAMES.fr[d.approverRole!]} nécessaire.`;
  return en ? 'Refund refused.' : 'Remboursement refusé.';
}
