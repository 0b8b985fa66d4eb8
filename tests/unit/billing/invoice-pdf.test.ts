import { describe, expect, it } from 'vitest';
import { buildInvoiceDocument, type DocumentInvoiceInput, type DocumentLineInput } from '../../../src/core/billing';
import { renderInvoicePdf, winAnsiSafe } from '../../../src/main/services/billing/invoice-pdf';
import { DEMO_SELLER } from '../../../src/main/demo/seller';
import { pdfText } from '../../fixtures/pdf-text';

const line = (k: number): DocumentLineInput => ({
  sentence: `Option n°${k} – télévision « Évasion » à 1 234,56 € du 1er au 30 avril`,
  amount: 1000,
  taxRateBp: 2000,
  taxable: true,
  tax: 200,
  total: 1200,
});

function invoiceOf(n: number): DocumentInvoiceInput {
  const lines = Array.from({ length: n }, (_, k) => line(k + 1));
  return {
    number: 'F-2031-04-00000099',
    kind: 'invoice',
    corrects: null,
    issuedOn: '2031-05-01',
    dueOn: '2031-05-15',
    cycle: { start: '2031-04-01', end: '2031-04-30' },
    currency: 'EUR',
    lines,
    subtotal: 1000 * n,
    tax: 200 * n,
    total: 1200 * n,
    previousBalance: 0,
    paymentsReceived: 0,
    amountDue: 1200 * n,
  };
}
const CUSTOMER = {
  name: 'Zoé Lefèvre-Ångström',
  category: 'business' as const,
  accountNumber: 'AR-00000099',
  address: { line1: '5 impasse des Oiseaux', line2: null, postcode: '13001', city: 'Marseille', country: 'FR' },
};

describe('winAnsiSafe', () => {
  it('keeps what WinAnsi encodes and maps the rest', () => {
    const charset = new Set([...' 0123456789,€éèàçÉ’«»\u00a0'].map((c) => c.codePointAt(0)!));
    expect(winAnsiSafe('1\u202f234,56\u00a0€', charset)).toBe('1\u00a0234,56\u00a0€');
    expect(winAnsiSafe('é à ç É ’ « »', charset)).toBe('é à ç É ’ « »');
    expect(winAnsiSafe('\u2212 5', charset)).toBe('? 5'); // '-' is not in this small charset
    expect(winAnsiSafe('e\u0301', charset)).toBe('é'); // decomposed é is composed first
    expect(winAnsiSafe('→ 中', charset)).toBe('? ?');
  });
});

describe('renderInvoicePdf', () => {
  it('makes a PDF whose title is the invoice and whose text keeps French accents, € and the number', async () => {
    const doc = buildInvoiceDocument(invoiceOf(3), CUSTOMER, DEMO_SELLER, 'fr');
    const bytes = await renderInvoicePdf(doc, { sellerName: DEMO_SELLER.name, issuedOn: '2031-05-01' });
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const { doc: pdf, text } = await pdfText(bytes);
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getTitle()).toBe(doc.title);
    expect(pdf.getAuthor()).toBe('Ardoise Télécom');
    expect(text).toContain('Facture n°\u00a0F-2031-04-00000099');
    expect(text).toContain('Zoé Lefèvre-Ångström');
    expect(text).toContain('RCS Paris 842719353');
    expect(text).toContain('N° de TVA intracommunautaire\u00a0: FR26842719353');
    // The narrow no-break spaces of French amounts became no-break spaces; the € survived.
    expect(text).toContain('36,00\u00a0€');
    expect(text).toContain('« Évasion »');
    expect(text).toContain('frais de recouvrement de 40,00\u00a0€');
    expect(text).not.toContain('?');
    // Same document, same bytes (no clock in the file).
    expect(Buffer.from(await renderInvoicePdf(doc, { sellerName: DEMO_SELLER.name, issuedOn: '2031-05-01' })).equals(Buffer.from(bytes))).toBe(true);
  });

  it('titles a credit note as one, naming the invoice it corrects, on two lines when it must', async () => {
    const credit: DocumentInvoiceInput = {
      ...invoiceOf(1),
      number: 'AV-2031-000004',
      kind: 'credit-note',
      corrects: { number: 'F-2031-000123', issuedOn: '2031-04-01' },
      lines: [{ ...line(1), amount: -1000, tax: -200, total: -1200 }],
      subtotal: -1000,
      tax: -200,
      total: -1200,
      amountDue: -1200,
    };
    for (const [locale, title] of [
      ['fr', 'Avoir n°\u00a0AV-2031-000004 rectifiant la facture F-2031-000123'],
      ['en', 'Credit note AV-2031-000004 correcting invoice F-2031-000123'],
    ] as const) {
      const doc = buildInvoiceDocument(credit, CUSTOMER, DEMO_SELLER, locale);
      expect(doc.title).toBe(title);
      const { doc: pdf, text } = await pdfText(await renderInvoicePdf(doc, { sellerName: DEMO_SELLER.name, issuedOn: '2031-05-01' }));
      expect(pdf.getTitle()).toBe(title);
      // Every word of the title is printed (wrapped or not), and the corrected invoice is named again in the mention.
      for (const word of title.split(/[\s\u00a0]+/)) expect(text).toContain(word);
      expect(text.split('F-2031-000123').length - 1).toBeGreaterThanOrEqual(3);
    }
  });

  it('lays a long invoice over several pages, every line and the totals included', async () => {
    const n = 240;
    const doc = buildInvoiceDocument(invoiceOf(n), CUSTOMER, DEMO_SELLER, 'en');
    const bytes = await renderInvoicePdf(doc, { sellerName: DEMO_SELLER.name, issuedOn: '2031-05-01' });
    const { doc: pdf, strings } = await pdfText(bytes);
    const pages = pdf.getPageCount();
    expect(pages).toBeGreaterThan(3);
    expect(strings.filter((s) => s.startsWith('Option n°'))).toHaveLength(n);
    expect(strings).toContain(`Page ${pages} of ${pages}`);
    expect(strings).toContain('€2,880.00'); // 240 lines of €12.00, VAT included
    expect(strings.filter((s) => s === 'Invoice F-2031-04-00000099')).toHaveLength(1);
    // The transports cap request bodies (64 KB over HTTP), not answers: a long bill's PDF, base64
    // in the answer, stays well within what a desk carries (measured here for the report).
    expect(Buffer.from(bytes).toString('base64').length).toBeLessThan(2_000_000);
  });
});
