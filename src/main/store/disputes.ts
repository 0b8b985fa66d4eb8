/**
 * Queries of `disputes`, `payment_plans` and `payment_plan_instalments` (issue 13: disputes and
 * payment plans). Rules live in core/receivables; the services decide, this module reads and writes.
 */
import type Database from 'better-sqlite3';
import { heldByInvoice } from '../../core/receivables/disputes';
import type { InvoiceLineRow, InvoiceRow } from './invoices';
import type { Row } from './rows';
import type { disputes, paymentPlanInstalments, paymentPlans } from './schema';

export type DisputeRow = Row<typeof disputes>;
export type PaymentPlanRow = Omit<Row<typeof paymentPlans>, 'decision'> & { decision: string };
export type InstalmentRow = Row<typeof paymentPlanInstalments>;
export type NewDisputeRow = Pick<
  DisputeRow,
  | 'id'
  | 'accountId'
  | 'invoiceId'
  | 'invoiceLineId'
  | 'amount'
  | 'currency'
  | 'reasonCode'
  | 'customerSaid'
  | 'openedBy'
  | 'openedAt'
  | 'interactionId'
  | 'commandId'
>;

type DisputeFactRow = Pick<DisputeRow, 'id' | 'invoiceId' | 'amount' | 'status'> & { lineId: string };

/** An invoice line as a dispute sees it: what it charged and on which bill. */
export type DisputableLineRow = Pick<InvoiceLineRow, 'id' | 'invoiceId' | 'position' | 'kind' | 'amount' | 'taxRateBp' | 'explanation'> &
  Pick<InvoiceRow, 'issuedOn' | 'accountId' | 'currency'> & { invoiceNumber: InvoiceRow['number'] };

const DISPUTE = `SELECT id, account_id AS accountId, invoice_id AS invoiceId, invoice_line_id AS invoiceLineId, amount, currency, reason_code AS reasonCode,
                        customer_said AS customerSaid, status, opened_by AS openedBy, opened_at AS openedAt, interaction_id AS interactionId,
                        command_id AS commandId, resolved_by AS resolvedBy, resolved_at AS resolvedAt, credited_amount AS creditedAmount,
                        credit_entry_id AS creditEntryId, rejection_reason AS rejectionReason, resolve_command_id AS resolveCommandId
                   FROM disputes`;
const LINE = `SELECT l.id, l.invoice_id AS invoiceId, i.number AS invoiceNumber, i.issued_on AS issuedOn, i.account_id AS accountId, i.currency,
                     l.position, l.kind, l.amount, l.tax_rate_bp AS taxRateBp, l.explanation
                FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id`;
const PLAN = `SELECT id, account_id AS accountId, customer_id AS customerId, balance, currency, instalment_count AS instalmentCount, agreed_on AS agreedOn,
                     status, decision, created_by AS createdBy, created_at AS createdAt, interaction_id AS interactionId, command_id AS commandId
                FROM payment_plans`;

