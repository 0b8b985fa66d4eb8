import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CustomerLedger } from '../../../../src/core/api';
import { createCreditStore, decisionIsCurrent, EVALUATE_DEBOUNCE_MS } from '../../../../src/renderer/src/features/discount/credit-store';
import { fakeApi, flush } from '../fake-api';
import { decision, INTERACTION, policy } from './fixtures';

let api: ReturnType<typeof fakeApi>;
let store: ReturnType<typeof createCreditStore>;
let pending: string[];

const emptyLedger: CustomerLedger = { currency: 'EUR', entries: [], activeTotal12Months: 0 };

async function loaded(): Promise<void> {
  void store.getState().load();
  await flush();
  api.callsTo('policy.current')[0]!.resolve(policy());
  api.callsTo('discounts.ledger')[0]!.resolve(emptyLedger);
  api.callsTo('billing.invoices')[0]!.resolve({ account: { id: 'a', number: 'AR-1', currency: 'EUR' }, accounts: [], invoices: [] });
  await flush();
}

const evaluations = () => api.callsTo('discounts.evaluate');

beforeEach(async () => {
  vi.useFakeTimers();
  api = fakeApi();
  pending = [];
  store = createCreditStore({ api: api.api, interactionId: INTERACTION, locale: 'fr', onPendingApproval: (id) => pending.push(id) });
  await loaded();
  store.getState().setValues({ reason: 'goodwill' });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('live policy feedback', () => {
  it('asks once, after the debounce, for what is typed', async () => {
    store.getState().setValues({ amount: '1' });
    store.getState().setValues({ amount: '12' });
    store.getState().setValues({ amount: '12,4' });
    await vi.advanceTimersByTimeAsync(EVALUATE_DEBOUNCE_MS - 1);
    expect(evaluations()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(evaluations()).toHaveLength(1);
    expect(evaluations()[0]!.input).toEqual({
      interactionId: INTERACTION,
      request: { kind: 'one_off_credit', reason: 'goodwill', target: 'invoice', amount: 1240 },
    });
    evaluations()[0]!.resolve(decision('allowed', 1240));
    await flush();
    expect(store.getState().decision.value?.outcome).toBe('allowed');
    expect(decisionIsCurrent(store.getState())).toBe(true);
  });

  it('never lets a slower, older answer overwrite a newer one', async () => {
    store.getState().setValues({ amount: '10' });
    await vi.advanceTimersByTimeAsync(EVALUATE_DEBOUNCE_MS);
    store.getState().setValues({ amount: '100' });
    await vi.advanceTimersByTimeAsync(EVALUATE_DEBOUNCE_MS);
    expect(evaluations()).toHaveLength(2);

    // The newer answer arrives first…
    evaluations()[1]!.resolve(decision('needs_approval', 10000));
    await flush();
    expect(store.getState().decision.value?.outcome).toBe('needs_approval');
    // …then the older, slower one: ignored.
    evaluations()[0]!.resolve(decision('allowed', 1000));
    await flush();
    expect(store.getState().decision.value?.outcome).toBe('needs_approval');
    expect(store.getState().decision.value?.effectiveAmount).toBe(10000);
    expect(decisionIsCurrent(store.getState())).toBe(true);
  });

  it('drops an answer that arrives after the form stopped being a request', async () => {
    store.getState().setValues({ amount: '10' });
    await vi.advanceTimersByTimeAsync(EVALUATE_DEBOUNCE_MS);
    store.getState().setValues({ amount: '' });
    evaluations()[0]!.resolve(decision('allowed', 1000));
    await flush();
    expect(store.getState().decision.value).toBeNull();
    expect(store.getState().decision.status).toBe('idle');
  });

  it('keeps the last answer visible but marked stale while the next one is on its way', async () => {
    store.getState().setValues({ amount: '10' });
    await vi.advanceTimersByTimeAsync(EVALUATE_DEBOUNCE_MS);
    evaluations()[0]!.resolve(decision('allowed', 1000));
    await flush();
    store.getState().setValues({ amount: '11' });
    expect(store.getState().decision.value?.effectiveAmount).toBe(1000);
    expect(decisionIsCurrent(store.getState())).toBe(false);
  });

  it('does not ask for a typo, and says what is wrong', async () => {
    store.getState().setValues({ amount: '12,345' });
    await vi.advanceTimersByTimeAsync(EVALUATE_DEBOUNCE_MS * 2);
    expect(evaluations()).toHaveLength(0);
    const built = store.getState().built;
    expect(built.ok === false && built.problems.amount).toBe('tooManyDecimals');
  });

  it('"use max" types the most allowed now in the agent’s format', async () => {
    store.getState().setValues({ amount: '80' });
    await vi.advanceTimersByTimeAsync(EVALUATE_DEBOUNCE_MS);
    evaluations()[0]!.resolve(decision('needs_approval', 8000, { maxAllowedNow: 2500 }));
    await flush();
    store.getState().useMax('fr');
    expect(store.getState().values.amount).toBe('25,00');
  });
});

describe('granting', () => {
  it('Enter before the answer grants as soon as the answer says allowed', async () => {
    store.getState().setValues({ amount: '12,40' });
    store.getState().submit(); // before the debounce: evaluate at once, then grant
    expect(store.getState().grant.status).toBe('waiting');
    await flush();
    expect(evaluations()).toHaveLength(1);
    evaluations()[0]!.resolve(decision('allowed', 1240));
    await flush();
    const grants = api.callsTo('discounts.grant');
    expect(grants).toHaveLength(1);
    expect(grants[0]!.input).toEqual({
      interactionId: INTERACTION,
      idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/),
      request: { kind: 'one_off_credit', reason: 'goodwill', target: 'invoice', amount: 1240 },
    });
    grants[0]!.resolve({ status: 'granted', ledgerEntryIds: ['x'], commandId: 'c', decision: decision('allowed', 1240) });
    await flush();
    expect(store.getState().grant.status).toBe('done');
    expect(store.getState().values.amount).toBe('');
    expect(store.getState().values.reason).toBe('goodwill');
    expect(api.callsTo('discounts.ledger')).toHaveLength(2); // refreshed
  });

  it('sends an over-limit request for approval and tells the call’s approvals', async () => {
    store.getState().setValues({ amount: '80' });
    await vi.advanceTimersByTimeAsync(EVALUATE_DEBOUNCE_MS);
    evaluations()[0]!.resolve(decision('needs_approval', 8000));
    await flush();
    store.getState().submit();
    api
      .callsTo('discounts.grant')[0]!
      .resolve({ status: 'pending_approval', approvalId: 'ap1', approverRole: 'supervisor', decision: decision('needs_approval', 8000) });
    await flush();
    expect(pending).toEqual(['ap1']);
    expect(store.getState().grant.result?.status).toBe('pending_approval');
  });

  it('never sends a refused request', async () => {
    store.getState().setValues({ amount: '999' });
    await vi.advanceTimersByTimeAsync(EVALUATE_DEBOUNCE_MS);
    evaluations()[0]!.resolve(decision('refused', 99900));
    await flush();
    store.getState().submit();
    await flush();
    expect(api.callsTo('discounts.grant')).toHaveLength(0);
  });

  it('grants once however many times Enter is pressed', async () => {
    store.getState().setValues({ amount: '10' });
    await vi.advanceTimersByTimeAsync(EVALUATE_DEBOUNCE_MS);
    evaluations()[0]!.resolve(decision('allowed', 1000));
    await flush();
    store.getState().submit();
    store.getState().submit();
    store.getState().submit();
    expect(api.callsTo('discounts.grant')).toHaveLength(1);
  });
});

describe('language', () => {
  it('a switch asks the policy (labels, sentences) again in the new language; the same language asks nothing', async () => {
    store.getState().setLocale('fr');
    expect(api.callsTo('policy.current')).toHaveLength(1);
    store.getState().setLocale('en');
    expect(store.getState().locale).toBe('en');
    await flush();
    expect(api.callsTo('policy.current')).toHaveLength(2);
  });
});
