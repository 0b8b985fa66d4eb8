/**
 * The supervisor's view of the audit trail: one interaction's entries (with who did each, by
 * name) and the status of the whole hash chain, re-verified from the store on every call — the
 * chain is how tampering with the database file is noticed, so it is never cached.
 */
import type Database from 'better-sqlite3';
import { ApiError, type AuditChainProblem, type AuditEntryView, type AuditVerifyReport, type InteractionAudit, type InteractionSummary } from '../../core/api';
import { auditLogQueries } from '../store/audit-log';
import { interactionQueries } from '../store/interactions';
import { ledgerQueries } from '../store/ledger';
import { userQueries } from '../store/users';
import { prepareStores } from '../store/prepared';
import type { AuditTrail } from './audit-trail';
import { reconcileLedger } from './ledger-reconciliation';
import type { InteractionService } from './interactions';

export interface AuditViewDeps {
  readonly client: Database.Database;
  readonly audit: AuditTrail;
  readonly interactions: InteractionService;
  readonly now: () => Date;
  /** The head of this log the hub last acknowledged (null: standalone, or never synced). */
  readonly hubAuditHead?: () => { seq: number; hash: string } | null;
}

export const DEFAULT_AUDIT_LIST_LIMIT = 50;

export class AuditViewService {
  private readonly store;

  constructor(private readonly deps: AuditViewDeps) {
    this.store = prepareStores(deps.client, { users: userQueries, log: auditLogQueries, interactions: interactionQueries, ledger: ledgerQueries });
  }

  interaction(interactionId: string): InteractionAudit {
    const interaction = this.deps.interactions.summaryById(interactionId);
    if (!interaction) throw new ApiError('NOT_FOUND');
    const names = new Map(this.store.users.displayNames().map((u) => [u.id, u.displayName]));
    const entries: AuditEntryView[] = this.deps.audit.entriesOfInteraction(interactionId).map((e) => ({
      seq: e.seq,
      entryId: e.id,
      at: e.at,
      actorId: e.actorId,
      actorName: e.actorId === null ? null : (names.get(e.actorId) ?? null),
      action: e.action,
      subject: e.subject,
      before: e.before,
      after: e.after,
      hash: e.hash,
    }));
    const chain = this.verify();
    const seqs = new Set(entries.map((e) => e.seq));
    return { interaction, entries, chain, problemsInThisInteraction: chain.problems.filter((p) => seqs.has(p.seq)) };
  }

  verify(): AuditVerifyReport {
    const checkedAt = this.deps.now().toISOString();
    // One read transaction: the log, its count and the ledger as of one moment.
    const report = this.deps.client.transaction(() => ({
      chain: this.deps.audit.verify(),
      n: this.store.log.count(),
      ledger: reconcileLedger(this.store.ledger, this.deps.audit),
    }))();
    const problems: AuditChainProblem[] = report.chain.problems.map((p) => ({ seq: p.seq, kind: p.kind, message: p.message }));
    const anchor = report.chain.anchor;
    // An anchor that is missing while the log is empty is a fresh store, not a problem.
    if (anchor.status !== 'ok' && report.n > 0) problems.unshift({ seq: 0, kind: 'anchor', message: anchor.message });
    const acknowledged = this.deps.hubAuditHead?.() ?? null;
    if (acknowledged && acknowledged.seq > 0) {
      const held = this.store.log.hashAt(acknowledged.seq);
      if (held === undefined)
        problems.unshift({
          seq: acknowledged.seq,
          kind: 'hub_head',
          message: `the hub acknowledged audit entry ${acknowledged.seq} of this desk, which the log no longer holds: it was cut short`,
        });
      else if (held !== acknowledged.hash)
        problems.unshift({
          seq: acknowledged.seq,
          kind: 'hub_head',
          message: `audit entry ${acknowledged.seq} is not the one the hub acknowledged: the log was rewritten`,
        });
    }
    for (const p of report.ledger.problems)
      problems.push({ seq: p.seq ?? 0, kind: 'ledger', message: p.message, ...(p.ledgerEntryId ? { ledgerEntryId: p.ledgerEntryId } : {}) });
    return {
      ok: problems.length === 0,
      entriesChecked: report.n,
      ledgerEntriesChecked: report.ledger.checked,
      legacyUnsealed: report.chain.legacyUnsealed,
      head: report.chain.head,
      problems,
      checkedAt,
    };
  }

  recent(filter: { customerId?: string | undefined; agentId?: string | undefined; limit?: number | undefined }): InteractionSummary[] {
    const rows = this.store.interactions.recent({
      customerId: filter.customerId ?? null,
      agentId: filter.agentId ?? null,
      limit: filter.limit ?? DEFAULT_AUDIT_LIST_LIMIT,
    });
    return this.deps.interactions.summaries(rows);
  }
}
