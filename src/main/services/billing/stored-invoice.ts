/**
 * A stored invoice read back into the engine's Invoice: the stored structured explanations are
 * the engine's own, the line ids are the engine's (they are made from the explanation), each
 * line's VAT is recomputed by the engine's rule (tax.ts: per line, rounded once) and the sums
 * are checked against the stored totals — a stored invoice that does not add up is refused.
 */
import { previousCycle, type Catalog, type Invoice, type InvoiceLine, type LineExplanation } from '../../../core/billing';
import { creditLineGross } from '../../../core/billing/credits';
import { lineIdOf } from '../../../core/billing/line-id';
import { percentOf, sumMinor } from '../../../core/money';
import type { BillingAccountRow, BillingHistoryQueries, BillingLineRow } from '../../store/billing-history';
import type { InvoiceRow } from '../../store/invoices';
import { engineInvoiceId } from './engine-input';

/** The VAT row that follows an invoice's lines in the store (store/invoice-rows.ts). */
export const VAT_LINE_KIND = 'tax';

function isTaxable(e: LineExplanation, rateBp: number, catalog: Catalog): boolean {
  switch (e.code) {
    case 'credit':
      return e.vat === 'included';
    case 'late-fee':
    case 'one-off-fee':
      // A fee billed with VAT was taxable when it was issued, whatever the catalog says today
      // (the engine stores a line outside VAT at rate 0): the frozen line decides.
      if (rateBp > 0) return true;
      return catalog.oneOffFees.find((f) => f.id === e.fee.id)?.taxable ?? false;
    default:
      return true;
  }
}

/**
 * Stored explanations parsed once: the same ones recur on thousands of bills (a plan for a whole
 * month, a promotion), and the engine never changes what it is given (every type is readonly) —
 * the parsed objects are frozen to make sure of it.
 */
