/**
 * Log-rank test for k groups — R's `survdiff(Surv(time, status) ~ group)` with rho = 0
 * (optionally `+ strata(s)`): do retention curves differ between discount arms and the holdout?
 *
 * At each distinct event time t (within a stratum), with nᵍ at risk in group g, n = Σ nᵍ and
 * d events in all:
 *   Eᵍ += d · nᵍ / n
 *   Vᵍʰ += d (n − d) / (n (n − 1)) · nᵍ (δᵍʰ − nʰ / n)      (hypergeometric; skipped when n = 1)
 * Oᵍ = events in group g. Groups whose expected count is 0 are dropped (R), the first remaining
 * group is dropped to make V invertible, and χ² = (O − E)ᵀ V⁻¹ (O − E) on (groups kept − 1) df.
 * Strata: O, E and V are summed over strata, each stratum with its own risk sets.
 *
 * Weights are integer counts (see survival-data.ts); survdiff has no weights, so aggregated rows
 * here equal R on the expanded rows. Cost: one native sort of the times O(n log n), counting
 * sorts, then O(n + T·k²) for T distinct event times.
 */
import { pchisqUpper } from './distributions';
import { StatsInputError } from './errors';
import { cholesky2, chsolve2 } from './linalg';
import { codeLabels, indexTimes, orderByStratumThenTime, readStrata, readSurvival, type Label, type SurvivalRow } from './survival-data';

export interface LogRankRow extends SurvivalRow {
  readonly group: Label;
  /** Optional stratum: give it on every row or on none. */
  readonly stratum?: Label;
}

export interface LogRankResult {
  /** Group labels in order of first appearance; every per-group array follows this order. */
  readonly groups: readonly Label[];
  /** Customers per group (Σ weights). */
  readonly n: readonly number[];
  readonly observed: readonly number[];
  readonly expected: readonly number[];
  /** k × k variance-covariance matrix of O − E (survdiff's `var`). */
  readonly variance: readonly (readonly number[])[];
  readonly chiSquare: number;
  readonly df: number;
  readonly pValue: number;
  readonly strata: readonly Label[];
}

export function logRank(rows: readonly LogRankRow[]): LogRankResult {
  const c = readSurvival(rows);
  const groups = codeLabels(c.size, (i) => rows[c.row[i]!]!.group, 'group');
  const strata = readStrata(c.size, (i) => rows[c.row[i]!]!.stratum);
  const k = groups.labels.length;
  if (k < 2) throw new StatsInputError('TOO_FEW_GROUPS', `the log-rank test needs at least 2 groups, got ${k}`);
  if (c.totalEvents === 0) throw new StatsInputError('NO_EVENTS', 'the log-rank test needs at least one event');

  const order = orderByStratumThenTime(indexTimes(c), strata.codes, strata.labels.length, c.size);
  const size = c.size;
  const n = new Float64Array(k);
  const obs = new Float64Array(k);
  const exp = new Float64Array(k);
  const v = new Float64Array(k * k);
  const risk = new Float64Array(k);
  const leaving = new Float64Array(k);
  for (let i = 0; i < size; i++) n[groups.codes[i]!] = n[groups.codes[i]!]! + c.weight[i]!;

  let start = 0;
  while (start < size) {
    // [start, end) is one stratum.
    const s = strata.codes[order[start]!]!;
    let end = start;
    risk.fill(0);
    while (end < size && strata.codes[order[end]!] === s) {
      const i = order[end]!;
      risk[groups.codes[i]!] = risk[groups.codes[i]!]! + c.weight[i]!;
      end++;
    }
    let atRisk = 0;
    for (let g = 0; g < k; g++) atRisk += risk[g]!;
    let p = start;
    while (p < end) {
      const t = c.time[order[p]!]!;
      let deaths = 0;
      leaving.fill(0);
      for (; p < end && c.time[order[p]!] === t; p++) {
        const i = order[p]!;
        const g = groups.codes[i]!;
        const w = c.weight[i]!;
        leaving[g] = leaving[g]! + w;
        if (c.status[i] === 1) {
          deaths += w;
          obs[g] = obs[g]! + w;
        }
      }
      if (deaths > 0) {
        for (let g = 0; g < k; g++) exp[g] = exp[g]! + (deaths * risk[g]!) / atRisk;
        if (atRisk > 1) {
          const f = (deaths * (atRisk - deaths)) / (atRisk * (atRisk - 1));
          for (let g = 0; g < k; g++) {
            const tmp = f * risk[g]!;
            v[g * k + g] = v[g * k + g]! + tmp;
            for (let h = 0; h < k; h++) v[g * k + h] = v[g * k + h]! - (tmp * risk[h]!) / atRisk;
          }
        }
      }
      for (let g = 0; g < k; g++) risk[g] = risk[g]! - leaving[g]!;
      atRisk -= sumOf(leaving);
    }
    start = end;
  }

  // Groups with expected > 0 take part; drop the first of them.
  const kept: number[] = [];
  for (let g = 0; g < k; g++) if (exp[g]! > 0) kept.push(g);
  if (kept.length < 2) throw new StatsInputError('TOO_FEW_GROUPS', 'fewer than 2 groups are at risk at any event time');
  const idx = kept.slice(1);
  const m = idx.length;
  const sub = new Float64Array(m * m);
  const diff = new Float64Array(m);
  for (let a = 0; a < m; a++) {
    diff[a] = obs[idx[a]!]! - exp[idx[a]!]!;
    for (let b = 0; b < m; b++) sub[a * m + b] = v[idx[a]! * k + idx[b]!]!;
  }
  const x = Float64Array.from(diff);
  const rank = cholesky2(sub, m);
  if (rank !== m) throw new StatsInputError('SINGULAR', 'the log-rank variance matrix is singular');
  chsolve2(sub, m, x);
  let chiSquare = 0;
  for (let a = 0; a < m; a++) chiSquare += x[a]! * diff[a]!;
  const df = m;
  const variance: number[][] = [];
  for (let g = 0; g < k; g++) variance.push(Array.from(v.subarray(g * k, g * k + k)));
  return {
    groups: groups.labels,
    n: Array.from(n),
    observed: Array.from(obs),
    expected: Array.from(exp),
    variance,
    chiSquare,
    df,
    pValue: pchisqUpper(chiSquare, df),
    strata: strata.labels,
  };
}

function sumOf(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
}
