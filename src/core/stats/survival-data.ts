/**
 * Reading survival rows into columns, once, for every survival routine (KM, log-rank, Cox).
 *
 * Rules:
 * - time: finite, ≥ 0 (days since the customer entered the experiment). Times are compared
 *   exactly; R's `timefix` (aeqSurv) merging of times that differ by rounding noise is not
 *   applied — integer days never need it.
 * - status: 1 = event (churned), 0 = censored (still a customer at `time`).
 * - weight: optional case weight, a non-negative integer COUNT: a row with weight w stands for w
 *   identical customers, so aggregated rows (same time, status, group/covariates, with a count)
 *   give exactly the answer of the expanded rows. Rows of weight 0 are dropped.
 * - Times are ranked once here (indexTimes: O(n) for day-valued times, O(n log n) at worst);
 *   rows are then ordered by counting sorts and every later pass is linear.
 */
import { StatsInputError } from './errors';

export type Status = 0 | 1;

export interface SurvivalRow {
  /** Follow-up time in days, ≥ 0. */
  readonly time: number;
  /** 1 = event (churn), 0 = censored. */
  readonly status: Status;
  /** How many identical customers this row stands for (default 1). */
  readonly weight?: number;
}

export type Label = string | number;

/** Kept rows (weight > 0) as columns, in input order; `row` maps back to the input index. */
export interface SurvivalColumns {
  readonly size: number;
  readonly time: Float64Array;
  readonly status: Uint8Array;
  readonly weight: Float64Array;
  readonly row: Uint32Array;
  readonly totalWeight: number;
  readonly totalEvents: number;
}

export function readSurvival(rows: readonly SurvivalRow[], what = 'rows'): SurvivalColumns {
  if (!Array.isArray(rows)) throw new StatsInputError('BAD_ARGUMENT', `${what} must be an array`);
  const n = rows.length;
  const time = new Float64Array(n);
  const status = new Uint8Array(n);
  const weight = new Float64Array(n);
  const row = new Uint32Array(n);
  let size = 0;
  let totalWeight = 0;
  let totalEvents = 0;
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    if (r === null || typeof r !== 'object') throw new StatsInputError('BAD_ARGUMENT', `${what}[${i}] is not an object`);
    const t = r.time;
    if (typeof t !== 'number' || !Number.isFinite(t)) throw new StatsInputError('NOT_FINITE', `${what}[${i}].time must be a finite number, got ${String(t)}`);
    if (t < 0) throw new StatsInputError('NEGATIVE_TIME', `${what}[${i}].time must be ≥ 0, got ${t}`);
    const s = r.status as unknown;
    if (s !== 0 && s !== 1) throw new StatsInputError('BAD_STATUS', `${what}[${i}].status must be 0 or 1, got ${String(s)}`);
    const w = r.weight === undefined ? 1 : r.weight;
    if (typeof w !== 'number' || !Number.isFinite(w)) throw new StatsInputError('NOT_FINITE', `${what}[${i}].weight must be a finite number, got ${String(w)}`);
    if (!Number.isSafeInteger(w) || w < 0) throw new StatsInputError('BAD_WEIGHT', `${what}[${i}].weight must be a non-negative integer count, got ${w}`);
    if (w === 0) continue;
    time[size] = t + 0; // −0 → 0
    status[size] = s;
    weight[size] = w;
    row[size] = i;
    size++;
    totalWeight += w;
    if (s === 1) totalEvents += w;
  }
  if (size === 0) throw new StatsInputError('EMPTY', `${what}: no rows with a positive weight`);
  if (!Number.isSafeInteger(totalWeight)) throw new StatsInputError('BAD_WEIGHT', `${what}: total weight ${totalWeight} is too large`);
  return { size, time, status, weight, row, totalWeight, totalEvents };
}

/** Distinct times ascending, and each kept row's index (rank) into them. */
export interface TimeIndex {
  readonly times: Float64Array;
  readonly rank: Uint32Array;
}

/** Above this many distinct times, ranks come from one sort instead of a hash map. */
const MAP_LIMIT = 1 << 16;

/**
 * Ranks every row's time among the distinct times. Usual case (times in days, a few thousand
 * distinct values): one hash-map pass, O(n), then only the distinct times are sorted. Otherwise
 * a native numeric sort of all times (no comparator callback) and a binary search per row,
 * O(n log n).
 */
