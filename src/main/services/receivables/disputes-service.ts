/**
 * Disputes and payment plans during a call (issue 13, items 13 and 14). Core decides
 * (core/receivables/disputes.ts, payment-plans.ts); this service reads the facts, writes the
 * rows and their command + audit entry in ONE transaction, and says it in the agent's locale.
 *
 *   open dispute     on a line of one of the customer's bills: command 'dispute.open', audit
 *                    'dispute_opened'
 *   resolve dispute  credit: a billing-error credit through the ordinary credit path
 *                    (DiscountService.grant: command 'credit.grant', within the agent's policy —
 *                    over it, the agent is told who may; nothing is written) naming the dispute
 *                    (the hub accepts it only with the dispute resolved by it), then command
 *                    'dispute.resolve'; reject: command 'dispute.resolve' with the reason. Audit
 *                    'dispute_resolved'. A resolved dispute answers CONFLICT, nothing changes.
 *   payment plans    the overdue balance (open disputes set aside) split by the policy's rules;
 *                    agreed: command 'paymentPlan.agree', audit 'payment_plan_agreed'; over the
 *                    agent's limit: an approval request (kind 'payment_plan') in the approvals
 *                    inbox, command 'paymentPlan.request', audit 'payment_plan_requested' — a plan
 *                    waiting for approval counts as running (no second plan meanwhile).
 *   approvePlan      (from ApprovalService, inside its transaction) the request re-decided with
 *                    the APPROVER's role on today's facts. It must split the SAME balance the
 *                    agent asked for: a balance that moved since (paid meanwhile, a dispute
 *                    opened, a new bill overdue) or a first due date now past is a CONFLICT, and
 *                    the request stays pending for the approver to refuse with a reason — an
 *                    approver never agrees a schedule the customer was not read out.
 */
import {
  ApiError,
  isRole,
  type AccountDisputesView,
  type AccountPaymentPlansView,
  type AgentProfile,
  type DecisionView,
  type DisputeOpenResult,
  type DisputeResolveResult,
  type DisputesView,
  type DisputeView,
  type InstalmentView,
  type PaymentPlanAgreeResult,
  type PaymentPlanApprovalRequest,
  type PaymentPlanDecisionView,
  type PaymentPlanRequestInput,
  type PaymentPlansView,
  type PaymentPlanView,
  type Role,
} from '../../../core/api';
import { explainLine, type Catalog } from '../../../core/billing';
import { t, type Locale } from '../../../core/i18n';
import { formatAmount, formatDate } from '../../../core/i18n';
import {
  agreedPlansHistory,
  brokenOn,
  checkDisputeOpening,
  checkDisputeResolution,
  decidePaymentPlan,
  describePlanRule,
  disputableOnLine,
  disputeIssueText,
  heldByInvoice,
  instalmentSchedule,
  overdueBalance,
  planStates,
  paymentPlanPolicyOf,
  planHeadline,
  scheduleSentence,
  type DisputeFact,
  type DisputeIssue,
  type DisputeReason,
  type DisputeResolution,
  type Instalment,
  type InstalmentState,
  type PaymentPlanDecision,
  type ResolutionIssue,
} from '../../../core/receivables';
import { accountQueries } from '../../store/accounts';
import { approvalQueries, type ApprovalRow } from '../../store/approvals';
import { disputeQueries, type DisputableLineRow, type DisputeRow, type PaymentPlanRow } from '../../store/disputes';
import { uuidv7 } from '../../store/ids';
import { prepareStores } from '../../store/prepared';
import { catalogFromStore } from '../billing/engine-input';
import { engineLine, parsedExplanation } from '../billing/stored-invoice';
import { failedRuleIssues, inboxDecisionView, policyRefusal, saidDecision } from './decision-views';
import type { CommandServiceDeps } from '../command-log';
import type { EventPublisher } from '../events';
import type { DiscountService } from '../discounts/discount-service';
import type { PolicyStore } from '../discounts/policy-store';
import type { VerifiedCall } from '../open-call';
import type { ReceivablesService } from './receivables-service';

export interface DisputesDeps extends CommandServiceDeps {
  readonly policies: PolicyStore;
  readonly receivables: ReceivablesService;
  readonly discounts: DiscountService;
  readonly events: EventPublisher;
}

/** The bills whose lines the agent is offered to dispute: the latest three (a customer disputes what they just received). */
const RECENT_BILLS = 3;

export class DisputesService {
  private readonly store;
  private catalogCache: Catalog | undefined;

