/**
 * The stores a service works through, their statements prepared once on its connection. A service
 * names the stores it uses and reads them by those names:
 *
 *   private readonly store;
 *   constructor(private readonly deps: Deps) {
 *     this.store = prepareStores(deps.client, { users: userQueries, ledger: ledgerQueries });
 *   }
 *
 * Their types come from the stores' own factories (TypeScript infers the field from the
 * constructor), so none is written twice.
 */
import type Database from 'better-sqlite3';

/** A store module's statements prepared on one connection (accountQueries, userQueries, …). */
type StoreFactory = (db: Database.Database) => unknown;

export type PreparedStores<F extends Record<string, StoreFactory>> = { readonly [K in keyof F]: ReturnType<F[K]> };

/** Each named store's statements prepared on `db`, in the order named. */
export function prepareStores<const F extends Record<string, StoreFactory>>(db: Database.Database, stores: F): PreparedStores<F> {
  const prepared: Record<string, unknown> = {};
  for (const [name, factory] of Object.entries(stores)) prepared[name] = factory(db);
  return prepared as PreparedStores<F>;
}
