/**
 * Engine results as the contract's views: figures copied, sentences made by the engine's own
 * explainers (explainLine, explainCause, summariseComparison) in the agent's language. The only
 * sentence made here is the VAT row's, which is the store's, not an engine line.
 */
import type {
  BillComparison,
  BillDocumentFields,
  ComparedInvoiceView,
  ComparisonCauseView,
  InvoiceBody,
  InvoiceLineView,
  Locale,
  VatView,
} from '../../../core/api';
import { explainCause, explainLine, summariseComparison, type Invoice, type InvoiceComparison, type InvoiceLine } from '../../../core/billing';
import { finish, money, percent, yearOf } from '../../../core/billing/locale';
import { t } from '../../../core/i18n';
import { sumMinor } from '../../../core/money';

/** "VAT at 20% on €25.00: €5.00" / "TVA à 20 % sur 25,00 € : 5,00 €". */
export function vatSentence(vat: { rateBp: number; taxableAmount: number; amount: number }, currency: string, locale: Locale): string {
  return finish(
    t(locale, 'sentence.vat', {
      rate: percent(vat.rateBp, locale),
      base: money(vat.taxableAmount, currency, locale),
      amount: money(vat.amount, currency, locale),
    }),
    locale,
  );
}

/**
 * What kind of document a stored bill is, as the contract says it (the store's 'credit_note' is the
 * contract's 'credit-note'), with the number of the invoice a credit note corrects. `numberOf`
 * finds that invoice's number (undefined: not found, which a credit note never is — the store's
 * foreign key keeps it; it is then shown without one rather than with a wrong one).
 */
export function billDocumentFields(
  row: { readonly documentKind: 'invoice' | 'credit_note'; readonly correctsInvoiceId: string | null },
  numberOf: (invoiceId: string) => string | undefined,
): BillDocumentFields {
  if (row.documentKind !== 'credit_note') return { kind: 'invoice', corrects: null };
  const number = row.correctsInvoiceId === null ? undefined : numberOf(row.correctsInvoiceId);
  return { kind: 'credit-note', corrects: number === undefined ? null : { id: row.correctsInvoiceId!, number } };
}

/** A recurring fee is a 'plan' or 'option' line; other lines keep the engine's code (as stored). */
export function lineKind(line: InvoiceLine): string {
  const e = line.explanation;
  return e.code === 'recurring-fee' ? e.item.kind : e.code;
}

/**
 * explainLine; `year`: the invoice's (a day in another year is said with its year). (Sentences
 * are not remembered across invoices: with amounts and days written without Intl on every call,
 * making one costs about what looking it up did — the explain benchmark measured a memo of them
 * gaining ~5 %, within its noise.)
 */
export function lineSentence(line: InvoiceLine, locale: Locale, year?: number): string {
  return explainLine(line, locale, year);
}

export function lineView(line: InvoiceLine, locale: Locale, id: string = line.id, year?: number): InvoiceLineView {
  return {
    id,
    kind: lineKind(line),
    amount: line.amount,
    taxRateBp: line.taxRateBp,
    tax: line.tax,
    total: line.total,
    sentence: lineSentence(line, locale, year),
    explanation: line.explanation,
  };
}

export function vatView(invoice: Invoice, locale: Locale): VatView {
  const vat = {
    rateBp: invoice.taxRateBp,
    taxableAmount: sumMinor(invoice.lines.filter((l) => l.taxable).map((l) => l.amount)),
    amount: invoice.tax,
  };
  return { ...vat, sentence: vatSentence(vat, invoice.currency, locale) };
}

/**
 * The invoice's figures and lines; `stored` gives the store's row ids (in place of the engine's
 * line ids) and the explanations as stored.
 */
export function invoiceBody(invoice: Invoice, locale: Locale, stored?: { lineRowIds: readonly string[] }): InvoiceBody {
  return {
    currency: invoice.currency,
    cycle: { start: invoice.cycle.start, end: invoice.cycle.end },
    issuedOn: invoice.issueDate,
    dueOn: invoice.dueDate,
    lines: invoice.lines.map((l, k) => lineView(l, locale, stored?.lineRowIds[k] ?? l.id, yearOf(invoice.cycle.start))),
    vat: vatView(invoice, locale),
    subtotal: invoice.subtotal,
    tax: invoice.tax,
    total: invoice.total,
    previousBalance: invoice.previousBalance,
    paymentsReceived: invoice.paymentsReceived,
    amountDue: invoice.amountDue,
  };
}

export class ComparisonMismatchError extends Error {
  override readonly name = 'ComparisonMismatchError';
}

/**
 * The comparison with its sentences. The causes must add up EXACTLY to the difference (the
 * engine's property); a comparison that does not is refused rather than read out.
 */
export function comparisonView(
  comparison: InvoiceComparison,
  previous: Omit<ComparedInvoiceView, 'total'>,
  current: Omit<ComparedInvoiceView, 'total'>,
  locale: Locale,
): BillComparison {
  const sum = sumMinor(comparison.causes.map((c) => c.amount));
  if (sum !== comparison.difference || comparison.difference !== comparison.current.total - comparison.previous.total) {
    throw new ComparisonMismatchError(`causes add up to ${sum}, the difference is ${comparison.difference}`);
  }
  const year = yearOf(comparison.current.cycle.start);
  const causes: ComparisonCauseView[] = comparison.causes.map((cause) => ({
    key: cause.key,
    code: cause.code,
    amount: cause.amount,
    sentence: explainCause(cause, comparison.currency, locale, year),
    cause,
  }));
  return {
    currency: comparison.currency,
    locale,
    previous: { ...previous, total: comparison.previous.total },
    current: { ...current, total: comparison.current.total },
    difference: comparison.difference,
    causes,
    summary: summariseComparison(comparison, locale),
  };
}
