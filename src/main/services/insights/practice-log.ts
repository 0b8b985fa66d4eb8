/**
 * What an agent did on a call that changes nothing — opened a bill and its explanation, compared
 * two bills, quoted a plan change — recorded in the audit trail once per call (audit only, like
 * 'view_full_account'), so the insights can tell practices apart (main/store/practices.ts).
 */
import type Database from 'better-sqlite3';
import type { AuditAction } from '../../../core/audit';
import type { CommandLog } from '../command-log';

export type PracticeAction = Extract<AuditAction, 'bill_explained' | 'bills_compared' | 'plan_quoted'>;

export class PracticeLog {
  private readonly seen: Database.Statement<[string, string], { one: 1 }>;

  constructor(
    private readonly client: Database.Database,
    private readonly commands: CommandLog,
  ) {
    this.seen = client.prepare('SELECT 1 AS one FROM audit_log WHERE interaction_id = ? AND action = ? LIMIT 1');
  }

  /** Records `action` on this call unless it already was (check and write in one transaction). */
  once(action: PracticeAction, call: { readonly id: string; readonly customerId: string }, actorId: string): void {
    this.client.transaction(() => {
      if (this.seen.get(call.id, action)) return;
      this.commands.record({ actorId, interactionId: call.id, action, subject: `customer:${call.customerId}` });
    })();
  }
}
