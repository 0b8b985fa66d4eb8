/**
 * Queries of receivables: an account's invoices and payments as the allocation needs them, the
 * one-off credits not billed yet, refund approvals waiting, and the refund row a command writes.
 */
import type Database from 'better-sqlite3';
import type { InvoiceRow } from './invoices';
import type { Row } from './rows';
import type { approvalRequests, payments } from './schema';

export type PaymentFullRow = Row<typeof payments>;

export type ReceivableInvoiceRow = Pick<InvoiceRow, 'id' | 'number' | 'issuedOn' | 'dueOn' | 'cycleEnd' | 'total' | 'previousBalance' | 'amountDue'>;

export type ReceivablePaymentRow = Pick<
  PaymentFullRow,
  'id' | 'invoiceId' | 'amount' | 'currency' | 'receivedOn' | 'method' | 'status' | 'cardLast4' | 'returnedAmount' | 'statusReason' | 'statusOn' | 'approvalId'
>;

export type RefundApprovalRow = Pick<Row<typeof approvalRequests>, 'id' | 'accountId' | 'request' | 'status' | 'requestedAt' | 'approverRole'>;

export type NewRefundRow = Pick<
  PaymentFullRow,
  'id' | 'accountId' | 'amount' | 'currency' | 'receivedOn' | 'method' | 'statusReason' | 'actorId' | 'interactionId' | 'commandId' | 'approvalId'
>;

/** One-off ledger kinds: money given back at once (a recurring discount shows on future bills). */
const ONE_OFF_KINDS = `('credit', 'fee_waiver', 'reversal')`;

export function receivableQueries(db: Database.Database) {
  const invoices = db.prepare<[string], ReceivableInvoiceRow>(
    `SELECT id, number, issued_on AS issuedOn, due_on AS dueOn, cycle_end AS cycleEnd, total, previous_balance AS previousBalance, amount_due AS amountDue
       FROM invoices WHERE account_id = ? ORDER BY issued_on, id`,
  );
  const paymentsOf = db.prepare<[string], ReceivablePaymentRow>(
    `SELECT id, invoice_id AS invoiceId, amount, currency, received_on AS receivedOn, method, status, card_last4 AS cardLast4,
            returned_amount AS returnedAmount, status_reason AS statusReason, status_on AS statusOn, approval_id AS approvalId
       FROM payments WHERE account_id = ? ORDER BY received_on, id`,
  );
  const unbilled = db.prepare<[string, string], { id: string; on: string; amount: number }>(
    `SELECT id, effective_on AS "on", amount FROM ledger_entries
       WHERE account_id = ? AND kind IN ${ONE_OFF_KINDS}
         AND effective_on > coalesce((SELECT max(cycle_end) FROM invoices WHERE account_id = ?), '0000-00-00') ORDER BY effective_on, id`,
  );
  const refundApprovals = db.prepare<[string], RefundApprovalRow>(
    `SELECT id, account_id AS accountId, request, status, requested_at AS requestedAt, approver_role AS approverRole FROM approval_requests
       WHERE account_id = ? AND json_extract(request, '$.kind') = 'refund' ORDER BY requested_at DESC, id DESC`,
  );
  const pendingRefunds = db.prepare<[string], { n: number }>(
    `SELECT count(*) AS n FROM approval_requests WHERE account_id = ? AND status = 'pending' AND json_extract(request, '$.kind') = 'refund'`,
  );
  const insertRefund = db.prepare<[NewRefundRow]>(
    `INSERT INTO payments (id, account_id, invoice_id, amount, currency, received_on, method, status, status_reason, status_on, actor_id, interaction_id, command_id, approval_id)
       VALUES (@id, @accountId, NULL, @amount, @currency, @receivedOn, @method, 'refund', @statusReason, @receivedOn, @actorId, @interactionId, @commandId, @approvalId)`,
  );
  return {
    /** The account's invoices, oldest first. */
    invoicesOf: (accountId: string): ReceivableInvoiceRow[] => invoices.all(accountId),
    /** Every payment row of the account (every status), oldest first. */
    paymentsOf: (accountId: string): ReceivablePaymentRow[] => paymentsOf.all(accountId),
    /** One-off credits dated after the last billed cycle (not on an invoice yet). */
    unbilledCreditsOf: (accountId: string) => unbilled.all(accountId, accountId),
    /** The account's refund requests (approvals whose request is a refund), newest first. */
    refundApprovalsOf: (accountId: string): RefundApprovalRow[] => refundApprovals.all(accountId),
    pendingRefundsOf: (accountId: string): number => pendingRefunds.get(accountId)?.n ?? 0,
    insertRefund: (row: NewRefundRow): void => {
      insertRefund.run(row);
    },
  };
}

export type ReceivableQueries = ReturnType<typeof receivableQueries>;
