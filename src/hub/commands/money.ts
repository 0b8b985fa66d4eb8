/**
 * Commands that move money or wait for someone who may: a credit granted (at once, or on an
 * approval), a credit reversed, an approval requested or decided. The desk already did what it
 * believed allowed — the hub is the system of record and decides again, in the command's own
 * transaction, with core's rules on ITS data: the customer locked, the actor's role and limits
 * from the hub's users, the policy in force on the hub, every desk's credits in the caps. What it
 * accepts it writes with the desk's ids, exactly as the desk wrote it; what it refuses comes back
 * as a rejected receipt and the desk takes its provisional rows back. A credit that resolves a
 * dispute (its payload names the disputeId) resolves it on the hub in the same transaction, or is
 * refused when the dispute is no longer open there (disputes.ts creditResolvesDispute).
 */
import { z } from 'zod';
import { hasAtLeast, type Role } from '../../core/api/roles';
import { discountRequestInput, type DiscountRequestInput } from '../../core/api/methods/discounts';
import {
  coreRequest,
  customerFacts,
  decide,
  describeRule,
  entriesDiffer,
  isLoweringOf,
  plannedEntries,
  type Decision,
  type PlannedEntry,
} from '../../core/policy';
import type { ReceiptReason } from '../../core/sync/protocol';
import { filePendingRequest, lockedApproval, mayDecide, refuseKnownApproval, type ApprovalRow } from './approval-requests';
import { ownVerifiedCall } from './calls';
import { creditResolvesDispute } from './disputes';
import { decisionRows, policyOn } from './decision-rows';
import { markOffered } from './experiments';
import type { CommandContext, Outcome } from './push';
import { failedRuleReasons, payloadId as id, payloadOf, Rejection } from './push';

const text = z.string().max(2000).nullable().optional();
const plannedEntry = z.object({
  id,
  accountId: id,
  kind: z.enum(['credit', 'recurring_discount', 'fee_waiver']),
  amount: z.number().int().positive(),
  currency: z.string().length(3),
  reasonCode: z.string().min(1).max(64),
  invoiceId: id.nullable(),
  terms: z
    .object({
      cycles: z.number().int().positive(),
      startCycle: z.string().regex(/^\d{4}-\d{2}$/),
      amountPerCycle: z.number().int().nonnegative(),
      percentBp: z.number().int().optional(),
    })
    .nullable(),
});
const grantPayload = z.object({
  customerId: id,
  accountId: id,
  request: discountRequestInput,
  entries: z.array(plannedEntry).min(1).max(8),
  note: text,
  approvalId: id.optional(),
  /** The dispute this credit resolves (its 'dispute.resolve' follows): absent on an ordinary credit and on older desks' commands. */
  disputeId: id.optional(),
});
const requestPayload = z.object({ customerId: id, accountId: id, request: discountRequestInput, approvalId: id, approverRole: z.string(), note: text });
const decidePayload = z.object({ approvalId: id, decision: z.enum(['approve', 'refuse']), appliedCommandId: id.optional(), comment: text });
const reversePayload = z.object({ reversalId: id, ledgerEntryId: id, customerId: id, reason: z.string().min(1).max(2000) });

/** The rules a decision failed, as receipt reasons in both languages. */
function ruleReasons(d: Decision): ReceiptReason[] {
  return failedRuleReasons(d.rules, 'policy', describeRule);
}

interface Decided {
  readonly decision: Decision;
  readonly planned: PlannedEntry[];
}

async function decideOnHub(ctx: CommandContext, customerId: string, request: DiscountRequestInput, dayOf: string, firstEntryId: string): Promise<Decided> {
  const today = ctx.now.toISOString().slice(0, 10);
  const policy = await policyOn(ctx.sql, today);
  const target = await decisionRows(ctx.sql, customerId, request, dayOf, today);
  const facts = customerFacts(target.rows, request, today);
  const decision = decide(policy, { userId: ctx.actor.userId, role: ctx.actor.role as Role }, facts, coreRequest(request), today);
  const planned =
    decision.outcome === 'allowed'
      ? plannedEntries(decision, request, {
          id: firstEntryId,
          accountId: target.rows.account.id,
          currency: policy.currency,
          invoiceId: target.rows.invoice?.id ?? null,
          latestCycleStart: target.latestCycleStart,
          today,
        })
      : [];
  return { decision, planned };
}

