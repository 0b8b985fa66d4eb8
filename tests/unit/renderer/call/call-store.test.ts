import { beforeEach, describe, expect, it } from 'vitest';
import { createCallStore } from '../../../../src/renderer/src/features/call/call-store';
import { fakeApi, flush } from '../fake-api';
import { CALL, CUSTOMER, interaction, OTHER_CALL, OTHER_CUSTOMER, wrapUpResult } from './fixtures';

let api: ReturnType<typeof fakeApi>;
let now = 1_000_000;
let store: ReturnType<typeof createCallStore>;

beforeEach(() => {
  api = fakeApi();
  now = 1_000_000;
  store = createCallStore({ api: api.api, now: () => now });
});

async function startActive(over = {}) {
  const started = store.getState().start({ customerId: CUSTOMER, source: 'lookup' });
  api.callsTo('interaction.start').at(-1)!.resolve(interaction(over));
  await started;
}

describe('call store', () => {
  it('starts a call: sends the source and number, then shows it on Verify with the timer anchored', async () => {
    const started = store.getState().start({ customerId: CUSTOMER, source: 'screen_pop', callerNumber: '+33612345678' });
    expect(store.getState().phase).toBe('starting');
    expect(api.callsTo('interaction.start')[0]!.input).toEqual({ customerId: CUSTOMER, source: 'screen_pop', callerNumber: '+33612345678' });
    api.callsTo('interaction.start')[0]!.resolve(interaction({ elapsedSeconds: 3 }));
    expect(await started).toBe(true);
    const s = store.getState();
    expect(s.phase).toBe('active');
    expect(s.tab).toBe('verify');
    expect(s.verified).toBe(false);
    expect(s.startedAtMs).toBe(now - 3000);
  });

  it('a lookup start sends no caller number', async () => {
    void store.getState().start({ customerId: CUSTOMER, source: 'lookup' });
    expect(api.callsTo('interaction.start')[0]!.input).toEqual({ customerId: CUSTOMER, source: 'lookup' });
  });

  it('keeps one active call: another caller is refused (busy), the same caller is a no-op', async () => {
    await startActive();
    expect(await store.getState().start({ customerId: OTHER_CUSTOMER, source: 'screen_pop' })).toBe(false);
    expect(store.getState().busy).toBe(true);
    expect(store.getState().interaction?.interactionId).toBe(CALL);
    store.getState().dismissBusy();
    expect(await store.getState().start({ customerId: CUSTOMER, source: 'lookup' })).toBe(false);
    expect(store.getState().busy).toBe(false);
    expect(api.callsTo('interaction.start')).toHaveLength(1);
  });

  it('a second start while the first is in flight does not start twice', async () => {
    void store.getState().start({ customerId: CUSTOMER, source: 'screen_pop' });
    void store.getState().start({ customerId: CUSTOMER, source: 'lookup' });
    expect(api.callsTo('interaction.start')).toHaveLength(1);
  });

  it('a failed start goes back to idle with the error', async () => {
    const started = store.getState().start({ customerId: CUSTOMER, source: 'lookup' });
    api.callsTo('interaction.start')[0]!.reject({ code: 'NOT_FOUND', messageKey: 'error.notFound' });
    expect(await started).toBe(false);
    expect(store.getState().phase).toBe('idle');
    expect(store.getState().error?.code).toBe('NOT_FOUND');
  });

  it('sections needing verification cannot be opened before it; verification opens the account', async () => {
    await startActive();
    expect(store.getState().setTab('bills')).toBe(false);
    expect(store.getState().tab).toBe('verify');
    expect(store.getState().setTab('wrapup')).toBe(true);
    store.getState().setTab('verify');
    store.getState().markVerified('2026-11-15T10:01:00.000Z');
    const s = store.getState();
    expect(s.verified).toBe(true);
    expect(s.verifiedAt).toBe('2026-11-15T10:01:00.000Z');
    expect(s.tab).toBe('account');
    expect(s.interaction?.verified).toBe(true);
    expect(store.getState().setTab('bills')).toBe(true);
  });

  it('a call resumed already verified opens on the account', async () => {
    await startActive({ verified: true, verifiedAt: '2026-11-15T10:01:00.000Z' });
    expect(store.getState().tab).toBe('account');
  });

  it('finish ends the call and keeps the summary with the handle time', async () => {
    await startActive();
    store.getState().finish(wrapUpResult({ interactionId: OTHER_CALL }));
    expect(store.getState().phase).toBe('active'); // not this call's result
    store.getState().finish(wrapUpResult());
    const s = store.getState();
    expect(s.phase).toBe('idle');
    expect(s.interaction).toBeNull();
    // The notice says how the call ended, nothing of who called.
    const { interactionId, endedAt, disposition, handleSeconds } = wrapUpResult();
    expect(s.lastEnded).toEqual({ interactionId, endedAt, disposition, handleSeconds });
    store.getState().dismissEnded();
    expect(store.getState().lastEnded).toBeNull();
  });

  it('a call ended elsewhere is dropped with a notice', async () => {
    await startActive();
    store.getState().lost();
    expect(store.getState().phase).toBe('idle');
    expect(store.getState().endedElsewhere).toBe(true);
  });

  it('after sign-in, resumes the newest open call and lists the others', async () => {
    const restoring = store.getState().restoreOpen();
    const summary = (id: string) => ({
      interactionId: id,
      customerId: CUSTOMER,
      callerName: 'Marie D.',
      agentId: 'a',
      agentName: 'Sam',
      startedAt: '2026-11-15T10:00:00.000Z',
      verifiedAt: null,
      endedAt: null,
      disposition: null,
      handleSeconds: null,
    });
    api.callsTo('interaction.listOpen')[0]!.resolve([summary(CALL), summary(OTHER_CALL)]);
    await flush();
    expect(api.callsTo('interaction.get')[0]!.input).toEqual({ interactionId: CALL });
    api.callsTo('interaction.get')[0]!.resolve(interaction({ elapsedSeconds: 120 }));
    await restoring;
    expect(store.getState().phase).toBe('active');
    expect(store.getState().openCalls.map((c) => c.interactionId)).toEqual([OTHER_CALL]);
  });

  it('reset forgets everything and ignores a late answer', async () => {
    const started = store.getState().start({ customerId: CUSTOMER, source: 'lookup' });
    store.getState().reset();
    api.callsTo('interaction.start')[0]!.resolve(interaction());
    expect(await started).toBe(false);
    expect(store.getState().phase).toBe('idle');
  });
});
