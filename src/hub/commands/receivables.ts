/**
 * Refunds of a credit balance, re-decided by the hub in the command's own transaction with core's
 * rules on ITS data: the customer locked, the credit balance from every desk's payments, refunds
 * and credits (core/receivables accountReceivables — the same code the desk ran), the actor's
 * role from the hub's users, the refund limits of the policy in force on the hub.
 *
 *   refund.request   over the agent's limit: an approval request (approval_requests, kind refund)
 *   refund.pay       at once within the actor's limit, or as the approval of a pending request
 *                    (then the approval becomes applied; 'approval.decide' records it after)
 */
import { z } from 'zod';
import { hasAtLeast, type Role } from '../../core/api/roles';
import { refundRequestInput, type RefundRequestInput } from '../../core/api/methods/receivables';
import { decideRefund, describeRefundRule, receivablesPolicyOf, type RefundDecision } from '../../core/receivables';
import type { ReceiptReason } from '../../core/sync/protocol';
import { pendingRequestsOf, receivablesRequested } from './approval-requests';
import { ownVerifiedCall } from './calls';
import { lockedAccount, policyOn, receivablesOfAccount } from './decision-rows';
import type { CommandContext, Outcome } from './push';
import { failedRuleReasons, payloadId as id, payloadOf, Rejection } from './push';

const note = z.string().max(2000).nullable().optional();
const requestPayload = z.object({ approvalId: id, customerId: id, accountId: id, request: refundRequestInput, approverRole: z.string(), note });
const payPayload = z.object({
  paymentId: id,
  customerId: id,
  accountId: id,
  request: refundRequestInput,
  currency: z.string().length(3),
  approvalId: id.optional(),
  note,
});

function reasons(d: RefundDecision): ReceiptReason[] {
  return failedRuleReasons(d.rules, 'refund', (r, l) => describeRefundRule(r, l, d.currency));
}

/** The refund decided on the hub's data: the customer locked first, so two desks cannot both spend one credit balance. */
async function decideOnHub(
  ctx: CommandContext,
  customerId: string,
  accountId: string,
  role: Role,
  amount: number,
  excludingApproval: string | null,
): Promise<{ decision: RefundDecision; currency: string }> {
  const account = await lockedAccount(ctx.sql, customerId, accountId);
  const { receivables: r } = await receivablesOfAccount(ctx.sql, accountId);
  const pendingRefunds = await pendingRequestsOf(ctx.sql, accountId, 'refund', excludingApproval);
  const policy = receivablesPolicyOf((await policyOn(ctx.sql, ctx.now.toISOString().slice(0, 10))).document);
  return {
    decision: decideRefund(policy, role, { creditBalance: r.creditBalance, pendingRefunds, currency: account.currency }, amount),
    currency: account.currency,
  };
}

/** refund.request — over the agent's limit: it waits on the hub for someone who may decide. */
export async function refundRequested(ctx: CommandContext): Promise<Outcome> {
  const p = payloadOf(requestPayload, ctx);
  const decide = async () => (await decideOnHub(ctx, p.customerId, p.accountId, ctx.actor.role as Role, p.request.amount, null)).decision;
  return receivablesRequested(ctx, { ...p, comment: p.note ?? null }, decide, reasons);
}

