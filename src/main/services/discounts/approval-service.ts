/**
 * Requests over an agent's limit, and the supervisor's answer.
 *
 *   inbox / get     pending requests with the engine's explanation (in the viewer's language).
 *   decide          approve (the same or a LOWER request: amount, percentage, cycles) or refuse
 *                   with a comment. An approval re-decides the request in main with the APPROVER
 *                   as actor, on the requesting agent's day (core/policy/decide.ts), from today's
 *                   facts: it must be `allowed` for them — over their own limits is FORBIDDEN,
 *                   over a cap (which no approval lifts) is POLICY_REFUSED. Approving writes two
 *                   commands in one transaction: 'credit.grant' (the ledger entries, audit
 *                   credit_granted) and 'approval.decide' (audit approval_decided); the request
 *                   becomes 'applied' with applied_command_id. Refusing is one 'approval.decide'.
 *                   A request that is not pending any more is APPROVAL_INVALID and nothing is written.
 *   decideHere      the same, by a supervisor (or senior agent, when that is enough) typing their
 *                   credentials at the agent's desk: the approval must belong to THIS call
 *                   (APPROVAL_INVALID otherwise), unknown user and wrong password are the same
 *                   BAD_CREDENTIALS, and the agent's session is left as it is. The audit entry's
 *                   actor is the approver; `after.atDeskOf` names the agent whose desk it was.
 *   status          this call's requests and their decisions (the call screen, also after a reload).
 *
 * A payment plan over the agent's limit (kind 'payment_plan', receivables/disputes-service.ts)
 * shares this inbox: approving agrees it as the agent's plan would have been (command
 * 'paymentPlan.agree' by the approver, then 'approval.decide'), provided the balance it splits
 * is still the one the agent asked on (else CONFLICT, the request stays pending to be refused).
 * A plan is approved as asked: no amount, percentage or cycles (INVALID_INPUT).
 *
 * Who sees what: a supervisor's inbox holds every pending request; a senior agent's only those
 * routed to a senior agent (approver role at most theirs) — a request routed higher looks like
 * no request to them (NOT_FOUND), and deciding it is FORBIDDEN whatever the screen sent.
 *
 * The requesting agent's clients get 'approval.decided'; 'approval.requested' goes to everyone
 * whose role is at least the request's approver role.
 */
import {
  ApiError,
  type AgentProfile,
  hasAtLeast,
  type ApprovalDecisionResult,
  type ApprovalRequestInput,
  isRole,
  type ApprovalDetail,
  type ApprovalSummary,
  type CallApprovalStatus,
  type DiscountRequestInput,
} from '../../../core/api';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../core/audit';
import type { Decision } from '../../../core/policy';
import { accountQueries } from '../../store/accounts';
import { approvalQueries, type ApprovalRow } from '../../store/approvals';
import { customerQueries } from '../../store/customers';
import { ledgerQueries } from '../../store/ledger';
import { prepareStores } from '../../store/prepared';
import type { CommandLog } from '../command-log';
import type { StaffCredentials } from '../staff-credentials';
import { creditGrantedAudit, decisionSummary, type DiscountDecisions } from './decisions';
import { coreRequest } from './customer-facts';
import { textOrNull } from './discount-service';
import { callStatusSummary, decisionView, failedIssues, labelOf, money, planLabel, refundLabel } from './views';
import type { DisputesService } from '../receivables/disputes-service';
import { t } from '../../../core/i18n';
import type { RefundDecision } from '../../../core/receivables';
import { refundAsDecisionView, type ReceivablesService } from '../receivables/receivables-service';

/** An approval being applied: who approves, the request's row, the answer, and who is named in every record of it. */
interface Approving {
  readonly approver: AgentProfile;
  readonly row: ApprovalRow;
  readonly answer: Extract<ApprovalAnswer, { decision: 'approve' }>;
  readonly identities: Record<string, string>;
  readonly comment: string | null;
  readonly locale: AgentProfile['locale'];
}