async function writeEntries(ctx: CommandContext, entries: readonly PlannedEntry[], actorId: string, note: string | null): Promise<void> {
  const at = ctx.command.createdAt;
  for (const e of entries) {
    const [held] = await ctx.sql.query(`SELECT 1 FROM ledger_entries WHERE id = $1`, [e.id]);
    if (held) throw new Rejection([{ code: 'duplicate_entry', message: 'A ledger entry with this id already exists on the hub.' }]);
    await ctx.sql.query(
      `INSERT INTO ledger_entries (id, account_id, kind, amount, currency, reason_code, invoice_id, reverses_id, terms, effective_on, created_at, actor_id, interaction_id, command_id, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, $8, $9, $10, $11, $12, $13, $14)`,
      [
        e.id,
        e.accountId,
        e.kind,
        e.amount,
        e.currency,
        e.reasonCode,
        e.invoiceId,
        e.terms ? JSON.stringify(e.terms) : null,
        at.slice(0, 10),
        at,
        actorId,
        ctx.command.interactionId,
        ctx.command.commandId,
        note,
      ],
    );
  }
}

/** credit.grant — at once within the agent's limits, or as the approval of a pending request. */
export async function creditGranted(ctx: CommandContext): Promise<Outcome> {
  const p = payloadOf(grantPayload, ctx);
  let dayOf = ctx.actor.userId;
  let approval: ApprovalRow | null = null;
  if (p.approvalId !== undefined) {
    approval = await lockedApproval(ctx.sql, p.approvalId);
    mayDecide(ctx, approval);
    if (approval.customer_id !== p.customerId || approval.interaction_id !== ctx.command.interactionId)
      throw new Rejection([{ code: 'bad_payload', message: 'The grant does not match the approval request.' }]);
    if (!isLoweringOf(JSON.parse(approval.request) as DiscountRequestInput, p.request))
      throw new Rejection([{ code: 'raised', message: 'An approval may lower a request, never raise or reshape it.' }]);
    dayOf = approval.requested_by;
  } else {
    await ownVerifiedCall(ctx, p.customerId);
  }

  const { decision, planned } = await decideOnHub(ctx, p.customerId, p.request, dayOf, p.entries[0]!.id);
  if (decision.outcome === 'refused') throw new Rejection(ruleReasons(decision));
  if (decision.outcome === 'needs_approval') {
    throw new Rejection([
      {
        code: 'needs_approval',
        message: 'With every desk’s credits counted, this needs an approval.',
        text: { en: 'With every desk’s credits counted, this needs an approval.', fr: 'En comptant les gestes de tous les postes, il faut une validation.' },
      },
      ...ruleReasons(decision),
    ]);
  }
  const differ = entriesDiffer(
    p.entries,
    planned.map((e, i) => ({ ...e, id: p.entries[i]?.id ?? e.id })),
  );
  if (differ.length > 0)
    throw new Rejection([
      {
        code: 'figures_differ',
        message: `The hub’s figures differ from the desk’s (${differ.join('; ')}).`,
        text: { en: 'The hub’s figures differ: quote again.', fr: 'Les montants du serveur diffèrent : recalculez.' },
      },
    ]);

  await writeEntries(ctx, p.entries, dayOf, p.note ?? null);
  // A credit for a dispute stands only with the dispute resolved by it (one no longer open refuses it).
  if (p.disputeId !== undefined) await creditResolvesDispute(ctx, { disputeId: p.disputeId, accountId: p.accountId, entries: p.entries });
  // An experiment's offer of this reason was made on the call (as the desk marks it).
  await markOffered(ctx, ctx.command.interactionId, [...new Set(p.entries.map((e) => e.reasonCode))]);
  const notify: Record<string, unknown> = {
    tables: ['ledger_entries', 'experiment_exposures', ...(p.disputeId !== undefined ? ['disputes'] : [])],
    customerId: p.customerId,
  };
  if (approval) {
    await ctx.sql.query(
      `UPDATE approval_requests SET status = 'applied', decided_by = $2, decided_at = $3, approved_amount = $4, comment = $5, applied_command_id = $6 WHERE id = $1`,
      [approval.id, ctx.actor.userId, ctx.command.createdAt, decision.effectiveAmount, p.note ?? null, ctx.command.commandId],
    );
    notify['approvalDecided'] = { approvalId: approval.id, requestedBy: approval.requested_by, interactionId: approval.interaction_id, status: 'approved' };
  }
  return {
    status: 'accepted',
    result: { ledgerEntryIds: p.entries.map((e) => e.id), amount: decision.effectiveAmount, ...(approval ? { approvalId: approval.id } : {}) },
    notify,
  };
}

/** approval.request — over the agent's limits: it waits on the hub for someone who may decide. */
export async function approvalRequested(ctx: CommandContext): Promise<Outcome> {
  const p = payloadOf(requestPayload, ctx);
  await ownVerifiedCall(ctx, p.customerId);
  await refuseKnownApproval(ctx, p.approvalId);
  const { decision } = await decideOnHub(ctx, p.customerId, p.request, ctx.actor.userId, p.approvalId);
  if (decision.outcome === 'refused') throw new Rejection(ruleReasons(decision));
  const [account] = await ctx.sql.query<{ id: string }>(`SELECT id FROM accounts WHERE id = $1 AND customer_id = $2`, [p.accountId, p.customerId]);
  if (!account) throw new Rejection([{ code: 'unknown_account', message: 'This account is not the customer’s on the hub.' }]);
  return filePendingRequest(ctx, { ...p, comment: null }, decision, ruleReasons(decision));
}