export function indexTimes(c: SurvivalColumns): TimeIndex {
  const size = c.size;
  const rank = new Uint32Array(size);
  const seen = new Map<number, number>();
  let i = 0;
  for (; i < size; i++) {
    const t = c.time[i]!;
    let k = seen.get(t);
    if (k === undefined) {
      if (seen.size >= MAP_LIMIT) break;
      k = seen.size;
      seen.set(t, k);
    }
    rank[i] = k;
  }
  if (i === size) {
    const times = Float64Array.from(seen.keys()).sort();
    const remap = new Uint32Array(times.length);
    for (let j = 0; j < times.length; j++) remap[seen.get(times[j]!)!] = j;
    for (let r = 0; r < size; r++) rank[r] = remap[rank[r]!]!;
    return { times, rank };
  }
  const sorted = c.time.slice(0, size).sort();
  let m = 0;
  for (let j = 0; j < size; j++) {
    const t = sorted[j]!;
    if (m === 0 || t !== sorted[m - 1]) sorted[m++] = t;
  }
  const times = sorted.slice(0, m);
  for (let r = 0; r < size; r++) {
    const t = c.time[r]!;
    let lo = 0;
    let hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (times[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    rank[r] = lo;
  }
  return { times, rank };
}

/** Stable counting sort of `input` positions by keys[position] ∈ [0, k). O(n + k). */
export function countingSort(keys: Uint32Array, k: number, input: Uint32Array): Uint32Array {
  const start = new Uint32Array(k + 1);
  for (let j = 0; j < input.length; j++) {
    const g = keys[input[j]!]! + 1;
    start[g] = start[g]! + 1;
  }
  for (let g = 0; g < k; g++) start[g + 1] = start[g + 1]! + start[g]!;
  const out = new Uint32Array(input.length);
  for (let j = 0; j < input.length; j++) {
    const i = input[j]!;
    const g = keys[i]!;
    out[start[g]!] = i;
    start[g] = start[g]! + 1;
  }
  return out;
}

export function identity(size: number): Uint32Array {
  const a = new Uint32Array(size);
  for (let i = 0; i < size; i++) a[i] = i;
  return a;
}

/** Positions sorted by (stratum, time) ascending, ties in input order: two stable counting sorts. */
export function orderByStratumThenTime(ti: TimeIndex, strata: Uint32Array, nStrata: number, size: number): Uint32Array {
  const byTime = countingSort(ti.rank, ti.times.length, identity(size));
  return nStrata <= 1 ? byTime : countingSort(strata, nStrata, byTime);
}

/**
 * Codes labels 0..k-1 in order of first appearance (R's match(x, unique(x))), for groups and
 * strata. `get(i)` reads the label of kept position i.
 */
export function codeLabels(size: number, get: (i: number) => unknown, what: string): { readonly codes: Uint32Array; readonly labels: readonly Label[] } {
  const codes = new Uint32Array(size);
  const index = new Map<Label, number>();
  const labels: Label[] = [];
  for (let i = 0; i < size; i++) {
    const v = get(i);
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new StatsInputError('NOT_FINITE', `${what} must be a finite number or a string, got ${v}`);
    } else if (typeof v !== 'string') {
      throw new StatsInputError('BAD_ARGUMENT', `${what} must be a string or a number, got ${String(v)}`);
    }
    let c = index.get(v);
    if (c === undefined) {
      c = labels.length;
      index.set(v, c);
      labels.push(v);
    }
    codes[i] = c;
  }
  return { codes, labels };
}

/** Strata codes: all rows carry a stratum, or none does (then one stratum, no labels). */
export function readStrata(size: number, get: (i: number) => Label | undefined): { readonly codes: Uint32Array; readonly labels: readonly Label[] } {
  let given = 0;
  for (let i = 0; i < size; i++) if (get(i) !== undefined) given++;
  if (given === 0) return { codes: new Uint32Array(size), labels: [] };
  if (given !== size) throw new StatsInputError('BAD_ARGUMENT', 'stratum must be given on every row or on none');
  return codeLabels(size, get, 'stratum');
}

/** Distinct times (ascending) with the weighted counts survfit reports at each. */
export interface RiskTable {
  readonly time: Float64Array;
  /** Σ weight with time ≥ t (survfit's n.risk). */
  readonly nRisk: Float64Array;
  /** Σ weight of events at t. */
  readonly nEvent: Float64Array;
  /** Σ weight of censorings at t. */
  readonly nCensor: Float64Array;
}

/**
 * Weighted counts at each distinct time of the rows in `subset` (all rows when null), as survfit
 * reports them: one entry per time at which some row of the subset has an event or a censoring.
 * O(|subset| + T), no sorting.
 */
export function riskTable(c: SurvivalColumns, ti: TimeIndex, subset: Uint32Array | null): RiskTable {
  const tAll = ti.times.length;
  const ev = new Float64Array(tAll);
  const ce = new Float64Array(tAll);
  const count = subset === null ? c.size : subset.length;
  for (let j = 0; j < count; j++) {
    const i = subset === null ? j : subset[j]!;
    const r = ti.rank[i]!;
    if (c.status[i] === 1) ev[r] = ev[r]! + c.weight[i]!;
    else ce[r] = ce[r]! + c.weight[i]!;
  }
  let m = 0;
  for (let r = 0; r < tAll; r++) if (ev[r]! + ce[r]! > 0) m++;
  const time = new Float64Array(m);
  const nRisk = new Float64Array(m);
  const nEvent = new Float64Array(m);
  const nCensor = new Float64Array(m);
  let j = m;
  let atRisk = 0;
  for (let r = tAll - 1; r >= 0; r--) {
    const e = ev[r]!;
    const k = ce[r]!;
    if (e + k === 0) continue;
    j--;
    atRisk += e + k;
    time[j] = ti.times[r]!;
    nRisk[j] = atRisk;
    nEvent[j] = e;
    nCensor[j] = k;
  }
  return { time, nRisk, nEvent, nCensor };
}
