/**
 * VAT rule: VAT is computed PER LINE, at the account's rate, on the line's net amount, rounded once
 * (money.ts rule). The invoice's tax is the sum of the lines' VAT, so every line carries its own
 * VAT and a bill comparison can give each cause exactly the VAT of its lines — no residual.
 * Late fees are outside the scope of VAT (taxable: false).
 *
 * PRICE REDUCTIONS (EU VAT directive art. 79 and 90, CGI art. 267): a credit or discount granted by
 * an agent lowers the taxable base and its VAT. The amount granted is what the customer pays less,
 * VAT included, so it is split once into net and VAT: net = gross × 10 000 / (10 000 + rate),
 * rounded once (money.ts rule), VAT = gross − net. The customer gets exactly the amount promised
 * and the caps counted; the line reduces the invoice's taxable amount and its VAT. See credits.ts
 * for which credits are price reductions.
 */
import { percentOf, type CurrencyCode, type Minor } from '../money/money';
import { mulDiv } from '../money/money';
import type { InvoiceLine, LineExplanation } from './invoice-types';
import type { BasisPoints, Id } from './types';

export function taxedLine(id: Id, currency: CurrencyCode, explanation: LineExplanation, amount: Minor, taxable: boolean, rateBp: BasisPoints): InvoiceLine {
  const taxRateBp = taxable ? rateBp : 0;
  const tax = taxable ? percentOf(amount, rateBp) : 0;
  return { id, currency, explanation, amount, taxRateBp, taxable, tax, total: amount + tax };
}

/** The net part of an amount given VAT included at `rateBp`, rounded once. */
export function netOfVat(gross: Minor, rateBp: BasisPoints): Minor {
  return mulDiv(gross, 10_000, 10_000 + rateBp);
}

/**
 * A price reduction of `gross` (VAT included, positive: what the customer pays less) as a line
 * that lowers the taxable base: amount −net, tax −(gross − net), total −gross.
 */
export function vatIncludedReductionLine(id: Id, currency: CurrencyCode, explanation: LineExplanation, gross: Minor, rateBp: BasisPoints): InvoiceLine {
  const net = netOfVat(gross, rateBp);
  return { id, currency, explanation, amount: -net, taxRateBp: rateBp, taxable: true, tax: -(gross - net), total: -gross };
}

/** True for a line whose amount was given VAT included (its total does not move with the rate). */
export function isVatIncludedLine(line: InvoiceLine): boolean {
  return line.explanation.code === 'credit' && line.explanation.vat === 'included';
}

/** A line's total had it been taxed at another rate (used to isolate a VAT-rate change). */
export function totalAtRate(line: InvoiceLine, rateBp: BasisPoints): Minor {
  if (isVatIncludedLine(line)) return line.total;
  return line.taxable ? line.amount + percentOf(line.amount, rateBp) : line.amount;
}