  constructor(private readonly deps: DisputesDeps) {
    this.store = prepareStores(deps.client, { disputes: disputeQueries, accounts: accountQueries, approvals: approvalQueries });
  }

  private today(): string {
    return this.deps.now().toISOString().slice(0, 10);
  }

  private get catalog(): Catalog {
    return (this.catalogCache ??= catalogFromStore(this.deps.client));
  }

  private role(actor: AgentProfile): Role {
    if (!isRole(actor.role)) throw new ApiError('FORBIDDEN');
    return actor.role;
  }

  /** A line of the customer's bills, or NOT_FOUND (another customer's line looks like none). */
  private ownLine(call: VerifiedCall, lineId: string): DisputableLineRow {
    const line = this.store.disputes.line(lineId);
    if (!line || this.store.accounts.byId(line.accountId)?.customerId !== call.customerId) throw new ApiError('NOT_FOUND');
    return line;
  }

  /** The line as the bill shows it, and what it charged VAT included (the most a dispute can hold). */
  private lineFacts(line: DisputableLineRow, locale: Locale): { label: string; amount: number } {
    const l = engineLine(line, parsedExplanation(line.explanation), line.currency, this.catalog);
    return { label: explainLine(l, locale), amount: l.total };
  }

  private facts(rows: readonly DisputeRow[]): DisputeFact[] {
    return rows.map((d) => ({ id: d.id, invoiceId: d.invoiceId, lineId: d.invoiceLineId, amount: d.amount, status: d.status }));
  }

  // ── disputes ────────────────────────────────────────────────────────────────────────────────

  list(actor: AgentProfile, call: VerifiedCall): DisputesView {
    return { accounts: this.store.accounts.ofCustomerMainFirst(call.customerId).map((a) => this.accountDisputes(a.id, a.number, a.currency, actor.locale)) };
  }

  private accountDisputes(accountId: string, number: string, currency: string, locale: Locale): AccountDisputesView {
    const rows = this.store.disputes.ofAccount(accountId);
    const facts = this.facts(rows);
    const disputes = rows.map((d) => this.disputeView(d, locale)).sort((a, b) => Number(b.status === 'open') - Number(a.status === 'open'));
    const lines = this.store.disputes.recentLines(accountId, RECENT_BILLS).map((line) => {
      const { label, amount } = this.lineFacts(line, locale);
      return {
        lineId: line.id,
        invoiceId: line.invoiceId,
        invoiceNumber: line.invoiceNumber,
        issuedOn: line.issuedOn,
        label,
        amount,
        disputable: disputableOnLine({ lineId: line.id, invoiceId: line.invoiceId, amount }, facts),
      };
    });
    const held = [...heldByInvoice(facts).values()].reduce((s, v) => s + v, 0);
    return { accountId, accountNumber: number, currency, held, disputes, lines };
  }

  private disputeView(d: DisputeRow, locale: Locale): DisputeView {
    const line = this.store.disputes.line(d.invoiceLineId)!;
    const { label } = this.lineFacts(line, locale);
    const reasonLabel = t(locale, `dispute.reason.${d.reasonCode as DisputeReason}`);
    return {
      id: d.id,
      accountId: d.accountId,
      invoiceId: d.invoiceId,
      invoiceNumber: line.invoiceNumber,
      lineId: d.invoiceLineId,
      lineLabel: label,
      amount: d.amount,
      currency: d.currency,
      reason: d.reasonCode as DisputeReason,
      reasonLabel,
      customerSaid: d.customerSaid,
      status: d.status,
      statusLabel: t(locale, `dispute.status.${d.status}`),
      openedAt: d.openedAt,
      openedBy: d.openedBy,
      resolvedAt: d.resolvedAt,
      creditedAmount: d.creditedAmount,
      rejectionReason: d.rejectionReason,
      sentence: t(locale, 'dispute.sentence', {
        amount: formatAmount(locale, d.amount, d.currency),
        line: label.replace(/[.\s]+$/, ''),
        number: line.invoiceNumber,
        reason: reasonLabel.toLowerCase(),
      }),
    };
  }

