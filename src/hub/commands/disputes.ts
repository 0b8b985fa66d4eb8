/**
 * Disputes and payment plans, re-decided by the hub in the command's own transaction with core's
 * rules on ITS data (the customer locked first, so two desks cannot both dispute the same euros
 * or agree two plans on one balance):
 *
 *   dispute.open       the line is the customer's; its amount (VAT included) minus what open or
 *                      credited disputes hold on it on the hub covers the amount (core
 *                      checkDisputeOpening)
 *   dispute.resolve    the dispute is still open on the hub (a second desk's resolution is
 *                      rejected: the first stands); a credit names the billing-error ledger entry
 *                      its 'credit.grant' (pushed just before, same desk transaction) wrote
 *   credit.grant       naming a disputeId (a credit that resolves a dispute): it resolves the
 *                      dispute on the hub in the grant's own transaction (creditResolvesDispute),
 *                      so a credit for a dispute stands only with that dispute resolved by it — a
 *                      dispute no longer open refuses the credit, the desk takes it back; the
 *                      desk's 'dispute.resolve' that follows then confirms that resolution
 *   paymentPlan.request  over the agent's limit: an approval request (approval_requests, kind
 *                      payment_plan) for the role the hub's own decision names; it counts as the
 *                      account's plan while it waits
 *   paymentPlan.agree  decided again (core decidePaymentPlan) with the actor's role on the hub,
 *                      the policy in force on the hub, the overdue balance from every desk's
 *                      payments and credits; a different balance is rejected, never re-split. As
 *                      the approval of a pending request, the request becomes applied (its
 *                      'approval.decide' is recorded after, src/hub/commands/money.ts)
 */
import { z } from 'zod';
import type { Role } from '../../core/api/roles';
import { percentOf } from '../../core/money/money';
import {
  agreedPlansHistory,
  checkDisputeOpening,
  checkDisputeResolution,
  decidePaymentPlan,
  describePlanRule,
  disputeIssueText,
  DISPUTE_REASONS,
  instalmentSchedule,
  overdueBalance,
  planStates,
  paymentPlanPolicyOf,
  type DisputeFact,
  type DisputeIssue,
  type InstalmentState,
  type PaymentPlanDecision,
  type ResolutionIssue,
} from '../../core/receivables';
import type { ReceiptReason } from '../../core/sync/protocol';
import { lockedApproval, mayDecide, pendingRequestsOf, receivablesRequested, type ApprovalRow } from './approval-requests';
import { ownVerifiedCall } from './calls';
import { heldOfAccount, lockedAccount, policyOn, receivablesOfAccount } from './decision-rows';
import type { CommandContext, Outcome } from './push';
import { failedRuleReasons, payloadDay as isoDay, payloadId as id, payloadOf, reasonInBothLanguages, Rejection } from './push';

const openPayload = z.object({
  disputeId: id,
  customerId: id,
  accountId: id,
  invoiceId: id,
  lineId: id,
  amount: z.number().int(),
  currency: z.string().length(3),
  reason: z.enum(DISPUTE_REASONS),
  customerSaid: z.string().max(2000),
});
const resolvePayload = z.object({
  disputeId: id,
  customerId: id,
  accountId: id,
  status: z.enum(['credited', 'rejected']),
  creditedAmount: z.number().int().nullable(),
  creditEntryId: id.nullable(),
  rejectionReason: z.string().max(2000).nullable(),
});
const planPayload = z.object({
  planId: id,
  customerId: id,
  accountId: id,
  request: z.object({ accountId: id, instalments: z.number().int(), firstDueOn: isoDay }),
  balance: z.number().int(),
  currency: z.string().length(3),
  agreedOn: isoDay,
  instalments: z.array(z.object({ id, seq: z.number().int(), dueOn: isoDay, amount: z.number().int() })).max(60),
  /** The approval of a pending payment plan request this agreement is (the approver is the actor). */
  approvalId: id.optional(),
});
const planRequestPayload = z.object({
  approvalId: id,
  customerId: id,
  accountId: id,
  request: z.object({ kind: z.literal('payment_plan'), accountId: id, instalments: z.number().int().min(2).max(60), firstDueOn: isoDay }),
  approverRole: z.string(),
});

function issueReasons(issues: readonly (DisputeIssue | ResolutionIssue)[], currency: string): ReceiptReason[] {
  return issues.map((i) => reasonInBothLanguages(`dispute.${i.code}`, (l) => disputeIssueText(i, l, currency)));
}