const parsedExplanations = new Map<string, LineExplanation>();
const PARSED_EXPLANATIONS_MAX = 20_000;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Forgets every parsed explanation (a benchmark's cold case). */
export function forgetParsedExplanations(): void {
  parsedExplanations.clear();
}

export function parsedExplanation(json: string): LineExplanation {
  let e = parsedExplanations.get(json);
  if (!e) {
    e = deepFreeze(JSON.parse(json) as LineExplanation);
    if (parsedExplanations.size >= PARSED_EXPLANATIONS_MAX) parsedExplanations.delete(parsedExplanations.keys().next().value!);
    parsedExplanations.set(json, e);
  }
  return e;
}

export class StoredInvoiceError extends Error {
  override readonly name = 'StoredInvoiceError';
}

/** A stored line as the engine's InvoiceLine (VAT recomputed by the engine's per-line rule). */
export function engineLine(row: BillingLineRow, explanation: LineExplanation, currency: string, catalog: Catalog): InvoiceLine {
  if (explanation.code === 'credit' && explanation.vat === 'included') {
    // A price reduction given VAT included: its VAT is the gross given minus the stored net (tax.ts).
    const gross = creditLineGross(explanation);
    const tax = -gross - row.amount;
    return { id: lineIdOf(explanation), currency, explanation, amount: row.amount, taxRateBp: row.taxRateBp, taxable: true, tax, total: row.amount + tax };
  }
  const taxable = isTaxable(explanation, row.taxRateBp, catalog);
  const tax = taxable ? percentOf(row.amount, row.taxRateBp) : 0;
  return {
    id: lineIdOf(explanation),
    currency,
    explanation,
    amount: row.amount,
    taxRateBp: taxable ? row.taxRateBp : 0,
    taxable,
    tax,
    total: row.amount + tax,
  };
}

export interface StoredInvoice {
  readonly row: InvoiceRow;
  /** The engine's invoice (its id is the store's id). */
  readonly invoice: Invoice;
  /** Store row id of each engine line, same order. */
  readonly lineRowIds: readonly string[];
  /** The VAT rows' figures (the first rate: the invoice's rate). */
  readonly vat: { readonly rateBp: number; readonly taxableAmount: number; readonly amount: number };
  /** The invoice's VAT per rate, as issued (its VAT rows), in rate order. */
  readonly vatByRate: readonly { readonly rateBp: number; readonly taxableAmount: number; readonly amount: number }[];
}

/**
 * A stored invoice back into the engine's Invoice. Refuses (StoredInvoiceError) one whose lines
 * do not add up to its stored subtotal, VAT and total, or to its VAT rows rate by rate. What the
 * document is (an invoice, or a credit note and the invoice it corrects) is read as issued.
 */
export function engineInvoice(
  row: InvoiceRow,
  lines: readonly BillingLineRow[],
  account: Pick<BillingAccountRow, 'country' | 'category'>,
  catalog: Catalog,
): StoredInvoice {
  const engineLines: InvoiceLine[] = [];
  const lineRowIds: string[] = [];
  const vatRows: BillingLineRow[] = [];
  for (const l of lines) {
    if (l.kind === VAT_LINE_KIND) {
      vatRows.push(l);
      continue;
    }
    engineLines.push(engineLine(l, parsedExplanation(l.explanation), row.currency, catalog));
    lineRowIds.push(l.id);
  }
  const subtotal = sumMinor(engineLines.map((l) => l.amount));
  const tax = sumMinor(engineLines.map((l) => l.tax));
  const total = subtotal + tax;
  const fail = (why: string) => new StoredInvoiceError(`invoice ${row.id} does not add up: ${why}`);
  if (subtotal !== row.subtotal || tax !== row.tax || total !== row.total) {
    throw fail(`lines ${subtotal}+${tax}, stored ${row.subtotal}+${row.tax}=${row.total}`);
  }
  const vatByRate = vatRows.map((v) => {
    const taxable = engineLines.filter((l) => l.taxable && l.taxRateBp === v.taxRateBp);
    return { rateBp: v.taxRateBp, taxableAmount: sumMinor(taxable.map((l) => l.amount)), amount: v.amount, lines: sumMinor(taxable.map((l) => l.tax)) };
  });
  if (vatRows.length > 0) {
    // Each VAT row is its rate's lines' VAT, and together they are the invoice's.
    const bad = vatByRate.find((v) => v.amount !== v.lines);
    if (bad) throw fail(`VAT at ${bad.rateBp} bp: lines ${bad.lines}, stored ${bad.amount}`);
    const rated = sumMinor(vatByRate.map((v) => v.amount));
    if (rated !== tax || new Set(vatByRate.map((v) => v.rateBp)).size !== vatByRate.length) throw fail(`VAT rows ${rated}, lines ${tax}`);
  }
  const rateBp = vatRows[0]?.taxRateBp ?? engineLines.find((l) => l.taxable)?.taxRateBp ?? 0;
  const invoice: Invoice = {
    id: row.id,
    // A credit note corrects the invoice before it (the engine's id of the previous cycle's
    // invoice, as generateInvoice refers to it; the store's is row.correctsInvoiceId).
    document:
      row.documentKind === 'credit_note'
        ? {
            kind: 'credit-note',
            correctsInvoiceId:
              row.correctsInvoiceId === null ? null : engineInvoiceId(row.accountId, previousCycle({ start: row.cycleStart, end: row.cycleEnd }).start),
          }
        : { kind: 'invoice' },
    accountId: row.accountId,
    currency: row.currency,
    cycle: { start: row.cycleStart, end: row.cycleEnd },
    issueDate: row.issuedOn,
    dueDate: row.dueOn,
    country: account.country,
    category: account.category,
    taxRateBp: rateBp,
    lines: engineLines,
    subtotal,
    tax,
    total,
    previousBalance: row.previousBalance,
    paymentsReceived: row.paymentsReceived,
    amountDue: row.amountDue,
  };
  const byRate = vatByRate.map(({ rateBp: r, taxableAmount, amount }) => ({ rateBp: r, taxableAmount, amount }));
  const taxableAmount = sumMinor(engineLines.filter((l) => l.taxable).map((l) => l.amount));
  return { row, invoice, lineRowIds, vat: { rateBp, taxableAmount, amount: tax }, vatByRate: byRate };
}

/** A stored invoice (any account) with its lines, as the engine's Invoice. */
export function storedInvoice(
  queries: BillingHistoryQueries,
  row: InvoiceRow,
  account: Pick<BillingAccountRow, 'country' | 'category'>,
  catalog: Catalog,
): StoredInvoice {
  return engineInvoice(row, queries.lines.all(row.id), account, catalog);
}
