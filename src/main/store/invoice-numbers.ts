/**
 * The numbers of issued bills, gapless per series (core/billing/numbering.ts: F-2026-000123,
 * AV-2026-000004).
 *
 * WHO NUMBERS. Only the billing authority: the store that issues the bills of record. A desk
 * joined to a hub never issues a bill — bills reach it from the hub through sync, numbers
 * included — so two desks can never hand out the same number, offline or not. A standalone desk
 * is its own billing authority and numbers from its own store. A hub that bills cycles numbers
 * them in the same way in PostgreSQL: `invoice_series` is a plain table and the statement below
 * is portable (INSERT … ON CONFLICT DO UPDATE … RETURNING). Per-desk series were the other way
 * out; they were not chosen because a customer's bills would then be numbered by whichever desk
 * happened to run a cycle, and a desk restored from a backup would hand out numbers again.
 *
 * WHY GAPLESS. The next number is taken by updating the series' row in the transaction that writes
 * the bill. The row stays locked (SQLite: the write lock; PostgreSQL: the row lock) until that
 * transaction ends: a second billing waits, then sees the advanced counter, so two billings never
 * share a number; a rollback (a crash, an error) undoes the counter with the bill, so no number is
 * skipped. A sequence object would not do: its values are not transactional.
 */
import type Database from 'better-sqlite3';
import { formatDocumentNumber } from '../../core/billing/numbering';

/** Takes the next number of a series (a series seen for the first time starts at 1). */
export const TAKE_NUMBER_SQL = `INSERT INTO invoice_series (series, next_number) VALUES (?, 2)
  ON CONFLICT (series) DO UPDATE SET next_number = next_number + 1 RETURNING next_number - 1 AS n`;

export class NumberingOutsideTransaction extends Error {
  override readonly name = 'NumberingOutsideTransaction';
  constructor() {
    super('a document number is taken only in the transaction that writes the document');
  }
}

export function invoiceNumbers(db: Database.Database) {
  const take = db.prepare<[string], { n: number }>(TAKE_NUMBER_SQL);
  const peek = db.prepare<[string], number>(`SELECT next_number FROM invoice_series WHERE series = ?`).pluck();
  return {
    /** The next number of `series`, printed ("F-2026-000123"). Only inside the writing transaction. */
    take(series: string): string {
      if (!db.inTransaction) throw new NumberingOutsideTransaction();
      return formatDocumentNumber(series, take.get(series)!.n);
    },
    /** The rank the next `take` of this series would give (1 for a new series); takes nothing. */
    peek(series: string): number {
      return peek.get(series) ?? 1;
    },
  };
}

export type InvoiceNumbers = ReturnType<typeof invoiceNumbers>;