export function disputeQueries(db: Database.Database) {
  const insert = db.prepare<[NewDisputeRow]>(
    `INSERT INTO disputes (id, account_id, invoice_id, invoice_line_id, amount, currency, reason_code, customer_said, status, opened_by, opened_at, interaction_id, command_id)
       VALUES (@id, @accountId, @invoiceId, @invoiceLineId, @amount, @currency, @reasonCode, @customerSaid, 'open', @openedBy, @openedAt, @interactionId, @commandId)`,
  );
  const byId = db.prepare<[string], DisputeRow>(`${DISPUTE} WHERE id = ?`);
  const ofAccount = db.prepare<[string], DisputeRow>(`${DISPUTE} WHERE account_id = ? ORDER BY opened_at DESC, id DESC`);
  const ofLine = db.prepare<[string], DisputeRow>(`${DISPUTE} WHERE invoice_line_id = ?`);
  const heldRows = (scope: 'account' | 'customer') =>
    db.prepare<[string], DisputeFactRow>(
      `SELECT d.id, d.invoice_id AS invoiceId, d.invoice_line_id AS lineId, d.amount, d.status FROM disputes d
        ${scope === 'customer' ? 'JOIN accounts a ON a.id = d.account_id WHERE a.customer_id = ?' : 'WHERE d.account_id = ?'} AND d.status = 'open'`,
    );
  const heldOfAccount = heldRows('account');
  const heldOfCustomer = heldRows('customer');
  // As a bill issued on a day saw them: opened by the end of that day and not resolved by then.
  const heldOfAccountOn = db.prepare<{ accountId: string; end: string }, DisputeFactRow>(
    `SELECT id, invoice_id AS invoiceId, invoice_line_id AS lineId, amount, 'open' AS status FROM disputes
      WHERE account_id = @accountId AND opened_at < @end AND (status = 'open' OR resolved_at >= @end)`,
  );
  const resolve = db.prepare(
    `UPDATE disputes SET status = @status, resolved_by = @resolvedBy, resolved_at = @resolvedAt, credited_amount = @creditedAmount,
            credit_entry_id = @creditEntryId, rejection_reason = @rejectionReason, resolve_command_id = @resolveCommandId
      WHERE id = @id AND status = 'open'`,
  );
  const line = db.prepare<[string], DisputableLineRow>(`${LINE} WHERE l.id = ?`);
  const recentLines = db.prepare<[string, number], DisputableLineRow>(
    `${LINE} WHERE i.id IN (SELECT id FROM invoices WHERE account_id = ? ORDER BY issued_on DESC, id DESC LIMIT ?) AND l.kind <> 'tax' ORDER BY i.issued_on DESC, l.position`,
  );
  const insertPlan = db.prepare(
    `INSERT INTO payment_plans (id, account_id, customer_id, balance, currency, instalment_count, agreed_on, status, decision, created_by, created_at, interaction_id, command_id)
       VALUES (@id, @accountId, @customerId, @balance, @currency, @instalmentCount, @agreedOn, 'agreed', @decision, @createdBy, @createdAt, @interactionId, @commandId)`,
  );
  const insertInstalment = db.prepare(`INSERT INTO payment_plan_instalments (id, plan_id, seq, due_on, amount) VALUES (@id, @planId, @seq, @dueOn, @amount)`);
  const plansOf = db.prepare<[string], PaymentPlanRow>(`${PLAN} WHERE account_id = ? ORDER BY agreed_on DESC, id DESC`);
  const instalmentsOf = db.prepare<[string], InstalmentRow>(
    `SELECT id, plan_id AS planId, seq, due_on AS dueOn, amount FROM payment_plan_instalments WHERE plan_id = ? ORDER BY seq`,
  );
  return {
    insert: (row: NewDisputeRow): void => void insert.run(row),
    byId: (id: string): DisputeRow | undefined => byId.get(id),
    /** Newest first. */
    ofAccount: (accountId: string): DisputeRow[] => ofAccount.all(accountId),
    ofLine: (lineId: string): DisputeRow[] => ofLine.all(lineId),
    /**
     * THE place every reader takes what open disputes hold on each invoice (invoice id → held
     * amount): the payments and bills tabs, the account panel, the policy's standing, the quote's
     * next bill and the month-end late fee. The rule (only open disputes hold) is core's heldByInvoice.
     */
    heldOfAccount: (accountId: string): Map<string, number> => heldByInvoice(heldOfAccount.all(accountId)),
    /**
     * What open disputes held at the end of `day` (a bill issued that day judged its late fees so):
     * the recomputation of an issued bill sets aside what its run set aside.
     */
    heldOfAccountOn: (accountId: string, day: string): Map<string, number> =>
      heldByInvoice(heldOfAccountOn.all({ accountId, end: new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString() })),
    /** The same, over every account of a customer. */
    heldOfCustomer: (customerId: string): Map<string, number> => heldByInvoice(heldOfCustomer.all(customerId)),
    /** Resolves an open dispute; the rows changed (0: it was resolved already). */
    resolve: (r: {
      id: string;
      status: 'credited' | 'rejected';
      resolvedBy: string;
      resolvedAt: string;
      creditedAmount: number | null;
      creditEntryId: string | null;
      rejectionReason: string | null;
      resolveCommandId: string;
    }): number => resolve.run(r).changes,
    line: (lineId: string): DisputableLineRow | undefined => line.get(lineId),
    /** The lines (VAT row aside) of the account's `invoices` latest bills, newest bill first. */
    recentLines: (accountId: string, invoices: number): DisputableLineRow[] => recentLines.all(accountId, invoices),
    insertPlan: (row: Omit<PaymentPlanRow, 'status'>): void => void insertPlan.run(row),
    insertInstalment: (row: InstalmentRow): void => void insertInstalment.run(row),
    plansOf: (accountId: string): PaymentPlanRow[] => plansOf.all(accountId),
    instalmentsOf: (planId: string): InstalmentRow[] => instalmentsOf.all(planId),
  };
}

export type DisputeQueries = ReturnType<typeof disputeQueries>;
