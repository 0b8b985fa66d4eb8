/**
 * The bill as the customer holds it, through the dispatcher on a real host with the demo data:
 * the document and its PDF for the verified caller's own invoices only, and "send a copy" as one
 * idempotent, audited command that an unverified call cannot make.
 */
import { withFrozenInvoicesLifted } from '../../../src/main/store/frozen-invoices';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvoiceCopySent, InvoiceDetail, InvoiceDocumentView, InvoiceList, InvoicePdf } from '../../../src/core/api';
import { SELLER_SETTING_KEY } from '../../../src/core/billing';
import { newClient, signIn, startTestHost, storeFingerprint, type TestHost } from '../../fixtures/app-host';
import { pdfText } from '../../fixtures/pdf-text';
import { call, customersWithTwoBills, ok, openCall, verifiedCall } from './helpers';

let t: TestHost;
beforeAll(() => {
  t = startTestHost(120);
});
afterAll(() => t.dispose());
const db = () => t.host.db.$client;

async function agent(username = 'agent', password = 'ardoise-agent') {
  const client = newClient();
  await signIn(t.host, client, username, password);
  return client;
}

function customerOfCategory(category: 'business' | 'residential'): string {
  return db()
    .prepare(
      `SELECT c.id FROM customers c JOIN accounts a ON a.customer_id = c.id
         WHERE c.category = ? AND EXISTS (SELECT 1 FROM customer_emails e WHERE e.customer_id = c.id)
           AND (SELECT count(*) FROM invoices i WHERE i.account_id = a.id) >= 1 ORDER BY c.rowid LIMIT 1`,
    )
    .pluck()
    .get(category) as string;
}

const counts = () => ({
  outbox: db().prepare(`SELECT count(*) FROM command_outbox WHERE type = 'invoice.sendCopy'`).pluck().get() as number,
  audit: db().prepare(`SELECT count(*) FROM audit_log WHERE action = 'invoice_copy_sent'`).pluck().get() as number,
});