function planReasons(d: PaymentPlanDecision): ReceiptReason[] {
  return failedRuleReasons(d.rules, 'paymentPlan', (r, l) => describePlanRule(r, l, d.currency));
}

async function disputesOf(ctx: CommandContext, where: string, value: string): Promise<DisputeFact[]> {
  const rows = await ctx.sql.query<{ id: string; invoice_id: string; invoice_line_id: string; amount: number; status: DisputeFact['status'] }>(
    `SELECT id, invoice_id, invoice_line_id, amount, status FROM disputes WHERE ${where} = $1`,
    [value],
  );
  return rows.map((d) => ({ id: d.id, invoiceId: d.invoice_id, lineId: d.invoice_line_id, amount: Number(d.amount), status: d.status }));
}

/** dispute.open — on a line of the customer's bill, within what the hub has undisputed on it. */
export async function disputeOpened(ctx: CommandContext): Promise<Outcome> {
  const p = payloadOf(openPayload, ctx);
  await ownVerifiedCall(ctx, p.customerId);
  const account = await lockedAccount(ctx.sql, p.customerId, p.accountId);
  const [line] = await ctx.sql.query<{ amount: number; tax_rate_bp: number; invoice_id: string }>(
    `SELECT l.amount, l.tax_rate_bp, l.invoice_id FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE l.id = $1 AND i.account_id = $2`,
    [p.lineId, p.accountId],
  );
  if (!line || line.invoice_id !== p.invoiceId) throw new Rejection([{ code: 'unknown_line', message: 'This bill line is not the account’s on the hub.' }]);
  const [held] = await ctx.sql.query(`SELECT 1 FROM disputes WHERE id = $1`, [p.disputeId]);
  if (held) throw new Rejection([{ code: 'duplicate_dispute', message: 'A dispute with this id already exists on the hub.' }]);
  // What the line charged, VAT included (the stored net plus its VAT at the line's rate, rounded once).
  const charged = Number(line.amount) + (Number(line.tax_rate_bp) > 0 ? percentOf(Number(line.amount), Number(line.tax_rate_bp)) : 0);
  const issues = checkDisputeOpening({ lineId: p.lineId, invoiceId: p.invoiceId, amount: charged }, await disputesOf(ctx, 'invoice_line_id', p.lineId), {
    amount: p.amount,
    reason: p.reason,
    customerSaid: p.customerSaid,
  });
  if (issues.length > 0) throw new Rejection(issueReasons(issues, account.currency));
  await ctx.sql.query(
    `INSERT INTO disputes (id, account_id, invoice_id, invoice_line_id, amount, currency, reason_code, customer_said, status, opened_by, opened_at, interaction_id, command_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9, $10, $11, $12)`,
    [
      p.disputeId,
      p.accountId,
      p.invoiceId,
      p.lineId,
      p.amount,
      account.currency,
      p.reason,
      p.customerSaid,
      ctx.actor.userId,
      ctx.command.createdAt,
      ctx.command.interactionId,
      ctx.command.commandId,
    ],
  );
  return { status: 'accepted', result: { disputeId: p.disputeId }, notify: { tables: ['disputes'], customerId: p.customerId } };
}

interface DisputeRow {
  id: string;
  invoice_id: string;
  invoice_line_id: string;
  amount: number;
  currency: string;
  status: DisputeFact['status'];
  credited_amount: number | null;
  credit_entry_id: string | null;
  resolve_command_id: string | null;
}

/** The dispute on the account, locked (after its customer: the order every command takes). */
async function lockedDispute(ctx: CommandContext, disputeId: string, accountId: string): Promise<DisputeRow> {
  const [row] = await ctx.sql.query<DisputeRow>(
    `SELECT id, invoice_id, invoice_line_id, amount, currency, status, credited_amount, credit_entry_id, resolve_command_id
       FROM disputes WHERE id = $1 AND account_id = $2 FOR UPDATE`,
    [disputeId, accountId],
  );
  if (!row) throw new Rejection([{ code: 'unknown_dispute', message: 'The hub has no such dispute on this account.' }]);
  return row;
}

const factOf = (row: DisputeRow): DisputeFact => ({
  id: row.id,
  invoiceId: row.invoice_id,
  lineId: row.invoice_line_id,
  amount: Number(row.amount),
  status: row.status,
});

