/**
 * Issuing a bill, the pure part — one rule for every billing authority (a standalone desk:
 * src/main/services/billing/issue-invoice.ts; the hub: src/hub/services/billing-run.ts):
 *
 *   - which account gets a bill for a cycle: a known account not billed for it yet (its newest
 *     bill starts before the cycle) — billing the same cycle again issues nothing;
 *   - the engine's invoice for it (generateInvoice), with the late fees of the bills before it
 *     judged net of what open disputes hold on them (fees.ts);
 *   - what it is issued as: an invoice, or a credit note ('avoir') correcting the account's last
 *     bill when its total is negative, in its numbering series (numbering.ts);
 *   - how it is kept: one line row per engine line, amount net of VAT, the engine's structured
 *     explanation as is (explainLine turns it into words), then one 'tax' row per VAT rate
 *     carrying the VAT of that rate (the sum of its lines' VAT) and its taxable amount — the
 *     invoice's VAT per rate, frozen as issued — so an invoice's total is exactly the sum of its
 *     rows, in integer cents.
 *
 * Who numbers, and in which transaction, is the store's business (numbering.ts says why).
 */
import { previousInvoiceRef, type LoadedAccount, type StoredInvoiceFields } from './billing-input';
import { generateInvoice } from './invoice';
import type { Invoice, InvoiceLine } from './invoice-types';
import { documentKindOf, seriesOf, type DocumentKind } from './numbering';
import type { BillingCycle, Catalog } from './types';

/** What a bill is issued as: its kind, its series, and for a credit note the invoice it corrects. */
export interface IssuedDocument {
  readonly kind: DocumentKind;
  readonly series: string;
  /** The store id of the bill a credit note corrects (the account's last one); null otherwise. */
  readonly correctsInvoiceId: string | null;
}

/** How the engine's invoice is issued, after the account's last stored bill (null: its first). */
export function issuedDocument(invoice: Pick<Invoice, 'total' | 'issueDate'>, lastInvoice: { readonly id: string } | null): IssuedDocument {
  const kind = documentKindOf(invoice.total);
  return { kind, series: seriesOf(kind, invoice.issueDate), correctsInvoiceId: kind === 'credit_note' ? (lastInvoice?.id ?? null) : null };
}

/**
 * The bill of `cycle` for a loaded account, with what it is issued as; null when the account
 * already has a bill for this cycle or a later one. `held`: what open disputes hold, by stored
 * invoice id.
 */
export function cycleBill(
  catalog: Catalog,
  loaded: LoadedAccount,
  cycle: BillingCycle,
  held: ReadonlyMap<string, number> = new Map(),
): { invoice: Invoice; document: IssuedDocument } | null {
  const last: StoredInvoiceFields | null = loaded.lastInvoice;
  if (last && last.cycleStart >= cycle.start) return null;
  const previous = last ? previousInvoiceRef(last, loaded.invoiceBefore, held) : null;
  const invoice = generateInvoice(catalog, loaded.context, cycle, previous);
  return { invoice, document: issuedDocument(invoice, last) };
}

/** One stored invoice_lines row, without its ids and position. */
export interface LineRow {
  readonly kind: string;
  readonly amount: number;
  readonly taxRateBp: number;
  readonly explanation: string;
}

/** A recurring fee is a 'plan' or 'option' line; other lines keep the engine's code. */
function kindOf(line: InvoiceLine): string {
  const e = line.explanation;
  return e.code === 'recurring-fee' ? e.item.kind : e.code;
}

/** The invoice's line rows as stored: its lines, then its VAT per rate. */
export function invoiceLineRows(invoice: Invoice): LineRow[] {
  const rows: LineRow[] = invoice.lines.map((line) => ({
    kind: kindOf(line),
    amount: line.amount,
    taxRateBp: line.taxRateBp,
    explanation: JSON.stringify(line.explanation),
  }));
  for (const vat of vatByRate(invoice)) {
    rows.push({
      kind: 'tax',
      amount: vat.amount,
      taxRateBp: vat.rateBp,
      explanation: `{"code":"vat","rule":"sum-of-line-vat","rateBp":${vat.rateBp},"taxableAmount":${vat.taxableAmount}}`,
    });
  }
  return rows;
}

/**
 * The invoice's VAT per rate, as issued: one entry per rate of its taxable lines (the rate's
 * taxable amount and the sum of those lines' VAT), in rate order. An invoice with no taxable line
 * has one entry at the invoice's rate, for nothing. The entries' amounts add up to the invoice's tax.
 */
export function vatByRate(invoice: Pick<Invoice, 'lines' | 'tax' | 'taxRateBp'>): { rateBp: number; taxableAmount: number; amount: number }[] {
  const byRate = new Map<number, { rateBp: number; taxableAmount: number; amount: number }>();
  for (const l of invoice.lines) {
    if (!l.taxable) continue;
    const entry = byRate.get(l.taxRateBp) ?? { rateBp: l.taxRateBp, taxableAmount: 0, amount: 0 };
    entry.taxableAmount += l.amount;
    entry.amount += l.tax;
    byRate.set(l.taxRateBp, entry);
  }
  if (byRate.size === 0) return [{ rateBp: invoice.taxRateBp, taxableAmount: 0, amount: invoice.tax }];
  return [...byRate.values()].sort((a, b) => a.rateBp - b.rateBp);
}

/** An invoice's row as the demo history, a desk's billing run and the hub's all insert it (issuing adds its document kind after these). */
export type InvoiceRowValues = [
  id: string,
  accountId: string,
  number: string,
  cycleStart: string,
  cycleEnd: string,
  issuedOn: string,
  dueOn: string,
  currency: string,
  subtotal: number,
  tax: number,
  total: number,
  previousBalance: number,
  paymentsReceived: number,
  amountDue: number,
];
/** One invoice_lines row as inserted. */
export type InvoiceLineValues = [id: string, invoiceId: string, position: number, kind: string, amount: number, taxRateBp: number, explanation: string];

export function invoiceRowValues(id: string, number: string, invoice: Invoice): InvoiceRowValues {
  return [
    id,
    invoice.accountId,
    number,
    invoice.cycle.start,
    invoice.cycle.end,
    invoice.issueDate,
    invoice.dueDate,
    invoice.currency,
    invoice.subtotal,
    invoice.tax,
    invoice.total,
    invoice.previousBalance,
    invoice.paymentsReceived,
    invoice.amountDue,
  ];
}

/** The invoice's rows (invoiceLineRows) as inserted under `invoiceId`, positions from 1, each with a fresh id from `newId`. */
export function invoiceLineValues(invoice: Invoice, invoiceId: string, newId: () => string): InvoiceLineValues[] {
  return invoiceLineRows(invoice).map((l, k) => [newId(), invoiceId, k + 1, l.kind, l.amount, l.taxRateBp, l.explanation]);
}
