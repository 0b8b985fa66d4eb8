/**
 * A request over the agent's limits, as the hub files it — a credit (approval.request), a
 * refund (refund.request) or a payment plan (paymentPlan.request): its id must be new on the hub; it waits for the role the hub's own
 * decision names, else the one the desk asked (a senior agent at least: the hub may find it
 * within the agent's limits after all, and it stays a request).
 */
import { hasAtLeast, type Role } from '../../core/api/roles';
import type { ReceiptReason } from '../../core/sync/protocol';
import type { Sql } from '../db/open';
import { ownVerifiedCall } from './calls';
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

/** How many requests of this kind wait for a decision on the account, but `excludingApproval` (the one being decided). */
export async function pendingRequestsOf(sql: Sql, accountId: string, kind: 'refund' | 'payment_plan', excludingApproval: string | null): Promise<number> {
  const [pending] = await sql.query<{ n: string }>(
    `SELECT count(*) AS n FROM approval_requests WHERE account_id = $1 AND status = 'pending' AND (request::jsonb ->> 'kind') = $2 AND id <> $3`,
    [accountId, kind, excludingApproval ?? ''],
  );
  return Number(pending?.n ?? 0);
}

/**
 * refund.request and paymentPlan.request, filed alike: on the actor's own verified call with the
 * customer, for the account the payload names, under an approval id new on the hub; decided
 * again on the hub's figures (`decide`), refused with the failed rules, else pending.
 */
export async function receivablesRequested<D extends { readonly outcome: string; readonly approverRole?: Role | undefined }>(
  ctx: CommandContext,
  p: PendingRequest & { readonly request: { readonly accountId: string } },
  decide: () => Promise<D>,
  reasons: (d: D) => ReceiptReason[],
): Promise<Outcome> {
  await ownVerifiedCall(ctx, p.customerId);
  if (p.request.accountId !== p.accountId) throw new Rejection([{ code: 'bad_payload', message: 'The request names another account.' }]);
  await refuseKnownApproval(ctx, p.approvalId);
  const decision = await decide();
  if (decision.outcome === 'refused') throw new Rejection(reasons(decision));
  return filePendingRequest(ctx, p, decision, reasons(decision));
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

/** An approval request as the hub holds it (request: JSON text). */
export interface ApprovalRow {
  id: string;
  interaction_id: string;
  customer_id: string;
  account_id: string;
  requested_by: string;
  request: string;
  approver_role: Role;
  status: string;
  applied_command_id: string | null;
}

/** The request, locked for the decision (FOR UPDATE): two approvers cannot both decide it. */
export async function lockedApproval(sql: Sql, approvalId: string): Promise<ApprovalRow> {
  const [row] = await sql.query<ApprovalRow>(
    `SELECT id, interaction_id, customer_id, account_id, requested_by, request, approver_role, status, applied_command_id FROM approval_requests WHERE id = $1 FOR UPDATE`,
    [approvalId],
  );
  if (!row) throw new Rejection([{ code: 'unknown_approval', message: 'The hub does not know this approval request.' }]);
  return row;
}

/** Still pending, not the approver's own, and routed to their role or below — else a rejection. */
export function mayDecide(ctx: CommandContext, row: ApprovalRow): void {
  if (row.status !== 'pending')
    throw new Rejection([
      {
        code: 'already_decided',
        message: 'Someone else decided this request first.',
        text: { en: 'Someone else decided this request first.', fr: 'Quelqu’un d’autre a déjà traité cette demande.' },
      },
    ]);
  if (row.requested_by === ctx.actor.userId) throw new Rejection([{ code: 'own_request', message: 'A request cannot be approved by the person who made it.' }]);
  if (!hasAtLeast(ctx.actor.role as Role, row.approver_role))
    throw new Rejection([{ code: 'forbidden', message: `Deciding this request needs a ${row.approver_role}.` }]);
}
