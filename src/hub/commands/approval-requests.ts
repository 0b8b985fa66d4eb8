/**
 * A request over the agent's limits, as the hub files it — a credit (approval.request) or a
 * refund (refund.request): its id must be new on the hub; it waits for the role the hub's own
 * decision names, else the one the desk asked (a senior agent at least: the hub may find it
 * within the agent's limits after all, and it stays a request).
 */
import { hasAtLeast, type Role } from '../../core/api/roles';
import type { ReceiptReason } from '../../core/sync/protocol';
import type { CommandContext, Outcome } from './push';
import { Rejection } from './push';

/** What the desk pushed for the request. */
export interface PendingRequest {
  readonly approvalId: string;
  readonly customerId: string;
  readonly accountId: string;
  readonly request: unknown;
  /** The role the desk asked to decide. */
  readonly approverRole: string;
  readonly comment: string | null;
}

/** Refuses an approval request id the hub already holds (a desk replaying it under another command). */
export async function refuseKnownApproval(ctx: CommandContext, approvalId: string): Promise<void> {
  const [held] = await ctx.sql.query(`SELECT 1 FROM approval_requests WHERE id = $1`, [approvalId]);
  if (held) throw new Rejection([{ code: 'duplicate_approval', message: 'An approval request with this id already exists on the hub.' }]);
}

/** Files the request as pending, with the hub's decision and why it is over the limits. */
export async function filePendingRequest(
  ctx: CommandContext,
  p: PendingRequest,
  decision: { readonly approverRole?: Role | null | undefined },
  reasons: ReceiptReason[],
): Promise<Outcome> {
  const approverRole = decision.approverRole ?? (hasAtLeast(p.approverRole as Role, 'senior_agent') ? (p.approverRole as Role) : 'senior_agent');
  await ctx.sql.query(
    `INSERT INTO approval_requests (id, interaction_id, customer_id, account_id, requested_by, requested_at, request, decision, approver_role, status, comment)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', $10)`,
    [
      p.approvalId,
      ctx.command.interactionId,
      p.customerId,
      p.accountId,
      ctx.actor.userId,
      ctx.command.createdAt,
      JSON.stringify(p.request),
      JSON.stringify(decision),
      approverRole,
      p.comment,
    ],
  );
  return {
    status: 'pending_approval',
    reasons,
    result: { approvalId: p.approvalId, approverRole },
    notify: { tables: ['approval_requests'], approvalRequested: { approvalId: p.approvalId, approverRole } },
  };
}
