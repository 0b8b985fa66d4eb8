import { describe, expect, it, vi } from 'vitest';
import { EVENT_NAMES, EVENTS } from '../../../src/core/api';
import { parseApiEvent } from '../../../src/renderer/src/api/parse-event';
import { eventParser } from '../../../src/renderer/src/api/events';

describe('events from main are checked before the screens see them', () => {
  const id = '01900000-0000-7000-8000-000000000001';
  it.each([
    [{ name: 'call.incoming', payload: { from: '0612', e164: null, matches: [] } }, 'call.incoming'],
    [{ name: 'approval.requested', payload: { approvalId: id } }, 'approval.requested'],
    [{ name: 'approval.decided', payload: { approvalId: id, interactionId: id, status: 'approved' } }, 'approval.decided'],
    [JSON.stringify({ name: 'approval.decided', payload: { approvalId: id, interactionId: id, status: 'refused' } }), 'approval.decided'],
  ])('accepts %j', (raw, name) => {
    expect(parseApiEvent(raw)?.name).toBe(name);
  });

  it.each([
    [{ name: 'approval.decided', payload: { approvalId: id, interactionId: id, status: 'maybe' } }],
    [{ name: 'approval.requested', payload: {} }],
    [{ name: 'approval.requested' }],
    [{ name: 'call.incoming', payload: { from: '0612', e164: null, matches: [{ customerId: id }] } }],
    [{ name: 'approval.decided', payload: { approvalId: id, status: 'approved' } }],
    [{ name: 'toString', payload: {} }],
    [{ name: 'system.shutdown', payload: {} }],
    ['not json'],
    [null],
  ])('drops %j', (raw) => {
    expect(parseApiEvent(raw)).toBeNull();
  });

  it('keeps only the known fields of a payload', () => {
    const e = parseApiEvent({ name: 'approval.requested', payload: { approvalId: id, extra: '<script>' } });
    expect(e).toEqual({ name: 'approval.requested', payload: { approvalId: id } });
  });
});

describe('the contract describes every event with a schema', () => {
  it('each event name has a payload schema', () => {
    expect([...EVENT_NAMES].sort()).toEqual(['approval.decided', 'approval.requested', 'call.incoming', 'sync.changed', 'sync.rejected', 'sync.status']);
    for (const name of EVENT_NAMES) expect(typeof EVENTS[name].safeParse).toBe('function');
  });

  it('a screen pop keeps its matches, each checked, and loses what the contract does not name', () => {
    const match = {
      customerId: 'c',
      accountId: 'a',
      accountNumberMasked: 'AR-••••1234',
      displayName: 'Marie Dupont',
      phoneMasked: null,
      emailMasked: null,
      town: 'Lyon',
      matchedOn: 'phone',
    };
    const e = parseApiEvent({ name: 'call.incoming', payload: { from: '0612', e164: '+33612', matches: [{ ...match, balance: 1234 }] } });
    expect(e).toEqual({ name: 'call.incoming', payload: { from: '0612', e164: '+33612', matches: [match] } });
  });
});

describe('the event parser is loaded with the first listener', () => {
  it('runs what waits for it once loaded, at once afterwards, and retries a failed load', async () => {
    let loads = 0;
    let fail = true;
    const parser = eventParser(undefined, async () => {
      loads++;
      if (fail) throw new Error('offline');
      return parseApiEvent;
    });
    const ran: string[] = [];
    expect(parser.get()).toBeNull();
    parser.whenReady(() => ran.push('first'));
    await Promise.resolve();
    await Promise.resolve();
    expect(ran).toEqual([]);
    fail = false;
    parser.whenReady(() => ran.push('second'));
    await vi.waitFor(() => expect(ran).toEqual(['second']));
    expect(parser.get()).toBe(parseApiEvent);
    parser.whenReady(() => ran.push('third'));
    expect(ran).toEqual(['second', 'third']);
    expect(loads).toBe(2);
  });
});
