/**
 * What a desk wrote on its own before the hub decided. A command the hub rejects must leave no
 * trace in the synced tables (the customer's bill never shows a credit the hub did not accept):
 * its rows are taken back here, in one transaction with an audit entry that names them, so the
 * desk's ledger reconciliation knows the entries it recorded were withdrawn, not lost.
 *
 * Rows the hub already sent (sync_versions) are the hub's and stay. What the command changed in a
 * row the hub owns (an approval's status, a subscription's plan) is put back as it was before the
 * desk changed it; if the hub changed that row since, its newer version arrives with the next pull.
 */
import type Database from 'better-sqlite3';
import type { CommandLog } from '../services/command-log';

export interface RejectedCommand {
  readonly id: string;
  readonly type: string;
  readonly actorId: string;
  readonly interactionId: string | null;
  readonly payload: unknown;
}

export interface Withdrawn {
  readonly ledgerEntryIds: readonly string[];
  readonly approvalIds: readonly string[];
  readonly subscriptionChangeIds: readonly string[];
  /** Customer outcomes (a cancellation, a plan change's downgrade) the hub refused. */
  readonly outcomeIds: readonly string[];
}

const NOTHING: Withdrawn = { ledgerEntryIds: [], approvalIds: [], subscriptionChangeIds: [], outcomeIds: [] };

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

export class ProvisionalRows {
  private readonly sql;

  constructor(
    private readonly client: Database.Database,
    private readonly commands: CommandLog,
  ) {
    const c = client;
    const notFromHub = (table: string, pk: string) => `NOT EXISTS (SELECT 1 FROM sync_versions v WHERE v.tbl = '${table}' AND v.pk = ${pk})`;
    this.sql = {
      ledgerOf: c.prepare<[string], { id: string }>(
        `SELECT id FROM ledger_entries l WHERE command_id = ? AND ${notFromHub('ledger_entries', 'l.id')} ORDER BY id`,
      ),
      // The ledger's append-only trigger lets exactly these rows go: a rejected command's own.
      deleteLedger: c.prepare(`DELETE FROM ledger_entries WHERE id = ?`),
      approvalHeld: c.prepare<[string], { id: string; status: string; fromHub: number }>(
        `SELECT id, status, EXISTS (SELECT 1 FROM sync_versions v WHERE v.tbl = 'approval_requests' AND v.pk = a.id) AS fromHub FROM approval_requests a WHERE id = ?`,
      ),
      deleteApproval: c.prepare(`DELETE FROM approval_requests WHERE id = ?`),
      reopenApproval: c.prepare(
        `UPDATE approval_requests SET status = 'pending', decided_by = NULL, decided_at = NULL, approved_amount = NULL, comment = NULL, applied_command_id = NULL WHERE id = ?`,
      ),
      paymentsOf: c.prepare<[string], { id: string }>(`SELECT id FROM payments p WHERE command_id = ? AND ${notFromHub('payments', 'p.id')} ORDER BY id`),
      deletePayment: c.prepare(`DELETE FROM payments WHERE id = ?`),
      outcomeHeld: c.prepare<[string], { id: string }>(`SELECT id FROM customer_outcomes o WHERE id = ? AND ${notFromHub('customer_outcomes', 'o.id')}`),
      deleteOutcome: c.prepare(`DELETE FROM customer_outcomes WHERE id = ?`),
      changesOf: c.prepare<[string], { id: string }>(
        `SELECT id FROM subscription_changes s WHERE command_id = ? AND ${notFromHub('subscription_changes', 's.id')} ORDER BY id`,
      ),
      deleteChange: c.prepare(`DELETE FROM subscription_changes WHERE id = ?`),
      restorePlan: c.prepare(`UPDATE subscriptions SET plan_code = ? WHERE id = ?`),
    };
  }

  /** Takes back what a rejected command wrote; idempotent (a second call finds nothing). */
  withdraw(command: RejectedCommand, reasons: readonly string[]): Withdrawn {
    const p = (command.payload ?? {}) as Record<string, unknown>;
    return this.client.transaction((): Withdrawn => {
      const ledgerEntryIds: string[] = [];
      const approvalIds: string[] = [];
      const subscriptionChangeIds: string[] = [];
      const outcomeIds: string[] = [];
      if (command.type === 'credit.grant' || command.type === 'credit.reverse') {
        for (const { id } of this.sql.ledgerOf.all(command.id)) {
          this.sql.deleteLedger.run(id);
          ledgerEntryIds.push(id);
        }
      }
      if (command.type === 'refund.pay') {
        // A refund the hub refused was never paid: its row goes (listed with the ledger's, the money the desk took back).
        for (const { id } of this.sql.paymentsOf.all(command.id)) {
          this.sql.deletePayment.run(id);
          ledgerEntryIds.push(id);
        }
      }
      const approvalId = str(p['approvalId']);
      if (approvalId) {
        const held = this.sql.approvalHeld.get(approvalId);
        if (held && (command.type === 'approval.request' || command.type === 'refund.request') && !held.fromHub) {
          this.sql.deleteApproval.run(approvalId);
          approvalIds.push(approvalId);
        } else if (
          held &&
          (command.type === 'approval.decide' || command.type === 'credit.grant' || command.type === 'refund.pay') &&
          held.status !== 'pending'
        ) {
          this.sql.reopenApproval.run(approvalId);
          approvalIds.push(approvalId);
        }
      }
      if (command.type === 'plan.change') {
        for (const { id } of this.sql.changesOf.all(command.id)) {
          this.sql.deleteChange.run(id);
          subscriptionChangeIds.push(id);
        }
        const before = str(p['planCodeBefore']);
        const subscriptionId = str(p['subscriptionId']);
        if (before && subscriptionId && subscriptionChangeIds.length > 0) this.sql.restorePlan.run(before, subscriptionId);
      }
      // A cancellation, or a plan change's downgrade: the outcome row the command wrote (never one the hub sent).
      const downgrade = p['downgrade'] as Record<string, unknown> | undefined;
      const outcomeId = command.type === 'outcome.cancel' ? str(p['outcomeId']) : command.type === 'plan.change' ? str(downgrade?.['outcomeId']) : null;
      if (outcomeId && this.sql.outcomeHeld.get(outcomeId)) {
        this.sql.deleteOutcome.run(outcomeId);
        outcomeIds.push(outcomeId);
      }
      if (ledgerEntryIds.length + approvalIds.length + subscriptionChangeIds.length + outcomeIds.length === 0) return NOTHING;
      this.commands.record({
        actorId: command.actorId,
        interactionId: command.interactionId,
        action: 'provisional_withdrawn',
        subject: `command:${command.id}`,
        after: { commandId: command.id, type: command.type, ledgerEntryIds, approvalIds, subscriptionChangeIds, outcomeIds, reasons },
      });
      return { ledgerEntryIds, approvalIds, subscriptionChangeIds, outcomeIds };
    })();
  }
}