/** What approving wrote, whatever was asked: the decision recorded names it. */
interface Applied {
  readonly approvedAmount: number;
  /** The command that applied it ('credit.grant', 'refund.pay', 'paymentPlan.agree'). */
  readonly appliedCommandId: string;
  readonly ledgerEntryIds: string[];
  /** What was written, for the audit entry: ledger entries, the refund's payment, the plan. */
  readonly what: Record<string, unknown>;
  /** A credit's request as approved, and as it was asked. */
  readonly request?: DiscountRequestInput;
  readonly requested?: DiscountRequestInput;
}

/** What the supervisor's screen showed when they decided (see the contract's shownDecision). */
export interface ShownDecision {
  readonly outcome: 'approve' | 'refuse';
  readonly requestHash: string;
}

/** A supervisor's answer as the contract carries it (both methods). */
export type ApprovalAnswer = (
  | {
      readonly decision: 'approve';
      readonly amount?: number | undefined;
      readonly percentBp?: number | undefined;
      readonly cycles?: number | undefined;
      readonly comment?: string | undefined;
    }
  | { readonly decision: 'refuse'; readonly comment: string }
) & { readonly shown: ShownDecision };

/**
 * The hash a screen echoes back to say which request it displayed: the approval, the request
 * and its amount, in canonical JSON. Requests never change once made, so a mismatch means the
 * screen decided something other than what it showed (a stale panel, another request).
 */
export function approvalRequestHash(row: { id: string; request: string; customerId: string; accountId: string }): string {
  const request = JSON.parse(row.request) as unknown;
  return createHash('sha256')
    .update(canonicalJson({ approvalId: row.id, customerId: row.customerId, accountId: row.accountId, request }), 'utf8')
    .digest('hex');
}

export class ApprovalService {
  private readonly store;

  constructor(
    private readonly core: DiscountDecisions,
    private readonly commands: CommandLog,
    private readonly credentials: StaffCredentials,
    /** Refund requests (receivables) share this inbox and this decision flow. */
    private readonly receivables?: ReceivablesService,
    /** Payment plan requests (receivables) too. */
    private readonly plans?: DisputesService,
  ) {
    this.store = prepareStores(core.client, { approvals: approvalQueries, customers: customerQueries, accounts: accountQueries, ledger: ledgerQueries });
  }

  inbox(viewer: AgentProfile): ApprovalSummary[] {
    return this.store.approvals
      .pending()
      .filter((row) => mayDecide(viewer, row))
      .map((row) => this.summary(row, viewer));
  }

  get(viewer: AgentProfile, approvalId: string): ApprovalDetail {
    const row = this.store.approvals.byId(approvalId);
    if (!row || !mayDecide(viewer, row)) throw new ApiError('NOT_FOUND');
    const request = JSON.parse(row.request) as ApprovalRequestInput;
    const role = isRole(viewer.role) ? viewer.role : 'agent';
    const forApprover =
      request.kind === 'payment_plan'
        ? this.planService().asDecisionView(this.planService().decideForApprover(row, role), viewer.locale)
        : request.kind === 'refund'
          ? refundAsDecisionView(this.refunds().decide(null, row.accountId, role, request.amount, row.id).decision, viewer.locale)
          : decisionView(this.core.decide(row.customerId, request, viewer, row.requestedBy).decision, viewer.locale);
    return {
      ...this.summary(row, viewer),
      forApprover,
      decidedBy: this.core.name(row.decidedBy),
      decidedAt: row.decidedAt,
      comment: row.comment,
      approvedAmount: row.approvedAmount,
    };
  }

  /** A supervisor deciding from the approvals inbox (their own session). */
  decide(approver: AgentProfile, approvalId: string, answer: ApprovalAnswer): ApprovalDecisionResult {
    return this.apply(approver, approvalId, answer, null, approver.locale);
  }

  /**
   * A supervisor deciding at the agent's desk, step 1: who the credentials name, checked like a
   * sign-in (the same failure count and pause). `agent` is the signed-in agent, whose session is
   * not touched. The approval must be this call's and still pending.
   */
  async approverAtDesk(agent: AgentProfile, interactionId: string, approvalId: string, username: string, password: string): Promise<AgentProfile> {
    const row = this.store.approvals.byId(approvalId);
    if (!row || row.interactionId !== interactionId || row.status !== 'pending') throw new ApiError('APPROVAL_INVALID');
    const member = await this.credentials.check(username, password, { purpose: 'decide_at_desk', deskAgentId: agent.userId, interactionId });
    return { userId: member.userId, username: member.username, role: member.role, locale: agent.locale, displayName: member.displayName };
  }

