/**
 * The lookup screen's state: search as you type, the highlighted result, the open caller.
 *
 * Search as you type: each keystroke sets the query at once, and 'lookup.search' goes out at
 * once when no search is in flight. While one is, the box only notes that it changed; when the
 * answer comes back, it is dropped (it answers text no longer in the box) and the box's text as it
 * is then goes out. So a key typed at rest is answered after one round trip (no fixed wait: the
 * service answers in about a millisecond), fast typing sends at most one search per round trip,
 * never a queue of stale ones, and the list always belongs to what is in the box. Only the answer
 * to the LATEST request is applied; clearing the box, or a screen pop, drops any request in
 * flight. The same rule applies to opening a caller.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiErrorBody, MaskedCaller, MatchKind } from '../../../../core/api';
import type { ApiClient } from '../../api/client';
import { latest } from '../../lib/loadable';
import { moveActive } from './keyboard';

export const SEARCH_LIMIT = 25;
/** The contract accepts queries up to 120 characters. */
export const MAX_QUERY_LENGTH = 120;

export interface CallerView {
  readonly customerId: string;
  readonly status: 'loading' | 'ready' | 'error';
  /** What is known so far: the list row while loading, then main's masked profile. */
  readonly caller: MaskedCaller | null;
  readonly error: ApiErrorBody | null;
}

export type SearchStatus = 'idle' | 'pending' | 'done' | 'error';

export interface LookupState {
  readonly query: string;
  /** idle: empty box · pending: the answer for the box's text is on its way · done · error */
  readonly status: SearchStatus;
  /** The query the shown results answer (they stay on screen while a newer one is pending). */
  readonly resultsQuery: string;
  /** How main understood `resultsQuery`; null when there is nothing to describe. */
  readonly kind: MatchKind | 'none' | null;
  readonly results: readonly MaskedCaller[];
  /** A phone number too short to search yet: the digits it needs (LookupResult.tooShort). */
  readonly tooShort: { readonly minDigits: number } | null;
  readonly error: ApiErrorBody | null;
  readonly activeIndex: number;
  readonly caller: CallerView | null;
  /** Incremented to ask the search box to take the focus (and select its text). */
  readonly focusRequest: number;

  setQuery(query: string): void;
  /** Enter: open the highlighted result, or, if the search is not answered yet, run it now. */
  submit(): void;
  clear(): void;
  move(action: 'moveUp' | 'moveDown' | 'first' | 'last'): void;
  setActive(index: number): void;
  openIndex(index: number): void;
  openCaller(target: MaskedCaller | string): void;
  closeCaller(): void;
  /** Shows a known list (a screen pop's matches) as the answer to `query`, without searching. */
  showCandidates(query: string, results: readonly MaskedCaller[], kind: MatchKind | 'none'): void;
  requestFocus(): void;
  reset(): void;
}

export type LookupStore = StoreApi<LookupState>;

export interface LookupDeps {
  readonly api: Pick<ApiClient, 'call'>;
}

