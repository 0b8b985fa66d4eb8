/**
 * The invoice document (core/billing/invoice-document.ts) laid out as an A4 PDF with pdf-lib,
 * in main. The standard fonts (Helvetica) are encoded in WinAnsi (Windows-1252): é, è, à, ç, ’,
 * «, », € and the no-break space are in it; the narrow no-break space that French number
 * formatting uses (U+202F, "1 234,56 €") and a few others are not, so `winAnsiSafe` maps them to
 * what it has (U+202F → U+00A0 keeps "1 234,56 €" on one line) and anything else left to '?'
 * — never a thrown error halfway through a bill.
 *
 * Deterministic: the same document gives the same bytes (the dates in the metadata are the
 * invoice's issue date, not "now"), so a copy sent twice is the same file.
 */
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import type { InvoiceDocument } from '../../../core/billing';
import { intlLocale } from '../../../core/i18n';

const REPLACEMENTS: Readonly<Record<string, string>> = {
  '\u202f': '\u00a0', // narrow no-break space (French thousands and before € : ; ! ?)
  '\u2007': '\u00a0', // figure space
  '\u2009': ' ', // thin space
  '\u2002': ' ',
  '\u2003': ' ',
  '\u2010': '-',
  '\u2011': '-', // non-breaking hyphen
  '\u2212': '-', // minus sign (Intl uses it in some locales)
  '\u2032': "'",
  '\u00ad': '',
};

/** `text` with every character the font cannot encode replaced (see the file's comment). */
export function winAnsiSafe(text: string, charset: ReadonlySet<number>): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (charset.has(ch.codePointAt(0)!)) out += ch;
    else {
      const r = REPLACEMENTS[ch];
      out += r !== undefined && [...r].every((c) => charset.has(c.codePointAt(0)!)) ? r : '?';
    }
  }
  return out;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 48;
const FOOTER = 40;
const INK = rgb(0.1, 0.1, 0.12);
const GREY = rgb(0.4, 0.4, 0.45);
const RULE = rgb(0.75, 0.75, 0.78);

class Layout {
  private readonly doc: PDFDocument;
  readonly pages: PDFPage[] = [];
  page!: PDFPage;
  y = 0;
  private readonly charset: Set<number>;

  constructor(
    doc: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
  ) {
    this.doc = doc;
    this.charset = new Set(regular.getCharacterSet());
    this.newPage();
  }

  safe(text: string): string {
    return winAnsiSafe(text, this.charset);
  }

  newPage(): void {
    this.page = this.doc.addPage(A4);
    this.pages.push(this.page);
    this.y = A4[1] - MARGIN;
  }

  /** Starts a new page unless `height` more points fit above the footer. */
  ensure(height: number, onNewPage?: () => void): void {
    if (this.y - height < MARGIN + FOOTER) {
      this.newPage();
      onNewPage?.();
    }
  }

  width(text: string, size: number, font: PDFFont = this.regular): number {
    return font.widthOfTextAtSize(this.safe(text), size);
  }

  text(text: string, x: number, size: number, opts: { font?: PDFFont; color?: ReturnType<typeof rgb>; align?: 'left' | 'right'; y?: number } = {}): void {
    const font = opts.font ?? this.regular;
    const safe = this.safe(text);
    const dx = opts.align === 'right' ? -font.widthOfTextAtSize(safe, size) : 0;
    this.page.drawText(safe, { x: x + dx, y: opts.y ?? this.y, size, font, color: opts.color ?? INK });
  }

  /** Words of `text` in lines no wider than `width` (a word longer than the line is cut). */
  wrap(text: string, width: number, size: number, font: PDFFont = this.regular): string[] {
    const lines: string[] = [];
    let line = '';
    for (const word of this.safe(text).split(' ')) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      let rest = word;
      while (font.widthOfTextAtSize(rest, size) > width && rest.length > 1) {
        let cut = rest.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    if (line !== '') lines.push(line);
    return lines.length > 0 ? lines : [''];
  }

  rule(): void {
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: A4[0] - MARGIN, y: this.y }, thickness: 0.5, color: RULE });
  }
}

export interface InvoicePdfMeta {
  readonly sellerName: string;
  /** Dates in the metadata: the invoice's issue date (so the bytes do not depend on the clock). */
  readonly issuedOn: string;
}

