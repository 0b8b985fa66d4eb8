/**
 * Receivables during a call: where the customer's money went, and a refund of a credit balance.
 *
 *   account         per account of the verified customer: invoices with what settled them
 *                   (core/receivables allocation: directed first, then oldest first), payments
 *                   with method (a card: four digits, never more), status and where they went,
 *                   the balance brought forward, the credit balance and refund requests.
 *   evaluateRefund  the live decision (allowed / needs approval / refused), nothing written.
 *   refund          decided again and written in ONE transaction: allowed → a 'refund' payment
 *                   row (command 'refund.pay', audit 'refund_paid'); over the agent's limit → an
 *                   approval request in the discounts' approvals inbox (command 'refund.request',
 *                   audit 'refund_requested'); refused → POLICY_REFUSED, nothing written.
 *   approve         (from ApprovalService) a supervisor's approval of a refund request, re-decided
 *                   with the approver as actor on today's credit balance.
 */
import {
  ApiError,
  hasAtLeast,
  isRole,
  type AccountReceivablesView,
  type AgentProfile,
  type DecisionView,
  type PaymentView,
  type ReceivablesView,
  type RefundDecisionView,
  type RefundRequestInput,
  type RefundResult,
  type Role,
} from '../../../core/api';
import type { Locale } from '../../../core/i18n';
import { invoiceStanding } from '../../../core/billing/standing';
import {
  accountReceivables,
  balanceSentence,
  decideRefund,
  describeRefundRule,
  keptAmount,
  maskedCard,
  methodLabel,
  paymentSentence,
  receivablesPolicyOf,
  refundHeadline,
  statusLabel,
  type AccountReceivables,
  type RefundDecision,
} from '../../../core/receivables';
import { accountQueries } from '../../store/accounts';
import { approvalQueries } from '../../store/approvals';
import { uuidv7 } from '../../store/ids';
import { disputeQueries } from '../../store/disputes';
import { receivableQueries, type ReceivableInvoiceRow, type ReceivablePaymentRow } from '../../store/receivables';
import { prepareStores } from '../../store/prepared';
import type { CommandServiceDeps } from '../command-log';
import { failedRuleIssues, inboxDecisionView, policyRefusal, saidDecision } from './decision-views';
import type { EventPublisher } from '../events';
import type { VerifiedCall } from '../open-call';
import type { PolicyStore } from '../discounts/policy-store';

export interface ReceivablesDeps extends CommandServiceDeps {
  readonly events: EventPublisher;
  readonly policies: PolicyStore;
}

interface AccountState {
  readonly accountId: string;
  readonly number: string;
  readonly currency: string;
  readonly invoices: ReceivableInvoiceRow[];
  readonly payments: ReceivablePaymentRow[];
  readonly r: AccountReceivables;
}

export function refundDecisionView(d: RefundDecision, locale: Locale): RefundDecisionView {
  return {
    ...saidDecision(d, refundHeadline(d, locale), describeRefundRule, locale),
    amount: d.amount,
    currency: d.currency,
    maxAllowedNow: d.maxAllowedNow,
  };
}

export class ReceivablesService {
  private readonly store;

  constructor(private readonly deps: ReceivablesDeps) {
    this.store = prepareStores(deps.client, { receivables: receivableQueries, disputes: disputeQueries, accounts: accountQueries, approvals: approvalQueries });
  }

  today(): string {
    return this.deps.now().toISOString().slice(0, 10);
  }

  /** The account's facts and their allocation. */
  state(accountId: string): AccountState {
    const account = this.store.accounts.byId(accountId);
    if (!account) throw new ApiError('NOT_FOUND');
    const invoices = this.store.receivables.invoicesOf(accountId);
    const payments = this.store.receivables.paymentsOf(accountId);
    const credits = this.store.receivables.unbilledCreditsOf(accountId);
    const r = accountReceivables(
      invoices.map((i) => ({ id: i.id, issuedOn: i.issuedOn, dueOn: i.dueOn, total: i.total, previousBalance: i.previousBalance })),
      payments.map((p) => ({
        id: p.id,
        receivedOn: p.receivedOn,
        amount: p.amount,
        status: p.status,
        returnedAmount: p.returnedAmount,
        invoiceId: p.invoiceId,
      })),
      credits,
    );
    return { accountId, number: account.number, currency: account.currency, invoices, payments, r };
  }

  /** The customer's account, or NOT_FOUND (another customer's account looks like none). */
  private ownAccount(call: VerifiedCall, accountId: string): AccountState {
    const account = this.store.accounts.byId(accountId);
    if (!account || account.customerId !== call.customerId) throw new ApiError('NOT_FOUND');
    return this.state(accountId);
  }

  account(actor: AgentProfile, call: VerifiedCall): ReceivablesView {
    const today = this.today();
    const policy = receivablesPolicyOf(this.deps.policies.current(today).document);
    const role: Role = isRole(actor.role) ? actor.role : 'agent';
    return {
      accounts: this.store.accounts.ofCustomerMainFirst(call.customerId).map((a) => this.view(this.state(a.id), actor.locale, today, policy.refundMax[role])),
    };
  }

