/** Queries of `approval_requests`: credits over an agent's limit, and a supervisor's answer. */
import type Database from 'better-sqlite3';
import type { Role } from '../../core/api';
import type { Row } from './rows';
import type { approvalRequests } from './schema';

/**
 * A whole request; `request` and `decision` are JSON text. `approver_role` is text in the
 * store, always written from a policy decision's approver role (a Role).
 */
export type ApprovalRow = Omit<Row<typeof approvalRequests>, 'approverRole'> & { approverRole: Role };
export type NewApprovalRow = Pick<
  ApprovalRow,
  'id' | 'interactionId' | 'customerId' | 'accountId' | 'requestedBy' | 'requestedAt' | 'request' | 'decision' | 'approverRole' | 'comment'
>;

const COLUMNS = `id, interaction_id AS interactionId, customer_id AS customerId, account_id AS accountId, requested_by AS requestedBy,
  requested_at AS requestedAt, request, decision, approver_role AS approverRole, status, decided_by AS decidedBy, decided_at AS decidedAt,
  approved_amount AS approvedAmount, comment, applied_command_id AS appliedCommandId`;

export function approvalQueries(db: Database.Database) {
  const byId = db.prepare<[string], ApprovalRow>(`SELECT ${COLUMNS} FROM approval_requests WHERE id = ?`);
  const pending = db.prepare<[], ApprovalRow>(`SELECT ${COLUMNS} FROM approval_requests WHERE status = 'pending' ORDER BY requested_at, id`);
  const ofInteraction = db.prepare<[string], ApprovalRow>(
    `SELECT ${COLUMNS} FROM approval_requests WHERE interaction_id = ? ORDER BY requested_at DESC, id DESC`,
  );
  const insert = db.prepare<[string, string, string, string, string, string, string, string, string, string | null]>(
    `INSERT INTO approval_requests (id, interaction_id, customer_id, account_id, requested_by, requested_at, request, decision, approver_role, status, comment)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)`,
  );
  const setApplied = db.prepare<[string, string, number | null, string | null, string, string]>(
    `UPDATE approval_requests SET status = 'applied', decided_by = ?, decided_at = ?, approved_amount = ?, comment = ?, applied_command_id = ? WHERE id = ? AND status = 'pending'`,
  );
  const pendingPlans = db
    .prepare<[string, string], number>(
      `SELECT count(*) FROM approval_requests WHERE account_id = ? AND status = 'pending' AND json_extract(request, '$.kind') = 'payment_plan' AND id <> ?`,
    )
    .pluck();
  const setRefused = db.prepare<[string, string, string | null, string]>(
    `UPDATE approval_requests SET status = 'refused', decided_by = ?, decided_at = ?, comment = ? WHERE id = ? AND status = 'pending'`,
  );
  return {
    byId: (id: ApprovalRow['id']): ApprovalRow | undefined => byId.get(id),
    /** Requests waiting for a decision, oldest first. */
    pending: (): ApprovalRow[] => pending.all(),
    /** A call's requests, newest first. */
    ofInteraction: (interactionId: ApprovalRow['interactionId']): ApprovalRow[] => ofInteraction.all(interactionId),
    /** Payment plans of the account waiting for approval, but for `excluding` (the one being decided). */
    pendingPlansOf: (accountId: string, excluding: string | null = null): number => pendingPlans.get(accountId, excluding ?? '') ?? 0,
    /** A new request, pending. */
    insert: (row: NewApprovalRow): void => {
      insert.run(
        row.id,
        row.interactionId,
        row.customerId,
        row.accountId,
        row.requestedBy,
        row.requestedAt,
        row.request,
        row.decision,
        row.approverRole,
        row.comment,
      );
    },
    /** A pending request approved and applied; the number of rows changed (0: it was not pending). */
    setApplied: (
      id: ApprovalRow['id'],
      d: { decidedBy: string; decidedAt: string; approvedAmount: number | null; comment: string | null; appliedCommandId: string },
    ): number => setApplied.run(d.decidedBy, d.decidedAt, d.approvedAmount, d.comment, d.appliedCommandId, id).changes,
    /** A pending request refused; the number of rows changed (0: it was not pending). */
    setRefused: (id: ApprovalRow['id'], d: { decidedBy: string; decidedAt: string; comment: string | null }): number =>
      setRefused.run(d.decidedBy, d.decidedAt, d.comment, id).changes,
  };
}

export type ApprovalQueries = ReturnType<typeof approvalQueries>;
