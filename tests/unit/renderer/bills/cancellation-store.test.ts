/**
 * "Caller is cancelling": nothing is sent before a reason is chosen and the question confirmed; a
 * double click sends once; a retry after an error reuses the intent's key (main answers the first
 * result), and a new intent after success gets a new key; a day outside the call's days stays on
 * the form (also when main refuses it); an ended call drops a late answer.
 */
import { describe, expect, it } from 'vitest';
import type { CancellationRecorded } from '../../../../src/core/api';
import { createCancellationStore } from '../../../../src/renderer/src/features/discount/cancellation-store';
import { fakeApi, flush } from '../fake-api';

const INTERACTION = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const recorded = (alreadyRecorded = false): CancellationRecorded => ({
  commandId: alreadyRecorded ? null : 'c',
  outcomeId: 'o',
  occurredOn: '2026-12-01',
  reason: 'price',
  alreadyRecorded,
});

describe('the cancellation store', () => {
  it('asks before it records, sends once per click burst, and keeps the key across a retry of the same intent', async () => {
    const { api, callsTo } = fakeApi();
    const store = createCancellationStore({ api, interactionId: INTERACTION });
    const s = () => store.getState();
    s().review(); // closed: nothing
    s().open();
    s().review(); // no reason yet: stays on the form
    expect(s().step).toBe('choosing');
    s().setReason('price');
    s().setOccurredOn('2026-12-01');
    s().review();
    expect(s().step).toBe('confirming');
    expect(callsTo('billing.recordCancellation')).toHaveLength(0);

    void s().confirm();
    void s().confirm(); // double click while saving
    expect(callsTo('billing.recordCancellation')).toHaveLength(1);
    const first = callsTo('billing.recordCancellation')[0]!;
    expect(first.input).toMatchObject({ interactionId: INTERACTION, reason: 'price', occurredOn: '2026-12-01' });
    first.reject({ code: 'INTERNAL', messageKey: 'error.internal' });
    await flush();
    expect(s().step).toBe('confirming');
    expect(s().error?.code).toBe('INTERNAL');

    void s().confirm(); // retry: same intent, same key
    const retry = callsTo('billing.recordCancellation')[1]!;
    expect((retry.input as { idempotencyKey: string }).idempotencyKey).toBe((first.input as { idempotencyKey: string }).idempotencyKey);
    retry.resolve(recorded());
    await flush();
    expect(s().step).toBe('done');
    expect(s().result).toEqual(recorded());

    s().close();
    expect(s().step).toBe('closed');
    expect(s().result).toEqual(recorded()); // the closed panel still says it
    s().open();
    s().setReason('price');
    s().setOccurredOn('2026-12-01');
    s().review();
    void s().confirm();
    const next = callsTo('billing.recordCancellation')[2]!;
    expect((next.input as { idempotencyKey: string }).idempotencyKey).not.toBe((first.input as { idempotencyKey: string }).idempotencyKey);
  });

  it('keeps the form open on a day outside the call’s days, and goes back to it when main refuses the day', async () => {
    const { api, callsTo } = fakeApi();
    const store = createCancellationStore({ api, interactionId: INTERACTION });
    const s = () => store.getState();
    const days = { from: '2026-11-15', to: '2027-02-13' };
    s().open();
    s().setReason('price');
    for (const bad of ['2026-11-14', '2027-02-14']) {
      s().setOccurredOn(bad);
      s().review(days);
      expect([s().step, s().dayRefused]).toEqual(['choosing', true]);
    }
    s().setOccurredOn('2027-02-13'); // the last day allowed
    expect(s().dayRefused).toBe(false);
    s().review(days);
    expect(s().step).toBe('confirming');
    expect(callsTo('billing.recordCancellation')).toHaveLength(0);

    // Main's clock is past midnight: it refuses the day. Back to the form, on the day; nothing else said.
    void s().confirm();
    callsTo('billing.recordCancellation')[0]!.reject({
      code: 'INVALID_INPUT',
      messageKey: 'error.invalidInput',
      issues: [{ path: 'occurredOn', message: 'a cancellation takes effect between 2026-11-16 and 2027-02-14' }],
    });
    await flush();
    expect([s().step, s().dayRefused, s().error]).toEqual(['choosing', true, null]);
    // Any other refusal is said under the question.
    s().setOccurredOn('');
    s().review(days);
    void s().confirm();
    callsTo('billing.recordCancellation')[1]!.reject({ code: 'INVALID_INPUT', messageKey: 'error.invalidInput', issues: [{ path: 'reason', message: 'x' }] });
    await flush();
    expect([s().step, s().dayRefused, s().error?.code]).toEqual(['confirming', false, 'INVALID_INPUT']);
  });

  it('drops an answer that arrives after the call ended', async () => {
    const { api, callsTo } = fakeApi();
    const store = createCancellationStore({ api, interactionId: INTERACTION });
    const s = () => store.getState();
    s().open();
    s().setReason('moving');
    s().review();
    void s().confirm();
    store.dispose();
    callsTo('billing.recordCancellation')[0]!.resolve(recorded());
    await flush();
    expect(s().step).not.toBe('done');
    expect(s().result).toBeNull();
  });
});