  open(actor: AgentProfile, call: VerifiedCall, input: { lineId: string; amount: number; reason: DisputeReason; customerSaid: string }): DisputeOpenResult {
    this.role(actor);
    return this.deps.client.transaction((): DisputeOpenResult => {
      const line = this.ownLine(call, input.lineId);
      const { amount: lineAmount } = this.lineFacts(line, actor.locale);
      const issues = checkDisputeOpening({ lineId: line.id, invoiceId: line.invoiceId, amount: lineAmount }, this.facts(this.store.disputes.ofLine(line.id)), {
        amount: input.amount,
        reason: input.reason,
        customerSaid: input.customerSaid,
      });
      if (issues.length > 0) throw invalid(issues, actor.locale, line.currency);
      const disputeId = uuidv7(this.deps.now().getTime());
      const payload = {
        disputeId,
        customerId: call.customerId,
        accountId: line.accountId,
        invoiceId: line.invoiceId,
        lineId: line.id,
        amount: input.amount,
        currency: line.currency,
        reason: input.reason,
        customerSaid: input.customerSaid,
      };
      const receipt = this.deps.commands.execute(
        {
          type: 'dispute.open',
          actorId: actor.userId,
          interactionId: call.id,
          payload,
          audit: { action: 'dispute_opened', subject: `dispute:${disputeId}`, after: payload },
        },
        (ctx) =>
          this.store.disputes.insert({
            id: disputeId,
            accountId: line.accountId,
            invoiceId: line.invoiceId,
            invoiceLineId: line.id,
            amount: input.amount,
            currency: line.currency,
            reasonCode: input.reason,
            customerSaid: input.customerSaid,
            openedBy: actor.userId,
            openedAt: ctx.at,
            interactionId: call.id,
            commandId: ctx.commandId,
          }),
      );
      return { disputeId, commandId: receipt.commandId, dispute: this.disputeView(this.store.disputes.byId(disputeId)!, actor.locale) };
    })();
  }

  resolve(actor: AgentProfile, call: VerifiedCall, disputeId: string, resolution: DisputeResolution): DisputeResolveResult {
    this.role(actor);
    return this.deps.client.transaction((): DisputeResolveResult => {
      const d = this.store.disputes.byId(disputeId);
      if (!d || this.store.accounts.byId(d.accountId)?.customerId !== call.customerId) throw new ApiError('NOT_FOUND');
      const issues = checkDisputeResolution(this.facts([d])[0]!, resolution);
      if (issues.some((i) => i.code === 'already_resolved')) throw new ApiError('CONFLICT', texts(issues, actor.locale, d.currency));
      if (issues.length > 0) throw invalid(issues, actor.locale, d.currency);
      let ledgerEntryIds: readonly string[] = [];
      if (resolution.kind === 'credit') {
        const request = {
          kind: 'one_off_credit' as const,
          reason: 'billing_error' as const,
          target: 'invoice' as const,
          amount: resolution.amount,
          invoiceId: d.invoiceId,
          disputedAmount: d.amount,
        };
        // Within the agent's own policy only: a credit over it is a supervisor's to resolve, not a request to park.
        const decision = this.deps.discounts.evaluate(actor, call, request);
        if (decision.outcome !== 'allowed')
          throw new ApiError(
            'POLICY_REFUSED',
            decision.rules.filter((r) => !r.passed).map((r) => ({ path: r.rule, message: r.text })),
          );
        // The credit names its dispute: the hub accepts it only with the dispute resolved by it (else the desk takes it back).
        const granted = this.deps.discounts.grant(actor, call, request, undefined, { disputeId });
        if (granted.status !== 'granted') throw new ApiError('CONFLICT');
        ledgerEntryIds = granted.ledgerEntryIds;
      }
      const status = resolution.kind === 'credit' ? 'credited' : 'rejected';
      const after = {
        disputeId,
        customerId: call.customerId,
        accountId: d.accountId,
        status,
        creditedAmount: resolution.kind === 'credit' ? resolution.amount : null,
        creditEntryId: ledgerEntryIds[0] ?? null,
        rejectionReason: resolution.kind === 'reject' ? resolution.reason : null,
      };
      const receipt = this.deps.commands.execute(
        {
          type: 'dispute.resolve',
          actorId: actor.userId,
          interactionId: call.id,
          payload: after,
          audit: { action: 'dispute_resolved', subject: `dispute:${disputeId}`, before: { status: 'open', amount: d.amount }, after },
        },
        (ctx) => {
          const changed = this.store.disputes.resolve({
            id: disputeId,
            status,
            resolvedBy: actor.userId,
            resolvedAt: ctx.at,
            creditedAmount: after.creditedAmount,
            creditEntryId: after.creditEntryId,
            rejectionReason: after.rejectionReason,
            resolveCommandId: ctx.commandId,
          });
          if (changed !== 1) throw new ApiError('CONFLICT');
        },
      );
      return { disputeId, status, commandId: receipt.commandId, ledgerEntryIds };
    })();
  }

