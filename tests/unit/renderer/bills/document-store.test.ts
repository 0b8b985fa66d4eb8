/**
 * The print view's store: the document is fetched in the language chosen for it; "send a copy"
 * is one intent — a retry after an error (a lost reply) sends the SAME idempotency key, a second
 * click while sending sends nothing, and once sent the next copy is a new intent with a new key;
 * an answer that arrives after the call ended lands nowhere.
 */
import { describe, expect, it } from 'vitest';
import type { InvoiceCopySent, InvoicePdf } from '../../../../src/core/api';
import { createDocumentStore } from '../../../../src/renderer/src/features/bills/document-store';
import { fakeApi, flush } from '../fake-api';

const INTERACTION = '0190a5e0-0000-7000-8000-000000000001';
const INVOICE = '0190a5e0-0000-7000-8000-0000000000aa';
const sent = (channel: 'email' | 'post'): InvoiceCopySent => ({
  commandId: 'c1',
  invoiceId: INVOICE,
  number: 'FA-1',
  channel,
  to: '75011 Paris',
  locale: 'fr',
  at: 'now',
});
const keyOf = (input: unknown): string => (input as { idempotencyKey: string }).idempotencyKey;

describe('document store', () => {
  it('fetches the document in the language chosen for it', async () => {
    const { api, callsTo } = fakeApi();
    const store = createDocumentStore({ api, interactionId: INTERACTION, locale: 'en' });
    store.getState().openView(INVOICE);
    expect(callsTo('billing.invoiceDocument').map((c) => c.input)).toEqual([{ interactionId: INTERACTION, invoiceId: INVOICE, locale: 'en' }]);
    store.getState().setLocale('fr');
    expect(callsTo('billing.invoiceDocument').at(-1)!.input).toEqual({ interactionId: INTERACTION, invoiceId: INVOICE, locale: 'fr' });
    store.getState().closeView();
    expect(store.getState().openId).toBeNull();
  });

  it('sends one copy per intent: same key on retry, nothing on a double click, a new key for the next copy', async () => {
    const { api, callsTo } = fakeApi();
    const store = createDocumentStore({ api, interactionId: INTERACTION, locale: 'fr' });
    store.getState().openView(INVOICE);
    store.getState().setChannel('post');
    void store.getState().sendCopy();
    void store.getState().sendCopy(); // double click while sending
    expect(callsTo('billing.sendInvoiceCopy')).toHaveLength(1);
    const first = callsTo('billing.sendInvoiceCopy')[0]!;
    expect(first.input).toMatchObject({ interactionId: INTERACTION, invoiceId: INVOICE, channel: 'post', locale: 'fr' });
    first.reject({ code: 'INTERNAL', messageKey: 'error.internal' });
    await flush();
    expect(store.getState().send.status).toBe('error');

    void store.getState().sendCopy(); // retry of the same intent
    const retry = callsTo('billing.sendInvoiceCopy')[1]!;
    expect(keyOf(retry.input)).toBe(keyOf(first.input));
    retry.resolve(sent('post'));
    await flush();
    expect(store.getState().send).toMatchObject({ status: 'sent', result: sent('post') });

    store.getState().setChannel('email');
    void store.getState().sendCopy();
    const next = callsTo('billing.sendInvoiceCopy')[2]!;
    expect(keyOf(next.input)).not.toBe(keyOf(first.input));
  });

  it('hands the PDF to the screen’s download, and drops answers once the call has ended', async () => {
    const { api, callsTo } = fakeApi();
    const store = createDocumentStore({ api, interactionId: INTERACTION, locale: 'fr' });
    store.getState().openView(INVOICE);
    const saved: InvoicePdf[] = [];
    void store.getState().downloadPdf((pdf) => saved.push(pdf));
    const pdf: InvoicePdf = { invoiceId: INVOICE, fileName: 'Facture-FA-1.pdf', contentType: 'application/pdf', byteLength: 3, base64: 'JVBE' };
    callsTo('billing.invoicePdf')[0]!.resolve(pdf);
    await flush();
    expect(saved).toEqual([pdf]);

    void store.getState().downloadPdf((p) => saved.push(p));
    void store.getState().sendCopy();
    store.dispose();
    callsTo('billing.invoicePdf')[1]!.resolve(pdf);
    callsTo('billing.sendInvoiceCopy')[0]!.resolve(sent('email'));
    await flush();
    expect(saved).toHaveLength(1);
    expect(store.getState().send.status).toBe('idle');
  });
});
