import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LookupResult, MaskedCaller } from '../../../src/core/api';
import { createLookupStore } from '../../../src/renderer/src/features/lookup/lookup-store';
import { fakeApi, flush } from './fake-api';

function caller(n: number, over: Partial<MaskedCaller> = {}): MaskedCaller {
  return {
    customerId: `0190c3a0-0000-7000-8000-00000000000${n}`,
    accountId: `0190c3a0-0000-7000-8000-00000000010${n}`,
    accountNumberMasked: `••••${1000 + n}`,
    displayName: `Caller ${n}`,
    phoneMasked: '+33 6 •• •• •• 78',
    emailMasked: 'c•••@example.org',
    town: 'Lyon',
    matchedOn: 'name',
    ...over,
  };
}

const answer = (kind: LookupResult['kind'], ...results: MaskedCaller[]): LookupResult => ({ kind, results });

let api: ReturnType<typeof fakeApi>;
let store: ReturnType<typeof createLookupStore>;

beforeEach(() => {
  vi.useFakeTimers();
  api = fakeApi();
  store = createLookupStore({ api: api.api });
});

afterEach(() => {
  vi.useRealTimers();
});

const searches = () => api.callsTo('lookup.search');

describe('search as you type', () => {
  it('searches the first key at once; keys typed while it is in flight go out as one search when it answers', async () => {
    store.getState().setQuery('d');
    expect(searches().map((c) => c.input)).toEqual([{ query: 'd', limit: 25 }]);
    store.getState().setQuery('du');
    store.getState().setQuery('dup');
    expect(store.getState().query).toBe('dup');
    expect(store.getState().status).toBe('pending');
    // Never more than one search in flight, whatever the typing speed.
    expect(searches()).toHaveLength(1);

    // The answer for "d" is for text no longer in the box: dropped, and "dup" goes out.
    searches()[0]!.resolve(answer('name', caller(7), caller(8), caller(9)));
    await flush();
    expect(store.getState().results).toHaveLength(0);
    expect(store.getState().status).toBe('pending');
    expect(searches().map((c) => c.input)).toEqual([
      { query: 'd', limit: 25 },
      { query: 'dup', limit: 25 },
    ]);

    searches()[1]!.resolve(answer('name', caller(1), caller(2)));
    await flush();
    const s = store.getState();
    expect(s.status).toBe('done');
    expect(s.kind).toBe('name');
    expect(s.results).toHaveLength(2);
    expect(s.resultsQuery).toBe('dup');
    expect(s.activeIndex).toBe(0); // Enter opens the top result straight away
    expect(searches()).toHaveLength(2);
  });

  it('a key typed at rest is searched at once, with no wait (no timer involved)', async () => {
    store.getState().setQuery('dup');
    searches()[0]!.resolve(answer('name', caller(1), caller(2)));
    await flush();
    store.getState().setQuery('dupo');
    expect(searches().at(-1)?.input).toEqual({ query: 'dupo', limit: 25 });
    expect(searches()).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
    // The list on screen stays while its update is on the way.
    expect(store.getState().results).toHaveLength(2);
    expect(store.getState().status).toBe('pending');
  });

  it('a burst of fast typing sends the first key and then only the text as it is when the answer comes', async () => {
    for (const q of ['0', '06', '061', '0612', '06123', '061234']) store.getState().setQuery(q);
    expect(searches()).toHaveLength(1);
    searches()[0]!.resolve(answer('phone'));
    await flush();
    store.getState().setQuery('0612345');
    store.getState().setQuery('06123456');
    expect(searches().map((c) => (c.input as { query: string }).query)).toEqual(['0', '061234']);
    searches()[1]!.resolve(answer('phone'));
    await flush();
    expect(searches().map((c) => (c.input as { query: string }).query)).toEqual(['0', '061234', '06123456']);
    searches()[2]!.resolve(answer('phone', caller(1, { matchedOn: 'phone' })));
    await flush();
    expect(store.getState()).toMatchObject({ status: 'done', resultsQuery: '06123456' });
  });

  it('never lets the answer to an older query overwrite a newer one', async () => {
    store.getState().setQuery('06');
    store.getState().setQuery('0612');
    searches()[0]!.resolve(answer('phone', caller(2), caller(3), caller(4)));
    await flush();
    const [older, newer] = searches();
    expect(older?.input).toMatchObject({ query: '06' });
    expect(newer?.input).toMatchObject({ query: '0612' });
    newer!.resolve(answer('phone', caller(1, { matchedOn: 'phone' })));
    await flush();
    const s = store.getState();
    expect(s.resultsQuery).toBe('0612');
    expect(s.results.map((r) => r.displayName)).toEqual(['Caller 1']);
  });

  it('ignores a stale error too', async () => {
    store.getState().setQuery('a');
    store.getState().setQuery('ab');
    searches()[0]!.reject({ code: 'INTERNAL', messageKey: 'error.internal' });
    await flush();
    expect(store.getState().status).toBe('pending');
    expect(store.getState().error).toBeNull();
    searches()[1]!.resolve(answer('name', caller(1)));
    await flush();
    expect(store.getState().status).toBe('done');
    expect(store.getState().error).toBeNull();
  });

  it('clearing the box drops the answer still in flight; what is typed next goes out when it is back', async () => {
    store.getState().setQuery('dupont');
    store.getState().clear();
    searches()[0]!.resolve(answer('name', caller(1)));
    await flush();
    const s = store.getState();
    expect(s.query).toBe('');
    expect(s.status).toBe('idle');
    expect(s.results).toHaveLength(0);
    expect(s.kind).toBeNull();

    store.getState().setQuery('martin');
    expect(searches().at(-1)?.input).toMatchObject({ query: 'martin' });
    store.getState().clear();
    store.getState().setQuery('leroy');
    expect(searches()).toHaveLength(2); // "martin" is still in flight
    searches()[1]!.resolve(answer('name', caller(2)));
    await flush();
    expect(searches().at(-1)?.input).toMatchObject({ query: 'leroy' });
    searches()[2]!.resolve(answer('name', caller(3)));
    await flush();
    expect(store.getState()).toMatchObject({ status: 'done', resultsQuery: 'leroy' });
    expect(store.getState().results.map((r) => r.displayName)).toEqual(['Caller 3']);
  });

  it('an empty or blank query searches nothing', async () => {
    store.getState().setQuery('   ');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(searches()).toHaveLength(0);
    expect(store.getState().status).toBe('idle');
  });

  it('does not search again for what is already on screen (trailing space)', async () => {
    store.getState().setQuery('dupont');
    searches()[0]!.resolve(answer('name', caller(1)));
    await flush();
    store.getState().setQuery('dupont ');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(searches()).toHaveLength(1);
    expect(store.getState().status).toBe('done');
  });

  it('keeps queries within the contract’s 120 characters', async () => {
    store.getState().setQuery('x'.repeat(200));
    expect(store.getState().query).toHaveLength(120);
  });

  it('shows a typed error, and Enter retries', async () => {
    store.getState().setQuery('dupont');
    searches()[0]!.reject({ code: 'INTERNAL', messageKey: 'error.unreachable' });
    await flush();
    expect(store.getState().status).toBe('error');
    expect(store.getState().error?.messageKey).toBe('error.unreachable');
    store.getState().submit();
    expect(searches()).toHaveLength(2);
    expect(store.getState().status).toBe('pending');
  });
});

