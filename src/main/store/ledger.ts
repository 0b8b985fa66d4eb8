/**
 * Queries of `ledger_entries`: credits, discounts, waivers and their reversals. The ledger is
 * append-only (triggers refuse UPDATE and DELETE): this module inserts and reads, nothing else.
 */
import type Database from 'better-sqlite3';
import { ACCOUNTS_OF_CUSTOMER, type AccountRow } from './accounts';
import type { Row } from './rows';
import type { ledgerEntries } from './schema';

/** A whole entry; `terms` is JSON text. */
export type LedgerRow = Row<typeof ledgerEntries>;
/** An entry with the customer whose account it is on. */
export type LedgerRowOfCustomer = LedgerRow & { customerId: AccountRow['customerId'] };
/** What reconciliation compares with the audit trail (and digests for the baseline). */
export type ReconciledLedgerRow = Pick<
  LedgerRow,
  'id' | 'accountId' | 'kind' | 'amount' | 'currency' | 'reasonCode' | 'invoiceId' | 'reversesId' | 'terms' | 'effectiveOn' | 'commandId'
> & {
  /** 1 when the row came from the hub (sync_versions): the hub's own audit vouches for it. */
  fromHub: number;
};

const COLUMNS = `l.id, l.account_id AS accountId, l.kind, l.amount, l.currency, l.reason_code AS reasonCode, l.invoice_id AS invoiceId,
  l.reverses_id AS reversesId, l.terms, l.effective_on AS effectiveOn, l.created_at AS createdAt, l.actor_id AS actorId,
  l.interaction_id AS interactionId, l.command_id AS commandId, l.note`;
const RECONCILED = `SELECT id, account_id AS accountId, kind, amount, currency, reason_code AS reasonCode, invoice_id AS invoiceId,
  reverses_id AS reversesId, terms, effective_on AS effectiveOn, command_id AS commandId,
  EXISTS (SELECT 1 FROM sync_versions v WHERE v.tbl = 'ledger_entries' AND v.pk = ledger_entries.id) AS fromHub FROM ledger_entries`;
/** Ledger kinds that are one-off money owed back to the customer (a recurring discount shows on future bills). */
const ONE_OFF_KINDS = `('credit', 'fee_waiver', 'reversal')`;

export function ledgerQueries(db: Database.Database) {
  const insert = db.prepare<[LedgerRow]>(
    `INSERT INTO ledger_entries (id, account_id, kind, amount, currency, reason_code, invoice_id, reverses_id, terms, effective_on, created_at, actor_id, interaction_id, command_id, note)
       VALUES (@id, @accountId, @kind, @amount, @currency, @reasonCode, @invoiceId, @reversesId, @terms, @effectiveOn, @createdAt, @actorId, @interactionId, @commandId, @note)`,
  );
  const ofCustomer = db.prepare<[string], LedgerRow>(
    `SELECT ${COLUMNS} FROM ledger_entries l JOIN accounts a ON a.id = l.account_id WHERE a.customer_id = ? ORDER BY l.created_at DESC, l.id DESC`,
  );
  const withCustomer = db.prepare<[string], LedgerRowOfCustomer>(
    `SELECT ${COLUMNS}, a.customer_id AS customerId FROM ledger_entries l JOIN accounts a ON a.id = l.account_id WHERE l.id = ?`,
  );
  const reversalOf = db.prepare<[string], LedgerRow>(
    `SELECT ${COLUMNS} FROM ledger_entries l WHERE l.reverses_id = ? AND l.kind = 'reversal' ORDER BY l.created_at, l.id LIMIT 1`,
  );
  const grantedBy = db.prepare<[string, string, string], LedgerRow & { reversalOn: LedgerRow['effectiveOn'] | null }>(
    `SELECT ${COLUMNS}, (SELECT min(r.effective_on) FROM ledger_entries r WHERE r.reverses_id = l.id AND r.kind = 'reversal') AS reversalOn
         FROM ledger_entries l WHERE l.actor_id = ? AND l.kind <> 'reversal' AND l.created_at >= ? AND l.created_at < ?`,
  );
  const idsOfCommand = db.prepare<[string], Pick<LedgerRow, 'id'>>(`SELECT id FROM ledger_entries WHERE command_id = ? ORDER BY id`);
  const unbilledOneOff = db.prepare<[string], Pick<LedgerRow, 'accountId' | 'amount'>>(
    // Not on an invoice yet = dated after the account's last billed cycle (the engine puts a one-off
    // credit on the invoice of its date's cycle) — whether or not it was granted against an invoice.
    `SELECT l.account_id AS accountId, sum(l.amount) AS amount FROM ledger_entries l
         WHERE l.account_id IN (${ACCOUNTS_OF_CUSTOMER}) AND l.kind IN ${ONE_OFF_KINDS}
           AND l.effective_on > coalesce((SELECT max(i.cycle_end) FROM invoices i WHERE i.account_id = l.account_id), '0000-00-00')
         GROUP BY l.account_id`,
  );
  const withoutCommand = db.prepare<[], ReconciledLedgerRow>(`${RECONCILED} WHERE command_id IS NULL AND fromHub = 0 ORDER BY id`);
  const all = db.prepare<[], ReconciledLedgerRow>(`${RECONCILED} ORDER BY id`);
  return {
    insert: (row: LedgerRow): void => {
      insert.run(row);
    },
    /** Every entry of the customer's accounts (reversals included), newest first. */
    ofCustomer: (customerId: string): LedgerRow[] => ofCustomer.all(customerId),
    withCustomer: (id: LedgerRow['id']): LedgerRowOfCustomer | undefined => withCustomer.get(id),
    /** The reversal of an entry, if it has one. */
    reversalOf: (id: LedgerRow['id']): LedgerRow | undefined => reversalOf.get(id),
    /** What `actorId` granted (reversals aside) created in [from, to), each with the day it was reversed, if it was. */
    grantedBy: (actorId: string, from: string, to: string): (LedgerRow & { reversalOn: LedgerRow['effectiveOn'] | null })[] => grantedBy.all(actorId, from, to),
    /** The ids of the entries one command wrote. */
    idsOfCommand: (commandId: string): LedgerRow['id'][] => idsOfCommand.all(commandId).map((r) => r.id),
    /** Per account of the customer: one-off credits (net of reversals) not on an invoice yet. */
    unbilledOneOffOfCustomer: (customerId: string): Pick<LedgerRow, 'accountId' | 'amount'>[] => unbilledOneOff.all(customerId),
    /** The entries no command of this store wrote nor the hub sent (demo history, a store's first start), in id order. */
    withoutCommand: (): IterableIterator<ReconciledLedgerRow> => withoutCommand.iterate(),
    /** Every entry, in id order. */
    all: (): IterableIterator<ReconciledLedgerRow> => all.iterate(),
  };
}

export type LedgerQueries = ReturnType<typeof ledgerQueries>;