  // ── payment plans ───────────────────────────────────────────────────────────────────────────

  /** What is overdue today on the account, open disputes set aside (each invoice on its own due date). */
  overdueBalance(accountId: string, today: string): number {
    const state = this.deps.receivables.state(accountId);
    return overdueBalance(state.r, state.invoices, this.store.disputes.heldOfAccount(accountId), today);
  }

  private planStates(plan: PaymentPlanRow, today: string): InstalmentState[] {
    // What pays an instalment is what payments settle on the plan's invoices (core/receivables/payment-plans.ts).
    const state = this.deps.receivables.state(plan.accountId);
    return planStates(
      { agreedOn: plan.agreedOn, schedule: this.store.disputes.instalmentsOf(plan.id) },
      { allocations: state.r.allocations, invoices: state.invoices, payments: state.payments },
      today,
    );
  }

  private instalmentView(s: InstalmentState | (Instalment & { status: 'due'; paid: number; late: boolean }), locale: Locale): InstalmentView {
    const key = s.status === 'paid' && s.late ? 'plan.instalment.paidLate' : (`plan.instalment.${s.status}` as const);
    return { seq: s.seq, dueOn: s.dueOn, amount: s.amount, paid: s.paid, status: s.status, late: s.late, statusLabel: t(locale, key) };
  }

  private planView(plan: PaymentPlanRow, today: string, locale: Locale): PaymentPlanView {
    const states = this.planStates(plan, today);
    const missed = brokenOn(states) !== null;
    const status = missed ? 'broken' : states.every((s) => s.status === 'paid') ? 'completed' : 'agreed';
    return {
      id: plan.id,
      balance: plan.balance,
      currency: plan.currency,
      agreedOn: plan.agreedOn,
      status,
      statusLabel: t(locale, `plan.status.${status}`),
      missed,
      instalments: states.map((s) => this.instalmentView(s, locale)),
      scheduleSentence: scheduleSentence(states, locale, plan.currency),
    };
  }

  listPlans(actor: AgentProfile, call: VerifiedCall): PaymentPlansView {
    const today = this.today();
    return {
      today,
      accounts: this.store.accounts.ofCustomerMainFirst(call.customerId).map((a): AccountPaymentPlansView => ({
        accountId: a.id,
        accountNumber: a.number,
        currency: a.currency,
        overdueBalance: this.overdueBalance(a.id, today),
        plans: this.store.disputes.plansOf(a.id).map((p) => this.planView(p, today, actor.locale)),
      })),
    };
  }

  /**
   * The plan decided for `role` on today's facts. A plan waiting for approval on the account
   * counts as running, but for `excludingApproval` (the request being decided).
   */
  private decidePlan(
    customerId: string,
    role: Role,
    request: PaymentPlanRequestInput,
    excludingApproval: string | null = null,
  ): { decision: PaymentPlanDecision; currency: string } {
    const account = this.store.accounts.byId(request.accountId);
    if (!account || account.customerId !== customerId) throw new ApiError('NOT_FOUND');
    const today = this.today();
    const policy = paymentPlanPolicyOf(this.deps.policies.current(today).document);
    const { activePlans: running, lastBrokenOn } = agreedPlansHistory(
      this.store.disputes
        .plansOf(account.id)
        .filter((plan) => plan.status === 'agreed')
        .map((plan) => this.planStates(plan, today)),
    );
    const activePlans = running + this.store.approvals.pendingPlansOf(account.id, excludingApproval);
    const facts = { overdueBalance: this.overdueBalance(account.id, today), currency: account.currency, activePlans, lastBrokenOn, today };
    return { decision: decidePaymentPlan(policy, role, facts, request), currency: account.currency };
  }

  private decisionView(d: PaymentPlanDecision, locale: Locale): PaymentPlanDecisionView {
    return {
      ...saidDecision(d, planHeadline(d, locale), describePlanRule, locale),
      balance: d.balance,
      currency: d.currency,
      schedule: d.schedule.map((i) => this.instalmentView({ ...i, status: 'due', paid: 0, late: false }, locale)),
      scheduleSentence: scheduleSentence(d.schedule, locale, d.currency),
      maxInstalmentsNow: d.maxInstalmentsNow,
    };
  }