  private view(s: AccountState, locale: Locale, today: string, limit: number): AccountReceivablesView {
    const numbers = new Map(s.invoices.map((i) => [i.id, i.number]));
    const bySource = new Map<string, { invoiceId: string; invoiceNumber: string; amount: number }[]>();
    for (const a of s.r.allocations) {
      const number = numbers.get(a.invoiceId);
      if (number === undefined) continue; // the opening balance, a refund: not an invoice
      const list = bySource.get(a.sourceId) ?? [];
      list.push({ invoiceId: a.invoiceId, invoiceNumber: number, amount: a.amount });
      bySource.set(a.sourceId, list);
    }
    const payments: PaymentView[] = s.payments
      .map((p): PaymentView => {
        const kept = keptAmount({ ...p });
        const allocations = bySource.get(p.id) ?? [];
        const unallocated = s.r.unallocated.get(p.id) ?? 0;
        return {
          id: p.id,
          receivedOn: p.receivedOn,
          amount: p.amount,
          method: p.method,
          methodLabel: methodLabel(p.method, p.cardLast4, locale),
          card: p.method === 'card' ? maskedCard(p.cardLast4) : null,
          status: p.status,
          statusLabel: statusLabel(p.status, locale),
          kept,
          directedTo: p.invoiceId,
          allocations,
          unallocated,
          sentence: paymentSentence(
            {
              amount: p.amount,
              currency: p.currency,
              receivedOn: p.receivedOn,
              method: p.method,
              cardLast4: p.cardLast4,
              status: p.status,
              kept,
              invoiceNumbers: allocations.map((x) => x.invoiceNumber),
              unallocated,
            },
            today,
            locale,
          ),
        };
      })
      .reverse();
    const settlement = new Map(s.r.invoices.map((i) => [i.invoiceId, i]));
    // Open disputes hold their amount out of the overdue rule (core/billing/standing.ts).
    const held = this.store.disputes.heldOfAccount(s.accountId);
    const invoices = s.invoices.map((i) => {
      const st = settlement.get(i.id)!;
      return {
        invoiceId: i.id,
        number: i.number,
        issuedOn: i.issuedOn,
        dueOn: i.dueOn,
        total: i.total,
        settled: st.settled,
        left: st.left,
        standing: invoiceStanding({ amountDue: st.left, dueOn: i.dueOn }, 0, today, held.get(i.id) ?? 0),
        balanceForward: i.previousBalance,
      };
    });
    const refunds = this.store.receivables.refundApprovalsOf(s.accountId).map((a) => ({
      approvalId: a.id,
      amount: (JSON.parse(a.request) as RefundRequestInput).amount,
      requestedAt: a.requestedAt,
      approverRole: a.approverRole as Role,
      status: a.status,
    }));
    const pending = refunds.filter((x) => x.status === 'pending').length;
    const owed = s.r.invoices.filter((i) => numbers.has(i.invoiceId)).reduce((sum, i) => sum + i.left, 0);
    return {
      accountId: s.accountId,
      accountNumber: s.number,
      currency: s.currency,
      balance: s.r.balance,
      owed,
      creditBalance: s.r.creditBalance,
      openingBalance: s.r.openingBalance,
      invoices,
      payments,
      refunds,
      refundableNow: pending > 0 ? 0 : Math.min(limit, s.r.creditBalance),
      summary: balanceSentence(s.r.balance, s.currency, locale),
    };
  }

  decide(
    call: VerifiedCall | null,
    accountId: string,
    role: Role,
    amount: number,
    excludingApproval: string | null = null,
  ): { state: AccountState; decision: RefundDecision } {
    const state = call ? this.ownAccount(call, accountId) : this.state(accountId);
    const policy = receivablesPolicyOf(this.deps.policies.current(this.today()).document);
    const pending = this.store.receivables.refundApprovalsOf(accountId).filter((a) => a.status === 'pending' && a.id !== excludingApproval).length;
    const decision = decideRefund(policy, role, { creditBalance: state.r.creditBalance, pendingRefunds: pending, currency: state.currency }, amount);
    return { state, decision };
  }

  evaluateRefund(actor: AgentProfile, call: VerifiedCall, request: RefundRequestInput): RefundDecisionView {
    if (!isRole(actor.role)) throw new ApiError('FORBIDDEN');
    return refundDecisionView(this.decide(call, request.accountId, actor.role, request.amount).decision, actor.locale);
  }

