/**
 * Queries of a customer and what hangs on them: `customers`, `customer_phones`,
 * `customer_emails`, `addresses` and `customer_secrets` (read here only to seal plain PINs; the
 * verification facts are in verification.ts).
 */
import type Database from 'better-sqlite3';
import type { Row } from './rows';
import type { addresses, customerEmails, customerPhones, customerSecrets, customers } from './schema';

export type CustomerRow = Row<typeof customers>;
export type PhoneRow = Row<typeof customerPhones>;
export type EmailRow = Row<typeof customerEmails>;
export type AddressRow = Row<typeof addresses>;
export type CustomerSecretRow = Row<typeof customerSecrets>;

/** The customer on the verified account screen. */
export type CustomerDetailsRow = Pick<CustomerRow, 'givenName' | 'familyName' | 'category' | 'locale' | 'churnRisk' | 'fraudFlag'>;
/** The customer as the discount policy sees them. */
export type CustomerRiskRow = Pick<CustomerRow, 'id' | 'givenName' | 'familyName' | 'fraudFlag' | 'churnRisk'>;
export type PostalAddressRow = Pick<AddressRow, 'line1' | 'line2' | 'postcode' | 'city' | 'country'>;
export interface PlainPinRow {
  customerId: CustomerSecretRow['customerId'];
  pin: NonNullable<CustomerSecretRow['accountPin']>;
}

export function customerQueries(db: Database.Database) {
  const details = db.prepare<[string], CustomerDetailsRow>(
    `SELECT given_name AS givenName, family_name AS familyName, category, locale, churn_risk AS churnRisk, fraud_flag AS fraudFlag
         FROM customers WHERE id = ?`,
  );
  const risk = db.prepare<[string], CustomerRiskRow>(
    `SELECT id, given_name AS givenName, family_name AS familyName, fraud_flag AS fraudFlag, churn_risk AS churnRisk FROM customers WHERE id = ?`,
  );
  const fullName = db.prepare<[string], { name: string }>(`SELECT given_name || ' ' || family_name AS name FROM customers WHERE id = ?`);
  const exists = db.prepare<[string], Pick<CustomerRow, 'id'>>(`SELECT id FROM customers WHERE id = ?`);
  const phones = db.prepare<[string], Pick<PhoneRow, 'e164' | 'kind' | 'isPrimary'>>(
    `SELECT e164, kind, is_primary AS isPrimary FROM customer_phones WHERE customer_id = ? ORDER BY is_primary DESC, id`,
  );
  const emails = db.prepare<[string], Pick<EmailRow, 'email' | 'isPrimary'>>(
    `SELECT email, is_primary AS isPrimary FROM customer_emails WHERE customer_id = ? ORDER BY is_primary DESC, id`,
  );
  const billingAddress = db.prepare<[string], PostalAddressRow>(
    `SELECT line1, line2, postcode, city, country FROM addresses WHERE customer_id = ? ORDER BY is_billing DESC, id LIMIT 1`,
  );
  const plainPins = db.prepare<[], PlainPinRow>(`SELECT customer_id AS customerId, account_pin AS pin FROM customer_secrets WHERE account_pin IS NOT NULL`);
  const sealPin = db.prepare<[string | null, string]>(`UPDATE customer_secrets SET account_pin_digest = ?, account_pin = NULL WHERE customer_id = ?`);
  return {
    details: (id: CustomerRow['id']): CustomerDetailsRow | undefined => details.get(id),
    risk: (id: CustomerRow['id']): CustomerRiskRow | undefined => risk.get(id),
    /** "Given Family", as an approver sees the customer. */
    fullName: (id: CustomerRow['id']): string | undefined => fullName.get(id)?.name,
    exists: (id: CustomerRow['id']): boolean => exists.get(id) !== undefined,
    /** The customer's phones, the primary one first. */
    phones: (customerId: CustomerRow['id']): Pick<PhoneRow, 'e164' | 'kind' | 'isPrimary'>[] => phones.all(customerId),
    /** The customer's emails, the primary one first. */
    emails: (customerId: CustomerRow['id']): Pick<EmailRow, 'email' | 'isPrimary'>[] => emails.all(customerId),
    /** The billing address (or the first address when none is marked billing). */
    billingAddress: (customerId: CustomerRow['id']): PostalAddressRow | undefined => billingAddress.get(customerId),
    /** PINs still in plain text (stores older than migration 0005). */
    plainPins: (): PlainPinRow[] => plainPins.all(),
    /** Replaces a plain PIN by its digest. */
    sealPin: (customerId: CustomerSecretRow['customerId'], accountPinDigest: CustomerSecretRow['accountPinDigest']): void => {
      sealPin.run(accountPinDigest, customerId);
    },
  };
}

export type CustomerQueries = ReturnType<typeof customerQueries>;