export function createLookupStore(deps: LookupDeps): LookupStore {
  /** A search is on its way to main. */
  let inFlight = false;
  /** The box changed while it was: send its text when the answer is back. */
  let changed = false;
  /** Only the answer to the latest search is applied. */
  const search = latest();
  /** Enter was pressed before the answer: open it if it is a single caller. */
  let openWhenSingle = false;
  const callerRead = latest();

  return createStore<LookupState>()((set, get) => {
    /** Forget any pending or in-flight search. */
    function invalidate(): void {
      changed = false;
      search.invalidate();
      openWhenSingle = false;
    }

    /** Searches for what is in the box now, or as soon as the search in flight is answered. */
    function searchNow(): void {
      if (inFlight) changed = true;
      else void run();
    }

    async function run(): Promise<void> {
      const query = get().query.trim();
      if (!query) return;
      inFlight = true;
      changed = false;
      const answer = await search.run(() => deps.api.call('lookup.search', { query, limit: SEARCH_LIMIT }));
      inFlight = false;
      if (changed) {
        // Typed meanwhile: this answer is for text no longer in the box; ask for what is there.
        changed = false;
        if (get().status === 'pending') void run();
        return;
      }
      if (!answer) return; // dropped: the box was cleared or replaced meanwhile
      const openSingle = openWhenSingle;
      openWhenSingle = false;
      if (!answer.ok) {
        set({ status: 'error', error: answer.error, resultsQuery: '', results: [], tooShort: null, kind: null, activeIndex: -1 });
        return;
      }
      const { kind, results } = answer.value;
      set({
        status: 'done',
        resultsQuery: query,
        kind,
        results,
        tooShort: answer.value.tooShort ?? null,
        error: null,
        activeIndex: results.length > 0 ? 0 : -1,
      });
      const only = results[0];
      if (openSingle && results.length === 1 && only) get().openCaller(only);
    }

    function emptyResults() {
      return { status: 'idle' as const, resultsQuery: '', kind: null, results: [], tooShort: null, error: null, activeIndex: -1 };
    }

    return {
      query: '',
      ...emptyResults(),
      caller: null,
      focusRequest: 0,

      setQuery(raw) {
        const query = raw.slice(0, MAX_QUERY_LENGTH);
        const trimmed = query.trim();
        if (trimmed === '') {
          invalidate();
          set({ query, ...emptyResults() });
          return;
        }
        const s = get();
        if (trimmed === s.resultsQuery && (s.status === 'done' || s.status === 'pending')) {
          // Back to what is already on screen (e.g. a trailing space, or typed then erased).
          invalidate();
          set({ query, status: 'done' });
          return;
        }
        set({ query, status: 'pending' });
        searchNow();
      },

      submit() {
        const s = get();
        if (s.status === 'pending' || (s.status === 'error' && s.query.trim() !== '')) {
          // The answer is on its way (or failed: asked again now); a single caller opens when it comes.
          openWhenSingle = true;
          if (s.status === 'error') {
            set({ status: 'pending' });
            searchNow();
          }
          return;
        }
        if (s.activeIndex >= 0) get().openIndex(s.activeIndex);
      },

      clear() {
        invalidate();
        set({ query: '', ...emptyResults() });
      },

      move(action) {
        const s = get();
        set({ activeIndex: moveActive(s.activeIndex, s.results.length, action) });
      },

      setActive(index) {
        if (index >= 0 && index < get().results.length) set({ activeIndex: index });
      },

      openIndex(index) {
        const target = get().results[index];
        if (!target) return;
        set({ activeIndex: index });
        get().openCaller(target);
      },

      openCaller(target) {
        const preview = typeof target === 'string' ? null : target;
        const customerId = typeof target === 'string' ? target : target.customerId;
        set({ caller: { customerId, status: 'loading', caller: preview, error: null } });
        void callerRead
          .run(() => deps.api.call('lookup.caller', { customerId }))
          .then((answer) => {
            if (!answer) return;
            set({
              caller: answer.ok
                ? { customerId, status: 'ready', caller: answer.value, error: null }
                : { customerId, status: 'error', caller: preview, error: answer.error },
            });
          });
      },

      closeCaller() {
        callerRead.invalidate();
        set({ caller: null });
      },

      showCandidates(query, results, kind) {
        invalidate();
        const q = query.slice(0, MAX_QUERY_LENGTH);
        set({
          query: q,
          status: 'done',
          resultsQuery: q.trim(),
          kind,
          results,
          tooShort: null,
          error: null,
          activeIndex: results.length > 0 ? 0 : -1,
        });
      },

      requestFocus() {
        set((s) => ({ focusRequest: s.focusRequest + 1 }));
      },

      reset() {
        invalidate();
        callerRead.invalidate();
        set({ query: '', ...emptyResults(), caller: null });
      },
    };
  });
}
