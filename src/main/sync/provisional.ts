/**
 * What a desk wrote on its own before the hub decided. A command the hub rejects must leave no
 * trace in the synced tables (the customer's bill never shows a credit the hub did not accept):
 * its rows are taken back here, in one transaction with an audit entry that names them, so the
 * desk's ledger reconciliation knows the entries it recorded were withdrawn, not lost.
 *
 * Rows the hub already sent (sync_versions) are the hub's and stay. What the command changed in a
 * row the hub owns (an approval's status, a subscription's plan, a dispute's resolution) is put
 * back as it was before the desk changed it; if the hub changed that row since, its newer version
 * arrives with the next pull.
 *
 *   dispute.open       the dispute goes, so its amount is no longer held off the overdue rule
 *   dispute.resolve    the dispute is open again (holding its amount) — only while the row is
 *                      still this command's resolution: a resolution the hub already sent stays
 *   paymentPlan.agree  the plan and its instalments go
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
  /** Disputes removed (dispute.open) or opened again (dispute.resolve). */
  readonly disputeIds: readonly string[];
  /** Payment plans removed, with their instalments (`instalmentIds`). */
  readonly paymentPlanIds: readonly string[];
  readonly instalmentIds: readonly string[];
  /** Customer outcomes (a cancellation, a plan change's downgrade) the hub refused. */
  readonly outcomeIds: readonly string[];
}

const NOTHING: Withdrawn = {
  ledgerEntryIds: [],
  approvalIds: [],
  subscriptionChangeIds: [],
  disputeIds: [],
  paymentPlanIds: [],
  instalmentIds: [],
  outcomeIds: [],
};

/** Whether anything was taken back. */
export function withdrewAnything(w: Withdrawn): boolean {
  return Object.values(w).some((ids: readonly string[]) => ids.length > 0);
}

/** Deletes each row `rows` lists for `key` (a command's, a plan's), naming it in `taken`. */
function takeBack(rows: Database.Statement<[string], { id: string }>, remove: Database.Statement, key: string, taken: string[]): void {
  for (const { id } of rows.all(key)) {
    remove.run(id);
    taken.push(id);
  }
}

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
      disputesOf: c.prepare<[string], { id: string }>(`SELECT id FROM disputes d WHERE command_id = ? AND ${notFromHub('disputes', 'd.id')} ORDER BY id`),
      deleteDispute: c.prepare(`DELETE FROM disputes WHERE id = ?`),
      // Only while the row is this command's resolution (the hub's own version of it stays).
      reopenDispute: c.prepare(
        `UPDATE disputes SET status = 'open', resolved_by = NULL, resolved_at = NULL, credited_amount = NULL, credit_entry_id = NULL,
                rejection_reason = NULL, resolve_command_id = NULL
          WHERE id = ? AND resolve_command_id = ? AND status <> 'open'`,
      ),
      plansOf: c.prepare<[string], { id: string }>(
        `SELECT id FROM payment_plans p WHERE command_id = ? AND ${notFromHub('payment_plans', 'p.id')} ORDER BY id`,
      ),
      instalmentsOf: c.prepare<[string], { id: string }>(`SELECT id FROM payment_plan_instalments WHERE plan_id = ? ORDER BY seq`),
      deleteInstalment: c.prepare(`DELETE FROM payment_plan_instalments WHERE id = ?`),
      deletePlan: c.prepare(`DELETE FROM payment_plans WHERE id = ?`),
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
        takeBack(this.sql.ledgerOf, this.sql.deleteLedger, command.id, ledgerEntryIds);
      }
      if (command.type === 'refund.pay') {
        // A refund the hub refused was never paid: its row goes (listed with the ledger's, the money the desk took back).
        takeBack(this.sql.paymentsOf, this.sql.deletePayment, command.id, ledgerEntryIds);
      }
      const approvalId = str(p['approvalId']);
      if (approvalId) {
        const held = this.sql.approvalHeld.get(approvalId);
        if (held && (command.type === 'approval.request' || command.type === 'refund.request' || command.type === 'paymentPlan.request') && !held.fromHub) {
          this.sql.deleteApproval.run(approvalId);
          approvalIds.push(approvalId);
        } else if (
          held &&
          (command.type === 'approval.decide' || command.type === 'credit.grant' || command.type === 'refund.pay' || command.type === 'paymentPlan.agree') &&
          held.status !== 'pending'
        ) {
          this.sql.reopenApproval.run(approvalId);
          approvalIds.push(approvalId);
        }
      }
      if (command.type === 'plan.change') {
        takeBack(this.sql.changesOf, this.sql.deleteChange, command.id, subscriptionChangeIds);
        const before = str(p['planCodeBefore']);
        const subscriptionId = str(p['subscriptionId']);
        if (before && subscriptionId && subscriptionChangeIds.length > 0) this.sql.restorePlan.run(before, subscriptionId);
      }
      const disputeIds: string[] = [];
      if (command.type === 'dispute.open') {
        takeBack(this.sql.disputesOf, this.sql.deleteDispute, command.id, disputeIds);
      }
      if (command.type === 'dispute.resolve') {
        const disputeId = str(p['disputeId']);
        if (disputeId && this.sql.reopenDispute.run(disputeId, command.id).changes === 1) disputeIds.push(disputeId);
      }
      const paymentPlanIds: string[] = [];
      const instalmentIds: string[] = [];
      if (command.type === 'paymentPlan.agree') {
        for (const { id } of this.sql.plansOf.all(command.id)) {
          takeBack(this.sql.instalmentsOf, this.sql.deleteInstalment, id, instalmentIds);
          this.sql.deletePlan.run(id);
          paymentPlanIds.push(id);
        }
      }
      // A cancellation, or a plan change's downgrade: the outcome row the command wrote (never one the hub sent).
      const downgrade = p['downgrade'] as Record<string, unknown> | undefined;
      const outcomeId = command.type === 'outcome.cancel' ? str(p['outcomeId']) : command.type === 'plan.change' ? str(downgrade?.['outcomeId']) : null;
      if (outcomeId && this.sql.outcomeHeld.get(outcomeId)) {
        this.sql.deleteOutcome.run(outcomeId);
        outcomeIds.push(outcomeId);
      }
      const withdrawn: Withdrawn = { ledgerEntryIds, approvalIds, subscriptionChangeIds, disputeIds, paymentPlanIds, instalmentIds, outcomeIds };
      if (!withdrewAnything(withdrawn)) return NOTHING;
      this.commands.record({
        actorId: command.actorId,
        interactionId: command.interactionId,
        action: 'provisional_withdrawn',
        subject: `command:${command.id}`,
        after: { commandId: command.id, type: command.type, ...withdrawn, reasons },
      });
      return withdrawn;
    })();
  }
}
