/**
 * The hub as billing authority: numbers of issued bills, gapless per series (core/billing/numbering.ts),
 * taken in the transaction that writes the bill — the desk's rule (src/main/store/invoice-numbers.ts
 * says who numbers and why it is gapless) in PostgreSQL. The UPDATE locks the series' row until
 * the transaction ends: a concurrent billing waits for it, then reads the advanced counter; a
 * rollback puts the counter back with the bill. (A SEQUENCE would skip numbers: its values are
 * never given back.) The hub's billing run (billing-run.ts) takes its numbers here.
 */
import { formatDocumentNumber } from '../../core/billing/numbering';
import type { Sql } from '../db/open';

const TAKE = `INSERT INTO invoice_series (series, next_number) VALUES ($1, 2)
  ON CONFLICT (series) DO UPDATE SET next_number = invoice_series.next_number + 1 RETURNING next_number - 1 AS n`;

/** The next number of `series`, printed ("F-2026-000123"). Call it inside the transaction that writes the bill. */
export async function takeDocumentNumber(sql: Sql, series: string): Promise<string> {
  const [row] = await sql.query<{ n: number }>(TAKE, [series]);
  return formatDocumentNumber(series, Number(row!.n));
}
