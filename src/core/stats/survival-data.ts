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
 * - Sorting is done once here, O(n log n); every later pass is linear.
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
    time[size] = t;
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

/** Positions 0..size-1 sorted by time ascending (ties in input order). O(n log n). */
export function orderByTime(time: Float64Array, size: number): Uint32Array {
  const order = new Uint32Array(size);
  for (let i = 0; i < size; i++) order[i] = i;
  return order.sort((a, b) => time[a]! - time[b]! || a - b);
}

/**
 * Positions sorted by an integer key (stratum) ascending, then time ascending.
 */
export function orderByKeyThenTime(key: Uint32Array, time: Float64Array, size: number): Uint32Array {
  const order = new Uint32Array(size);
  for (let i = 0; i < size; i++) order[i] = i;
  return order.sort((a, b) => key[a]! - key[b]! || time[a]! - time[b]! || a - b);
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

/** One pass over rows sorted by time: one entry per distinct time (event or censoring), as survfit. */
export function riskTable(c: SurvivalColumns, order: Uint32Array): RiskTable {
  const size = order.length;
  let distinct = 0;
  let prev = Number.NaN;
  for (let k = 0; k < size; k++) {
    const t = c.time[order[k]!]!;
    if (t !== prev) {
      distinct++;
      prev = t;
    }
  }
  const time = new Float64Array(distinct);
  const nRisk = new Float64Array(distinct);
  const nEvent = new Float64Array(distinct);
  const nCensor = new Float64Array(distinct);
  let atRisk = 0;
  for (let k = 0; k < size; k++) atRisk += c.weight[order[k]!]!;
  let j = -1;
  prev = Number.NaN;
  for (let k = 0; k < size; k++) {
    const i = order[k]!;
    const t = c.time[i]!;
    if (t !== prev) {
      if (j >= 0) atRisk -= nEvent[j]! + nCensor[j]!;
      j++;
      time[j] = t;
      nRisk[j] = atRisk;
      prev = t;
    }
    if (c.status[i] === 1) nEvent[j] = nEvent[j]! + c.weight[i]!;
    else nCensor[j] = nCensor[j]! + c.weight[i]!;
  }
  return { time, nRisk, nEvent, nCensor };
}
