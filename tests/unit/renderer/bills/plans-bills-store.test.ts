import { describe, expect, it } from 'vitest';
import type { BestPlans, InvoiceDetail, InvoiceList, PlanChangeQuoteView } from '../../../../src/core/api';
import { changeFromPrevious, createBillsStore } from '../../../../src/renderer/src/features/bills/bills-store';
import { createPlansStore } from '../../../../src/renderer/src/features/plans/plans-store';
import { fakeApi, flush } from '../fake-api';
import { INTERACTION } from './fixtures';

const inv = (n: number, total: number) => ({
  id: `0190c3a0-0000-7000-8000-0000000002${String(n).padStart(2, '0')}`,
  number: `F-${n}`,
  kind: 'invoice' as const,
  corrects: null,
  cycle: { start: `2026-${String(n).padStart(2, '0')}-01`, end: `2026-${String(n).padStart(2, '0')}-28` },
  issuedOn: '2026-01-01',
  dueOn: '2026-01-15',
  currency: 'EUR',
  total,
  amountDue: total,
  status: 'paid' as const,
});

const list: InvoiceList = { account: { id: 'a', number: 'AR-1', currency: 'EUR' }, accounts: [], invoices: [inv(3, 5000), inv(2, 4000), inv(1, 4000)] };
const detail = (id: string, previousInvoiceId: string | null) => ({ id, previousInvoiceId, lines: [] }) as unknown as InvoiceDetail;

describe('bills store', () => {
  it('opens the newest invoice, and a slow answer for an invoice the agent left is not shown', async () => {
    const api = fakeApi();
    const store = createBillsStore({ api: api.api, interactionId: INTERACTION, locale: 'en' });
    void store.getState().load();
    api.callsTo('billing.invoices')[0]!.resolve(list);
    await flush();
    const first = api.callsTo('billing.invoice')[0]!;
    expect(first.input).toEqual({ interactionId: INTERACTION, invoiceId: list.invoices[0]!.id, locale: 'en' });
    store.getState().move(1);
    const second = api.callsTo('billing.invoice')[1]!;
    second.resolve(detail(list.invoices[1]!.id, list.invoices[2]!.id));
    await flush();
    first.resolve(detail(list.invoices[0]!.id, list.invoices[1]!.id));
    await flush();
    expect(store.getState().selectedId).toBe(list.invoices[1]!.id);
    expect(store.getState().detail.value?.id).toBe(list.invoices[1]!.id);
    // The comparison of the invoice on screen is asked for with it.
    expect(api.callsTo('billing.compare').map((c) => (c.input as { invoiceId: string }).invoiceId)).toEqual([list.invoices[1]!.id]);
  });

  it('reopening an invoice already seen costs no call', async () => {
    const api = fakeApi();
    const store = createBillsStore({ api: api.api, interactionId: INTERACTION, locale: 'fr' });
    void store.getState().load();
    api.callsTo('billing.invoices')[0]!.resolve(list);
    await flush();
    api.callsTo('billing.invoice')[0]!.resolve(detail(list.invoices[0]!.id, null));
    await flush();
    store.getState().move(1);
    api.callsTo('billing.invoice')[1]!.resolve(detail(list.invoices[1]!.id, null));
    await flush();
    store.getState().move(-1);
    await flush();
    expect(api.callsTo('billing.invoice')).toHaveLength(2);
    expect(store.getState().detail.value?.id).toBe(list.invoices[0]!.id);
    expect(store.getState().compare.status).toBe('idle'); // no previous invoice: nothing to compare
  });

  it('computes each bill’s change from the month before', () => {
    expect(list.invoices.map((_, i) => changeFromPrevious(list.invoices, i))).toEqual([1000, 0, null]);
  });
});

describe('plans store', () => {
  const none = { dataMb: 0, voiceMinutes: 0, sms: 0 };
  const best: BestPlans = {
    currency: 'EUR',
    date: '2026-04-10',
    usage: {
      basisCycles: [],
      monthly: none,
      current: { cycle: { start: '2026-04-01', end: '2026-04-30' }, recordedThrough: null, recorded: none, daysLeft: 30, rest: none, total: none },
    },
    firstMonth: { start: '2026-05-01', end: '2026-05-31' },
    year: [],
    currentPlanId: 'confort',
    optionIds: [],
    plans: [
      {
        planId: 'essentiel',
        planName: 'Essentiel',
        monthlyFee: 1500,
        monthlyTotal: 2000,
        yearTotal: 24_000,
        savingPerMonth: 1000,
        savingPerYear: 12_000,
        isCurrent: false,
      },
      { planId: 'confort', planName: 'Confort', monthlyFee: 2500, monthlyTotal: 3000, yearTotal: 36_000, savingPerMonth: 0, savingPerYear: 0, isCurrent: true },
    ],
  };
  const quote = (total: number) => ({ nextInvoice: { total }, currency: 'EUR' }) as unknown as PlanChangeQuoteView;

  it('quotes the best cheaper plan at once, and applies with the total that was read out', async () => {
    const api = fakeApi();
    const store = createPlansStore({ api: api.api, interactionId: INTERACTION, locale: 'fr' });
    void store.getState().load();
    api.callsTo('billing.bestPlans')[0]!.resolve(best);
    await flush();
    expect(store.getState().selectedPlanId).toBe('essentiel');
    api.callsTo('billing.quote')[0]!.resolve(quote(2650));
    await flush();
    store.getState().askConfirm();
    void store.getState().confirmApply();
    expect(api.callsTo('billing.applyPlanChange')[0]!.input).toEqual({
      interactionId: INTERACTION,
      planId: 'essentiel',
      timing: 'now',
      quotedNextTotal: 2650,
      idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  it('when the price moved (CONFLICT) re-quotes and says so instead of applying', async () => {
    const api = fakeApi();
    const store = createPlansStore({ api: api.api, interactionId: INTERACTION, locale: 'fr' });
    void store.getState().load();
    api.callsTo('billing.bestPlans')[0]!.resolve(best);
    await flush();
    api.callsTo('billing.quote')[0]!.resolve(quote(2650));
    await flush();
    store.getState().askConfirm();
    const applying = store.getState().confirmApply();
    api.callsTo('billing.applyPlanChange')[0]!.reject({ code: 'CONFLICT', messageKey: 'error.conflict' });
    await applying;
    expect(store.getState().apply).toMatchObject({ status: 'error', priceMoved: true });
    expect(api.callsTo('billing.quote')).toHaveLength(2);
    api.callsTo('billing.quote')[1]!.resolve(quote(2700));
    await flush();
    expect(store.getState().quote.value?.nextInvoice.total).toBe(2700);
    expect(store.getState().apply.priceMoved).toBe(true); // still said until the agent applies again
  });

  it('a quote for a plan the agent already left is not shown', async () => {
    const api = fakeApi();
    const store = createPlansStore({ api: api.api, interactionId: INTERACTION, locale: 'fr' });
    void store.getState().load();
    api.callsTo('billing.bestPlans')[0]!.resolve(best);
    await flush();
    store.getState().setTiming('end_of_cycle');
    api.callsTo('billing.quote')[1]!.resolve(quote(3000));
    await flush();
    api.callsTo('billing.quote')[0]!.resolve(quote(2650));
    await flush();
    expect(store.getState().quote.value?.nextInvoice.total).toBe(3000);
  });
});