  refund(actor: AgentProfile, call: VerifiedCall, request: RefundRequestInput, note: string | null): RefundResult {
    const role = actor.role;
    if (!isRole(role)) throw new ApiError('FORBIDDEN');
    const result = this.deps.client.transaction((): RefundResult => {
      const { state, decision } = this.decide(call, request.accountId, role, request.amount);
      if (decision.outcome === 'refused') throw policyRefusal(decision, describeRefundRule, actor.locale);
      const view = refundDecisionView(decision, actor.locale);
      const summary = { outcome: decision.outcome, approverRole: decision.approverRole ?? null, amount: decision.amount, creditBalance: state.r.creditBalance };
      if (decision.outcome === 'allowed') {
        const paymentId = uuidv7(this.deps.now().getTime());
        const receipt = this.deps.commands.execute(
          {
            type: 'refund.pay',
            actorId: actor.userId,
            interactionId: call.id,
            payload: { paymentId, customerId: call.customerId, accountId: state.accountId, request, currency: state.currency, decision: summary, note },
            audit: {
              action: 'refund_paid',
              subject: `payment:${paymentId}`,
              before: { creditBalance: state.r.creditBalance },
              after: { paymentId, accountId: state.accountId, amount: request.amount, currency: state.currency, method: 'transfer', decision: summary, note },
            },
          },
          (ctx) => this.writeRefund(paymentId, state, request.amount, ctx, actor.userId, call.id, null),
        );
        return { status: 'refunded', paymentId, commandId: receipt.commandId, decision: view };
      }
      const approvalId = uuidv7(this.deps.now().getTime());
      const approverRole = decision.approverRole!;
      this.deps.commands.execute(
        {
          type: 'refund.request',
          actorId: actor.userId,
          interactionId: call.id,
          payload: { approvalId, customerId: call.customerId, accountId: state.accountId, request, approverRole, decision: summary, note },
          audit: { action: 'refund_requested', subject: `approval:${approvalId}`, after: { request, approverRole, decision: summary, note } },
        },
        (ctx) =>
          this.store.approvals.insert({
            id: approvalId,
            interactionId: call.id,
            customerId: call.customerId,
            accountId: state.accountId,
            requestedBy: actor.userId,
            requestedAt: ctx.at,
            request: JSON.stringify(request),
            decision: JSON.stringify(decision),
            approverRole,
            comment: note,
          }),
      );
      return { status: 'pending_approval', approvalId, approverRole, decision: view };
    })();
    if (result.status === 'pending_approval')
      this.deps.events.toRole(result.approverRole, { name: 'approval.requested', payload: { approvalId: result.approvalId } });
    return result;
  }

  /** Writes the refund row; call inside a command's effect. */
  writeRefund(
    paymentId: string,
    state: AccountState,
    amount: number,
    ctx: { commandId: string; at: string },
    actorId: string,
    interactionId: string,
    approvalId: string | null,
  ): string {
    this.store.receivables.insertRefund({
      id: paymentId,
      accountId: state.accountId,
      amount,
      currency: state.currency,
      receivedOn: ctx.at.slice(0, 10),
      method: 'transfer',
      statusReason: 'credit_balance_refund',
      actorId,
      interactionId,
      commandId: ctx.commandId,
      approvalId,
    });
    return paymentId;
  }

  /**
   * A supervisor approving a refund request (called by ApprovalService inside its transaction):
   * re-decided with the approver's role on today's credit balance; `amount` may lower it.
   */
  approveRefund(
    approver: { userId: string; role: Role | string },
    row: { id: string; accountId: string; request: string; requestedBy: string; interactionId: string },
    amount: number | undefined,
    locale: Locale,
  ): {
    paymentId: string;
    amount: number;
    decision: RefundDecision;
    write: (ctx: { commandId: string; at: string }) => string;
    payload: Record<string, unknown>;
  } {
    const request = JSON.parse(row.request) as RefundRequestInput;
    if (amount !== undefined && amount > request.amount)
      throw new ApiError('INVALID_INPUT', [{ path: 'amount', message: 'may lower the request, not raise it' }]);
    if (!isRole(approver.role) || !hasAtLeast(approver.role, 'senior_agent')) throw new ApiError('FORBIDDEN');
    const asked = amount ?? request.amount;
    const { state, decision } = this.decide(null, row.accountId, approver.role, asked, row.id);
    if (decision.outcome === 'refused') throw policyRefusal(decision, describeRefundRule, locale);
    if (decision.outcome === 'needs_approval') throw new ApiError('FORBIDDEN', failedRuleIssues(decision, describeRefundRule, locale));
    const paymentId = uuidv7(this.deps.now().getTime());
    return {
      paymentId,
      amount: asked,
      decision,
      payload: { paymentId, accountId: state.accountId, request: { ...request, amount: asked }, currency: state.currency, approvalId: row.id },
      write: (ctx) => this.writeRefund(paymentId, state, asked, ctx, row.requestedBy, row.interactionId, row.id),
    };
  }
}

/** A refund decision in the shape the approvals inbox shows every decision in. */
export function refundAsDecisionView(d: RefundDecision, locale: Locale): DecisionView {
  return inboxDecisionView(
    d,
    { headline: refundHeadline(d, locale), describe: describeRefundRule, limitRule: 'refund_limit' },
    { kind: 'refund', maxAllowedNow: d.maxAllowedNow, effectiveAmount: d.amount },
    locale,
  );
}