  /** Step 2 (synchronous, so it can run inside the idempotency transaction): the decision. */
  decideAtDesk(agent: AgentProfile, approver: AgentProfile, interactionId: string, approvalId: string, answer: ApprovalAnswer): ApprovalDecisionResult {
    return this.apply(approver, approvalId, answer, { agentId: agent.userId, interactionId }, agent.locale);
  }

  status(agent: AgentProfile, interactionId: string): CallApprovalStatus[] {
    return this.store.approvals.ofInteraction(interactionId).map((row) => {
      const request = JSON.parse(row.request) as ApprovalRequestInput;
      const decision = worthOf(request, row.decision);
      const decidedBy = this.core.name(row.decidedBy);
      const plan = request.kind === 'payment_plan' ? this.planService().describeRequest(row, agent.locale) : null;
      return {
        approvalId: row.id,
        status: row.status,
        requestedAt: row.requestedAt,
        request,
        amount: decision.effectiveAmount,
        currency: decision.currency,
        reasonLabel:
          request.kind === 'refund'
            ? refundLabel(agent.locale)
            : request.kind === 'payment_plan'
              ? planLabel(agent.locale)
              : labelOf(request.reason, agent.locale),
        approverRole: row.approverRole,
        approvedAmount: row.approvedAmount,
        decidedBy,
        decidedAt: row.decidedAt,
        comment: row.comment,
        ledgerEntryIds: row.appliedCommandId ? this.store.ledger.idsOfCommand(row.appliedCommandId) : [],
        ...(plan ? { scheduleSentence: plan.scheduleSentence } : {}),
        summary:
          plan && request.kind === 'payment_plan' && row.status !== 'refused' && row.status !== 'cancelled'
            ? planStatusSummary(row.status, request.instalments, plan, decidedBy?.name ?? null, row.comment, agent.locale)
            : callStatusSummary(
                row.status,
                request,
                decision.effectiveAmount,
                row.approvedAmount,
                decision.currency,
                decidedBy?.name ?? null,
                row.comment,
                agent.locale,
              ),
        requestHash: approvalRequestHash(row),
      };
    });
  }

  // -------------------------------------------------------------------------------------------

  private refunds(): ReceivablesService {
    if (!this.receivables) throw new ApiError('INTERNAL');
    return this.receivables;
  }

  private planService(): DisputesService {
    if (!this.plans) throw new ApiError('INTERNAL');
    return this.plans;
  }

  /** Approving a payment plan request: re-decided for the approver, the plan agreed ('paymentPlan.agree'), the decision recorded. */
  private applyPlan({ approver, row, answer, locale }: Approving): Applied {
    const bad = (path: string) => new ApiError('INVALID_INPUT', [{ path, message: 'a payment plan is approved as asked' }]);
    if (answer.amount !== undefined) throw bad('amount');
    if (answer.percentBp !== undefined) throw bad('percentBp');
    if (answer.cycles !== undefined) throw bad('cycles');
    const plan = this.planService().approvePlan(approver, row, locale);
    return { approvedAmount: plan.balance, appliedCommandId: plan.commandId, ledgerEntryIds: [], what: { planId: plan.planId } };
  }

  /** Approving a refund request: re-decided for the approver, the refund row written ('refund.pay'), the decision recorded. */
  private applyRefund({ approver, row, answer, identities, comment, locale }: Approving): Applied {
    if (answer.percentBp !== undefined) throw new ApiError('INVALID_INPUT', [{ path: 'percentBp', message: 'only for a recurring percentage discount' }]);
    if (answer.cycles !== undefined) throw new ApiError('INVALID_INPUT', [{ path: 'cycles', message: 'only for a recurring discount' }]);
    const planned = this.refunds().approveRefund(approver, row, answer.amount, locale);
    const pay = this.commands.execute(
      {
        type: 'refund.pay',
        actorId: approver.userId,
        interactionId: row.interactionId,
        payload: { ...planned.payload, customerId: row.customerId, note: comment, ...identities },
        audit: {
          action: 'refund_paid',
          subject: `payment:${planned.paymentId}`,
          after: { paymentId: planned.paymentId, amount: planned.amount, approvalId: row.id, ...identities },
        },
      },
      (ctx) => planned.write(ctx),
    );
    return { approvedAmount: planned.amount, appliedCommandId: pay.commandId, ledgerEntryIds: [], what: { paymentId: planned.paymentId } };
  }

