import { describe, expect, it } from 'vitest';
import { createAuditStore, parseInteractionId } from '../../../../src/renderer/src/features/audit/audit-store';
import { compactDiff, shortValue } from '../../../../src/renderer/src/features/audit/diff';
import { viewsFor } from '../../../../src/renderer/src/features/shell/nav-store';
import { fakeApi } from '../fake-api';
import { CALL } from './fixtures';

describe('compactDiff', () => {
  it('lists changed fields only, nested with dotted paths', () => {
    expect(compactDiff({ status: 'open', plan: { code: 'a', price: 10 } }, { status: 'closed', plan: { code: 'a', price: 12 } })).toEqual([
      { path: 'plan.price', before: '10', after: '12' },
      { path: 'status', before: 'open', after: 'closed' },
    ]);
  });

  it('a creation or a removal shows each field against nothing', () => {
    expect(compactDiff(null, { disposition: 'other' })).toEqual([{ path: 'disposition', before: null, after: 'other' }]);
    expect(compactDiff({ locked: true }, null)).toEqual([{ path: 'locked', before: 'true', after: null }]);
    expect(compactDiff(null, null)).toEqual([]);
    expect(compactDiff({ a: 1 }, { a: 1 })).toEqual([]);
  });

  it('scalars and arrays are compared whole; long values are cut', () => {
    expect(compactDiff(1, 2)).toEqual([{ path: '', before: '1', after: '2' }]);
    expect(compactDiff({ o: ['a'] }, { o: ['a', 'b'] })).toEqual([{ path: 'o', before: 'a', after: 'a, b' }]);
    expect(compactDiff({ o: [{ x: 1 }] }, { o: [] })).toEqual([{ path: 'o', before: '[{"x":1}]', after: '[]' }]);
    expect(shortValue('x'.repeat(100))).toHaveLength(60);
  });
});

describe('audit store', () => {
  it('parses a pasted id and refuses anything else', () => {
    expect(parseInteractionId(`  "${CALL.toUpperCase()}" `)).toBe(CALL);
    expect(parseInteractionId('not-an-id')).toBeNull();
  });

  it('opening a trail also takes its chain report; a later chain check replaces it', async () => {
    const api = fakeApi();
    const store = createAuditStore({ api: api.api });
    const chain = { ok: true, entriesChecked: 10, head: null, problems: [], checkedAt: '2026-11-15T10:00:00.000Z' };
    const selecting = store.getState().select(CALL);
    expect(api.callsTo('audit.interaction')[0]!.input).toEqual({ interactionId: CALL });
    api.callsTo('audit.interaction')[0]!.resolve({ interaction: {}, entries: [], chain, problemsInThisInteraction: [] });
    await selecting;
    expect(store.getState().chain.value).toEqual(chain);
    const verifying = store.getState().verifyChain();
    const broken = { ...chain, ok: false, problems: [{ seq: 3, kind: 'edited', message: 'x' }] };
    api.callsTo('audit.verify')[0]!.resolve(broken);
    await verifying;
    expect(store.getState().chain.value).toEqual(broken);
  });
});

describe('navigation', () => {
  it('supervisors get approvals, lockouts, audit and insights; managers insights; senior agents approvals; agents only calls', () => {
    expect(viewsFor('supervisor')).toEqual(['calls', 'approvals', 'lockouts', 'audit', 'insights']);
    expect(viewsFor('manager')).toEqual(['insights']);
    expect(viewsFor('senior_agent')).toEqual(['calls', 'approvals']);
    expect(viewsFor('agent')).toEqual(['calls']);
  });
});

describe('audit display helpers', () => {
  it('shortens recorded subjects to their kind and the end of the id', async () => {
    const { shortSubject } = await import('../../../../src/renderer/src/features/audit/diff');
    expect(shortSubject('customer:01990292-d003-7a8b-8981-69850a1e169c')).toEqual({
      text: 'customer …0a1e169c',
      full: 'customer:01990292-d003-7a8b-8981-69850a1e169c',
    });
    expect(shortSubject('policy v3').text).toBe('policy v3');
  });

  it('lists of words read as words', () => {
    expect(shortValue(['date_of_birth', 'account_pin'])).toBe('date_of_birth, account_pin');
  });
});