  evaluatePlan(actor: AgentProfile, call: VerifiedCall, request: PaymentPlanRequestInput): PaymentPlanDecisionView {
    this.checkFirstDue(request.firstDueOn);
    return this.decisionView(this.decidePlan(call.customerId, this.role(actor), request).decision, actor.locale);
  }

  /** The first instalment falls due from today to two months on: a plan starts now, not in the past or next year. */
  private checkFirstDue(firstDueOn: string): void {
    const today = this.today();
    const latest = new Date(Date.parse(`${today}T00:00:00Z`) + 62 * 86_400_000).toISOString().slice(0, 10);
    if (Number.isNaN(Date.parse(`${firstDueOn}T00:00:00Z`)) || firstDueOn < today || firstDueOn > latest)
      throw new ApiError('INVALID_INPUT', [{ path: 'request.firstDueOn', message: `between ${today} and ${latest}` }]);
  }

  agreePlan(actor: AgentProfile, call: VerifiedCall, request: PaymentPlanRequestInput): PaymentPlanAgreeResult {
    const role = this.role(actor);
    this.checkFirstDue(request.firstDueOn);
    const result = this.deps.client.transaction((): PaymentPlanAgreeResult => {
      const { decision, currency } = this.decidePlan(call.customerId, role, request);
      if (decision.outcome === 'refused') throw policyRefusal(decision, describePlanRule, actor.locale);
      if (decision.outcome === 'needs_approval') return this.requestPlan(actor, call, request, decision);
      const written = this.writePlan(actor.userId, call.customerId, call.id, request, decision, currency, null);
      return { status: 'agreed', ...written, decision: this.decisionView(decision, actor.locale) };
    })();
    if (result.status === 'pending_approval')
      this.deps.events.toRole(result.approverRole, { name: 'approval.requested', payload: { approvalId: result.approvalId } });
    return result;
  }

  /** Over the agent's limit: the request waits in the approvals inbox for the role the policy names. */
  private requestPlan(actor: AgentProfile, call: VerifiedCall, request: PaymentPlanRequestInput, decision: PaymentPlanDecision): PaymentPlanAgreeResult {
    const approvalId = uuidv7(this.deps.now().getTime());
    const approverRole = decision.approverRole!;
    const asked = { kind: 'payment_plan' as const, ...request };
    const summary = { outcome: decision.outcome, approverRole, balance: decision.balance, currency: decision.currency, schedule: decision.schedule };
    this.deps.commands.execute(
      {
        type: 'paymentPlan.request',
        actorId: actor.userId,
        interactionId: call.id,
        payload: { approvalId, customerId: call.customerId, accountId: request.accountId, request: asked, approverRole, decision: summary },
        audit: { action: 'payment_plan_requested', subject: `approval:${approvalId}`, after: { request: asked, approverRole, decision: summary } },
      },
      (ctx) =>
        this.store.approvals.insert({
          id: approvalId,
          interactionId: call.id,
          customerId: call.customerId,
          accountId: request.accountId,
          requestedBy: actor.userId,
          requestedAt: ctx.at,
          request: JSON.stringify(asked),
          decision: JSON.stringify(decision),
          approverRole,
          comment: null,
        }),
    );
    return { status: 'pending_approval', approvalId, approverRole, decision: this.decisionView(decision, actor.locale) };
  }

  /** The plan's rows and its command 'paymentPlan.agree' (audit 'payment_plan_agreed'); call inside a transaction. */
  private writePlan(
    actorId: string,
    customerId: string,
    interactionId: string,
    request: PaymentPlanRequestInput,
    decision: PaymentPlanDecision,
    currency: string,
    approval: { approvalId: string; requestedBy: string } | null,
  ): { planId: string; commandId: string } {
    const planId = uuidv7(this.deps.now().getTime());
    const schedule = instalmentSchedule(decision.balance, request.instalments, request.firstDueOn);
    const instalments = schedule.map((i) => ({ id: uuidv7(this.deps.now().getTime()), ...i }));
    const today = this.today();
    const payload = {
      planId,
      customerId,
      accountId: request.accountId,
      request: { accountId: request.accountId, instalments: request.instalments, firstDueOn: request.firstDueOn },
      balance: decision.balance,
      currency,
      agreedOn: today,
      instalments,
      decision: { outcome: decision.outcome, rules: decision.rules },
      ...(approval ?? {}),
    };
    const receipt = this.deps.commands.execute(
      {
        type: 'paymentPlan.agree',
        actorId,
        interactionId,
        payload,
        audit: { action: 'payment_plan_agreed', subject: `payment_plan:${planId}`, after: payload },
      },
      (ctx) => {
        this.store.disputes.insertPlan({
          id: planId,
          accountId: request.accountId,
          customerId,
          balance: decision.balance,
          currency,
          instalmentCount: schedule.length,
          agreedOn: today,
          decision: JSON.stringify(payload.decision),
          createdBy: actorId,
          createdAt: ctx.at,
          interactionId,
          commandId: ctx.commandId,
        });
        for (const i of instalments) this.store.disputes.insertInstalment({ id: i.id, planId, seq: i.seq, dueOn: i.dueOn, amount: i.amount });
      },
    );
    return { planId, commandId: receipt.commandId };
  }

