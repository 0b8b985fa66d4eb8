/**
 * Row types of the query modules, derived from the drizzle schema so a column renamed or
 * retyped there is a type error here, not a silent mismatch.
 *
 * The query modules run SQL through better-sqlite3 directly (prepared once, no builder on the
 * hot paths), and raw SQL does not map values the way drizzle's own queries do: a boolean
 * column reads as its stored integer (0 or 1) and a JSON column as its text. `Row<table>` is
 * drizzle's `$inferSelect` with exactly those two corrected; every other column is as drizzle
 * says. A query names its columns in camelCase (`cycle_start AS cycleStart`, drizzle's property
 * names), so its row is `Pick<Row<table>, …>` of what it selects.
 */
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';

type Columns<T extends SQLiteTable> = T['_']['columns'];

/** What a column reads as from raw SQL: its driver value where drizzle would map it, else drizzle's type. */
type AsRead<C, Mapped> = C extends {
  readonly _: { readonly dataType: 'boolean' | 'json'; readonly driverParam: infer Driver; readonly notNull: infer NotNull };
}
  ? Driver | (NotNull extends true ? never : null)
  : Mapped;

/** A whole row of `T` as better-sqlite3 returns it. */
export type Row<T extends SQLiteTable> = {
  [K in keyof T['$inferSelect']]: AsRead<Columns<T>[K & keyof Columns<T>], T['$inferSelect'][K]>;
};