  /** Approving a credit: re-decided for the approver on the request as approved (the same or lowered), the entries written ('credit.grant'). */
  private applyCredit({ approver, row, answer, identities, comment, locale }: Approving, requested: DiscountRequestInput): Applied {
    const request = lowered(requested, answer);
    const d = this.core.decide(row.customerId, request, approver, row.requestedBy);
    if (d.decision.outcome === 'needs_approval') throw new ApiError('FORBIDDEN', failedIssues(d.decision, locale));
    if (d.decision.outcome === 'refused') throw this.core.refusal(d.decision, locale);
    const at = this.core.now().toISOString();
    const entries = this.core.plannedEntries(d, request, at);
    const summary = decisionSummary(d.decision);
    const grant = this.commands.execute(
      {
        type: 'credit.grant',
        actorId: approver.userId,
        interactionId: row.interactionId,
        payload: {
          customerId: row.customerId,
          accountId: d.target.account.id,
          request,
          coreRequest: coreRequest(request),
          decision: summary,
          entries,
          approvalId: row.id,
          note: comment,
          ...identities,
        },
        audit: creditGrantedAudit(entries, { reason: request.reason, decision: summary, approvalId: row.id, ...identities }),
      },
      (ctx) => this.core.writeEntries(entries, ctx, row.requestedBy, row.interactionId, comment),
    );
    return {
      approvedAmount: d.decision.effectiveAmount,
      appliedCommandId: grant.commandId,
      ledgerEntryIds: grant.result,
      what: { ledgerEntryIds: grant.result },
      request,
      requested,
    };
  }

  /**
   * The approval recorded as applied ('approval.decide', audit 'approval_decided'), naming the
   * command that applied it — the same record for a credit, a refund and a payment plan; `what`
   * says what was written (ledger entries, the refund's payment, the plan). A request decided
   * meanwhile (no longer pending) fails the whole command.
   */
  private recordApplied({ approver, row, comment, identities }: Approving, applied: Applied): void {
    const { id: approvalId, interactionId } = row;
    const { approvedAmount, appliedCommandId, what, request, requested } = applied;
    const asApproved = request ? { request } : {};
    this.commands.execute(
      {
        type: 'approval.decide',
        actorId: approver.userId,
        interactionId,
        payload: { approvalId, decision: 'approve', ...asApproved, approvedAmount, appliedCommandId, comment, ...identities },
        audit: {
          action: 'approval_decided',
          subject: `approval:${approvalId}`,
          before: requested ? { status: 'pending', request: requested } : { status: 'pending' },
          after: { status: 'applied', ...asApproved, approvedAmount, ...what, appliedCommandId, comment, ...identities },
        },
      },
      (ctx) => {
        const set = this.store.approvals.setApplied(approvalId, { decidedBy: approver.userId, decidedAt: ctx.at, approvedAmount, comment, appliedCommandId });
        if (set !== 1) throw new ApiError('APPROVAL_INVALID');
      },
    );
  }

