/**
 * Issued invoices are frozen documents (French law: an invoice, once issued, is never edited; a
 * correction is a credit note or a credit on a later bill). The store holds that rule itself,
 * whoever writes to it: triggers (migration 0012, "hand-written") refuse any change to an issued
 * invoice or its lines and any deletion, and refuse a credit note that is not a negative bill.
 *
 * Two writers of the store legitimately need them out of the way, for the length of one
 * transaction, and put them back as they were:
 *   - a desk emptying its synced tables for a download from scratch (sync/apply.ts wipe);
 *   - the demo set, damaging a few bills on purpose for the fairness check to find (demo/plant.ts),
 *     and marking its negative bills as credit notes (demo rows keep the generator's columns).
 */
import type Database from 'better-sqlite3';

/** The tables whose rows are frozen once written. */
export const FROZEN_TABLES: readonly string[] = ['invoices', 'invoice_lines'];

/**
 * Bills not yet marked: a negative one is a credit note correcting the account's invoice before
 * it (core/billing/invoice.ts documentOf). The migration's backfill is the same statement.
 */
export const MARK_CREDIT_NOTES_SQL = `UPDATE invoices SET document_kind = 'credit_note', corrects_invoice_id = (
  SELECT p.id FROM invoices p WHERE p.account_id = invoices.account_id AND p.cycle_start < invoices.cycle_start
  ORDER BY p.cycle_start DESC, p.id DESC LIMIT 1)
WHERE total < 0 AND document_kind = 'invoice'`;

/** The guard triggers of these tables (name and the SQL that made it). */
export function guardTriggers(client: Database.Database, tables: readonly string[] = FROZEN_TABLES): { name: string; sql: string }[] {
  return client
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (SELECT value FROM json_each(?)) ORDER BY name`)
    .all(JSON.stringify(tables)) as { name: string; sql: string }[];
}

/**
 * Runs `fix` in one transaction with the frozen tables' triggers lifted, and puts them back
 * before it commits (a failure rolls back both the fix and the lifting).
 */
export function withFrozenInvoicesLifted<T>(client: Database.Database, fix: () => T): T {
  return client.transaction(() => {
    const guards = guardTriggers(client);
    for (const g of guards) client.exec(`DROP TRIGGER "${g.name}"`);
    const out = fix();
    for (const g of guards) client.exec(g.sql);
    return out;
  })();
}