describe('billing.invoiceDocument and billing.invoicePdf', () => {
  it('lays out the caller’s invoice with the stored seller, the customer’s address and the mentions their category needs', async () => {
    const client = await agent();
    for (const category of ['business', 'residential'] as const) {
      const customerId = customerOfCategory(category);
      const interactionId = await verifiedCall(t.host, client, customerId);
      const list = await ok<InvoiceList>(t.host, client, 'billing.invoices', { interactionId });
      const invoice = list.invoices[0]!;
      const doc = await ok<InvoiceDocumentView>(t.host, client, 'billing.invoiceDocument', { interactionId, invoiceId: invoice.id, locale: 'fr' });
      const person = db().prepare(`SELECT given_name || ' ' || family_name AS name FROM customers WHERE id = ?`).get(customerId) as { name: string };
      const address = db()
        .prepare(`SELECT line1, postcode, city FROM addresses WHERE customer_id = ? ORDER BY is_billing DESC, id LIMIT 1`)
        .get(customerId) as { line1: string; postcode: string; city: string };
      expect(doc.title).toBe(`Facture n°\u00a0${invoice.number}`);
      expect(doc.seller.lines).toContain('Ardoise Télécom');
      expect(doc.seller.lines).toContain('RCS Paris 842719353');
      expect(doc.customer.lines).toEqual(expect.arrayContaining([person.name, address.line1, `${address.postcode} ${address.city}`]));
      expect(doc.facts.find((f) => f.label === 'Numéro de facture')?.value).toBe(invoice.number);
      expect(doc.lines.length).toBeGreaterThan(0);
      expect(doc.vat.reduce((s, r) => s + r.amount, 0)).toBe(db().prepare(`SELECT tax FROM invoices WHERE id = ?`).pluck().get(invoice.id) as number);
      expect(doc.mentions.some((m) => m.code === 'recovery-indemnity')).toBe(category === 'business');

      const pdf = await ok<InvoicePdf>(t.host, client, 'billing.invoicePdf', { interactionId, invoiceId: invoice.id, locale: 'en' });
      expect(pdf.contentType).toBe('application/pdf');
      expect(pdf.fileName).toBe(`Invoice-${invoice.number}.pdf`);
      const bytes = Buffer.from(pdf.base64, 'base64');
      expect(bytes.byteLength).toBe(pdf.byteLength);
      const { doc: parsed, strings } = await pdfText(bytes);
      expect(parsed.getPageCount()).toBeGreaterThanOrEqual(1);
      expect(parsed.getTitle()).toBe(`Invoice ${invoice.number}`);
      expect(strings).toContain(`Invoice ${invoice.number}`);
      expect(strings).toContain(person.name);
    }
  });

  it('refuses another customer’s invoice and an unverified call, writing nothing', async () => {
    const client = await agent();
    const [mine, theirs] = customersWithTwoBills(db(), 2) as [{ customerId: string; accountId: string }, { customerId: string; accountId: string }];
    const interactionId = await verifiedCall(t.host, client, mine.customerId);
    const otherInvoice = db().prepare(`SELECT id FROM invoices WHERE account_id = ? LIMIT 1`).pluck().get(theirs.accountId) as string;
    const before = storeFingerprint(db());
    for (const method of ['billing.invoiceDocument', 'billing.invoicePdf']) {
      const r = await call(t.host, client, method, { interactionId, invoiceId: otherInvoice });
      expect(r.ok ? 'ok' : r.error.code).toBe('NOT_FOUND');
    }
    const r = await call(t.host, client, 'billing.sendInvoiceCopy', { interactionId, invoiceId: otherInvoice, channel: 'email', idempotencyKey: randomUUID() });
    expect(r.ok ? 'ok' : r.error.code).toBe('NOT_FOUND');
    const unverified = await openCall(t.host, client, theirs.customerId);
    for (const method of ['billing.invoiceDocument', 'billing.invoicePdf', 'billing.sendInvoiceCopy']) {
      const extra = method === 'billing.sendInvoiceCopy' ? { channel: 'post', idempotencyKey: randomUUID() } : {};
      const u = await call(t.host, client, method, { interactionId: unverified, invoiceId: otherInvoice, ...extra });
      expect(u.ok ? 'ok' : u.error.code, method).toBe('VERIFICATION_REQUIRED');
    }
    const bad = await call(t.host, client, 'billing.sendInvoiceCopy', { interactionId, invoiceId: otherInvoice, channel: 'fax', idempotencyKey: randomUUID() });
    expect(bad.ok ? 'ok' : bad.error.code).toBe('INVALID_INPUT');
    const after = storeFingerprint(db());
    // Opening the unverified call is the only write (with the mark that its insights facts are due).
    expect({
      ...after,
      interactions: before['interactions'],
      audit_log: before['audit_log'],
      command_outbox: before['command_outbox'],
      call_facts_stale: before['call_facts_stale'],
    }).toEqual(before);
    expect(counts()).toEqual({ outbox: 0, audit: 0 });
  });
});

