/** The sentences of disputes and payment plans, by message key in the agent's locale (dates are calendar days: formatted in UTC). */
import type { Role } from '../api/roles';
import { formatAmount, formatDate, t, type Locale, type MessageKey } from '../i18n';
import type { DisputeIssue, ResolutionIssue } from './disputes';
import type { Instalment, PaymentPlanDecision, PaymentPlanRuleResult } from './payment-plans';

const day = (locale: Locale, date: string) => formatDate(locale, `${date}T00:00:00Z`, 'longDate', 'UTC');
const approverName = (locale: Locale, role: Role) => t(locale, `plan.approver.${role}` as MessageKey);

export function disputeIssueText(issue: DisputeIssue | ResolutionIssue, locale: Locale, currency: string): string {
  switch (issue.code) {
    case 'over_disputable':
      return t(locale, 'dispute.issue.over_disputable', { disputable: formatAmount(locale, issue.disputable, currency) });
    case 'credit_over_disputed':
      return t(locale, 'dispute.issue.credit_over_disputed', { disputed: formatAmount(locale, issue.disputed, currency) });
    case 'customer_said_too_long':
    case 'rejection_reason_too_long':
      return t(locale, `dispute.issue.${issue.code}`, { max: issue.max });
    case 'already_resolved':
      return t(locale, 'dispute.issue.already_resolved', { status: t(locale, `dispute.status.${issue.status}`) });
    default:
      return t(locale, `dispute.issue.${issue.code}`);
  }
}

export function describePlanRule(r: PaymentPlanRuleResult, locale: Locale, currency: string): string {
  const money = (key: string) => formatAmount(locale, Number(r.params[key] ?? 0), currency);
  const pass = r.passed ? 'pass' : 'fail';
  switch (r.rule) {
    case 'instalments_whole':
      return t(locale, `plan.rule.instalments_whole.${pass}`, { instalments: Number(r.params['instalments'] ?? 0) });
    case 'overdue_minimum':
      return t(locale, `plan.rule.overdue_minimum.${pass}`, { balance: money('balance'), minimum: money('minimum') });
    case 'no_active_plan':
      return t(locale, `plan.rule.no_active_plan.${pass}`);
    case 'no_broken_plan':
      return t(locale, `plan.rule.no_broken_plan.${pass}`, {
        months: Number(r.params['months'] ?? 0),
        brokenOn: r.params['brokenOn'] ? day(locale, String(r.params['brokenOn'])) : '',
      });
    case 'minimum_instalment':
      return t(locale, `plan.rule.minimum_instalment.${pass}`, { smallest: money('smallest'), minimum: money('minimum') });
    case 'instalment_limit': {
      const limit = Number(r.params['limit'] ?? 0);
      if (r.passed) return t(locale, 'plan.rule.instalment_limit.pass', { limit });
      const approver = r.params['approverRole'] as Role | undefined;
      return approver
        ? t(locale, 'plan.rule.instalment_limit.approver', { limit, approver: approverName(locale, approver) })
        : t(locale, 'plan.rule.instalment_limit.none');
    }
  }
}

export function planHeadline(d: PaymentPlanDecision, locale: Locale): string {
  const params = { count: d.schedule.length, balance: formatAmount(locale, d.balance, d.currency) };
  if (d.outcome === 'allowed') return t(locale, 'plan.headline.allowed', params);
  if (d.outcome === 'needs_approval') return t(locale, 'plan.headline.needs_approval', { ...params, approver: approverName(locale, d.approverRole!) });
  return t(locale, 'plan.headline.refused');
}

/** "€40.02 on 5 March 2027, then 2 × €40.00 each month." — the schedule as the agent reads it out. */
export function scheduleSentence(schedule: readonly Instalment[], locale: Locale, currency: string): string {
  const [first, second] = schedule;
  if (!first) return '';
  if (!second || first.amount === second.amount)
    return t(locale, 'plan.schedule.sentenceEqual', {
      count: schedule.length,
      amount: formatAmount(locale, first.amount, currency),
      firstDate: day(locale, first.dueOn),
    });
  return t(locale, 'plan.schedule.sentence', {
    first: formatAmount(locale, first.amount, currency),
    firstDate: day(locale, first.dueOn),
    rest: schedule.length - 1,
    amount: formatAmount(locale, second.amount, currency),
  });
}
