import type { AppDeps } from './types';

/**
 * A service made once per store, on first use: the handlers of several features (and the
 * approvals) share it, with what it caches (a compiled policy, prepared statements).
 */
export function onePerStore<T>(make: (deps: AppDeps) => T): (deps: AppDeps) => T {
  const byStore = new WeakMap<AppDeps['db'], T>();
  return (deps) => {
    let made = byStore.get(deps.db);
    if (made === undefined) byStore.set(deps.db, (made = make(deps)));
    return made;
  };
}
