/** Queries of `accounts`: what a customer is billed on. */
import type Database from 'better-sqlite3';
import type { Row } from './rows';
import type { accounts } from './schema';

export type AccountRow = Row<typeof accounts>;
/** An account on the verified account screen. */
export type AccountDetailsRow = { accountId: AccountRow['id'] } & Pick<
  AccountRow,
  'number' | 'currency' | 'status' | 'openedOn' | 'paymentTermsDays' | 'paperBill'
>;
/** An account as a discount decision sees it. */
export type AccountTermsRow = Pick<AccountRow, 'id' | 'customerId' | 'number' | 'currency' | 'status' | 'openedOn'>;

/** The ids of a customer's accounts, as a sub-select of the other modules' per-customer reads (one `?`: the customer). */
export const ACCOUNTS_OF_CUSTOMER = `SELECT id FROM accounts WHERE customer_id = ?`;

export function accountQueries(db: Database.Database) {
  const detailsOfCustomer = db.prepare<[string], AccountDetailsRow>(
    `SELECT id AS accountId, number, currency, status, opened_on AS openedOn, payment_terms_days AS paymentTermsDays, paper_bill AS paperBill
         FROM accounts WHERE customer_id = ? ORDER BY opened_on, id`,
  );
  const mainFirst = db.prepare<[string], AccountTermsRow>(
    `SELECT id, customer_id AS customerId, number, currency, status, opened_on AS openedOn FROM accounts WHERE customer_id = ?
         ORDER BY CASE status WHEN 'active' THEN 0 WHEN 'suspended' THEN 1 ELSE 2 END, opened_on, id`,
  );
  const byId = db.prepare<[string], AccountTermsRow>(
    `SELECT id, customer_id AS customerId, number, currency, status, opened_on AS openedOn FROM accounts WHERE id = ?`,
  );
  const numberOf = db.prepare<[string], Pick<AccountRow, 'number'>>(`SELECT number FROM accounts WHERE id = ?`);
  return {
    /** The customer's accounts in the order they were opened. */
    detailsOfCustomer: (customerId: AccountRow['customerId']): AccountDetailsRow[] => detailsOfCustomer.all(customerId),
    /** The customer's accounts, active first, then suspended, then closed; oldest first within each. */
    ofCustomerMainFirst: (customerId: AccountRow['customerId']): AccountTermsRow[] => mainFirst.all(customerId),
    byId: (id: AccountRow['id']): AccountTermsRow | undefined => byId.get(id),
    numberOf: (id: AccountRow['id']): AccountRow['number'] | undefined => numberOf.get(id)?.number,
  };
}

export type AccountQueries = ReturnType<typeof accountQueries>;