/**
 * approval.decide — a refusal, of a request of any kind (a credit, a refund, a payment plan); or
 * the record of an approval the hub already applied ('credit.grant', 'refund.pay' or
 * 'paymentPlan.agree' naming the approval, pushed just before).
 */
export async function approvalDecided(ctx: CommandContext): Promise<Outcome> {
  const p = payloadOf(decidePayload, ctx);
  const row = await lockedApproval(ctx.sql, p.approvalId);
  if (p.decision === 'approve') {
    if (row.status === 'applied' && row.applied_command_id === p.appliedCommandId) return { status: 'accepted', result: { approvalId: row.id } };
    throw new Rejection([
      {
        code: 'already_decided',
        message: 'Someone else decided this request first.',
        text: { en: 'Someone else decided this request first.', fr: 'Quelqu’un d’autre a déjà traité cette demande.' },
      },
    ]);
  }
  mayDecide(ctx, row);
  await ctx.sql.query(`UPDATE approval_requests SET status = 'refused', decided_by = $2, decided_at = $3, comment = $4 WHERE id = $1`, [
    row.id,
    ctx.actor.userId,
    ctx.command.createdAt,
    p.comment ?? null,
  ]);
  return {
    status: 'accepted',
    result: { approvalId: row.id },
    notify: {
      tables: ['approval_requests'],
      approvalDecided: { approvalId: row.id, requestedBy: row.requested_by, interactionId: row.interaction_id, status: 'refused' },
    },
  };
}

/** credit.reverse — a senior agent or a supervisor; an agent only for their own grant in the same call. */
export async function creditReversed(ctx: CommandContext): Promise<Outcome> {
  const p = payloadOf(reversePayload, ctx);
  await ctx.sql.query(`SELECT id FROM customers WHERE id = $1 FOR UPDATE`, [p.customerId]);
  const [entry] = await ctx.sql.query<{
    id: string;
    account_id: string;
    kind: string;
    amount: number;
    currency: string;
    reason_code: string;
    actor_id: string | null;
    interaction_id: string | null;
    customer_id: string;
  }>(
    `SELECT l.id, l.account_id, l.kind, l.amount, l.currency, l.reason_code, l.actor_id, l.interaction_id, a.customer_id FROM ledger_entries l JOIN accounts a ON a.id = l.account_id WHERE l.id = $1`,
    [p.ledgerEntryId],
  );
  if (!entry || entry.customer_id !== p.customerId)
    throw new Rejection([{ code: 'unknown_entry', message: 'The hub has no such entry for this customer (was its grant refused?).' }]);
  if (entry.kind === 'reversal') throw new Rejection([{ code: 'is_reversal', message: 'A reversal cannot be reversed.' }]);
  const [done] = await ctx.sql.query(`SELECT 1 FROM ledger_entries WHERE reverses_id = $1 AND kind = 'reversal'`, [entry.id]);
  if (done)
    throw new Rejection([
      {
        code: 'already_reversed',
        message: 'This entry was already reversed (at another desk).',
        text: { en: 'This entry was already reversed (at another desk).', fr: 'Cette ligne a déjà été annulée (depuis un autre poste).' },
      },
    ]);
  const own = entry.actor_id === ctx.actor.userId && entry.interaction_id === ctx.command.interactionId;
  if (!hasAtLeast(ctx.actor.role as Role, 'senior_agent') && !own)
    throw new Rejection([{ code: 'forbidden', message: 'Only a senior agent or a supervisor may reverse this entry.' }]);
  const at = ctx.command.createdAt;
  await ctx.sql.query(
    `INSERT INTO ledger_entries (id, account_id, kind, amount, currency, reason_code, invoice_id, reverses_id, terms, effective_on, created_at, actor_id, interaction_id, command_id, note)
     VALUES ($1, $2, 'reversal', $3, $4, $5, NULL, $6, NULL, $7, $8, $9, $10, $11, $12)`,
    [
      p.reversalId,
      entry.account_id,
      -entry.amount,
      entry.currency,
      entry.reason_code,
      entry.id,
      at.slice(0, 10),
      at,
      ctx.actor.userId,
      ctx.command.interactionId,
      ctx.command.commandId,
      p.reason,
    ],
  );
  return { status: 'accepted', result: { reversalId: p.reversalId }, notify: { tables: ['ledger_entries'], customerId: p.customerId } };
}
