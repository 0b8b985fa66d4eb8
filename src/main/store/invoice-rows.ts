/**
 * How an engine invoice (core/billing generateInvoice — the same for demo history, the desktop's
 * billing run and the hub) is kept in the store:
 *   - one invoice_lines row per engine line, amount net of VAT, the engine's structured
 *     explanation as is (explainLine turns it into words);
 *   - then one 'tax' row carrying the invoice's VAT (the sum of the lines' VAT),
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
  const taxable = invoice.lines.reduce((sum, l) => (l.taxable ? sum + l.amount : sum), 0);
  rows.push({
    kind: 'tax',
    amount: invoice.tax,
    taxRateBp: invoice.taxRateBp,
    explanation: `{"code":"vat","rule":"sum-of-line-vat","rateBp":${invoice.taxRateBp},"taxableAmount":${taxable}}`,
  });
  return rows;
}
