/**
 * Every action the audit log records. One name per kind of command, in the call-centre's words;
 * adding an action is adding a name here (old entries stay valid — the chain stores strings).
 */
export const AUDIT_ACTIONS = [
  'sign_in',
  'sign_out',
  'interaction_started',
  'interaction_wrapped_up',
  'verification_attempt',
  'verification_unlock',
  'view_full_account',
  'note_added',
  'credit_granted',
  'credit_reversed',
  'approval_requested',
  'approval_decided',
  'plan_changed',
  // A copy of an issued invoice sent to the customer, by email or by post.
  'invoice_copy_sent',
  'credential_failed',
  'password_rehashed',
  'ledger_baseline',
  // A desk took back what a command the hub rejected had written (src/main/sync/provisional.ts).
  'provisional_withdrawn',
  // Caller lookup (recorded write-behind, see src/main/services/lookup-audit.ts): a search as
  // typed, a search refused by the rate limit, opening a masked profile, a screen pop.
  'lookup_search',
  'lookup_refused',
  'lookup_caller',
  'screen_pop',
  // Experiments (src/main/services/experiments.ts): a customer enrolled in an arm (once, intention
  // to treat), and a call on which the agent was shown that arm.
  'experiment_assigned',
  'experiment_exposed',
  // Receivables (src/main/services/receivables): a credit balance paid back, or a refund sent for approval.
  'refund_paid',
  'refund_requested',
  // What the agent read out on a call, for the call's recap (src/core/recap): a bill opened, two
  // bills compared, a plan change quoted. Reads: an audit entry only, no command.
  'bill_viewed',
  'bills_compared',
  'plan_quoted',
  // A follow-up (a callback or a promise scheduled at wrap-up) marked done.
  'follow_up_done',
  // Disputes and payment plans (src/main/services/receivables/disputes-service.ts): a dispute
  // opened on an invoice line, resolved (credited or rejected), a payment plan agreed, or one
  // over the agent's limit sent for approval.
  'dispute_opened',
  'dispute_resolved',
  'payment_plan_agreed',
  'payment_plan_requested',
  // The caller cancels (src/main/services/outcomes.ts): a customer outcome the retention insights count.
  'customer_cancelled',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === 'string' && (AUDIT_ACTIONS as readonly string[]).includes(value);
}
