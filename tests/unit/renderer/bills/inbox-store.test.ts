import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiEvent } from '../../../../src/core/api';
import { createInboxStore, nextSelection, orderInbox, waitingMinutes } from '../../../../src/renderer/src/features/approvals/inbox-store';
import { fakeApi, flush } from '../fake-api';
import { approval } from './fixtures';

describe('inbox ordering', () => {
  it('lists pending requests only, the longest-waiting first, ties by id', () => {
    const items = [
      approval(3, '2026-11-15T10:05:00Z'),
      approval(1, '2026-11-15T10:00:00Z'),
      approval(4, '2026-11-15T10:00:00Z'),
      approval(2, '2026-11-15T09:59:59Z', { status: 'applied' }),
      approval(5, '2026-11-15T09:00:00.000Z'),
    ];
    expect(orderInbox(items).map((i) => i.customerName)).toEqual(['Customer 5', 'Customer 1', 'Customer 4', 'Customer 3']);
  });

  it('compares instants, not strings (different precisions)', () => {
    const a = approval(1, '2026-11-15T10:00:00.500Z');
    const b = approval(2, '2026-11-15T10:00:00Z');
    expect(orderInbox([a, b]).map((i) => i.customerName)).toEqual(['Customer 2', 'Customer 1']);
  });

  it('after a decision selects the next request in line', () => {
    const [a, b, c] = [approval(1, '2026-11-15T10:00:00Z'), approval(2, '2026-11-15T10:01:00Z'), approval(3, '2026-11-15T10:02:00Z')];
    expect(nextSelection([a!, b!, c!], [a!, c!], b!.approvalId)).toBe(c!.approvalId);
    expect(nextSelection([a!, b!, c!], [a!, b!], c!.approvalId)).toBe(b!.approvalId);
    expect(nextSelection([a!], [], a!.approvalId)).toBeNull();
    expect(nextSelection([], [a!, b!], null)).toBe(a!.approvalId);
    expect(nextSelection([a!, b!], [a!, b!], b!.approvalId)).toBe(b!.approvalId);
  });

  it('counts whole minutes waited, never negative', () => {
    const now = Date.parse('2026-11-15T10:10:30Z');
    expect(waitingMinutes('2026-11-15T10:00:00Z', now)).toBe(10);
    expect(waitingMinutes('2026-11-15T10:11:00Z', now)).toBe(0);
    expect(waitingMinutes('nonsense', now)).toBe(0);
  });
});

describe('inbox store', () => {
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

  it('refreshes on approval.requested, and only the latest read is applied', async () => {
    const store = createInboxStore({ api: api.api, pollMs: 60_000 });
    const stop = store.getState().watch();
    const reads = () => api.callsTo('approvals.inbox');
    expect(reads()).toHaveLength(1);
    listeners.forEach((l) => l({ name: 'approval.requested', payload: { approvalId: 'x' } }));
    expect(reads()).toHaveLength(2);
    const older = [approval(1, '2026-11-15T10:00:00Z')];
    const newer = [approval(1, '2026-11-15T10:00:00Z'), approval(2, '2026-11-15T10:01:00Z')];
    reads()[1]!.resolve(newer);
    await flush();
    reads()[0]!.resolve(older);
    await flush();
    expect(store.getState().requests.value?.map((i) => i.customerName)).toEqual(['Customer 1', 'Customer 2']);
    // The first request is selected and its detail asked for.
    expect(store.getState().selectedId).toBe(newer[0]!.approvalId);
    expect(api.callsTo('approvals.get')[0]!.input).toEqual({ approvalId: newer[0]!.approvalId });
    stop();
    expect(listeners).toHaveLength(0);
  });

  it('decides the selected request and moves on to the next', async () => {
    const store = createInboxStore({ api: api.api, pollMs: 60_000 });
    store.getState().watch();
    const [a, b] = [approval(1, '2026-11-15T10:00:00Z'), approval(2, '2026-11-15T10:01:00Z')];
    api.callsTo('approvals.inbox')[0]!.resolve([a, b]);
    await flush();
    const shown = { outcome: 'approve' as const, requestHash: a!.requestHash };
    const done = store.getState().decide({ decision: 'approve', amount: 3000, shown });
    await flush();
    const decide = api.callsTo('approvals.decide')[0]!;
    expect(decide.input).toEqual({
      approvalId: a!.approvalId,
      decision: 'approve',
      amount: 3000,
      shown,
      idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    decide.resolve({ approvalId: a!.approvalId, status: 'applied', ledgerEntryIds: ['l'], approvedAmount: 3000, decidedBy: { id: 's', name: 'Sup' } });
    await flush();
    api.callsTo('approvals.inbox')[1]!.resolve([b]);
    expect(await done).toBe(true);
    expect(store.getState().selectedId).toBe(b!.approvalId);
    expect(store.getState().lastDecision?.result.approvedAmount).toBe(3000);
  });
});