describe('keyboard navigation and opening', () => {
  async function withResults(...results: MaskedCaller[]) {
    store.getState().setQuery('du');
    searches()
      .at(-1)!
      .resolve(answer('name', ...results));
    await flush();
  }

  it('moves the highlight and opens the highlighted caller with Enter', async () => {
    await withResults(caller(1), caller(2), caller(3));
    store.getState().move('moveDown');
    store.getState().move('moveDown');
    store.getState().move('moveDown');
    expect(store.getState().activeIndex).toBe(2);
    store.getState().move('moveUp');
    expect(store.getState().activeIndex).toBe(1);
    store.getState().submit();
    const opened = api.callsTo('lookup.caller');
    expect(opened).toHaveLength(1);
    expect(opened[0]?.input).toEqual({ customerId: caller(2).customerId });
    // The row is shown at once while main's profile loads.
    expect(store.getState().caller).toMatchObject({ status: 'loading', caller: { displayName: 'Caller 2' } });
    opened[0]!.resolve(caller(2, { displayName: 'Caller Two' }));
    await flush();
    expect(store.getState().caller).toMatchObject({ status: 'ready', caller: { displayName: 'Caller Two' } });
  });

  it('Enter before the answer opens a single match when it comes, without a second search', async () => {
    store.getState().setQuery('FR-00042');
    store.getState().submit(); // before the answer
    expect(searches()).toHaveLength(1);
    searches()[0]!.resolve(answer('account', caller(4, { matchedOn: 'account' })));
    await flush();
    expect(api.callsTo('lookup.caller')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(searches()).toHaveLength(1);
  });

  it('Enter before the answer does not open anything when several match', async () => {
    store.getState().setQuery('dupont');
    store.getState().submit();
    searches()[0]!.resolve(answer('name', caller(1), caller(2)));
    await flush();
    expect(api.callsTo('lookup.caller')).toHaveLength(0);
    expect(store.getState().activeIndex).toBe(0);
  });

  it('a caller opened later wins over one opened earlier whose answer arrives late', async () => {
    await withResults(caller(1), caller(2));
    store.getState().openIndex(0);
    store.getState().openIndex(1);
    const [first, second] = api.callsTo('lookup.caller');
    second!.resolve(caller(2));
    await flush();
    first!.resolve(caller(1));
    await flush();
    expect(store.getState().caller?.customerId).toBe(caller(2).customerId);
  });

  it('shows why a caller could not be opened', async () => {
    store.getState().openCaller(caller(5));
    api.callsTo('lookup.caller')[0]!.reject({ code: 'NOT_FOUND', messageKey: 'error.notFound' });
    await flush();
    expect(store.getState().caller).toMatchObject({ status: 'error', error: { code: 'NOT_FOUND' } });
  });

  it('closing the caller drops its late answer', async () => {
    store.getState().openCaller(caller(5));
    store.getState().closeCaller();
    api.callsTo('lookup.caller')[0]!.resolve(caller(5));
    await flush();
    expect(store.getState().caller).toBeNull();
  });
});

describe('candidates from a screen pop', () => {
  it('replace the list without searching, and cancel a pending search', async () => {
    store.getState().setQuery('dup');
    store.getState().showCandidates('+33612345678', [caller(1), caller(2)], 'phone');
    searches()[0]!.resolve(answer('name', caller(9)));
    await flush();
    const s = store.getState();
    expect(s.query).toBe('+33612345678');
    expect(s.kind).toBe('phone');
    expect(s.results.map((r) => r.displayName)).toEqual(['Caller 1', 'Caller 2']);
    expect(s.status).toBe('done');
    expect(searches()).toHaveLength(1);
  });

  it('reset clears everything (sign-out)', () => {
    store.getState().showCandidates('06', [caller(1)], 'phone');
    store.getState().openCaller(caller(1));
    store.getState().reset();
    const s = store.getState();
    expect([s.query, s.results.length, s.caller, s.status]).toEqual(['', 0, null, 'idle']);
  });
});