describe('a credit note', () => {
  it('is laid out as an avoir that names the invoice it corrects', async () => {
    const client = await agent();
    const [{ customerId, accountId }] = customersWithTwoBills(db(), 3).slice(2) as [{ customerId: string; accountId: string }];
    const interactionId = await verifiedCall(t.host, client, customerId);
    // The latest bill becomes negative: a billing-error credit outside the scope of VAT, larger
    // than what it billed (the store's invoice and its lines kept adding up).
    const [latest, before] = db()
      .prepare(`SELECT id, number, issued_on AS issuedOn, total FROM invoices WHERE account_id = ? ORDER BY cycle_start DESC LIMIT 2`)
      .all(accountId) as {
      id: string;
      number: string;
      issuedOn: string;
      total: number;
    }[];
    const credit = -(latest!.total + 1000);
    const position = (db().prepare(`SELECT max(position) FROM invoice_lines WHERE invoice_id = ?`).pluck().get(latest!.id) as number) + 1;
    const explanation = {
      code: 'credit',
      rule: 'ledger-credit',
      entryId: randomUUID(),
      date: latest!.issuedOn,
      reason: 'billing-error',
      amount: -credit,
      vat: 'outside-scope',
    };
    // Issued bills are frozen (store/frozen-invoices.ts): the set-up rewrites this one as the
    // credit note it would have been issued as, with the store's rule lifted for it.
    withFrozenInvoicesLifted(db(), () => {
      db()
        .prepare(`INSERT INTO invoice_lines (id, invoice_id, position, kind, amount, tax_rate_bp, explanation) VALUES (?, ?, ?, 'credit', ?, 0, ?)`)
        .run(randomUUID(), latest!.id, position, credit, JSON.stringify(explanation));
      db()
        .prepare(
          `UPDATE invoices SET subtotal = subtotal + ?, total = total + ?, amount_due = amount_due + ?, document_kind = 'credit_note', corrects_invoice_id = ? WHERE id = ?`,
        )
        .run(credit, credit, credit, before!.id, latest!.id);
    });

    const fr = await ok<InvoiceDocumentView>(t.host, client, 'billing.invoiceDocument', { interactionId, invoiceId: latest!.id, locale: 'fr' });
    expect(fr.kind).toBe('credit-note');
    expect(fr.title).toBe(`Avoir n°\u00a0${latest!.number} rectifiant la facture ${before!.number}`);
    expect(fr.facts.at(-1)).toEqual({ label: 'Facture rectifiée', value: before!.number });
    expect(fr.mentions[0]!.code).toBe('corrects-invoice');
    expect(fr.mentions[0]!.text).toContain(before!.number);
    expect(fr.vat.find((r) => r.rateBp === null)?.base).toBe(credit);
    const en = await ok<InvoiceDocumentView>(t.host, client, 'billing.invoiceDocument', { interactionId, invoiceId: latest!.id, locale: 'en' });
    expect(en.mentions[0]!.text).toMatch(new RegExp(`^This credit note corrects invoice ${before!.number} of `));
    expect(en.title).toBe(`Credit note ${latest!.number} correcting invoice ${before!.number}`);

    // The PDF made in main is titled so, and named as a credit note.
    const pdf = await ok<InvoicePdf>(t.host, client, 'billing.invoicePdf', { interactionId, invoiceId: latest!.id, locale: 'fr' });
    expect(pdf.fileName).toBe(`Avoir-${latest!.number}.pdf`);
    const { doc: parsed } = await pdfText(Buffer.from(pdf.base64, 'base64'));
    expect(parsed.getTitle()).toBe(fr.title);

    // The bills list and the bill say what it is: a credit note, the invoice it corrects, what the customer is owed.
    const list = await ok<InvoiceList>(t.host, client, 'billing.invoices', { interactionId });
    const listed = list.invoices.find((i) => i.id === latest!.id)!;
    expect(listed).toMatchObject({
      kind: 'credit-note',
      number: latest!.number,
      corrects: { id: before!.id, number: before!.number },
      total: latest!.total + credit,
    });
    expect(listed.total).toBeLessThan(0);
    expect(list.invoices.filter((i) => i.id !== latest!.id).every((i) => i.kind === 'invoice' && i.corrects === null)).toBe(true);
    const detail = await ok<InvoiceDetail>(t.host, client, 'billing.invoice', { interactionId, invoiceId: latest!.id, locale: 'en' });
    expect(detail).toMatchObject({ kind: 'credit-note', corrects: { id: before!.id, number: before!.number }, total: listed.total });
    const previous = await ok<InvoiceDetail>(t.host, client, 'billing.invoice', { interactionId, invoiceId: before!.id, locale: 'en' });
    expect(previous).toMatchObject({ kind: 'invoice', corrects: null });
  });
});

