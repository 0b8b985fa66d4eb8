/**
 * VAT rule: VAT is computed PER LINE, at the account's rate, on the line's net amount, rounded once
 * (money.ts rule). The invoice's tax is the sum of the lines' VAT, so every line carries its own
 * VAT and a bill comparison can give each cause exactly the VAT of its lines — no residual.
 * Late fees and ledger credits are outside the scope of VAT (taxable: false).
 */
import { percentOf, type CurrencyCode, type Minor } from '../money/money';
import type { InvoiceLine, LineExplanation } from './invoice-types';
import type { BasisPoints, Id } from './types';

export function taxedLine(
  id: Id,
  currency: CurrencyCode,
  explanation: LineExplanation,
  amount: Minor,
  taxable: boolean,
  rateBp: BasisPoints,
): InvoiceLine {
  const taxRateBp = taxable ? rateBp : 0;
  const tax = taxable ? percentOf(amount, rateBp) : 0;
  return { id, currency, explanation, amount, taxRateBp, taxable, tax, total: amount + tax };
}

/** A line's total had it been taxed at another rate (used to isolate a VAT-rate change). */
export function totalAtRate(line: InvoiceLine, rateBp: BasisPoints): Minor {
  return line.taxable ? line.amount + percentOf(line.amount, rateBp) : line.amount;
}
