import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LookupResult, MaskedCaller } from '../../../src/core/api';
import { createLookupStore, SEARCH_DEBOUNCE_MS } from '../../../src/renderer/src/features/lookup/lookup-store';
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
  it('shows the query at once and searches once, after the debounce', async () => {
    store.getState().setQuery('d');
    store.getState().setQuery('du');
    store.getState().setQuery('dup');
    expect(store.getState().query).toBe('dup');
    expect(store.getState().status).toBe('pending');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS - 1);
    expect(searches()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(searches()).toHaveLength(1);
    expect(searches()[0]?.input).toEqual({ query: 'dup', limit: 25 });

    searches()[0]!.resolve(answer('name', caller(1), caller(2)));
    await flush();
    const s = store.getState();
    expect(s.status).toBe('done');
    expect(s.kind).toBe('name');
    expect(s.results).toHaveLength(2);
    expect(s.resultsQuery).toBe('dup');
    expect(s.activeIndex).toBe(0); // Enter opens the top result straight away
  });

  it('never lets the answer to an older query overwrite a newer one (old answer arrives last)', async () => {
    store.getState().setQuery('06');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    store.getState().setQuery('0612');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    const [older, newer] = searches();
    expect(older?.input).toMatchObject({ query: '06' });
    expect(newer?.input).toMatchObject({ query: '0612' });

    newer!.resolve(answer('phone', caller(1, { matchedOn: 'phone' })));
    await flush();
    older!.resolve(answer('phone', caller(2), caller(3), caller(4)));
    await flush();

    const s = store.getState();
    expect(s.resultsQuery).toBe('0612');
    expect(s.results.map((r) => r.displayName)).toEqual(['Caller 1']);
  });

  it('ignores an older answer that arrives first, while the newer one is still pending', async () => {
    store.getState().setQuery('du');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    store.getState().setQuery('dupont');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    const [older, newer] = searches();

    older!.resolve(answer('name', caller(7), caller(8)));
    await flush();
    expect(store.getState().results).toHaveLength(0);
    expect(store.getState().status).toBe('pending');

    newer!.resolve(answer('name', caller(1)));
    await flush();
    expect(store.getState().results.map((r) => r.displayName)).toEqual(['Caller 1']);
    expect(store.getState().status).toBe('done');
  });

  it('ignores a stale error too', async () => {
    store.getState().setQuery('a');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    store.getState().setQuery('ab');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    const [older, newer] = searches();
    newer!.resolve(answer('name', caller(1)));
    await flush();
    older!.reject({ code: 'INTERNAL', messageKey: 'error.internal' });
    await flush();
    expect(store.getState().status).toBe('done');
    expect(store.getState().error).toBeNull();
  });

  it('clearing the box drops the answer still in flight', async () => {
    store.getState().setQuery('dupont');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    store.getState().clear();
    searches()[0]!.resolve(answer('name', caller(1)));
    await flush();
    const s = store.getState();
    expect(s.query).toBe('');
    expect(s.status).toBe('idle');
    expect(s.results).toHaveLength(0);
    expect(s.kind).toBeNull();
  });

  it('an empty or blank query searches nothing', async () => {
    store.getState().setQuery('   ');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS * 2);
    expect(searches()).toHaveLength(0);
    expect(store.getState().status).toBe('idle');
  });

  it('does not search again for what is already on screen (trailing space)', async () => {
    store.getState().setQuery('dupont');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    searches()[0]!.resolve(answer('name', caller(1)));
    await flush();
    store.getState().setQuery('dupont ');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    expect(searches()).toHaveLength(1);
    expect(store.getState().status).toBe('done');
  });

  it('keeps queries within the contract’s 120 characters', async () => {
    store.getState().setQuery('x'.repeat(200));
    expect(store.getState().query).toHaveLength(120);
  });

  it('shows a typed error, and Enter retries', async () => {
    store.getState().setQuery('dupont');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
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
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
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

  it('Enter before the answer runs the search now and opens a single match when it comes', async () => {
    store.getState().setQuery('FR-00042');
    store.getState().submit(); // before the debounce fired
    expect(searches()).toHaveLength(1);
    searches()[0]!.resolve(answer('account', caller(4, { matchedOn: 'account' })));
    await flush();
    expect(api.callsTo('lookup.caller')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    expect(searches()).toHaveLength(1); // the debounce did not fire a second search
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
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
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