/** What a 'credit.grant' resolving a dispute wrote: its one billing-error credit. */
export interface DisputeCredit {
  readonly disputeId: string;
  readonly accountId: string;
  readonly entries: readonly { id: string; accountId: string; kind: string; amount: number; reasonCode: string; invoiceId: string | null }[];
}

/**
 * A credit granted to resolve a dispute resolves it here, in the grant's own transaction (the
 * customer already locked by the grant's decision): the dispute must be open on the hub — one
 * resolved (by another desk's credit or rejection) or unknown (its 'dispute.open' refused) makes
 * the grant a rejection, and the desk takes the credit back. Its 'dispute.resolve' then finds the
 * dispute resolved by exactly this credit and confirms it (disputeResolved).
 */
export async function creditResolvesDispute(ctx: CommandContext, c: DisputeCredit): Promise<void> {
  const [e, ...more] = c.entries;
  if (!e || more.length > 0 || e.kind !== 'credit' || !['billing_error', 'billing-error'].includes(e.reasonCode) || e.accountId !== c.accountId)
    throw new Rejection([{ code: 'bad_payload', message: 'A credit resolving a dispute is one billing-error credit on the dispute’s account.' }]);
  const row = await lockedDispute(ctx, c.disputeId, c.accountId);
  if (e.invoiceId !== row.invoice_id) throw new Rejection([{ code: 'bad_payload', message: 'The credit is not on the disputed bill.' }]);
  const issues = checkDisputeResolution(factOf(row), { kind: 'credit', amount: e.amount });
  if (issues.length > 0) throw new Rejection(issueReasons(issues, row.currency));
  await ctx.sql.query(
    `UPDATE disputes SET status = 'credited', resolved_by = $2, resolved_at = $3, credited_amount = $4, credit_entry_id = $5, rejection_reason = NULL, resolve_command_id = $6
      WHERE id = $1 AND status = 'open'`,
    [row.id, ctx.actor.userId, ctx.command.createdAt, e.amount, e.id, ctx.command.commandId],
  );
}

/** dispute.resolve — once: the first resolution the hub sees stands. */
export async function disputeResolved(ctx: CommandContext): Promise<Outcome> {
  const p = payloadOf(resolvePayload, ctx);
  await ownVerifiedCall(ctx, p.customerId);
  const account = await lockedAccount(ctx.sql, p.customerId, p.accountId);
  const row = await lockedDispute(ctx, p.disputeId, p.accountId);
  if (p.status === 'credited' && row.status === 'credited' && (await resolvedByOwnCredit(ctx, row, p.creditEntryId, p.creditedAmount))) {
    // The desk's credit (its 'credit.grant' just before) already resolved it here: this confirms it.
    await ctx.sql.query(`UPDATE disputes SET resolved_by = $2, resolved_at = $3, resolve_command_id = $4 WHERE id = $1`, [
      row.id,
      ctx.actor.userId,
      ctx.command.createdAt,
      ctx.command.commandId,
    ]);
    return { status: 'accepted', result: { disputeId: p.disputeId, status: p.status }, notify: { tables: ['disputes'], customerId: p.customerId } };
  }
  const fact = factOf(row);
  const resolution =
    p.status === 'credited' ? { kind: 'credit' as const, amount: p.creditedAmount ?? 0 } : { kind: 'reject' as const, reason: p.rejectionReason ?? '' };
  const issues = checkDisputeResolution(fact, resolution);
  if (issues.length > 0) throw new Rejection(issueReasons(issues, account.currency));
  if (p.status === 'credited') {
    const [entry] = await ctx.sql.query<{ amount: number; reason_code: string; account_id: string }>(
      `SELECT amount, reason_code, account_id FROM ledger_entries WHERE id = $1`,
      [p.creditEntryId ?? ''],
    );
    if (
      !entry ||
      entry.account_id !== p.accountId ||
      Number(entry.amount) !== p.creditedAmount ||
      !['billing_error', 'billing-error'].includes(entry.reason_code)
    )
      throw new Rejection([{ code: 'credit_missing', message: 'The hub has no billing-error credit of this amount for this dispute.' }]);
  }
  await ctx.sql.query(
    `UPDATE disputes SET status = $2, resolved_by = $3, resolved_at = $4, credited_amount = $5, credit_entry_id = $6, rejection_reason = $7, resolve_command_id = $8
      WHERE id = $1 AND status = 'open'`,
    [p.disputeId, p.status, ctx.actor.userId, ctx.command.createdAt, p.creditedAmount, p.creditEntryId, p.rejectionReason, ctx.command.commandId],
  );
  return { status: 'accepted', result: { disputeId: p.disputeId, status: p.status }, notify: { tables: ['disputes'], customerId: p.customerId } };
}

