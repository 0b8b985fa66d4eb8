/**
 * Rows as one array per field. The insights' counts cross from a store worker to main by
 * structured clone, which for a quarter of a million small objects costs several times what the
 * arrays of their fields do; and the tables a screen's figures are picked from (CallTable,
 * ExperimentTable, RevenueTable) are columns anyway, so no row object is made on main at all.
 */
export interface RowColumns<T> {
  readonly size: number;
  readonly of: { readonly [K in keyof T]-?: ReadonlyArray<T[K]> };
}

/** Rows' fields as columns (rows read the usual way, or a test's). */
export function columnsOf<T extends object>(rows: readonly T[], fields: ReadonlyArray<keyof T>): RowColumns<T> {
  const of = {} as { [K in keyof T]-?: Array<T[K]> };
  for (const f of fields) of[f] = rows.map((r) => r[f]);
  return { size: rows.length, of };
}

/** Columns whatever the rows came as. */
export function asColumns<T extends object>(rows: readonly T[] | RowColumns<T>, fields: ReadonlyArray<keyof T>): RowColumns<T> {
  return Array.isArray(rows) ? columnsOf(rows as readonly T[], fields) : (rows as RowColumns<T>);
}

/**
 * The columns of disjoint parts, one part after another. concat, not flatMap: V8 copies packed
 * arrays in one go for concat but calls back per element for flatMap — on the 266,000 calls of a
 * million customers, ~1.5 ms against ~45 ms per column, on main, on every insights load.
 */
export function concatColumns<T>(parts: ReadonlyArray<RowColumns<T>>, fields: ReadonlyArray<keyof T>): RowColumns<T> {
  const of = {} as { [K in keyof T]-?: Array<T[K]> };
  for (const f of fields) of[f] = ([] as Array<T[typeof f]>).concat(...parts.map((p) => p.of[f] as Array<T[typeof f]>));
  return { size: parts.reduce((s, p) => s + p.size, 0), of };
}
