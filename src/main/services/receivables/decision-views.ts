/**
 * A refund's and a payment plan's decisions as the screens and errors say them: each kind has
 * its own headline and rule sentences (core/receivables); what is done with them is the same.
 */
import { ApiError, type DecisionView, type Role } from '../../../core/api';
import type { Locale } from '../../../core/i18n';
import type { Outcome, RuleResult } from '../../../core/policy';
import type { PaymentPlanRule, RefundRule } from '../../../core/receivables';

type ReceivablesRule = RefundRule | PaymentPlanRule;

/** What a refund's and a payment plan's decisions have in common. */
interface ReceivablesDecision<Rule extends ReceivablesRule> {
  readonly outcome: Outcome;
  readonly approverRole?: Role;
  readonly rules: readonly RuleResult<Rule>[];
  readonly currency: string;
}

/** One rule's sentence, in the agent's language. */
type DescribeRule<Rule extends ReceivablesRule> = (r: RuleResult<Rule>, locale: Locale, currency: string) => string;

/** What a refund's and a payment plan's own views open with: the outcome, who may approve, the headline, each rule and its sentence. */
export function saidDecision<Rule extends ReceivablesRule>(d: ReceivablesDecision<Rule>, headline: string, describe: DescribeRule<Rule>, locale: Locale) {
  return {
    outcome: d.outcome,
    ...(d.approverRole ? { approverRole: d.approverRole } : {}),
    headline,
    rules: d.rules.map((r) => ({ rule: r.rule, passed: r.passed, text: describe(r, locale, d.currency) })),
  };
}

/** The rules a decision failed, as an error's issues: the rule, and its sentence. */
export function failedRuleIssues<Rule extends ReceivablesRule>(
  d: ReceivablesDecision<Rule>,
  describe: DescribeRule<Rule>,
  locale: Locale,
): { path: string; message: string }[] {
  return d.rules.filter((r) => !r.passed).map((r) => ({ path: r.rule, message: describe(r, locale, d.currency) }));
}

/** A refused decision as the agent is told it: POLICY_REFUSED with each failed rule. */
export function policyRefusal<Rule extends ReceivablesRule>(d: ReceivablesDecision<Rule>, describe: DescribeRule<Rule>, locale: Locale): ApiError {
  return new ApiError('POLICY_REFUSED', failedRuleIssues(d, describe, locale));
}

/**
 * The decision in the shape the approvals inbox shows every decision in. Only `limitRule` (the
 * role's limit) is one an approver can lift; every other rule is eligibility.
 */
export function inboxDecisionView<Rule extends ReceivablesRule>(
  d: ReceivablesDecision<Rule>,
  said: { readonly headline: string; readonly describe: DescribeRule<Rule>; readonly limitRule: Rule },
  asked: { readonly kind: 'refund' | 'payment_plan'; readonly maxAllowedNow: number; readonly effectiveAmount: number },
  locale: Locale,
): DecisionView {
  return {
    outcome: d.outcome,
    ...(d.approverRole ? { approverRole: d.approverRole } : {}),
    headline: said.headline,
    rules: d.rules.map((r) => ({
      rule: r.rule,
      family: r.rule === said.limitRule ? 'limit' : 'eligibility',
      passed: r.passed,
      text: said.describe(r, locale, d.currency),
    })),
    maxAllowedNow: asked.maxAllowedNow,
    effectiveAmount: asked.effectiveAmount,
    reason: asked.kind,
    kind: asked.kind,
    currency: d.currency,
    policyVersion: 0,
  };
}
