import { describe, expect, it } from 'vitest';
import {
  buildInvoiceDocument,
  frenchVatKey,
  frenchVatNumber,
  InvoiceDocumentError,
  parseSeller,
  SellerError,
  sirenValid,
  type DocumentCustomerInput,
  type DocumentInvoiceInput,
  type Seller,
} from '../../../src/core/billing';
import { luhnValid } from '../../../src/core/notes/luhn';

const SELLER: Seller = {
  name: 'Opérateur Exemple',
  legalForm: 'SAS',
  shareCapital: 150_000_000,
  currency: 'EUR',
  registry: 'RCS Lyon',
  address: { line1: '3 place Bellecour', line2: null, postcode: '69002', city: 'Lyon', country: 'FR' },
  siren: '732829320',
  vatNumber: 'FR44732829320',
  latePenaltyRateBp: 1215,
};

const INVOICE: DocumentInvoiceInput = {
  number: 'F-2030-04-00000042',
  kind: 'invoice',
  corrects: null,
  issuedOn: '2030-05-01',
  dueOn: '2030-05-15',
  cycle: { start: '2030-04-01', end: '2030-04-30' },
  currency: 'EUR',
  lines: [
    { sentence: 'Forfait Confort du 1er au 30 avril', amount: 250000, taxRateBp: 2000, taxable: true, tax: 50000, total: 300000 },
    { sentence: 'Presse numérique', amount: 1000, taxRateBp: 550, taxable: true, tax: 55, total: 1055 },
    { sentence: 'Frais de retard', amount: 1000, taxRateBp: 0, taxable: false, tax: 0, total: 1000 },
  ],
  subtotal: 252000,
  tax: 50055,
  total: 302055,
  previousBalance: 2000,
  paymentsReceived: 2000,
  amountDue: 302055,
};

const RESIDENTIAL: DocumentCustomerInput = {
  name: 'Éloïse Dûrand',
  category: 'residential',
  accountNumber: 'AR-00000042',
  address: { line1: '12 rue de l’Église', line2: 'Bâtiment B', postcode: '75011', city: 'Paris', country: 'FR' },
};
const BUSINESS: DocumentCustomerInput = { ...RESIDENTIAL, category: 'business' };

const NNBSP = '\u202f';
const NBSP = '\u00a0';
const spaces = (s: string): string => s.replace(/[\u00a0\u202f]/g, ' ');

describe('SIREN and VAT number', () => {
  it('checks the SIREN Luhn digit and computes the French VAT key', () => {
    expect(sirenValid('732829320')).toBe(true);
    expect(sirenValid('732829321')).toBe(false);
    expect(sirenValid('73282932')).toBe(false);
    // 732829320 mod 97 = 43, and (12 + 3 × 43) mod 97 = 141 mod 97 = 44.
    expect(frenchVatKey('732829320')).toBe('44');
    expect(frenchVatNumber('732829320')).toBe('FR44732829320');
    // A key below 10 keeps its leading zero.
    const siren = Array.from({ length: 1000 }, (_, i) => String(100000000 + i * 7919)).find((s) => frenchVatKey(s).startsWith('0'));
    expect(siren).toBeDefined();
    expect(frenchVatKey(siren!)).toMatch(/^0\d$/);
  });

  it('refuses a stored seller whose SIREN or VAT number is wrong, or that is missing', () => {
    expect(parseSeller(JSON.stringify(SELLER))).toEqual(SELLER);
    expect(() => parseSeller(undefined)).toThrow(SellerError);
    expect(() => parseSeller('{')).toThrow(SellerError);
    expect(() => parseSeller(JSON.stringify({ ...SELLER, siren: '732829321', vatNumber: 'FR44732829321' }))).toThrow(/Luhn/);
    expect(() => parseSeller(JSON.stringify({ ...SELLER, vatNumber: 'FR45732829320' }))).toThrow(/does not match/);
    expect(() => parseSeller(JSON.stringify({ ...SELLER, extra: 1 }))).toThrow(SellerError);
    expect(luhnValid(SELLER.siren)).toBe(true);
  });
});

