/**
 * Risk-set rows counted over disjoint parts of the customers (one part per worker, see
 * main/services/insights/risk-set-workers.ts) add up: the same key in two parts is the same group,
 * its count the sum. The merged rows come out in the order SQLite's GROUP BY gives them (NULL,
 * then numbers, then text by code unit), so figures computed from them are computed in the same
 * order as from one query over every customer — floating-point sums included.
 */
type Key = string | number | null;

function compareKey(a: Key, b: Key): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : 1;
}

/** The rows of every part, one per distinct key with the counts summed, in key order. */
export function mergeRiskRows<T extends { n: number }>(parts: ReadonlyArray<readonly T[]>, keys: ReadonlyArray<keyof T>): T[] {
  if (parts.length === 1) return [...parts[0]!];
  return sumRiskRows(parts.flat(), keys);
}

/**
 * Rows summed to one per distinct value of `keys` (only those fields and n kept), in key order:
 * what the same GROUP BY without the other columns gives — e.g. rows counted by agent, summed
 * over the agents a filter keeps, are the rows of a count restricted to them.
 */
export function sumRiskRows<T extends { n: number }, K extends keyof T>(rows: readonly T[], keys: readonly K[]): Array<Pick<T, K | 'n'>> {
  const summed = new Map<string, Pick<T, K | 'n'>>();
  for (const row of rows) {
    const k = JSON.stringify(keys.map((key) => row[key]));
    const held = summed.get(k);
    if (held) held.n += row.n;
    else {
      // The keys, then n: the columns in the order the query gives them.
      const out = {} as Pick<T, K | 'n'>;
      for (const key of keys) out[key] = row[key];
      out.n = row.n;
      summed.set(k, out);
    }
  }
  return [...summed.values()].sort((a, b) => {
    for (const key of keys) {
      const c = compareKey(a[key] as Key, b[key] as Key);
      if (c !== 0) return c;
    }
    return 0;
  });
}