export async function renderInvoicePdf(doc: InvoiceDocument, meta: InvoicePdfMeta): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const issued = new Date(`${meta.issuedOn}T00:00:00Z`);
  pdf.setTitle(doc.title, { showInWindowTitleBar: true });
  pdf.setAuthor(meta.sellerName);
  pdf.setSubject(doc.title);
  pdf.setCreator('Ardoise');
  pdf.setProducer('Ardoise (pdf-lib)');
  pdf.setLanguage(intlLocale(doc.locale));
  pdf.setCreationDate(issued);
  pdf.setModificationDate(issued);
  const L = new Layout(pdf, await pdf.embedFont(StandardFonts.Helvetica), await pdf.embedFont(StandardFonts.HelveticaBold));
  const right = A4[0] - MARGIN;
  const contentWidth = right - MARGIN;

  // Title
  // A credit note's title names the invoice it corrects: it may take two lines.
  for (const part of L.wrap(doc.title, contentWidth, 18, L.bold)) {
    L.text(part, MARGIN, 18, { font: L.bold });
    L.y -= 22;
  }
  L.y -= 8;

  // Seller (left) and customer (right)
  const half = MARGIN + contentWidth / 2 + 10;
  const top = L.y;
  L.text(doc.seller.heading, MARGIN, 8, { color: GREY });
  L.text(doc.customer.heading, half, 8, { color: GREY });
  let yl = top - 13;
  for (const [k, line] of doc.seller.lines.entries()) {
    for (const part of L.wrap(line, contentWidth / 2 - 10, 9, k === 0 ? L.bold : L.regular)) {
      L.text(part, MARGIN, 9, { font: k === 0 ? L.bold : L.regular, y: yl });
      yl -= 12;
    }
  }
  let yr = top - 13;
  for (const [k, line] of doc.customer.lines.entries()) {
    for (const part of L.wrap(line, contentWidth / 2 - 10, 10, k === 0 ? L.bold : L.regular)) {
      L.text(part, half, 10, { font: k === 0 ? L.bold : L.regular, y: yr });
      yr -= 13;
    }
  }
  L.y = Math.min(yl, yr) - 14;

  // Facts: number, date, period, due date, account
  for (const f of doc.facts) {
    L.text(f.label, MARGIN, 9, { color: GREY });
    L.text(f.value, MARGIN + 130, 9, { font: L.bold });
    L.y -= 13;
  }
  L.y -= 10;

  // Lines
  const colNet = right - 150;
  const colRate = right - 80;
  const descWidth = colNet - 70 - MARGIN;
  const heading = (): void => {
    L.text(doc.columns.description, MARGIN, 8, { font: L.bold, color: GREY });
    L.text(doc.columns.net, colNet, 8, { font: L.bold, color: GREY, align: 'right' });
    L.text(doc.columns.vatRate, colRate, 8, { font: L.bold, color: GREY, align: 'right' });
    L.text(doc.columns.total, right, 8, { font: L.bold, color: GREY, align: 'right' });
    L.y -= 5;
    L.rule();
    L.y -= 12;
  };
  heading();
  for (const line of doc.lines) {
    const parts = L.wrap(line.description, descWidth, 9);
    L.ensure(parts.length * 12 + 4, heading);
    L.text(line.net, colNet, 9, { align: 'right' });
    // "Hors champ de TVA" is long for a rate column: it wraps under the rate.
    const rate = L.wrap(line.vatRate, 70, 8);
    rate.forEach((r, i) => L.text(r, colRate, 8, { align: 'right', y: L.y - i * 10 }));
    L.text(line.total, right, 9, { align: 'right' });
    for (const p of parts) {
      L.text(p, MARGIN, 9);
      L.y -= 12;
    }
    L.y -= Math.max(0, (rate.length - parts.length) * 10) + 4;
  }
  L.rule();
  L.y -= 18;

  // VAT per rate
  L.ensure(20 + doc.vat.length * 13);
  L.text(doc.vatHeading, MARGIN, 10, { font: L.bold });
  L.text(doc.vatColumns.base, colRate, 8, { color: GREY, align: 'right' });
  L.text(doc.vatColumns.amount, right, 8, { color: GREY, align: 'right' });
  L.y -= 14;
  for (const v of doc.vat) {
    L.text(v.label, MARGIN, 9);
    L.text(v.baseText, colRate, 9, { align: 'right' });
    L.text(v.amountText, right, 9, { align: 'right' });
    L.y -= 13;
  }
  L.y -= 10;

  // Totals
  L.ensure(doc.totals.length * 14 + 6);
  for (const [k, row] of doc.totals.entries()) {
    const last = k === doc.totals.length - 1;
    if (last) {
      L.rule();
      L.y -= 14;
    }
    L.text(row.label, colNet - 60, last ? 11 : 9, { font: last ? L.bold : L.regular, align: 'right' });
    L.text(row.value, right, last ? 11 : 9, { font: last ? L.bold : L.regular, align: 'right' });
    L.y -= last ? 16 : 13;
  }
  L.y -= 12;

  // Mentions
  for (const m of doc.mentions) {
    const parts = L.wrap(m.text, contentWidth, 8);
    L.ensure(parts.length * 10 + 3);
    for (const p of parts) {
      L.text(p, MARGIN, 8, { color: GREY });
      L.y -= 10;
    }
    L.y -= 3;
  }

  // Footer on every page: the seller and the page number.
  const footer = `${doc.seller.lines[0] ?? ''} · ${doc.seller.lines.slice(-2).join(' · ')}`;
  const count = L.pages.length;
  L.pages.forEach((page, i) => {
    L.page = page;
    L.text(footer, MARGIN, 7, { color: GREY, y: MARGIN - 10 });
    L.text(pageLabel(doc, i + 1, count), right, 7, { color: GREY, align: 'right', y: MARGIN - 10 });
  });
  return pdf.save({ useObjectStreams: false });
}

function pageLabel(doc: InvoiceDocument, page: number, pages: number): string {
  return doc.pageLabel.replace('{page}', String(page)).replace('{pages}', String(pages));
}
