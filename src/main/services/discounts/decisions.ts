/**
 * What granting and approving share: deciding a request in main (facts from the store, the actor
 * from the session, the policy in force) and writing the ledger entries of a decision that allows
 * it. What a decision writes is core's rule (core/policy/grant.ts); the entries are immutable
 * (triggers refuse UPDATE and DELETE on ledger_entries). effective_on is the day of the grant (a
 * one-off lands on that cycle's invoice).
 * actor_id is the agent on whose day it counts: the requesting agent, also when a supervisor
 * approved it (the approver is in the approval row, the command and the audit trail).
 */
import type Database from 'better-sqlite3';
import { ApiError, isRole, type DiscountRequestInput, type Locale, type StaffRole } from '../../../core/api';
import { decide, plannedEntries, type CompiledPolicy, type Decision, type PlannedEntry } from '../../../core/policy';
import type { CommandSpec } from '../command-log';
import type { EventPublisher } from '../events';
import { uuidv7 } from '../../store/ids';
import { exposureQueries } from '../../store/experiment-exposures';
import { ledgerQueries } from '../../store/ledger';
import { userQueries, type UserNameRow } from '../../store/users';
import { prepareStores } from '../../store/prepared';
import { coreRequest, CustomerFactsReader, type Target } from './customer-facts';

export type { PlannedEntry } from '../../../core/policy';
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
  private readonly store;

  constructor(
    readonly client: Database.Database,
    readonly events: EventPublisher,
    readonly now: () => Date,
  ) {
    this.reader = new CustomerFactsReader(client);
    this.policies = new PolicyStore(client);
    this.store = prepareStores(client, { ledger: ledgerQueries, users: userQueries, exposures: exposureQueries });
  }

  /** Today, the UTC day every limit and window is counted on. */
  today(): string {
    return this.now().toISOString().slice(0, 10);
  }

  name(userId: string | null): UserNameRow | null {
    return userId ? (this.store.users.name(userId) ?? null) : null;
  }

  /**
   * Decides `request` for `actor` on the verified customer. `dayOf` is whose daily total the
   * decision counts on (the actor's for a grant; the requester's for an approval).
   */
  decide(customerId: string, request: DiscountRequestInput, actor: { userId: string; role: StaffRole }, dayOf: string): Decided {
    // A manager is beside the authority ladder: no limits, no decisions (the guards stop them first).
    const role = actor.role;
    if (!isRole(role)) throw new ApiError('FORBIDDEN');
    const today = this.today();
    const policy = this.policies.current(today);
    const target = this.reader.target(customerId, request);
    const facts = this.reader.facts(target, request, dayOf, today);
    const decision = decide(policy, { userId: actor.userId, role }, facts, coreRequest(request), today);
    return { policy, target, decision };
  }

  refusal(d: Decision, locale: Locale): ApiError {
    return new ApiError('POLICY_REFUSED', failedIssues(d, locale));
  }

  /** What a decided request writes, minted before the command so the audit can name it. */
  plannedEntries(d: Decided, request: DiscountRequestInput, at: string): PlannedEntry[] {
    const latest = this.reader.recentInvoices(d.target.account.id, 1)[0];
    return plannedEntries(d.decision, request, {
      id: uuidv7(Date.parse(at)),
      accountId: d.target.account.id,
      currency: d.policy.currency,
      invoiceId: d.target.invoice?.id ?? null,
      latestCycleStart: latest?.cycleStart ?? null,
      today: this.today(),
    });
  }

  /** Writes planned entries; call inside a command's effect (same transaction as outbox and audit). */
  writeEntries(
    entries: readonly PlannedEntry[],
    ctx: { commandId: string; at: string },
    actorId: string,
    interactionId: string,
    note: string | null,
  ): string[] {
    for (const e of entries) {
      this.store.ledger.insert({
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
    // The offer of an experiment of this reason was made on the call (its exposure says so).
    const reasons = new Set(entries.map((e) => e.reasonCode));
    const experiments = (this.policies.current(this.today()).document.experiments ?? []).filter((x) => reasons.has(x.reason)).map((x) => x.id);
    this.store.exposures.markOffered(interactionId, experiments);
    return entries.map((e) => e.id);
  }

  writeReversal(
    r: { id: string; original: { id: string; accountId: string; amount: number; currency: string; reasonCode: string }; reason: string },
    ctx: { commandId: string; at: string },
    actorId: string,
    interactionId: string,
  ): void {
    this.store.ledger.insert({
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

/**
 * The audit entry of a credit grant (granted at once or on approval): the ledger entries it
 * writes, then what the grant adds (reason, decision, note or approval).
 */
export function creditGrantedAudit(entries: readonly PlannedEntry[], after: Record<string, unknown>): CommandSpec['audit'] {
  return {
    action: 'credit_granted',
    subject: `ledger:${entries[0]!.id}`,
    after: {
      entries: entries.map((e) => ({
        id: e.id,
        kind: e.kind,
        amount: e.amount,
        currency: e.currency,
        reason: e.reasonCode,
        invoiceId: e.invoiceId,
        terms: e.terms,
      })),
      ...after,
    },
  };
}
