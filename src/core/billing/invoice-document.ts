/**
 * The bill as the customer holds it: the document model that the print view (renderer) and the
 * PDF (main, pdf-lib) both lay out, built from the STORED invoice (its lines with their
 * explanation sentences, its VAT and totals, the previous balance and payments as the invoice
 * shows them), the account's customer and the seller — pure, in the requested language.
 *
 * Which mentions apply (French law: Code de commerce L441-9, R123-237; CGI 242 nonies A):
 * - always: seller name, legal form, address, SIREN, VAT number; customer name and address;
 *   number and date; service period; VAT per rate; due date; late-penalty terms; the conditions
 *   of early-payment discount (none);
 * - business customers: the fixed €40 recovery indemnity (D441-5);
 * - a credit note (avoir, a negative total) names the invoice it corrects.
 * Every figure is formatted here with the locale (Intl), so both layouts print the same text.
 */
import { t, type Locale } from '../i18n';
import type { CurrencyCode, Minor } from '../money/money';
import { formatMoney } from '../money';
import { intlLocale } from '../i18n/locale';
import { percent } from './locale';
import { RECOVERY_INDEMNITY_EUR_MINOR, type Seller } from './seller';
import type { InvoiceTotals } from './invoice-types';
import type { CustomerCategory, IsoDate } from './types';

export interface DocumentLineInput {
  /** The line's explanation sentence, in `locale` (explainLine). */
  readonly sentence: string;
  readonly amount: Minor;
  readonly taxRateBp: number;
  /** False for a line outside the scope of VAT (a late fee, its waiver). */
  readonly taxable: boolean;
  readonly tax: Minor;
  readonly total: Minor;
}

/** The invoice as printed: who and when, its lines, and its figures (InvoiceTotals). */
export interface DocumentInvoiceInput extends InvoiceTotals {
  readonly number: string;
  readonly kind: 'invoice' | 'credit-note';
  /** The invoice a credit note corrects (its number and date), null when none. */
  readonly corrects: { readonly number: string; readonly issuedOn: IsoDate } | null;
  readonly issuedOn: IsoDate;
  readonly dueOn: IsoDate;
  readonly cycle: { readonly start: IsoDate; readonly end: IsoDate };
  readonly currency: CurrencyCode;
  readonly lines: readonly DocumentLineInput[];
}

export interface DocumentCustomerInput {
  readonly name: string;
  readonly category: CustomerCategory;
  readonly accountNumber: string;
  readonly address: {
    readonly line1: string;
    readonly line2: string | null;
    readonly postcode: string;
    readonly city: string;
    readonly country: string;
  } | null;
}

export interface LabelledValue {
  readonly label: string;
  readonly value: string;
}

export interface DocumentLine {
  readonly description: string;
  readonly net: string;
  readonly vatRate: string;
  readonly total: string;
}

export interface DocumentVatRow {
  /** null for the lines outside the scope of VAT. */
  readonly rateBp: number | null;
  readonly label: string;
  readonly base: Minor;
  readonly amount: Minor;
  readonly baseText: string;
  readonly amountText: string;
}

export type DocumentMentionCode = 'late-penalty' | 'recovery-indemnity' | 'no-early-payment-discount' | 'corrects-invoice';

export interface InvoiceDocument {
  readonly locale: Locale;
  readonly kind: 'invoice' | 'credit-note';
  readonly number: string;
  /**
   * "Facture n° F-…" / "Invoice F-…"; a credit note names the invoice it corrects: "Avoir n° AV-…
   * rectifiant la facture F-…" / "Credit note AV-… correcting invoice F-…". Also the PDF's title.
   */
  readonly title: string;
  readonly seller: { readonly heading: string; readonly lines: readonly string[] };
  readonly customer: { readonly heading: string; readonly lines: readonly string[] };
  /** Number, date, period, due date, account (and the corrected invoice for a credit note). */
  readonly facts: readonly LabelledValue[];
  readonly columns: { readonly description: string; readonly net: string; readonly vatRate: string; readonly total: string };
  readonly lines: readonly DocumentLine[];
  readonly vatHeading: string;
  readonly vatColumns: { readonly base: string; readonly amount: string };
  /** One row per VAT rate (highest first), then the lines outside the scope of VAT; Σ amount = the invoice's VAT. */
  readonly vat: readonly DocumentVatRow[];
  readonly totals: readonly LabelledValue[];
  readonly mentions: readonly { readonly code: DocumentMentionCode; readonly text: string }[];
  /** "Page {page} of {pages}" with the two placeholders left for the layout to fill. */
  readonly pageLabel: string;
}

