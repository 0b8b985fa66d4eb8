/**
 * Queries of caller verification: the facts on record (the correct answers — read only by the
 * verification service, never returned by an API), and the per-customer history of attempts
 * (`verification_attempts`) and supervisors' unlocks (`verification_unlocks`).
 */
import type Database from 'better-sqlite3';
import type { AccountRow } from './accounts';
import type { AddressRow, CustomerRow, CustomerSecretRow } from './customers';
import type { InvoiceRow } from './invoices';
import type { Row } from './rows';
import type { verificationAttempts, verificationUnlocks } from './schema';

export type VerificationAttemptRow = Row<typeof verificationAttempts>;
export type VerificationUnlockRow = Row<typeof verificationUnlocks>;

/** What the caller can be asked, as on file (null: not on file). */
export interface VerificationFactsRow {
  dateOfBirth: CustomerRow['dateOfBirth'];
  postcode: AddressRow['postcode'] | null;
  accountPin: CustomerSecretRow['accountPin'];
  accountPinDigest: CustomerSecretRow['accountPinDigest'];
  lastInvoiceAmount: InvoiceRow['total'] | null;
  invoiceCurrency: InvoiceRow['currency'] | null;
  accountCurrency: AccountRow['currency'] | null;
}

/** An attempt (unlock 0) or an unlock (unlock 1, read as passed). */
export interface VerificationHistoryRow {
  at: VerificationAttemptRow['at'];
  passed: VerificationAttemptRow['passed'];
  unlock: 0 | 1;
}

export interface RecentFailureRow {
  customerId: VerificationAttemptRow['customerId'];
  lastFailureAt: VerificationAttemptRow['at'];
}

export function verificationQueries(db: Database.Database) {
  // One statement for every fact: indexed sub-selects, no N+1.
  const facts = db.prepare<[{ id: string }], VerificationFactsRow>(
    `SELECT c.date_of_birth AS dateOfBirth,
                (SELECT ad.postcode FROM addresses ad WHERE ad.customer_id = c.id ORDER BY ad.is_billing DESC, ad.id LIMIT 1) AS postcode,
                (SELECT s.account_pin FROM customer_secrets s WHERE s.customer_id = c.id) AS accountPin,
                (SELECT s.account_pin_digest FROM customer_secrets s WHERE s.customer_id = c.id) AS accountPinDigest,
                li.total AS lastInvoiceAmount, li.currency AS invoiceCurrency,
                (SELECT a.currency FROM accounts a WHERE a.customer_id = c.id ORDER BY a.opened_on, a.id LIMIT 1) AS accountCurrency
         FROM customers c
         LEFT JOIN (SELECT i.total, i.currency FROM invoices i JOIN accounts a ON a.id = i.account_id
                    WHERE a.customer_id = @id ORDER BY i.issued_on DESC, i.cycle_end DESC, i.id DESC LIMIT 1) li
         WHERE c.id = @id`,
  );
  const history = db.prepare<[string, string, number], VerificationHistoryRow>(
    `SELECT at, passed, unlock FROM (
           SELECT id, at, passed, 0 AS unlock FROM verification_attempts WHERE customer_id = ?
           UNION ALL
           SELECT id, at, 1 AS passed, 1 AS unlock FROM verification_unlocks WHERE customer_id = ?
         ) ORDER BY at DESC, id DESC LIMIT ?`,
  );
  const insertAttempt = db.prepare<[string, string, string, string, string, number, string]>(
    `INSERT INTO verification_attempts (id, interaction_id, customer_id, agent_id, at, passed, questions) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertUnlock = db.prepare<[string, string, string, string, string]>(
    `INSERT INTO verification_unlocks (id, customer_id, supervisor_id, at, reason) VALUES (?, ?, ?, ?, ?)`,
  );
  const recentFailures = db.prepare<[string], RecentFailureRow>(
    `SELECT customer_id AS customerId, max(at) AS lastFailureAt FROM verification_attempts
         WHERE passed = 0 AND at >= ? GROUP BY customer_id ORDER BY lastFailureAt DESC, customer_id LIMIT 500`,
  );
  return {
    /** The customer's facts on record; undefined for an unknown customer. */
    factsOf: (customerId: string): VerificationFactsRow | undefined => facts.get({ id: customerId }),
    /** The customer's latest `limit` attempts and unlocks, newest first. */
    history: (customerId: string, limit: number): VerificationHistoryRow[] => history.all(customerId, customerId, limit),
    insertAttempt: (row: VerificationAttemptRow): void => {
      insertAttempt.run(row.id, row.interactionId, row.customerId, row.agentId, row.at, row.passed, row.questions);
    },
    insertUnlock: (row: VerificationUnlockRow): void => {
      insertUnlock.run(row.id, row.customerId, row.supervisorId, row.at, row.reason);
    },
    /** Customers with a failed attempt since `since`, the latest failure first (at most 500). */
    failuresSince: (since: string): RecentFailureRow[] => recentFailures.all(since),
  };
}

export type VerificationQueries = ReturnType<typeof verificationQueries>;