  private summary(row: ApprovalRow, viewer: AgentProfile): ApprovalSummary {
    const request = JSON.parse(row.request) as ApprovalRequestInput;
    // Who asked what, for whom: the same for a refund and a credit.
    const asked = {
      approvalId: row.id,
      status: row.status,
      interactionId: row.interactionId,
      customerId: row.customerId,
      customerName: this.store.customers.fullName(row.customerId) ?? '',
      accountNumber: this.store.accounts.numberOf(row.accountId) ?? '',
      requestedBy: this.core.name(row.requestedBy) ?? { id: row.requestedBy, name: '' },
      requestedAt: row.requestedAt,
      request,
      approverRole: row.approverRole,
      requestHash: approvalRequestHash(row),
    };
    if (request.kind === 'payment_plan') {
      const plan = this.planService().describeRequest(row, viewer.locale);
      return {
        ...asked,
        amount: plan.balance,
        currency: plan.currency,
        reason: 'payment_plan',
        reasonLabel: planLabel(viewer.locale),
        kind: 'payment_plan',
        scheduleSentence: plan.scheduleSentence,
        explanation: this.planService().asDecisionView(plan.decision, viewer.locale),
      };
    }
    if (request.kind === 'refund') {
      const refund = JSON.parse(row.decision) as RefundDecision;
      return {
        ...asked,
        amount: refund.amount,
        currency: refund.currency,
        reason: 'refund',
        reasonLabel: refundLabel(viewer.locale),
        kind: 'refund',
        explanation: refundAsDecisionView(refund, viewer.locale),
      };
    }
    const decision = JSON.parse(row.decision) as Decision;
    return {
      ...asked,
      amount: decision.effectiveAmount,
      currency: decision.currency,
      reason: decision.reason,
      reasonLabel: labelOf(decision.reason, viewer.locale),
      kind: decision.kind,
      // The request was decided for the agent who asked: whoever else reads it is told of the agent's limits.
      explanation: decisionView(decision, viewer.locale, viewer.userId === row.requestedBy ? 'actor' : 'approver'),
    };
  }

  private apply(
    approver: AgentProfile,
    approvalId: string,
    answer: ApprovalAnswer,
    atDesk: { agentId: string; interactionId: string } | null,
    locale: AgentProfile['locale'],
  ): ApprovalDecisionResult {
    const comment = textOrNull(answer.comment);
    const result = this.core.client.transaction((): ApprovalDecisionResult & { requestedBy: string; interactionId: string } => {
      const row = this.store.approvals.byId(approvalId);
      if (!row || row.status !== 'pending') throw new ApiError('APPROVAL_INVALID');
      if (atDesk && row.interactionId !== atDesk.interactionId) throw new ApiError('APPROVAL_INVALID');
      // The decision must be what the screen showed: its outcome, on the request it displayed.
      if (answer.shown.outcome !== answer.decision) {
        throw new ApiError(
          'CONFLICT',
          [{ path: 'shown.outcome', message: `the screen showed "${answer.shown.outcome}", the decision says "${answer.decision}"` }],
          'error.decisionMismatch',
        );
      }
      if (answer.shown.requestHash !== approvalRequestHash(row)) {
        throw new ApiError(
          'CONFLICT',
          [{ path: 'shown.requestHash', message: 'the request decided is not the one the screen showed' }],
          'error.decisionMismatch',
        );
      }
      if (approver.userId === row.requestedBy)
        throw new ApiError('FORBIDDEN', [{ path: 'approvalId', message: 'a request cannot be approved by the person who made it' }]);
      if (!hasAtLeast(approver.role, row.approverRole)) throw new ApiError('FORBIDDEN', [{ path: 'approvalId', message: `needs ${row.approverRole}` }]);
      const decidedBy = { id: approver.userId, name: approver.displayName };
      const identities = { decidedBy: approver.userId, requestedBy: row.requestedBy, ...(atDesk ? { atDeskOf: atDesk.agentId } : {}) };
      const requested = JSON.parse(row.request) as ApprovalRequestInput;

      if (answer.decision === 'refuse') {
        const receipt = this.commands.execute(
          {
            type: 'approval.decide',
            actorId: approver.userId,
            interactionId: row.interactionId,
            payload: { approvalId, decision: 'refuse', comment, ...identities },
            audit: {
              action: 'approval_decided',
              subject: `approval:${approvalId}`,
              before: { status: 'pending' },
              after: { status: 'refused', comment, ...identities },
            },
          },
          (ctx) => {
            if (this.store.approvals.setRefused(approvalId, { decidedBy: approver.userId, decidedAt: ctx.at, comment }) !== 1)
              throw new ApiError('APPROVAL_INVALID');
          },
        );
        void receipt;
        return {
          approvalId,
          status: 'refused',
          ledgerEntryIds: [],
          approvedAmount: null,
          decidedBy,
          requestedBy: row.requestedBy,
          interactionId: row.interactionId,
        };
      }

      const approving: Approving = { approver, row, answer, identities, comment, locale };
      const applied =
        requested.kind === 'payment_plan'
          ? this.applyPlan(approving)
          : requested.kind === 'refund'
            ? this.applyRefund(approving)
            : this.applyCredit(approving, requested);
      this.recordApplied(approving, applied);
      return {
        approvalId,
        status: 'applied',
        ledgerEntryIds: applied.ledgerEntryIds,
        approvedAmount: applied.approvedAmount,
        decidedBy,
        requestedBy: row.requestedBy,
        interactionId: row.interactionId,
      };
    })();

    const { requestedBy, interactionId, ...out } = result;
    this.core.events.toUser(requestedBy, {
      name: 'approval.decided',
      payload: { approvalId, interactionId, status: out.status === 'applied' ? 'approved' : 'refused' },
    });
    return out;
  }
}