export class InvoiceDocumentError extends Error {
  override readonly name = 'InvoiceDocumentError';
}

const longDates = new Map<Locale, Intl.DateTimeFormat>();

/** "12 March 2026" / "12 mars 2026", "1er mars 2026". */
export function longDate(date: IsoDate, locale: Locale): string {
  let f = longDates.get(locale);
  if (!f) longDates.set(locale, (f = new Intl.DateTimeFormat(intlLocale(locale), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })));
  const text = f.format(new Date(`${date}T00:00:00Z`));
  return locale === 'fr' && date.endsWith('-01') ? text.replace(/^1(?=\D)/, '1er') : text;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** VAT per rate from the lines: taxable lines grouped by rate, highest first, then those outside the scope. */
export function vatByRate(lines: readonly DocumentLineInput[]): { rateBp: number | null; base: Minor; amount: Minor }[] {
  const byRate = new Map<number, { base: number; amount: number }>();
  let outside: { base: number; amount: number } | null = null;
  for (const l of lines) {
    if (!l.taxable) {
      outside ??= { base: 0, amount: 0 };
      outside.base += l.amount;
      outside.amount += l.tax;
      continue;
    }
    const row = byRate.get(l.taxRateBp) ?? { base: 0, amount: 0 };
    row.base += l.amount;
    row.amount += l.tax;
    byRate.set(l.taxRateBp, row);
  }
  const rows: { rateBp: number | null; base: Minor; amount: Minor }[] = [...byRate.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([rateBp, r]) => ({ rateBp, ...r }));
  if (outside) rows.push({ rateBp: null, ...outside });
  return rows;
}