/** refund.pay — within the actor's limit, or the approval of a pending refund request. */
export async function refundPaid(ctx: CommandContext): Promise<Outcome> {
  const p = payloadOf(payPayload, ctx);
  if (p.request.accountId !== p.accountId) throw new Rejection([{ code: 'bad_payload', message: 'The request names another account.' }]);
  let requestedBy = ctx.actor.userId;
  let approval: { id: string; requested_by: string; interaction_id: string } | null = null;
  if (p.approvalId !== undefined) {
    const [row] = await ctx.sql.query<{
      id: string;
      customer_id: string;
      account_id: string;
      requested_by: string;
      interaction_id: string;
      request: string;
      approver_role: Role;
      status: string;
    }>(`SELECT id, customer_id, account_id, requested_by, interaction_id, request, approver_role, status FROM approval_requests WHERE id = $1 FOR UPDATE`, [
      p.approvalId,
    ]);
    if (!row) throw new Rejection([{ code: 'unknown_approval', message: 'The hub does not know this approval request.' }]);
    if (row.status !== 'pending')
      throw new Rejection([
        {
          code: 'already_decided',
          message: 'Someone else decided this request first.',
          text: { en: 'Someone else decided this request first.', fr: 'Quelqu’un d’autre a déjà traité cette demande.' },
        },
      ]);
    if (row.requested_by === ctx.actor.userId)
      throw new Rejection([{ code: 'own_request', message: 'A request cannot be approved by the person who made it.' }]);
    if (!hasAtLeast(ctx.actor.role as Role, row.approver_role))
      throw new Rejection([{ code: 'forbidden', message: `Deciding this request needs a ${row.approver_role}.` }]);
    const asked = JSON.parse(row.request) as RefundRequestInput;
    if (asked.kind !== 'refund' || row.customer_id !== p.customerId || row.account_id !== p.accountId || row.interaction_id !== ctx.command.interactionId)
      throw new Rejection([{ code: 'bad_payload', message: 'The refund does not match the approval request.' }]);
    if (p.request.amount > asked.amount) throw new Rejection([{ code: 'raised', message: 'An approval may lower a request, never raise it.' }]);
    requestedBy = row.requested_by;
    approval = row;
  } else {
    await ownVerifiedCall(ctx, p.customerId);
  }
  const { decision, currency } = await decideOnHub(ctx, p.customerId, p.accountId, ctx.actor.role as Role, p.request.amount, approval?.id ?? null);
  if (decision.outcome === 'refused') throw new Rejection(reasons(decision));
  if (decision.outcome === 'needs_approval')
    throw new Rejection([
      {
        code: 'needs_approval',
        message: 'With every desk’s payments counted, this refund needs an approval.',
        text: {
          en: 'With every desk’s payments counted, this refund needs an approval.',
          fr: 'En comptant les paiements de tous les postes, ce remboursement doit être validé.',
        },
      },
      ...reasons(decision),
    ]);
  if (currency !== p.currency) throw new Rejection([{ code: 'figures_differ', message: 'The account’s currency differs on the hub.' }]);
  const [dup] = await ctx.sql.query(`SELECT 1 FROM payments WHERE id = $1`, [p.paymentId]);
  if (dup) throw new Rejection([{ code: 'duplicate_payment', message: 'A payment with this id already exists on the hub.' }]);
  const at = ctx.command.createdAt;
  await ctx.sql.query(
    `INSERT INTO payments (id, account_id, invoice_id, amount, currency, received_on, method, status, status_reason, status_on, actor_id, interaction_id, command_id, approval_id)
     VALUES ($1, $2, NULL, $3, $4, $5, 'transfer', 'refund', 'credit_balance_refund', $5, $6, $7, $8, $9)`,
    [
      p.paymentId,
      p.accountId,
      p.request.amount,
      currency,
      at.slice(0, 10),
      requestedBy,
      ctx.command.interactionId,
      ctx.command.commandId,
      approval?.id ?? null,
    ],
  );
  const notify: Record<string, unknown> = { tables: ['payments'], customerId: p.customerId };
  if (approval) {
    await ctx.sql.query(
      `UPDATE approval_requests SET status = 'applied', decided_by = $2, decided_at = $3, approved_amount = $4, comment = $5, applied_command_id = $6 WHERE id = $1`,
      [approval.id, ctx.actor.userId, at, p.request.amount, p.note ?? null, ctx.command.commandId],
    );
    notify['tables'] = ['payments', 'approval_requests'];
    notify['approvalDecided'] = { approvalId: approval.id, requestedBy: approval.requested_by, interactionId: approval.interaction_id, status: 'approved' };
  }
  return { status: 'accepted', result: { paymentId: p.paymentId, amount: p.request.amount, ...(approval ? { approvalId: approval.id } : {}) }, notify };
}