/** Whether the dispute was resolved by this credit, granted from this desk to resolve it. */
async function resolvedByOwnCredit(ctx: CommandContext, row: DisputeRow, creditEntryId: string | null, creditedAmount: number | null): Promise<boolean> {
  if (creditEntryId === null || row.credit_entry_id !== creditEntryId || Number(row.credited_amount) !== creditedAmount) return false;
  const [own] = await ctx.sql.query(
    `SELECT 1 FROM ledger_entries l JOIN receipts r ON r.command_id = l.command_id WHERE l.id = $1 AND l.command_id = $2 AND r.device_id = $3`,
    [creditEntryId, row.resolve_command_id, ctx.device.id],
  );
  return own !== undefined;
}

/**
 * The plan decided on the hub's figures for `role`, the customer locked first: the overdue
 * balance from every desk's payments and credits (open disputes set aside), the account's running
 * plans and plans waiting for approval (but `excludingApproval`, the one being decided), the policy
 * in force on the hub.
 */
async function decidePlanOnHub(
  ctx: CommandContext,
  customerId: string,
  accountId: string,
  role: Role,
  request: { instalments: number; firstDueOn: string },
  today: string,
  excludingApproval: string | null,
): Promise<{ decision: PaymentPlanDecision; currency: string }> {
  const account = await lockedAccount(ctx.sql, customerId, accountId);
  const { invoices, payments: paymentFacts, receivables: r } = await receivablesOfAccount(ctx.sql, accountId);
  // The same overdue rule as the desk's (core overdueBalance): each invoice on its own due date, open disputes set aside.
  const overdue = overdueBalance(r, invoices, await heldOfAccount(ctx.sql, accountId), today);
  const agreed: InstalmentState[][] = [];
  for (const plan of await ctx.sql.query<{ id: string; agreed_on: string }>(
    `SELECT id, agreed_on FROM payment_plans WHERE account_id = $1 AND status = 'agreed'`,
    [accountId],
  )) {
    const schedule = await ctx.sql.query<{ seq: number; due_on: string; amount: number }>(
      `SELECT seq, due_on, amount FROM payment_plan_instalments WHERE plan_id = $1 ORDER BY seq`,
      [plan.id],
    );
    // What pays an instalment is what payments settle on the plan's invoices (core/receivables/payment-plans.ts), as on the desk.
    agreed.push(
      planStates(
        { agreedOn: plan.agreed_on, schedule: schedule.map((s) => ({ seq: Number(s.seq), dueOn: s.due_on, amount: Number(s.amount) })) },
        { allocations: r.allocations, invoices, payments: paymentFacts },
        today,
      ),
    );
  }
  const { activePlans: running, lastBrokenOn } = agreedPlansHistory(agreed);
  // A plan waiting for approval is the account's plan too: a second would ask for the same money twice.
  const activePlans = running + (await pendingRequestsOf(ctx.sql, accountId, 'payment_plan', excludingApproval));
  const policy = paymentPlanPolicyOf((await policyOn(ctx.sql, today)).document);
  return {
    decision: decidePaymentPlan(
      policy,
      role,
      { overdueBalance: overdue, currency: account.currency, activePlans, lastBrokenOn, today },
      { instalments: request.instalments, firstDueOn: request.firstDueOn },
    ),
    currency: account.currency,
  };
}

/** paymentPlan.request — over the agent's limit: it waits on the hub for someone who may decide. */
export async function paymentPlanRequested(ctx: CommandContext): Promise<Outcome> {
  const p = payloadOf(planRequestPayload, ctx);
  const today = ctx.command.createdAt.slice(0, 10);
  const decide = async () => (await decidePlanOnHub(ctx, p.customerId, p.accountId, ctx.actor.role as Role, p.request, today, null)).decision;
  return receivablesRequested(ctx, { ...p, comment: null }, decide, planReasons);
}

/**
 * paymentPlan.agree — decided again on the hub's figures; agreed only when allowed for the actor
 * there. With an approvalId it is the approval of a pending payment plan request: the approver
 * may decide it (pending, not their own, their role high enough), the plan is the one asked
 * (same account, instalments and first due date) and the request becomes applied.
 */