export function buildInvoiceDocument(invoice: DocumentInvoiceInput, customer: DocumentCustomerInput, seller: Seller, locale: Locale): InvoiceDocument {
  const cur = invoice.currency;
  const money = (amount: Minor, currency: CurrencyCode = cur): string => formatMoney(amount, currency, intlLocale(locale));
  const date = (d: IsoDate): string => longDate(d, locale);

  // The document must add up exactly as the stored invoice does.
  if (sum(invoice.lines.map((l) => l.amount)) !== invoice.subtotal || sum(invoice.lines.map((l) => l.tax)) !== invoice.tax) {
    throw new InvoiceDocumentError(`invoice ${invoice.number}: its lines do not add up to its totals`);
  }
  if (invoice.subtotal + invoice.tax !== invoice.total || invoice.previousBalance - invoice.paymentsReceived + invoice.total !== invoice.amountDue) {
    throw new InvoiceDocumentError(`invoice ${invoice.number}: its totals do not add up`);
  }
  const isCreditNote = invoice.kind === 'credit-note';

  const sellerLines = [
    seller.name,
    seller.shareCapital === null
      ? seller.legalForm
      : t(locale, 'doc.seller.capital', { legalForm: seller.legalForm, capital: money(seller.shareCapital, seller.currency) }),
    seller.address.line1,
    ...(seller.address.line2 ? [seller.address.line2] : []),
    `${seller.address.postcode} ${seller.address.city}`,
    seller.registry
      ? t(locale, 'doc.seller.registry', { registry: seller.registry, siren: seller.siren })
      : t(locale, 'doc.seller.siren', { siren: seller.siren }),
    t(locale, 'doc.seller.vat', { vat: seller.vatNumber }),
  ];
  const a = customer.address;
  const customerLines = [
    customer.name,
    ...(a
      ? [a.line1, ...(a.line2 ? [a.line2] : []), `${a.postcode} ${a.city}`, ...(a.country !== seller.address.country ? [a.country] : [])]
      : [t(locale, 'doc.customer.noAddress')]),
  ];

  const facts: LabelledValue[] = [
    { label: t(locale, isCreditNote ? 'doc.fact.creditNoteNumber' : 'doc.fact.invoiceNumber'), value: invoice.number },
    { label: t(locale, 'doc.fact.issuedOn'), value: date(invoice.issuedOn) },
    { label: t(locale, 'doc.fact.period'), value: t(locale, 'doc.fact.periodValue', { from: date(invoice.cycle.start), to: date(invoice.cycle.end) }) },
    { label: t(locale, 'doc.fact.dueOn'), value: date(invoice.dueOn) },
    { label: t(locale, 'doc.fact.account'), value: customer.accountNumber },
  ];
  if (isCreditNote && invoice.corrects) facts.push({ label: t(locale, 'doc.fact.corrects'), value: invoice.corrects.number });

  const rateText = (l: DocumentLineInput): string => (l.taxable ? percent(l.taxRateBp, locale) : t(locale, 'doc.vat.outside'));
  const lines: DocumentLine[] = invoice.lines.map((l) => ({ description: l.sentence, net: money(l.amount), vatRate: rateText(l), total: money(l.total) }));

  const vat: DocumentVatRow[] = vatByRate(invoice.lines).map((r) => ({
    rateBp: r.rateBp,
    label: r.rateBp === null ? t(locale, 'doc.vat.outside') : t(locale, 'doc.vat.rate', { rate: percent(r.rateBp, locale) }),
    base: r.base,
    amount: r.amount,
    baseText: money(r.base),
    amountText: money(r.amount),
  }));

  const totals: LabelledValue[] = [
    { label: t(locale, 'doc.total.net'), value: money(invoice.subtotal) },
    { label: t(locale, 'doc.total.vat'), value: money(invoice.tax) },
    { label: t(locale, 'doc.total.gross'), value: money(invoice.total) },
    { label: t(locale, 'doc.total.previous'), value: money(invoice.previousBalance) },
    { label: t(locale, 'doc.total.payments'), value: money(invoice.paymentsReceived) },
    invoice.amountDue < 0
      ? { label: t(locale, 'doc.total.inFavour'), value: money(-invoice.amountDue) }
      : { label: t(locale, 'doc.total.due', { date: date(invoice.dueOn) }), value: money(invoice.amountDue) },
  ];

  const mentions: { code: DocumentMentionCode; text: string }[] = [];
  if (isCreditNote && invoice.corrects) {
    mentions.push({
      code: 'corrects-invoice',
      text: t(locale, 'doc.mention.creditNote', { number: invoice.corrects.number, date: date(invoice.corrects.issuedOn) }),
    });
  }
  mentions.push({ code: 'late-penalty', text: t(locale, 'doc.mention.latePenalty', { rate: percent(seller.latePenaltyRateBp, locale) }) });
  if (customer.category === 'business') {
    mentions.push({ code: 'recovery-indemnity', text: t(locale, 'doc.mention.indemnity', { amount: money(RECOVERY_INDEMNITY_EUR_MINOR, 'EUR') }) });
  }
  mentions.push({ code: 'no-early-payment-discount', text: t(locale, 'doc.mention.noDiscount') });

  return {
    locale,
    kind: invoice.kind,
    number: invoice.number,
    title: !isCreditNote
      ? t(locale, 'doc.title.invoice', { number: invoice.number })
      : invoice.corrects
        ? t(locale, 'doc.title.creditNoteCorrecting', { number: invoice.number, corrects: invoice.corrects.number })
        : t(locale, 'doc.title.creditNote', { number: invoice.number }),
    seller: { heading: t(locale, 'doc.seller.heading'), lines: sellerLines },
    customer: { heading: t(locale, 'doc.customer.heading'), lines: customerLines },
    facts,
    columns: {
      description: t(locale, 'doc.col.description'),
      net: t(locale, 'doc.col.net'),
      vatRate: t(locale, 'doc.col.vatRate'),
      total: t(locale, 'doc.col.total'),
    },
    lines,
    vatHeading: t(locale, 'doc.vat.heading'),
    vatColumns: { base: t(locale, 'doc.vat.base'), amount: t(locale, 'doc.vat.amount') },
    vat,
    totals,
    mentions,
    pageLabel: t(locale, 'doc.page', { page: '{page}', pages: '{pages}' }),
  };
}
