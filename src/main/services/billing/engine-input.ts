/**
 * The store's rows as the billing engine's inputs (store/billing-history.ts and store/catalog.ts
 * read them; stored-invoice.ts reads an issued invoice back). The reading itself is pure and
 * shared with the hub: src/core/billing/billing-input.ts. This file hands it the desk's rows.
 *
 * - the Catalog from plans / catalog_prices / promotions, with the VAT rules and the ids of price
 *   changes the catalog keeps beside them (store/catalog-rules.ts);
 * - an account's AccountBillingContext from its subscription history, promotions, usage, the
 *   one-off charges on its bills, payments and ledger.
 */
import type Database from 'better-sqlite3';
import {
  loadedAccount as loadedAccountOf,
  catalogFromRows,
  type AccountContextOptions,
  type LoadedAccount as LoadedAccountOf,
} from '../../../core/billing/billing-input';
import type { Catalog } from '../../../core/billing';
import type { AccountHistoryRows, BillingAccountRow, BillingHistoryQueries } from '../../store/billing-history';
import { catalogRows } from '../../store/catalog';
import { readCatalogRules } from '../../store/catalog-rules';
import type { InvoiceRow } from '../../store/invoices';

export { engineInvoiceId, ledgerEntry, previousInvoiceRef, subscriptionHistory, type AccountContextOptions } from '../../../core/billing/billing-input';

/**
 * The engine's Catalog rebuilt from the store (core/billing/billing-input.ts catalogFromRows). A
 * store with items but no rules is refused: a bill without its VAT rules would be wrong.
 */
export function catalogFromStore(client: Database.Database): Catalog {
  return catalogFromRows(catalogRows(client), readCatalogRules(client));
}

/** An account loaded for billing, with the desk's full rows. */
export type LoadedAccount = LoadedAccountOf<BillingAccountRow, InvoiceRow>;

/** An account's stored history as the engine's input. */
export function loadedAccount(rows: AccountHistoryRows, catalog: Catalog, opts: AccountContextOptions = {}): LoadedAccount {
  return loadedAccountOf(rows, catalog, opts);
}

/** The account's whole billing history as the engine's input; null for an unknown account. */
export function loadAccount(queries: BillingHistoryQueries, accountId: string, catalog: Catalog, opts: AccountContextOptions = {}): LoadedAccount | null {
  const rows = queries.historyOf(accountId);
  return rows ? loadedAccount(rows, catalog, opts) : null;
}
