/**
 * Credits and discounts granted during a call: the live decision, the grant (or the approval
 * request it becomes), the reversal of a mistake, and the customer's ledger.
 *
 * Who may reverse (discounts.reverse): a senior agent or a supervisor, any entry of the verified
 * customer; an agent, only an entry they granted in THIS call (a mistake caught while the caller
 * is still on the line). Everything else is FORBIDDEN: reversing takes money back from a
 * customer, which is a decision above the agent who did not make the grant.
 */
import {
  ApiError,
  hasAtLeast,
  isRole,
  type AgentProfile,
  type CustomerLedger,
  type DecisionView,
  type DiscountRequestInput,
  type GrantResult,
  type PolicyCurrent,
  type PolicyReasonView,
  type ReverseResult,
} from '../../../core/api';
import { effectiveLimits, REASON_CODES, reasonLabel } from '../../../core/policy';
import type { CommandLog } from '../command-log';
import type { VerifiedCall } from '../open-call';
import type { DiscountDecisions } from './decisions';
import { creditGrantedAudit, decisionSummary } from './decisions';
import type { LedgerRow } from '../../store/ledger';
import { coreRequest } from './customer-facts';
import { decisionView, ledgerEntryView } from './views';
import { approvalQueries, type ApprovalQueries } from '../../store/approvals';
import { uuidv7 } from '../../store/ids';

/** Free text as the contract let it through (screened, trimmed): '' or absent is none. */
export function textOrNull(text: string | undefined): string | null {
  return text === undefined || text === '' ? null : text;
}

export class DiscountService {
  private readonly approvals: ApprovalQueries;

  constructor(
    private readonly core: DiscountDecisions,
    private readonly commands: CommandLog,
  ) {
    this.approvals = approvalQueries(core.client);
  }

  policyCurrent(actor: AgentProfile): PolicyCurrent {
    const role = actor.role;
    if (!isRole(role)) throw new ApiError('FORBIDDEN');
    const today = this.core.today();
    const policy = this.core.policies.current(today);
    const doc = policy.document;
    const reasons: PolicyReasonView[] = REASON_CODES.map((reason) => {
      const r = doc.reasons[reason];
      const basis = r.basis?.kind;
      return {
        reason,
        label: reasonLabel(reason, actor.locale),
        kinds: r.kinds,
        needs: basis === 'disputed_amount' ? 'disputedAmount' : basis === 'outage_pro_rata' ? 'outageDays' : basis === 'late_fee' ? 'lateFee' : null,
        limits: effectiveLimits(doc, reason, role),
      };
    });
    const limits = doc.roleLimits[role];
    const grantedToday = this.core.reader.grantedOn(actor.userId, today);
    return {
      version: policy.version,
      effectiveFrom: policy.effectiveFrom,
      currency: policy.currency,
      role,
      reasons,
      limits,
      grantedToday,
      remainingToday: Math.max(0, limits.perDayMax - grantedToday),
      today,
    };
  }

  /** The live decision: reads only, writes nothing. */
  evaluate(actor: AgentProfile, call: VerifiedCall, request: DiscountRequestInput): DecisionView {
    const d = this.core.decide(call.customerId, request, actor, actor.userId);
    return decisionView(d.decision, actor.locale);
  }

  /**
   * `resolving.disputeId`: the credit resolves that dispute (DisputesService.resolve) — the
   * 'credit.grant' names it, and the hub accepts the credit only with the dispute resolved by it.
   */
  grant(
    actor: AgentProfile,
    call: VerifiedCall,
    request: DiscountRequestInput,
    noteText: string | undefined,
    resolving?: { readonly disputeId: string },
  ): GrantResult {
    const note = textOrNull(noteText);
    // Decide and write in ONE transaction: the facts the decision read cannot change before the write.
    const result = this.core.client.transaction((): GrantResult => {
      const d = this.core.decide(call.customerId, request, actor, actor.userId);
      const { decision } = d;
      if (decision.outcome === 'refused') throw this.core.refusal(decision, actor.locale);
      const payloadBase = {
        customerId: call.customerId,
        accountId: d.target.account.id,
        request,
        coreRequest: coreRequest(request),
        decision: decisionSummary(decision),
      };

      if (decision.outcome === 'allowed') {
        const at = this.core.now().toISOString();
        const entries = this.core.plannedEntries(d, request, at);
        const receipt = this.commands.execute(
          {
            type: 'credit.grant',
            actorId: actor.userId,
            interactionId: call.id,
            payload: { ...payloadBase, entries, note, ...(resolving ? { disputeId: resolving.disputeId } : {}) },
            audit: creditGrantedAudit(entries, { reason: request.reason, decision: decisionSummary(decision), note }),
          },
          (ctx) => this.core.writeEntries(entries, ctx, actor.userId, call.id, note),
        );
        return { status: 'granted', ledgerEntryIds: receipt.result, commandId: receipt.commandId, decision: decisionView(decision, actor.locale) };
      }

      // needs_approval: the request waits for someone with enough authority.
      const approvalId = uuidv7(this.core.now().getTime());
      const approverRole = decision.approverRole!;
      this.commands.execute(
        {
          type: 'approval.request',
          actorId: actor.userId,
          interactionId: call.id,
          payload: { ...payloadBase, approvalId, approverRole, note },
          audit: {
            action: 'approval_requested',
            subject: `approval:${approvalId}`,
            after: { request, amount: decision.effectiveAmount, currency: decision.currency, approverRole, decision: decisionSummary(decision), note },
          },
        },
        (ctx) =>
          this.approvals.insert({
            id: approvalId,
            interactionId: call.id,
            customerId: call.customerId,
            accountId: d.target.account.id,
            requestedBy: actor.userId,
            requestedAt: ctx.at,
            request: JSON.stringify(request),
            decision: JSON.stringify(decision),
            approverRole,
            comment: null,
          }),
      );
      return { status: 'pending_approval', approvalId, approverRole, decision: decisionView(decision, actor.locale) };
    })();

    // Everyone who may decide it: a request for a senior agent reaches senior agents and supervisors.
    if (result.status === 'pending_approval')
      this.core.events.toRole(result.approverRole, { name: 'approval.requested', payload: { approvalId: result.approvalId } });
    return result;
  }

