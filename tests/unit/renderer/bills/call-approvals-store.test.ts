import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiEvent, CallApprovalStatus } from '../../../../src/core/api';
import { createCallApprovalsStore } from '../../../../src/renderer/src/features/approvals/call-approvals-store';
import { fakeApi, flush } from '../fake-api';
import { INTERACTION } from './fixtures';

const item = (status: CallApprovalStatus['status'], over: Partial<CallApprovalStatus> = {}): CallApprovalStatus => ({
  approvalId: '0190c3a0-0000-7000-8000-000000000301',
  status,
  requestedAt: '2026-11-15T10:00:00Z',
  request: { kind: 'one_off_credit', reason: 'goodwill', target: 'account', amount: 5000 },
  amount: 5000,
  currency: 'EUR',
  reasonLabel: 'Goodwill gesture',
  approverRole: 'supervisor',
  approvedAmount: status === 'applied' ? 3500 : null,
  decidedBy: null,
  decidedAt: null,
  comment: null,
  ledgerEntryIds: [],
  summary: status,
  requestHash: 'a'.repeat(64),
  ...over,
});
const SHOWN_APPROVE = { outcome: 'approve' as const, requestHash: 'a'.repeat(64) };

describe('the call’s approval requests', () => {
  let api: ReturnType<typeof fakeApi>;
  let listeners: ((e: ApiEvent) => void)[];
  beforeEach(() => {
    vi.useFakeTimers();
    api = fakeApi();
    listeners = [];
    (api.api as { onEvent: unknown }).onEvent = (l: (e: ApiEvent) => void) => {
      listeners.push(l);
      return () => listeners.splice(listeners.indexOf(l), 1);
    };
  });
  afterEach(() => vi.useRealTimers());

  const reads = () => api.callsTo('approvals.status');

  it('shows the decision when approval.decided arrives for this call (not another)', async () => {
    const store = createCallApprovalsStore({ api: api.api, interactionId: INTERACTION, pollMs: 60_000 });
    const stop = store.getState().watch();
    reads()[0]!.resolve([item('pending')]);
    await flush();
    listeners.forEach((l) => l({ name: 'approval.decided', payload: { approvalId: 'x', interactionId: 'another-call', status: 'approved' } }));
    expect(reads()).toHaveLength(1);
    listeners.forEach((l) => l({ name: 'approval.decided', payload: { approvalId: 'x', interactionId: INTERACTION, status: 'approved' } }));
    expect(reads()).toHaveLength(2);
    reads()[1]!.resolve([item('applied')]);
    await flush();
    expect(store.getState().requests.value?.[0]?.status).toBe('applied');
    expect(store.getState().freshlyDecided).toEqual([item('applied').approvalId]);
    stop();
  });

  it('polls while a request is pending (a missed event still arrives), and stops after the decision', async () => {
    const store = createCallApprovalsStore({ api: api.api, interactionId: INTERACTION, pollMs: 1000 });
    const stop = store.getState().watch();
    reads()[0]!.resolve([item('pending')]);
    await flush();
    await vi.advanceTimersByTimeAsync(1000);
    expect(reads()).toHaveLength(2);
    reads()[1]!.resolve([item('refused', { comment: 'Already compensated' })]);
    await flush();
    await vi.advanceTimersByTimeAsync(5000);
    expect(reads()).toHaveLength(2);
    stop();
  });

  it('decides here with the supervisor’s credentials and refreshes', async () => {
    const store = createCallApprovalsStore({ api: api.api, interactionId: INTERACTION, pollMs: 60_000 });
    const done = store.getState().decideHere({
      approvalId: item('pending').approvalId,
      username: ' supervisor ',
      password: 'pw',
      decision: 'approve',
      amount: 3500,
      shown: SHOWN_APPROVE,
    });
    await flush();
    const sent = api.callsTo('approvals.decideHere')[0]!.input as Record<string, unknown>;
    expect(sent).toEqual({
      interactionId: INTERACTION,
      approvalId: item('pending').approvalId,
      username: 'supervisor',
      password: 'pw',
      decision: 'approve',
      amount: 3500,
      shown: SHOWN_APPROVE,
      idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    api
      .callsTo('approvals.decideHere')[0]!
      .resolve({ approvalId: 'x', status: 'applied', ledgerEntryIds: [], approvedAmount: 3500, decidedBy: { id: 's', name: 'S' } });
    await flush();
    reads()[0]!.resolve([item('applied')]);
    expect(await done).not.toBeNull();
    expect(JSON.stringify(store.getState())).not.toContain('pw');
  });

  it('shows a wrong password as an error and keeps the request pending', async () => {
    const store = createCallApprovalsStore({ api: api.api, interactionId: INTERACTION, pollMs: 60_000 });
    const refuse = {
      approvalId: 'x',
      username: 'supervisor',
      decision: 'refuse' as const,
      comment: 'no',
      shown: { outcome: 'refuse' as const, requestHash: 'a'.repeat(64) },
    };
    const done = store.getState().decideHere({ ...refuse, password: 'bad' });
    await flush();
    api.callsTo('approvals.decideHere')[0]!.reject({ code: 'BAD_CREDENTIALS', messageKey: 'error.badCredentials' });
    expect(await done).toBeNull();
    expect(store.getState().here).toEqual({ status: 'error', error: { code: 'BAD_CREDENTIALS', messageKey: 'error.badCredentials' } });
    // Trying the same decision again (the right password this time) is the same intent: the same key.
    void store.getState().decideHere({ ...refuse, password: 'right' });
    await flush();
    const [first, second] = api.callsTo('approvals.decideHere').map((c) => (c.input as { idempotencyKey: string }).idempotencyKey);
    expect(second).toBe(first);
  });
});
