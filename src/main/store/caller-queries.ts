/**
 * The SQL of caller lookup, in one place so that the service and its benchmark baseline run
 * exactly the same statements. Each lookup is two steps: find candidate customers through an
 * index (phone, account number, email or the FTS5 name index), then read the masked-profile
 * columns of the few that will be shown.
 */
import type Database from 'better-sqlite3';
import type { AccountRow } from './accounts';
import type { AddressRow, CustomerRow, EmailRow, PhoneRow } from './customers';

export const CALLER_SQL = {
  byPhone: `SELECT DISTINCT customer_id AS customerId FROM customer_phones WHERE e164 = ? LIMIT ?`,
  byPhonePrefix: `SELECT DISTINCT customer_id AS customerId FROM customer_phones WHERE e164 >= ? AND e164 < ? LIMIT ?`,
  byAccount: `SELECT customer_id AS customerId FROM accounts WHERE number = ? LIMIT ?`,
  byAccountPrefix: `SELECT customer_id AS customerId FROM accounts WHERE number >= ? AND number < ? LIMIT ?`,
  byEmailPrefix: `SELECT DISTINCT customer_id AS customerId FROM customer_emails WHERE email >= ? AND email < ? LIMIT ?`,
  /** One reading of the typed words (see caller-lookup.ts): no ORDER BY rank — bm25 over every
   *  match of a short prefix costs tens of ms on 1M callers; the service asks the readings in
   *  rank order instead, and sorts the few rows it keeps. */
  byName: `SELECT c.id AS customerId, c.given_name AS givenName, c.family_name AS familyName
           FROM customer_search s JOIN customers c ON c.rowid = s.rowid
           WHERE customer_search MATCH ? LIMIT ?`,
  /** Whether an index term (or term prefix) exists at all: one doclist entry read at most. */
  nameTermExists: `SELECT 1 AS present FROM customer_search WHERE customer_search MATCH ? LIMIT 1`,
  profiles: `SELECT c.id AS customerId, c.given_name AS givenName, c.family_name AS familyName,
                    a.id AS accountId, a.number AS accountNumber,
                    (SELECT p.e164 FROM customer_phones p WHERE p.customer_id = c.id ORDER BY p.is_primary DESC, p.id LIMIT 1) AS phone,
                    (SELECT e.email FROM customer_emails e WHERE e.customer_id = c.id ORDER BY e.is_primary DESC, e.id LIMIT 1) AS email,
                    (SELECT ad.city FROM addresses ad WHERE ad.customer_id = c.id ORDER BY ad.is_billing DESC, ad.id LIMIT 1) AS town
             FROM customers c JOIN accounts a ON a.customer_id = c.id
             WHERE c.id IN (SELECT value FROM json_each(?))`,
} as const;

export interface CandidateRow {
  customerId: CustomerRow['id'];
}
export type NameCandidateRow = CandidateRow & Pick<CustomerRow, 'givenName' | 'familyName'>;
/** The masked profile's columns; the primary phone and email and the billing town are null when none is on file. */
export type ProfileRow = NameCandidateRow & { accountId: AccountRow['id']; accountNumber: AccountRow['number'] } & {
  phone: PhoneRow['e164'] | null;
  email: EmailRow['email'] | null;
  town: AddressRow['city'] | null;
};

export interface CallerStatements {
  byPhone: Database.Statement<[string, number], CandidateRow>;
  byPhonePrefix: Database.Statement<[string, string, number], CandidateRow>;
  byAccount: Database.Statement<[string, number], CandidateRow>;
  byAccountPrefix: Database.Statement<[string, string, number], CandidateRow>;
  byEmailPrefix: Database.Statement<[string, string, number], CandidateRow>;
  byName: Database.Statement<[string, number], NameCandidateRow>;
  nameTermExists: Database.Statement<[string], { present: number }>;
  profiles: Database.Statement<[string], ProfileRow>;
}

export function prepareCallerStatements(client: Database.Database): CallerStatements {
  return {
    byPhone: client.prepare(CALLER_SQL.byPhone),
    byPhonePrefix: client.prepare(CALLER_SQL.byPhonePrefix),
    byAccount: client.prepare(CALLER_SQL.byAccount),
    byAccountPrefix: client.prepare(CALLER_SQL.byAccountPrefix),
    byEmailPrefix: client.prepare(CALLER_SQL.byEmailPrefix),
    byName: client.prepare(CALLER_SQL.byName),
    nameTermExists: client.prepare(CALLER_SQL.nameTermExists),
    profiles: client.prepare(CALLER_SQL.profiles),
  };
}