export async function paymentPlanAgreed(ctx: CommandContext): Promise<Outcome> {
  const p = payloadOf(planPayload, ctx);
  if (p.request.accountId !== p.accountId) throw new Rejection([{ code: 'bad_payload', message: 'The request names another account.' }]);
  let approval: ApprovalRow | null = null;
  if (p.approvalId !== undefined) {
    approval = await lockedApproval(ctx.sql, p.approvalId);
    mayDecide(ctx, approval);
    const asked = JSON.parse(approval.request) as { kind?: string; accountId?: string; instalments?: number; firstDueOn?: string };
    if (
      asked.kind !== 'payment_plan' ||
      approval.customer_id !== p.customerId ||
      approval.account_id !== p.accountId ||
      approval.interaction_id !== ctx.command.interactionId ||
      asked.instalments !== p.request.instalments ||
      asked.firstDueOn !== p.request.firstDueOn
    )
      throw new Rejection([{ code: 'bad_payload', message: 'The plan does not match the approval request.' }]);
  } else {
    await ownVerifiedCall(ctx, p.customerId);
  }
  const [dup] = await ctx.sql.query(`SELECT 1 FROM payment_plans WHERE id = $1`, [p.planId]);
  if (dup) throw new Rejection([{ code: 'duplicate_plan', message: 'A payment plan with this id already exists on the hub.' }]);
  const today = p.agreedOn;
  const { decision, currency } = await decidePlanOnHub(ctx, p.customerId, p.accountId, ctx.actor.role as Role, p.request, today, approval?.id ?? null);
  if (decision.outcome !== 'allowed') throw new Rejection(planReasons(decision));
  const schedule = instalmentSchedule(decision.balance, p.request.instalments, p.request.firstDueOn);
  if (
    decision.balance !== p.balance ||
    p.currency !== currency ||
    p.instalments.length !== schedule.length ||
    schedule.some((s, k) => p.instalments[k]!.seq !== s.seq || p.instalments[k]!.dueOn !== s.dueOn || p.instalments[k]!.amount !== s.amount)
  )
    throw new Rejection([
      {
        code: 'figures_differ',
        message: 'With every desk’s payments counted, the overdue balance differs: agree the plan again.',
        text: {
          en: 'With every desk’s payments counted, the overdue balance differs: agree the plan again.',
          fr: 'En comptant les paiements de tous les postes, le solde en retard diffère\u00a0: accordez l’échéancier à nouveau.',
        },
      },
    ]);
  await ctx.sql.query(
    `INSERT INTO payment_plans (id, account_id, customer_id, balance, currency, instalment_count, agreed_on, status, decision, created_by, created_at, interaction_id, command_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'agreed', $8, $9, $10, $11, $12)`,
    [
      p.planId,
      p.accountId,
      p.customerId,
      decision.balance,
      currency,
      schedule.length,
      p.agreedOn,
      JSON.stringify({ outcome: decision.outcome, rules: decision.rules }),
      ctx.actor.userId,
      ctx.command.createdAt,
      ctx.command.interactionId,
      ctx.command.commandId,
    ],
  );
  for (const i of p.instalments)
    await ctx.sql.query(`INSERT INTO payment_plan_instalments (id, plan_id, seq, due_on, amount) VALUES ($1, $2, $3, $4, $5)`, [
      i.id,
      p.planId,
      i.seq,
      i.dueOn,
      i.amount,
    ]);
  const notify: Record<string, unknown> = { tables: ['payment_plans', 'payment_plan_instalments'], customerId: p.customerId };
  if (approval) {
    await ctx.sql.query(
      `UPDATE approval_requests SET status = 'applied', decided_by = $2, decided_at = $3, approved_amount = $4, comment = $5, applied_command_id = $6 WHERE id = $1`,
      [approval.id, ctx.actor.userId, ctx.command.createdAt, decision.balance, null, ctx.command.commandId],
    );
    notify['tables'] = ['payment_plans', 'payment_plan_instalments', 'approval_requests'];
    notify['approvalDecided'] = { approvalId: approval.id, requestedBy: approval.requested_by, interactionId: approval.interaction_id, status: 'approved' };
  }
  return { status: 'accepted', result: { planId: p.planId, ...(approval ? { approvalId: approval.id } : {}) }, notify };
}