describe('buildInvoiceDocument', () => {
  it('states every French legal mention, amounts and dates in the French format', () => {
    const doc = buildInvoiceDocument(INVOICE, RESIDENTIAL, SELLER, 'fr');
    expect(doc.title).toBe(`Facture n°${NBSP}F-2030-04-00000042`);
    expect(doc.seller.lines).toEqual([
      'Opérateur Exemple',
      `SAS au capital de 1${NNBSP}500${NNBSP}000,00${NBSP}€`,
      '3 place Bellecour',
      '69002 Lyon',
      'RCS Lyon 732829320',
      `N° de TVA intracommunautaire${NBSP}: FR44732829320`,
    ]);
    expect(doc.customer.lines).toEqual(['Éloïse Dûrand', '12 rue de l’Église', 'Bâtiment B', '75011 Paris']);
    const facts = Object.fromEntries(doc.facts.map((f) => [f.label, f.value]));
    expect(facts).toEqual({
      'Numéro de facture': 'F-2030-04-00000042',
      'Date d’émission': '1er mai 2030',
      'Période de service': 'du 1er avril 2030 au 30 avril 2030',
      'Date d’échéance': '15 mai 2030',
      'Compte client': 'AR-00000042',
    });
    expect(doc.lines.map((l) => spaces(`${l.description} | ${l.net} | ${l.vatRate} | ${l.total}`))).toEqual([
      'Forfait Confort du 1er au 30 avril | 2 500,00 € | 20 % | 3 000,00 €',
      'Presse numérique | 10,00 € | 5,5 % | 10,55 €',
      'Frais de retard | 10,00 € | Hors champ de TVA | 10,00 €',
    ]);
    expect(doc.vat.map((r) => spaces(`${r.label}: ${r.baseText} → ${r.amountText}`))).toEqual([
      'TVA à 20 %: 2 500,00 € → 500,00 €',
      'TVA à 5,5 %: 10,00 € → 0,55 €',
      'Hors champ de TVA: 10,00 € → 0,00 €',
    ]);
    expect(doc.vat.reduce((s, r) => s + r.amount, 0)).toBe(INVOICE.tax);
    expect(doc.totals.map((r) => spaces(`${r.label} = ${r.value}`))).toEqual([
      'Total HT = 2 520,00 €',
      'Total TVA = 500,55 €',
      'Total TTC = 3 020,55 €',
      'Solde précédent = 20,00 €',
      'Paiements reçus = 20,00 €',
      'Montant à payer avant le 15 mai 2030 = 3 020,55 €',
    ]);
    expect(doc.mentions.map((m) => m.code)).toEqual(['late-penalty', 'no-early-payment-discount']);
    expect(spaces(doc.mentions[0]!.text)).toBe(
      'En cas de retard de paiement, des pénalités au taux annuel de 12,15 % sont exigibles dès le lendemain de la date d’échéance.',
    );
  });

  it('gives a business customer the €40 recovery indemnity, a residential one not', () => {
    const fr = buildInvoiceDocument(INVOICE, BUSINESS, SELLER, 'fr');
    const en = buildInvoiceDocument(INVOICE, BUSINESS, SELLER, 'en');
    expect(fr.mentions.map((m) => m.code)).toEqual(['late-penalty', 'recovery-indemnity', 'no-early-payment-discount']);
    expect(spaces(fr.mentions[1]!.text)).toContain('indemnité forfaitaire pour frais de recouvrement de 40,00 €');
    expect(en.mentions[1]!.text).toContain('fixed indemnity of €40.00 for recovery costs');
    expect(buildInvoiceDocument(INVOICE, RESIDENTIAL, SELLER, 'en').mentions.some((m) => m.code === 'recovery-indemnity')).toBe(false);
  });

  it('reads the same document in English with English formats', () => {
    const doc = buildInvoiceDocument(INVOICE, RESIDENTIAL, SELLER, 'en');
    expect(doc.title).toBe('Invoice F-2030-04-00000042');
    expect(doc.seller.lines[1]).toBe('SAS with a share capital of €1,500,000.00');
    expect(doc.seller.lines.at(-1)).toBe('VAT number: FR44732829320');
    expect(doc.facts.map((f) => `${f.label}: ${f.value}`)).toEqual([
      'Invoice number: F-2030-04-00000042',
      'Date of issue: 1 May 2030',
      'Service period: 1 April 2030 to 30 April 2030',
      'Due date: 15 May 2030',
      'Customer account: AR-00000042',
    ]);
    expect(doc.lines[1]).toEqual({ description: 'Presse numérique', net: '€10.00', vatRate: '5.5%', total: '€10.55' });
    expect(doc.totals.at(-1)).toEqual({ label: 'Amount to pay by 15 May 2030', value: '€3,020.55' });
    expect(doc.mentions[0]!.text).toBe('Late payment: penalties at an annual rate of 12.15% are due from the day after the due date.');
    expect(doc.mentions[1]!.text).toBe('No discount for early payment.');
    expect(doc.pageLabel).toBe('Page {page} of {pages}');
    expect(buildInvoiceDocument(INVOICE, RESIDENTIAL, SELLER, 'fr').pageLabel).toBe('Page {page} sur {pages}');
  });

  it('makes a credit note refer to the invoice it corrects, in both languages', () => {
    const credit: DocumentInvoiceInput = {
      ...INVOICE,
      number: 'F-2030-05-00000042',
      kind: 'credit-note',
      corrects: { number: 'F-2030-04-00000042', issuedOn: '2030-05-01' },
      lines: [{ sentence: 'Geste commercial', amount: -1000, taxRateBp: 2000, taxable: true, tax: -200, total: -1200 }],
      subtotal: -1000,
      tax: -200,
      total: -1200,
      previousBalance: 0,
      paymentsReceived: 0,
      amountDue: -1200,
    };
    const fr = buildInvoiceDocument(credit, RESIDENTIAL, SELLER, 'fr');
    expect(fr.title).toBe(`Avoir n°${NBSP}F-2030-05-00000042 rectifiant la facture F-2030-04-00000042`);
    expect(fr.facts[0]!.label).toBe('Numéro d’avoir');
    expect(fr.facts.at(-1)).toEqual({ label: 'Facture rectifiée', value: 'F-2030-04-00000042' });
    expect(fr.mentions[0]).toEqual({ code: 'corrects-invoice', text: `Cet avoir se rapporte à la facture n°${NBSP}F-2030-04-00000042 du 1er mai 2030.` });
    expect(spaces(fr.totals.at(-1)!.value)).toBe('12,00 €');
    expect(fr.totals.at(-1)!.label).toBe('Solde en votre faveur');
    const en = buildInvoiceDocument(credit, RESIDENTIAL, SELLER, 'en');
    expect(en.title).toBe('Credit note F-2030-05-00000042 correcting invoice F-2030-04-00000042');
    // A credit note with no invoice before it names none.
    expect(buildInvoiceDocument({ ...credit, corrects: null }, RESIDENTIAL, SELLER, 'fr').title).toBe(`Avoir n°${NBSP}F-2030-05-00000042`);
    expect(buildInvoiceDocument({ ...credit, corrects: null }, RESIDENTIAL, SELLER, 'en').title).toBe('Credit note F-2030-05-00000042');
    expect(en.mentions[0]!.text).toBe('This credit note corrects invoice F-2030-04-00000042 of 1 May 2030.');
    // An ordinary invoice names no other invoice.
    expect(buildInvoiceDocument(INVOICE, RESIDENTIAL, SELLER, 'en').mentions.some((m) => m.code === 'corrects-invoice')).toBe(false);
  });

  it('says so when no billing address is on file, and prints a foreign country', () => {
    expect(buildInvoiceDocument(INVOICE, { ...RESIDENTIAL, address: null }, SELLER, 'fr').customer.lines).toEqual([
      'Éloïse Dûrand',
      'Aucune adresse de facturation enregistrée',
    ]);
    const abroad = { ...RESIDENTIAL, address: { line1: 'Rue Neuve 1', line2: null, postcode: '1000', city: 'Bruxelles', country: 'BE' } };
    expect(buildInvoiceDocument(INVOICE, abroad, SELLER, 'en').customer.lines.at(-1)).toBe('BE');
  });

  it('refuses an invoice whose lines or totals do not add up', () => {
    expect(() => buildInvoiceDocument({ ...INVOICE, subtotal: INVOICE.subtotal + 1 }, RESIDENTIAL, SELLER, 'fr')).toThrow(InvoiceDocumentError);
    expect(() => buildInvoiceDocument({ ...INVOICE, amountDue: INVOICE.amountDue - 1 }, RESIDENTIAL, SELLER, 'fr')).toThrow(InvoiceDocumentError);
  });
});
