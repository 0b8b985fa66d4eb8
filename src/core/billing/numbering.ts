/**
 * How issued bills are numbered (French law, CGI art. 242 nonies A: "un numéro unique basé sur
 * une séquence chronologique et continue"; several series are allowed when each is continuous).
 *
 *   series   one per document kind and calendar year of issue:
 *              invoices      F-2026   → F-2026-000001, F-2026-000002, …
 *              credit notes  AV-2026  → AV-2026-000001, …   ("avoir")
 *            A new year starts its series at 1. Six digits, more when a series outgrows them
 *            (the number never wraps and never loses a digit).
 *   gapless  the next number of a series is taken in the transaction that writes the document
 *            (src/main/store/invoice-numbers.ts), so a rollback gives it back and two billings
 *            never share or skip one.
 *
 * Who numbers is in invoice-numbers.ts. This file is the pure part: which series a document
 * belongs to, and how a number is written and read.
 */
import type { IsoDate } from './types';

/** What an issued bill is: an invoice, or a credit note ('avoir') when its total is negative. */
export type DocumentKind = 'invoice' | 'credit_note';

export const SERIES_PREFIX: Readonly<Record<DocumentKind, string>> = { invoice: 'F', credit_note: 'AV' };

/** The smallest number of digits of a document's number in its series. */
export const NUMBER_DIGITS = 6;

/** A bill with a negative total is issued as a credit note; any other as an invoice. */
export function documentKindOf(total: number): DocumentKind {
  return total < 0 ? 'credit_note' : 'invoice';
}

/** The series of a document of `kind` issued on `issuedOn` ('YYYY-MM-DD'): "F-2026", "AV-2026". */
export function seriesOf(kind: DocumentKind, issuedOn: IsoDate): string {
  const year = issuedOn.slice(0, 4);
  if (!/^\d{4}$/.test(year)) throw new RangeError(`not a date: ${issuedOn}`);
  return `${SERIES_PREFIX[kind]}-${year}`;
}

/** The number `n` (1, 2, …) of a series as printed: "F-2026-000123". */
export function formatDocumentNumber(series: string, n: number): string {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`a document number is a whole number from 1: ${n}`);
  return `${series}-${String(n).padStart(NUMBER_DIGITS, '0')}`;
}

const NUMBER = /^(F|AV)-(\d{4})-(\d{6,})$/;

/** A printed number back into its series and rank; null for anything else (an older bill's number). */
export function parseDocumentNumber(text: string): { kind: DocumentKind; series: string; n: number } | null {
  const m = NUMBER.exec(text);
  if (!m) return null;
  const n = Number(m[3]);
  if (!Number.isSafeInteger(n) || n < 1 || (m[3]!.length > NUMBER_DIGITS && m[3]!.startsWith('0'))) return null;
  return { kind: m[1] === 'F' ? 'invoice' : 'credit_note', series: `${m[1]}-${m[2]}`, n };
}
