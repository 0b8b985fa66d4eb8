/**
 * What granting and approving share: deciding a request in main (facts from the store, the actor
 * from the session, the policy in force) and writing the ledger entries of a decision that allows
 * it. The entries are immutable (triggers refuse UPDATE and DELETE on ledger_entries):
 *
 *   one_off_credit       kind 'credit', amount; invoice_id = the invoice for target 'invoice'
 *   recurring_discount   kind 'recurring_discount', amount = total over all cycles, terms
 *                        { cycles, startCycle, amountPerCycle, percentBp? } — a percentage is turned
 *                        into amountPerCycle once, from the monthly bill the decision used, so the
 *                        customer gets what was decided and the caps counted exactly that
 *   fee_waiver           kind 'fee_waiver', amount; invoice_id = the invoice that carried the fee
 *
 * effective_on is the day of the grant (a one-off lands on that cycle's invoice); a recurring
 * discount starts on the first cycle not yet invoiced (the current month, or the month after the
 * latest invoice if that is later) and is on exactly `cycles` invoices (core/billing/credits.ts).
 * actor_id is the agent on whose day it counts: the requesting agent, also when a supervisor
 * approved it (the approver is in the approval row, the command and the audit trail).
 */
import type Database from 'better-sqlite3';
import { ApiError, type DiscountRequestInput, type Locale, type Role } from '../../../core/api';
import { addMonths } from '../../../core/billing/credits';
import { decide, type CompiledPolicy, type Decision } from '../../../core/policy';
import type { EventPublisher } from '../events';
import { uuidv7 } from '../../store/ids';
import { ledgerQueries, type LedgerQueries } from '../../store/ledger';
import { userQueries, type UserNameRow, type UserQueries } from '../../store/users';
import { coreRequest, CustomerFactsReader, type Target } from './customer-facts';
import { PolicyStore } from './policy-store';
import { failedIssues } from './views';

export interface Decided {
  readonly policy: CompiledPolicy;
  readonly target: Target;
  readonly decision: Decision;
}

export class DiscountDecisions {
  readonly reader: CustomerFactsReader;
  readonly policies: PolicyStore;
  private readonly ledger: LedgerQueries;
  private readonly users: UserQueries;

  constructor(
    readonly client: Database.Database,
    readonly events: EventPublisher,
    readonly now: () => Date,
  ) {
    this.reader = new CustomerFactsReader(client);
    this.policies = new PolicyStore(client);
    this.ledger = ledgerQueries(client);
    this.users = userQueries(client);
  }

  /** Today, the UTC day every limit and window is counted on. */
  today(): string {
    return this.now().toISOString().slice(0, 10);
  }

  name(userId: string | null): UserNameRow | null {
    return userId ? (this.users.name(userId) ?? null) : null;
  }

  /**
   * Decides `request` for `actor` on the verified customer. `dayOf` is whose daily total the
   * decision counts on (the actor's for a grant; the requester's for an approval).
   */
  decide(customerId: string, request: DiscountRequestInput, actor: { userId: string; role: Role }, dayOf: string): Decided {
    const today = this.today();
    const policy = this.policies.current(today);
    const target = this.reader.target(customerId, request);
    const facts = this.reader.facts(target, request, dayOf, today);
    const decision = decide(policy, { userId: actor.userId, role: actor.role }, facts, coreRequest(request), today);
    return { policy, target, decision };
  }

  refusal(d: Decision, locale: Locale): ApiError {
    return new ApiError('POLICY_REFUSED', failedIssues(d, locale));
  }

  /** The first billing cycle not yet invoiced for the account: where a recurring discount starts. */
  startCycle(accountId: string): string {
    const current = this.today().slice(0, 7);
    const latest = this.reader.recentInvoices(accountId, 1)[0];
    const afterLatest = latest ? addMonths(latest.cycleStart.slice(0, 7), 1) : current;
    return afterLatest > current ? afterLatest : current;
  }

  /** What a decided request writes, minted before the command so the audit can name it. */
  plannedEntries(d: Decided, request: DiscountRequestInput, at: string): PlannedEntry[] {
    const base = { id: uuidv7(Date.parse(at)), accountId: d.target.account.id, currency: d.policy.currency, reasonCode: request.reason };
    switch (request.kind) {
      case 'one_off_credit':
        return [{ ...base, kind: 'credit', amount: request.amount, invoiceId: request.target === 'invoice' ? (d.target.invoice?.id ?? null) : null, terms: null }];
      case 'fee_waiver':
        return [{ ...base, kind: 'fee_waiver', amount: request.amount, invoiceId: d.target.invoice?.id ?? null, terms: null }];
      case 'recurring_discount': {
        const amountPerCycle = d.decision.perCycleAmount ?? (request.form === 'amount' ? request.amountPerCycle : 0);
        const terms = { cycles: request.cycles, startCycle: this.startCycle(d.target.account.id), amountPerCycle, ...(request.form === 'percent' ? { percentBp: request.percentBp } : {}) };
        return [{ ...base, kind: 'recurring_discount', amount: amountPerCycle * request.cycles, invoiceId: null, terms }];
      }
    }
  }

  /** Writes planned entries; call inside a command's effect (same transaction as outbox and audit). */
  writeEntries(entries: readonly PlannedEntry[], ctx: { commandId: string; at: string }, actorId: string, interactionId: string, note: string | null): string[] {
    for (const e of entries) {
      this.ledger.insert({
        id: e.id,
        accountId: e.accountId,
        kind: e.kind,
        amount: e.amount,
        currency: e.currency,
        reasonCode: e.reasonCode,
        invoiceId: e.invoiceId,
        reversesId: null,
        terms: e.terms ? JSON.stringify(e.terms) : null,
        effectiveOn: ctx.at.slice(0, 10),
        createdAt: ctx.at,
        actorId,
        interactionId,
        commandId: ctx.commandId,
        note,
      });
    }
    return entries.map((e) => e.id);
  }

  writeReversal(r: { id: string; original: { id: string; accountId: string; amount: number; currency: string; reasonCode: string }; reason: string }, ctx: { commandId: string; at: string }, actorId: string, interactionId: string): void {
    this.ledger.insert({
      id: r.id,
      accountId: r.original.accountId,
      kind: 'reversal',
      amount: -r.original.amount,
      currency: r.original.currency,
      reasonCode: r.original.reasonCode,
      invoiceId: null,
      reversesId: r.original.id,
      terms: null,
      effectiveOn: ctx.at.slice(0, 10),
      createdAt: ctx.at,
      actorId,
      interactionId,
      commandId: ctx.commandId,
      note: r.reason,
    });
  }
}

export interface PlannedEntry {
  readonly id: string;
  readonly accountId: string;
  readonly kind: 'credit' | 'recurring_discount' | 'fee_waiver';
  readonly amount: number;
  readonly currency: string;
  readonly reasonCode: string;
  readonly invoiceId: string | null;
  readonly terms: { cycles: number; startCycle: string; amountPerCycle: number; percentBp?: number } | null;
}

/** A short summary of a decision for payloads and audit entries (data, no sentences). */
export function decisionSummary(d: Decision): Record<string, unknown> {
  return {
    outcome: d.outcome,
    policyVersion: d.policyVersion,
    effectiveAmount: d.effectiveAmount,
    maxAllowedNow: d.maxAllowedNow,
    ...(d.approverRole ? { approverRole: d.approverRole } : {}),
    failed: d.rules.filter((r) => !r.passed).map((r) => r.rule),
  };
}