/** Whether a request is in the viewer's inbox: routed to their role or below. */
function mayDecide(viewer: AgentProfile, row: ApprovalRow): boolean {
  return hasAtLeast(viewer.role, row.approverRole);
}

/** The request as approved: the same, or lowered — never raised, never reshaped. */
export function lowered(request: DiscountRequestInput, answer: Extract<ApprovalAnswer, { decision: 'approve' }>): DiscountRequestInput {
  const bad = (path: string, message: string) => new ApiError('INVALID_INPUT', [{ path, message }]);
  if (request.kind !== 'recurring_discount') {
    if (answer.percentBp !== undefined) throw bad('percentBp', 'only for a recurring percentage discount');
    if (answer.cycles !== undefined) throw bad('cycles', 'only for a recurring discount');
    if (answer.amount === undefined) return request;
    if (answer.amount > request.amount) throw bad('amount', 'may lower the request, not raise it');
    return { ...request, amount: answer.amount };
  }
  if (answer.cycles !== undefined && answer.cycles > request.cycles) throw bad('cycles', 'may lower the request, not raise it');
  const cycles = answer.cycles ?? request.cycles;
  if (request.form === 'amount') {
    if (answer.percentBp !== undefined) throw bad('percentBp', 'this discount is an amount per cycle');
    if (answer.amount !== undefined && answer.amount > request.amountPerCycle) throw bad('amount', 'may lower the request, not raise it');
    return { ...request, amountPerCycle: answer.amount ?? request.amountPerCycle, cycles };
  }
  if (answer.amount !== undefined) throw bad('amount', 'this discount is a percentage: use percentBp');
  if (answer.percentBp !== undefined && answer.percentBp > request.percentBp) throw bad('percentBp', 'may lower the request, not raise it');
  return { ...request, percentBp: answer.percentBp ?? request.percentBp, cycles };
}

/** The call screen's line for a payment plan request, pending or agreed (a refusal reads as any other). */
function planStatusSummary(
  status: CallApprovalStatus['status'],
  instalments: number,
  plan: { balance: number; currency: string; scheduleSentence: string },
  decidedBy: string | null,
  comment: string | null,
  locale: AgentProfile['locale'],
): string {
  const schedule = plan.scheduleSentence.replace(/\.$/, '');
  if (status === 'pending') return t(locale, 'plan.approval.pending', { count: instalments, balance: money(plan.balance, plan.currency, locale), schedule });
  return t(locale, 'plan.approval.approved', {
    who: decidedBy ?? t(locale, 'sentence.request.aSupervisor'),
    schedule,
    comment: comment ? t(locale, 'sentence.request.comment', { comment }) : '',
  });
}

/** What a stored decision says the request is worth, for a credit, a refund or a payment plan alike. */
function worthOf(request: ApprovalRequestInput, decisionJson: string): { effectiveAmount: number; currency: string } {
  if (request.kind === 'payment_plan') {
    const d = JSON.parse(decisionJson) as { balance: number; currency: string };
    return { effectiveAmount: d.balance, currency: d.currency };
  }
  if (request.kind === 'refund') {
    const d = JSON.parse(decisionJson) as RefundDecision;
    return { effectiveAmount: d.amount, currency: d.currency };
  }
  return JSON.parse(decisionJson) as Decision;
}
