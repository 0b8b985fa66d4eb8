/**
 * How an engine invoice (core/billing generateInvoice — the same for demo history, the desktop's
 * billing run and the hub) is kept in the store:
 *   - one invoice_lines row per engine line, amount net of VAT, the engine's structured
 *     explanation as is (explainLine turns it into words);
 *   - then one 'tax' row per VAT rate carrying the VAT of that rate (the sum of its lines' VAT)
 *     and its taxable amount — the invoice's VAT per rate, frozen as issued (one row in practice:
 *     VAT is at the account's rate, core/billing/tax.ts),
 * so an invoice's total is exactly the sum of its rows, in integer cents.
 */
import type { Invoice, InvoiceLine } from '../../core/billing';

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

/** An invoice's row as the demo history and the billing run both insert it (issuing adds its document kind after these). */
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
