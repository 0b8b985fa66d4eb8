/**
 * One request of a screen, made the same way everywhere:
 *
 * - what a screen shows of it is a `Loadable`: nothing yet (idle), on its way (loading), the
 *   answer (ready) or a typed error (an ApiErrorBody, never an exception);
 * - only the answer to the LATEST request of a kind is applied: an older, slower answer that
 *   arrives after a newer request was made is dropped, so what is on screen always belongs to
 *   what was asked last;
 * - a reset (or the end of the call the request was made for) drops whatever is in flight.
 *
 * `loadable(…)` binds all of this to one Loadable field of a store; `latest()` is the same
 * request counter for a store whose state has its own shape; `settle()` turns an api call into
 * an answer or a typed error, for a one-off action (grant, sign-in…) that nothing can overtake.
 */
import type { ApiErrorBody } from '../../../core/api';
import { errorBodyOf } from '../api/client';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface Loadable<T> {
  readonly status: LoadStatus;
  readonly value: T | null;
  readonly error: ApiErrorBody | null;
}

export const IDLE: Loadable<never> = { status: 'idle', value: null, error: null };

/** Nothing asked yet, or the last attempt failed: a screen that needs it should load it. */
export function needsLoad(state: Loadable<unknown>): boolean {
  return state.status === 'idle' || state.status === 'error';
}

/** What an api call came back with: its value, or the typed error to show. */
export type Answer<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiErrorBody };

export function settle<T>(pending: Promise<T>): Promise<Answer<T>> {
  return pending.then(
    (value): Answer<T> => ({ ok: true, value }),
    (err: unknown): Answer<T> => ({ ok: false, error: errorBodyOf(err) }),
  );
}

/** What requests are made for (a call): once it has ended, nothing is sent for it and no answer is applied. */
export interface Lifetime {
  readonly ended: boolean;
}

/** A request counter for one kind of request: only the answer to the latest one is applied. */
export interface Latest {
  /**
   * Makes the request now (synchronously) and resolves its answer — or null when it is stale: a
   * newer request was made, `invalidate` was called, or the lifetime ended meanwhile.
   */
  run<T>(fetch: () => Promise<T>): Promise<Answer<T> | null>;
  /** Drops every answer in flight. */
  invalidate(): void;
}

export function latest(life?: Lifetime): Latest {
  let seq = 0;
  function run<T>(fetch: () => Promise<T>): Promise<Answer<T> | null> {
    const ticket = ++seq;
    if (life?.ended) return Promise.resolve(null);
    return settle(new Promise<T>((resolve) => resolve(fetch()))).then((answer) => (ticket === seq && !life?.ended ? answer : null));
  }
  return {
    run,
    invalidate() {
      seq++;
    },
  };
}

export interface LoadOptions {
  /**
   * What the screen shows while the answer is on its way:
   * - 'keep' (default): loading, with the value as it was (a reload keeps the old one on screen);
   * - 'clear': loading, without a value (something else is being loaded);
   * - 'quiet': a background refresh — nothing changes until the answer (loading only when
   *   nothing was shown yet), and a failure behind a value on screen leaves it ready, with the
   *   error (an empty list shows nothing: its failure is an error).
   */
  readonly pending?: 'keep' | 'clear' | 'quiet';
  /** On failure: keep the value on screen (default) or drop it. */
  readonly onError?: 'keep' | 'drop';
}

/** The requests behind one Loadable field of a store. */
export interface LoadableRequest<T> {
  /** Loads into the field; resolves the answer, or null when it was stale (and not applied). */
  load(fetch: () => Promise<T>, opts?: LoadOptions): Promise<Answer<T> | null>;
  /** Drops the answer in flight; what is shown stays. */
  invalidate(): void;
  /** Drops the answer in flight and goes back to idle. */
  reset(): void;
  /** What the field holds now. */
  current(): Loadable<T>;
}

/** A value a screen actually shows something of (an empty list shows nothing). */
function isShown(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : value !== null;
}

export function loadable<T>(read: () => Loadable<T>, write: (next: Loadable<T>) => void, life?: Lifetime): LoadableRequest<T> {
  const requests = latest(life);
  return {
    async load(fetch, opts = {}) {
      const pending = opts.pending ?? 'keep';
      const before = read();
      if (pending === 'clear') write({ status: 'loading', value: null, error: null });
      else if (pending === 'keep') write({ status: 'loading', value: before.value, error: null });
      else if (before.status === 'idle') write({ ...before, status: 'loading' });
      const answer = await requests.run(fetch);
      if (!answer) return null;
      if (answer.ok) {
        write({ status: 'ready', value: answer.value, error: null });
      } else {
        const kept = opts.onError === 'drop' ? null : read().value;
        write({ status: pending === 'quiet' && isShown(kept) ? 'ready' : 'error', value: kept, error: answer.error });
      }
      return answer;
    },
    invalidate: () => requests.invalidate(),
    reset() {
      requests.invalidate();
      write(IDLE);
    },
    current: read,
  };
}

/** The fields of a store's state that hold a Loadable. */
type LoadableKey<S> = { [K in keyof S]: S[K] extends Loadable<unknown> ? K : never }[keyof S];
type LoadedValue<L> = L extends Loadable<infer T> ? T : never;

/** `loadable(…)` bound to the field `key` of a store (read with `get`, written with `set`). */
export function loadableField<S, K extends LoadableKey<S>>(
  get: () => S,
  set: (partial: NoInfer<Partial<S>>) => void,
  key: K,
  life?: Lifetime,
): LoadableRequest<LoadedValue<S[K]>> {
  return loadable(
    () => get()[key] as Loadable<LoadedValue<S[K]>>,
    (next) => set({ [key]: next } as Partial<S>),
    life,
  );
}
