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
  // What the agent did on a call, recorded once per call (audit only, no synced state) so the
  // insights can tell practices apart (src/main/store/practices.ts): a bill opened and explained,
  // two bills compared, a plan change quoted (or the best plans listed).
  'bill_explained',
  'bills_compared',
  'plan_quoted',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === 'string' && (AUDIT_ACTIONS as readonly string[]).includes(value);
}