  reverse(actor: AgentProfile, call: VerifiedCall, ledgerEntryId: string, reasonText: string): ReverseResult {
    const reason = textOrNull(reasonText);
    if (reason === null) throw new ApiError('INVALID_INPUT', [{ path: 'reason', message: 'say why' }]);
    return this.core.client.transaction((): ReverseResult => {
      const entry = this.core.reader.ledgerEntry(ledgerEntryId);
      // Another customer's entry looks exactly like no entry.
      if (!entry || entry.customerId !== call.customerId) throw new ApiError('NOT_FOUND');
      if (entry.kind === 'reversal') throw new ApiError('CONFLICT', [{ path: 'ledgerEntryId', message: 'a reversal cannot be reversed' }]);
      if (this.core.reader.reversalOf(entry.id)) throw new ApiError('CONFLICT', [{ path: 'ledgerEntryId', message: 'already reversed' }]);
      if (!this.canReverse(actor, call, entry)) throw new ApiError('FORBIDDEN');
      const reversalId = uuidv7(this.core.now().getTime());
      const receipt = this.commands.execute(
        {
          type: 'credit.reverse',
          actorId: actor.userId,
          interactionId: call.id,
          payload: { reversalId, ledgerEntryId: entry.id, customerId: call.customerId, accountId: entry.accountId, reason },
          audit: {
            action: 'credit_reversed',
            subject: `ledger:${entry.id}`,
            before: { id: entry.id, kind: entry.kind, amount: entry.amount, currency: entry.currency, reason: entry.reasonCode, grantedBy: entry.actorId },
            after: { reversalId, amount: -entry.amount, reason },
          },
        },
        (ctx) => this.core.writeReversal({ id: reversalId, original: entry, reason }, ctx, actor.userId, call.id),
      );
      return { reversalId, reversedId: entry.id, commandId: receipt.commandId };
    })();
  }

  canReverse(actor: AgentProfile, call: VerifiedCall, entry: LedgerRow): boolean {
    if (entry.kind === 'reversal') return false;
    return hasAtLeast(actor.role, 'senior_agent') || (entry.actorId === actor.userId && entry.interactionId === call.id);
  }

  ledger(actor: AgentProfile, call: VerifiedCall): CustomerLedger {
    const rows = this.core.reader.ledgerOfCustomer(call.customerId);
    const reversals = new Map<string, LedgerRow>();
    for (const r of rows) if (r.kind === 'reversal' && r.reversesId) reversals.set(r.reversesId, r);
    const invoiceNumbers = new Map<string, string | null>();
    const invoiceNumber = (id: string | null) => {
      if (id === null) return null;
      if (!invoiceNumbers.has(id)) invoiceNumbers.set(id, this.core.reader.invoice(id)?.number ?? null);
      return invoiceNumbers.get(id)!;
    };
    const names = new Map<string, { id: string; name: string } | null>();
    const name = (id: string | null) => {
      if (id === null) return null;
      if (!names.has(id)) names.set(id, this.core.name(id));
      return names.get(id)!;
    };
    const entries = rows
      .filter((r) => r.kind !== 'reversal')
      .map((r) => ledgerEntryView(r, reversals.get(r.id), name, invoiceNumber(r.invoiceId), this.canReverse(actor, call, r), actor.locale));
    const history = this.core.reader.history(call.customerId, this.core.today());
    const policy = this.core.policies.current(this.core.today());
    return { currency: policy.currency, entries, activeTotal12Months: history.reduce((s, h) => s + h.amount, 0) };
  }
}