  /** What a payment plan request says in words, for the approvals inbox and the call's requests. */
  describeRequest(row: ApprovalRow, locale: Locale): { balance: number; currency: string; decision: PaymentPlanDecision; scheduleSentence: string } {
    const decision = JSON.parse(row.decision) as PaymentPlanDecision;
    return {
      balance: decision.balance,
      currency: decision.currency,
      decision,
      scheduleSentence: scheduleSentence(decision.schedule, locale, decision.currency),
    };
  }

  /** The request decided now for the viewer (the inbox's "may I approve it as is"). */
  decideForApprover(row: ApprovalRow, role: Role): PaymentPlanDecision {
    const asked = JSON.parse(row.request) as PaymentPlanApprovalRequest;
    return this.decidePlan(row.customerId, role, planRequestOf(asked), row.id).decision;
  }

  /** The decision in the shape the approvals inbox shows every decision in. */
  asDecisionView(d: PaymentPlanDecision, locale: Locale): DecisionView {
    return inboxDecisionView(
      d,
      { headline: planHeadline(d, locale), describe: describePlanRule, limitRule: 'instalment_limit' },
      { kind: 'payment_plan', maxAllowedNow: d.maxInstalmentsNow, effectiveAmount: d.balance },
      locale,
    );
  }

  /**
   * A supervisor (or senior agent) approving a payment plan request, inside ApprovalService's
   * transaction: re-decided with the approver's role on today's facts, the same balance and a
   * first due date still to come, then written as the agent's plan would have been (command
   * 'paymentPlan.agree' by the approver, naming the approval and who asked).
   */
  approvePlan(approver: AgentProfile, row: ApprovalRow, locale: Locale): { planId: string; commandId: string; balance: number } {
    const role = this.role(approver);
    const asked = JSON.parse(row.request) as PaymentPlanApprovalRequest;
    const request = planRequestOf(asked);
    const then = JSON.parse(row.decision) as PaymentPlanDecision;
    if (request.firstDueOn < this.today())
      throw new ApiError('CONFLICT', [
        {
          path: 'request.firstDueOn',
          message: t(locale, 'plan.approval.firstDuePassed', { date: formatDate(locale, `${request.firstDueOn}T00:00:00Z`, 'longDate', 'UTC') }),
        },
      ]);
    const { decision, currency } = this.decidePlan(row.customerId, role, request, row.id);
    if (decision.balance !== then.balance)
      throw new ApiError('CONFLICT', [
        {
          path: 'balance',
          message: t(locale, 'plan.approval.balanceChanged', {
            now: formatAmount(locale, decision.balance, currency),
            asked: formatAmount(locale, then.balance, then.currency),
          }),
        },
      ]);
    if (decision.outcome === 'refused') throw policyRefusal(decision, describePlanRule, locale);
    if (decision.outcome === 'needs_approval') throw new ApiError('FORBIDDEN', failedRuleIssues(decision, describePlanRule, locale));
    const written = this.writePlan(approver.userId, row.customerId, row.interactionId, request, decision, currency, {
      approvalId: row.id,
      requestedBy: row.requestedBy,
    });
    return { ...written, balance: decision.balance };
  }
}

function planRequestOf(asked: PaymentPlanApprovalRequest): PaymentPlanRequestInput {
  return { accountId: asked.accountId, instalments: asked.instalments, firstDueOn: asked.firstDueOn };
}

function texts(issues: readonly (DisputeIssue | ResolutionIssue)[], locale: Locale, currency: string) {
  return issues.map((i) => ({ path: i.code, message: disputeIssueText(i, locale, currency) }));
}

function invalid(issues: readonly (DisputeIssue | ResolutionIssue)[], locale: Locale, currency: string): ApiError {
  return new ApiError('INVALID_INPUT', texts(issues, locale, currency));
}
