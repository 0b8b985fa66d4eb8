/** Queries of `subscriptions` and their history (`subscription_changes`), per customer. */
import type Database from 'better-sqlite3';
import { ACCOUNTS_OF_CUSTOMER } from './accounts';
import type { Row } from './rows';
import type { subscriptionChanges, subscriptions } from './schema';

export type SubscriptionRow = Row<typeof subscriptions>;
export type SubscriptionChangeRow = Row<typeof subscriptionChanges>;
export type SubscriptionOfCustomerRow = { subscriptionId: SubscriptionRow['id'] } & Pick<SubscriptionRow, 'accountId' | 'planCode' | 'startedOn' | 'endedOn'>;
export type ChangeOfCustomerRow = Pick<SubscriptionChangeRow, 'subscriptionId' | 'effectiveOn' | 'change' | 'itemCode'>;

export function subscriptionQueries(db: Database.Database) {
  const ofCustomer = db.prepare<[string], SubscriptionOfCustomerRow>(
    `SELECT id AS subscriptionId, account_id AS accountId, plan_code AS planCode, started_on AS startedOn, ended_on AS endedOn
         FROM subscriptions WHERE account_id IN (${ACCOUNTS_OF_CUSTOMER}) ORDER BY ended_on IS NOT NULL, started_on DESC, id`,
  );
  const changesOfCustomer = db.prepare<[string, string], ChangeOfCustomerRow>(
    `SELECT sc.subscription_id AS subscriptionId, sc.effective_on AS effectiveOn, sc.change, sc.item_code AS itemCode
         FROM subscription_changes sc JOIN subscriptions s ON s.id = sc.subscription_id
         WHERE s.account_id IN (${ACCOUNTS_OF_CUSTOMER}) AND sc.effective_on <= ? ORDER BY sc.effective_on, sc.recorded_at, sc.id`,
  );
  return {
    /** The customer's subscriptions: running ones first, the latest started first. */
    ofCustomer: (customerId: string): SubscriptionOfCustomerRow[] => ofCustomer.all(customerId),
    /** Every change to the customer's subscriptions effective on or before `day`, in the order they apply. */
    changesOfCustomerUntil: (customerId: string, day: string): ChangeOfCustomerRow[] => changesOfCustomer.all(customerId, day),
  };
}

export type SubscriptionQueries = ReturnType<typeof subscriptionQueries>;