describe('billing.sendInvoiceCopy', () => {
  it('is one command and one audit entry per idempotency key, however often and concurrently it is sent', async () => {
    const client = await agent();
    const customerId = customerOfCategory('residential');
    const interactionId = await verifiedCall(t.host, client, customerId);
    const invoiceId = (await ok<InvoiceList>(t.host, client, 'billing.invoices', { interactionId })).invoices[0]!.id;
    const start = counts();
    const key = randomUUID();
    const input = { interactionId, invoiceId, channel: 'email', idempotencyKey: key };
    const answers = await Promise.all([1, 2, 3].map(() => ok<InvoiceCopySent>(t.host, client, 'billing.sendInvoiceCopy', input)));
    const again = await ok<InvoiceCopySent>(t.host, client, 'billing.sendInvoiceCopy', input);
    expect(new Set([...answers, again].map((a) => a.commandId)).size).toBe(1);
    expect(counts()).toEqual({ outbox: start.outbox + 1, audit: start.audit + 1 });
    expect(again.to).toMatch(/^.•••.*@.•••/);
    expect(again.locale).toBe(db().prepare(`SELECT locale FROM customers WHERE id = ?`).pluck().get(customerId));
    const row = db().prepare(`SELECT payload, interaction_id AS interactionId FROM command_outbox WHERE id = ?`).get(again.commandId) as {
      payload: string;
      interactionId: string;
    };
    expect(JSON.parse(row.payload)).toEqual({ invoiceId, customerId, number: again.number, channel: 'email', locale: again.locale });
    expect(row.interactionId).toBe(interactionId);

    // The same key for another request is a conflict, and writes nothing.
    const other = await call(t.host, client, 'billing.sendInvoiceCopy', { ...input, channel: 'post' });
    expect(other.ok ? 'ok' : other.error.code).toBe('CONFLICT');
    // A new key is a new copy, by post in English here.
    const post = await ok<InvoiceCopySent>(t.host, client, 'billing.sendInvoiceCopy', {
      ...input,
      channel: 'post',
      locale: 'en',
      idempotencyKey: randomUUID(),
    });
    expect(post.commandId).not.toBe(again.commandId);
    expect(post.to).toMatch(/^\S+ .+/);
    expect(counts()).toEqual({ outbox: start.outbox + 2, audit: start.audit + 2 });
  });

  it('refuses an email copy for a customer with no email address on file', async () => {
    const client = await agent();
    const customerId = customerOfCategory('residential');
    const emails = db().prepare(`SELECT * FROM customer_emails WHERE customer_id = ?`).all(customerId) as Record<string, unknown>[];
    db().prepare(`DELETE FROM customer_emails WHERE customer_id = ?`).run(customerId);
    try {
      const interactionId = await verifiedCall(t.host, client, customerId);
      const invoiceId = (await ok<InvoiceList>(t.host, client, 'billing.invoices', { interactionId })).invoices[0]!.id;
      const start = counts();
      const r = await call(t.host, client, 'billing.sendInvoiceCopy', { interactionId, invoiceId, channel: 'email', idempotencyKey: randomUUID() });
      expect(r.ok ? 'ok' : [r.error.code, r.error.issues?.[0]?.path]).toEqual(['INVALID_INPUT', 'channel']);
      expect(counts()).toEqual(start);
    } finally {
      const insert = db().prepare(`INSERT INTO customer_emails (id, customer_id, email, is_primary) VALUES (@id, @customer_id, @email, @is_primary)`);
      for (const e of emails) insert.run(e);
    }
  });

  it('says what is wrong when the store holds no valid seller', async () => {
    const client = await agent();
    const customerId = customerOfCategory('business');
    const interactionId = await verifiedCall(t.host, client, customerId);
    const invoiceId = (await ok<InvoiceList>(t.host, client, 'billing.invoices', { interactionId })).invoices[0]!.id;
    const stored = db().prepare(`SELECT value FROM settings WHERE key = ?`).pluck().get(SELLER_SETTING_KEY) as string;
    db()
      .prepare(`UPDATE settings SET value = ? WHERE key = ?`)
      .run(JSON.stringify({ ...JSON.parse(stored), siren: '842719354' }), SELLER_SETTING_KEY);
    try {
      const start = counts();
      const r = await call(t.host, client, 'billing.sendInvoiceCopy', { interactionId, invoiceId, channel: 'post', idempotencyKey: randomUUID() });
      expect(r.ok ? 'ok' : r.error.code).toBe('INTERNAL');
      expect(counts()).toEqual(start);
    } finally {
      db().prepare(`UPDATE settings SET value = ? WHERE key = ?`).run(stored, SELLER_SETTING_KEY);
    }
  });
});
