/**
 * Queries of bills and what settles them: `invoices`, `invoice_lines` and `payments`. Issued
 * invoices are frozen documents: nothing here changes one. (What the billing engine reads of
 * them, with the rest of an account's history, is in billing-history.ts.)
 */
import { PAYMENT_NET_SQL } from '../../core/receivables/payments';
import type Database from 'better-sqlite3';
import { ACCOUNTS_OF_CUSTOMER } from './accounts';
import type { Row } from './rows';
import type { invoiceLines, invoices, payments } from './schema';

export type InvoiceRow = Row<typeof invoices>;
export type InvoiceLineRow = Row<typeof invoiceLines>;
export type PaymentRow = Row<typeof payments>;

/** An invoice in a verified account's list of bills. */
export type InvoiceSummaryRow = { invoiceId: InvoiceRow['id'] } & Pick<
  InvoiceRow,
  'accountId' | 'number' | 'cycleStart' | 'cycleEnd' | 'issuedOn' | 'dueOn' | 'currency' | 'total' | 'previousBalance' | 'paymentsReceived' | 'amountDue'
>;
/** The figures of an invoice a discount decision is measured against. */
export type InvoiceFiguresRow = Pick<InvoiceRow, 'id' | 'accountId' | 'number' | 'cycleStart' | 'cycleEnd' | 'issuedOn' | 'dueOn' | 'total' | 'amountDue'>;
export type PaymentSummaryRow = Pick<PaymentRow, 'accountId' | 'invoiceId' | 'amount' | 'receivedOn'>;

const FIGURES = `id, account_id AS accountId, number, cycle_start AS cycleStart, cycle_end AS cycleEnd, issued_on AS issuedOn, due_on AS dueOn, total, amount_due AS amountDue`;

export function invoiceQueries(db: Database.Database) {
  // The latest N invoices of each account (newest first), through the (account_id, cycle_start) index.
  const latestOfCustomer = db.prepare<[string, number], InvoiceSummaryRow>(
    `SELECT invoiceId, accountId, number, cycleStart, cycleEnd, issuedOn, dueOn, currency, total, previousBalance, paymentsReceived, amountDue
         FROM (SELECT i.id AS invoiceId, i.account_id AS accountId, i.number, i.cycle_start AS cycleStart, i.cycle_end AS cycleEnd,
                      i.issued_on AS issuedOn, i.due_on AS dueOn, i.currency, i.total, i.previous_balance AS previousBalance,
                      i.payments_received AS paymentsReceived, i.amount_due AS amountDue,
                      row_number() OVER (PARTITION BY i.account_id ORDER BY i.cycle_start DESC, i.id DESC) AS k
               FROM invoices i WHERE i.account_id IN (${ACCOUNTS_OF_CUSTOMER}))
         WHERE k <= ? ORDER BY accountId, cycleStart DESC`,
  );
  const figures = db.prepare<[string], InvoiceFiguresRow>(`SELECT ${FIGURES} FROM invoices WHERE id = ?`);
  const recentOfAccount = db.prepare<[string, number], InvoiceFiguresRow>(
    `SELECT ${FIGURES} FROM invoices WHERE account_id = ? ORDER BY cycle_start DESC, id DESC LIMIT ?`,
  );
  const lateFee = db.prepare<[string], { fee: number | null }>(`SELECT sum(amount) AS fee FROM invoice_lines WHERE invoice_id = ? AND kind = 'late-fee'`);
  // Payments since the oldest invoice shown: what settled those invoices and what came after.
  const paymentsOfCustomer = db.prepare<[string, string], PaymentSummaryRow>(
    `SELECT account_id AS accountId, invoice_id AS invoiceId, ${PAYMENT_NET_SQL} AS amount, received_on AS receivedOn
         FROM payments WHERE account_id IN (${ACCOUNTS_OF_CUSTOMER}) AND received_on > ? AND ${PAYMENT_NET_SQL} <> 0 ORDER BY received_on, id`,
  );
  const paidBetween = db.prepare<[string, string, string], { paid: number | null }>(
    `SELECT sum(${PAYMENT_NET_SQL}) AS paid FROM payments WHERE account_id = ? AND received_on > ? AND received_on <= ?`,
  );
  return {
    /** The latest `perAccount` invoices of each of the customer's accounts, by account then newest first. */
    latestOfCustomer: (customerId: string, perAccount: number): InvoiceSummaryRow[] => latestOfCustomer.all(customerId, perAccount),
    byId: (id: InvoiceRow['id']): InvoiceFiguresRow | undefined => figures.get(id),
    /** The account's latest `n` invoices, newest first. */
    recentOfAccount: (accountId: InvoiceRow['accountId'], n: number): InvoiceFiguresRow[] => recentOfAccount.all(accountId, n),
    /** The sum of the invoice's late-fee lines; null when it has none. */
    lateFee: (invoiceId: InvoiceLineRow['invoiceId']): number | null => lateFee.get(invoiceId)?.fee ?? null,
    /** Payments to the customer's accounts received after `after`, oldest first. */
    paymentsOfCustomerAfter: (customerId: string, after: string): PaymentSummaryRow[] => paymentsOfCustomer.all(customerId, after),
    /** What was paid to the account after `after` and up to `until`; null when nothing was. */
    paidBetween: (accountId: PaymentRow['accountId'], after: string, until: string): number | null => paidBetween.get(accountId, after, until)?.paid ?? null,
  };
}

export type InvoiceQueries = ReturnType<typeof invoiceQueries>;
