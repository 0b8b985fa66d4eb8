/**
 * A store around one request and its answer: a screen's list or overview that is loaded (once,
 * or again on demand) and shown loading, ready or failed. `once`: configuration read at first
 * use and kept (again after a failure).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { IDLE, loadableField, needsLoad, type Loadable } from './loadable';

export interface RequestState<T> {
  readonly value: Loadable<T>;
  load(): Promise<void>;
  reset(): void;
}

export type RequestStore<T> = StoreApi<RequestState<T>>;

export function createRequestStore<T>(request: () => Promise<T>, opts: { readonly once?: boolean } = {}): RequestStore<T> {
  return createStore<RequestState<T>>()((set, get) => {
    const answer = loadableField(get, set, 'value');
    return {
      value: IDLE,
      async load() {
        if (opts.once && !needsLoad(get().value)) return;
        await answer.load(request);
      },
      reset() {
        answer.reset();
      },
    };
  });
}

/** A request store asked again with a filter: `apply` keeps the filter (empty fields left out) and loads. */
export interface FilteredRequest<Q, T> {
  readonly store: RequestStore<T>;
  /** Asks again with this filter (a field left out or empty: not restricted). */
  apply(query: Q): Promise<void>;
}

export function createFilteredRequest<Q extends object, T>(request: (query: Q) => Promise<T>): FilteredRequest<Q, T> {
  let query = {} as Q;
  const store = createRequestStore(() => request(query));
  return {
    store,
    apply(next) {
      query = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined && v !== '')) as Q;
      return store.getState().load();
    },
  };
}
