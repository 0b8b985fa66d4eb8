/**
 * The bills tab's fairness check (features/bills/fairness-store.ts): the check of the open
 * invoice, its correcting credit sent as the check's own request with one idempotency key per
 * request (a retry after a failure reuses it), and the check run again after the grant.
 */
import { describe, expect, it } from 'vitest';
import type { InvoiceCheckView } from '../../../../src/core/api';
import { createFairnessStore } from '../../../../src/renderer/src/features/bills/fairness-store';
import { fakeApi, flush } from '../fake-api';
import { INTERACTION } from './fixtures';

const INVOICE = '0190c3a0-0000-7000-8000-000000000501';
const credit = { kind: 'one_off_credit', reason: 'billing_error', target: 'invoice', amount: 1199, invoiceId: INVOICE, disputedAmount: 1199 } as const;
const view = (over: Partial<InvoiceCheckView> = {}): InvoiceCheckView => ({
  invoiceId: INVOICE,
  number: 'FA-1',
  currency: 'EUR',
  locale: 'en',
  issuedTotal: 3598,
  recomputedTotal: 2399,
  differences: [
    { lineId: 'plan:basic:x', cause: 'duplicate-fee', issued: 2398, recomputed: 1199, difference: -1199, owedTo: 'customer', sentence: 'charged twice' },
  ],
  customerOwed: 1199,
  undercharged: 0,
  corrected: 0,
  outstanding: 1199,
  summary: 'we owe you €11.99',
  correctingCredit: credit,
  ...over,
});

describe('the fairness check of the open bill', () => {
  it('checks, grants the correcting credit once (a retry keeps its key), then checks again', async () => {
    const fake = fakeApi();
    const store = createFairnessStore({ api: fake.api, interactionId: INTERACTION });
    void store.getState().run(INVOICE, 'en');
    expect(fake.callsTo('billing.checkInvoice')[0]!.input).toEqual({ interactionId: INTERACTION, invoiceId: INVOICE, locale: 'en' });
    fake.callsTo('billing.checkInvoice')[0]!.resolve(view());
    await flush();
    expect(store.getState().check.value?.outstanding).toBe(1199);

    void store.getState().correct();
    // A second click while the first is on its way sends nothing.
    void store.getState().correct();
    expect(fake.callsTo('discounts.grant')).toHaveLength(1);
    const first = fake.callsTo('discounts.grant')[0]!;
    expect(first.input).toMatchObject({ interactionId: INTERACTION, request: credit });
    first.reject({ code: 'UNAVAILABLE', message: 'try again' } as never);
    await flush();
    expect(store.getState().grant.status).toBe('error');

    void store.getState().correct();
    const retry = fake.callsTo('discounts.grant')[1]!;
    expect((retry.input as { idempotencyKey: string }).idempotencyKey).toBe((first.input as { idempotencyKey: string }).idempotencyKey);
    retry.resolve({ status: 'granted', ledgerEntryIds: ['e1'], commandId: 'c1', decision: {} });
    await flush();
    expect(store.getState().grant.status).toBe('granted');
    const again = fake.callsTo('billing.checkInvoice');
    expect(again).toHaveLength(2);
    again[1]!.resolve(view({ corrected: 1199, outstanding: 0, correctingCredit: null, summary: 'settled' }));
    await flush();
    expect(store.getState().check.value?.summary).toBe('settled');
    // Nothing left to grant: a click sends nothing.
    void store.getState().correct();
    expect(fake.callsTo('discounts.grant')).toHaveLength(2);
  });

  it('closes: back to the button', async () => {
    const fake = fakeApi();
    const store = createFairnessStore({ api: fake.api, interactionId: INTERACTION });
    void store.getState().run(INVOICE, 'fr');
    fake.callsTo('billing.checkInvoice')[0]!.resolve(view({ locale: 'fr' }));
    await flush();
    store.getState().close();
    expect([store.getState().invoiceId, store.getState().check.status]).toEqual([null, 'idle']);
  });
});
