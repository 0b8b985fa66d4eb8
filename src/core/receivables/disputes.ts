/**
 * Disputes: the customer says an invoice line is wrong. The agent opens a dispute on that line
 * (how much, a reason from a fixed list, what the customer said); until it is resolved the
 * disputed amount is HELD: late fees and the overdue rule judge only what is not under dispute.
 *
 *   open      amount ≤ the line's amount minus what is already disputed on it (open or credited:
 *             a credited dispute was given back once, a rejected one frees the amount again)
 *   resolve   by a credit (a billing-error credit through the ordinary credit path, within
 *             policy, at most the disputed amount) or a rejection with a reason; a resolved
 *             dispute is final — resolving it again is refused.
 */
import type { Minor } from '../money/money';

export const DISPUTE_REASONS = ['wrong_amount', 'service_not_received', 'not_ordered', 'already_paid', 'duplicate_charge', 'other'] as const;
export type DisputeReason = (typeof DISPUTE_REASONS)[number];
export const DISPUTE_STATUSES = ['open', 'credited', 'rejected'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

/** What the customer said, as the agent typed it: long enough for two sentences, short enough to read back. */
export const CUSTOMER_SAID_MAX = 500;
/** A rejection says why, in words the agent can read out. */
export const REJECTION_REASON_MAX = 500;

export interface DisputedLine {
  readonly lineId: string;
  readonly invoiceId: string;
  /** The line's amount as billed (what can be disputed at most). */
  readonly amount: Minor;
}

export interface DisputeFact {
  readonly id: string;
  readonly invoiceId: string;
  readonly lineId: string;
  readonly amount: Minor;
  readonly status: DisputeStatus;
}

export type DisputeIssue =
  | { readonly code: 'amount_positive' }
  | { readonly code: 'line_not_disputable' }
  | { readonly code: 'over_disputable'; readonly disputable: Minor }
  | { readonly code: 'reason_unknown' }
  | { readonly code: 'customer_said_missing' }
  | { readonly code: 'customer_said_too_long'; readonly max: number };

/** What may still be disputed on a line: its amount minus what open or credited disputes already hold. */
export function disputableOnLine(line: DisputedLine, disputes: readonly DisputeFact[]): Minor {
  if (line.amount <= 0) return 0;
  const held = disputes.filter((d) => d.lineId === line.lineId && d.status !== 'rejected').reduce((s, d) => s + d.amount, 0);
  return Math.max(0, line.amount - held);
}

export interface DisputeOpening {
  readonly amount: number;
  readonly reason: string;
  readonly customerSaid: string;
}

/** Every reason the opening is refused (empty: it may be opened). */
export function checkDisputeOpening(line: DisputedLine, disputes: readonly DisputeFact[], opening: DisputeOpening): DisputeIssue[] {
  const issues: DisputeIssue[] = [];
  const positive = Number.isSafeInteger(opening.amount) && opening.amount > 0;
  if (!positive) issues.push({ code: 'amount_positive' });
  const disputable = disputableOnLine(line, disputes);
  if (line.amount <= 0) issues.push({ code: 'line_not_disputable' });
  else if (positive && opening.amount > disputable) issues.push({ code: 'over_disputable', disputable });
  if (!(DISPUTE_REASONS as readonly string[]).includes(opening.reason)) issues.push({ code: 'reason_unknown' });
  const said = opening.customerSaid.trim();
  if (said.length === 0) issues.push({ code: 'customer_said_missing' });
  else if (said.length > CUSTOMER_SAID_MAX) issues.push({ code: 'customer_said_too_long', max: CUSTOMER_SAID_MAX });
  return issues;
}

export type DisputeResolution = { readonly kind: 'credit'; readonly amount: number } | { readonly kind: 'reject'; readonly reason: string };

export type ResolutionIssue =
  | { readonly code: 'already_resolved'; readonly status: DisputeStatus }
  | { readonly code: 'credit_positive' }
  | { readonly code: 'credit_over_disputed'; readonly disputed: Minor }
  | { readonly code: 'rejection_reason_missing' }
  | { readonly code: 'rejection_reason_too_long'; readonly max: number };

/** Every reason the resolution is refused (empty: it may be applied). The credit's policy check is the credit path's own. */
export function checkDisputeResolution(dispute: DisputeFact, resolution: DisputeResolution): ResolutionIssue[] {
  if (dispute.status !== 'open') return [{ code: 'already_resolved', status: dispute.status }];
  if (resolution.kind === 'credit') {
    if (!Number.isSafeInteger(resolution.amount) || resolution.amount <= 0) return [{ code: 'credit_positive' }];
    if (resolution.amount > dispute.amount) return [{ code: 'credit_over_disputed', disputed: dispute.amount }];
    return [];
  }
  const reason = resolution.reason.trim();
  if (reason.length === 0) return [{ code: 'rejection_reason_missing' }];
  if (reason.length > REJECTION_REASON_MAX) return [{ code: 'rejection_reason_too_long', max: REJECTION_REASON_MAX }];
  return [];
}

/** The status a valid resolution leaves. */
export function resolvedStatus(resolution: DisputeResolution): DisputeStatus {
  return resolution.kind === 'credit' ? 'credited' : 'rejected';
}

/**
 * What open disputes hold on each invoice: the amount late fees and the overdue rule set aside.
 * Only OPEN disputes hold money: a credited one has become a credit (it lowers the balance
 * itself), a rejected one is owed again from the day it was rejected.
 */
export function heldByInvoice(disputes: readonly DisputeFact[]): Map<string, Minor> {
  const held = new Map<string, Minor>();
  for (const d of disputes) if (d.status === 'open') held.set(d.invoiceId, (held.get(d.invoiceId) ?? 0) + d.amount);
  return held;
}
