/**
 * Cox proportional-hazards regression — R's `coxph(Surv(time, status) ~ x1 + … [+ strata(s)])`
 * with its defaults: Efron's approximation for tied times, Newton–Raphson from β = 0,
 * iter.max = 20, eps = 1e-9 on the relative change of the log partial likelihood, and R's
 * step-halving (coxfit6.c, survival 3.5): when a step lowers the log-likelihood, retreat
 * towards the last good β — newβ ← (newβ + h·β)/(h + 1), h = 1, 2, … — instead of accepting it.
 * The answer is the β at which the log-likelihood converged, like R (not one step further).
 *
 * Outputs: coefficients, SE = √diag(I⁻¹), hazard ratios exp(β) with exp(β ∓ z·SE), per-term Wald
 * z and p, and the three global tests R's summary prints — likelihood ratio 2(ℓ(β̂) − ℓ(0)),
 * Wald β̂ᵀ I β̂, and score U(0)ᵀ I(0)⁻¹ U(0), each χ² on p df. `possiblyInfinite` repeats R's
 * warning test ("Loglik converged before variable …; coefficient may be infinite"), typical of a
 * group with no events.
 *
 * Weights are integer COUNTS (frequency weights): a row with weight w is w identical customers,
 * and tied events are counted one by one in Efron's sum, so aggregated rows give exactly the
 * expanded rows' answer. NOTE this differs from `coxph(weights = w)`, whose Efron correction
 * treats a weighted row as ONE death (its result changes when rows are collapsed); the golden
 * fixtures therefore compare with R on the expanded rows.
 *
 * Efron at a time with D tied deaths: the terms j = 1..D use denominators
 * den_j = R + (j/D)·Dr (R: risk of those still at risk but not dying, Dr: risk of the dying),
 * and their sums are formed from five scalar sums Σ f^a/den_j^b so one time costs O(D + p²),
 * not O(D·p²). A Newton iteration is O(n·p²) for n rows; times are ranked and rows ordered once.
 * Out of iterations (iter.max), the last good β is returned with `converged: false`, as R warns.
 *
 * Covariates are centred and scaled internally as in R (Newton's method is invariant to this; it
 * only improves rounding) and results are returned on the original scale.
 */
import { pchisqUpper, zTwoSided } from './distributions';
import { assertOpenUnit, StatsInputError } from './errors';
import { chinv2, cholesky2, chsolve2 } from './linalg';
import { indexTimes, orderByStratumThenTime, readStrata, readSurvival, type Label, type SurvivalRow } from './survival-data';

export interface CoxRow extends SurvivalRow {
  /** Covariate values, the same length on every row (e.g. [arm is 'discount 10%', age, …]). */
  readonly covariates: readonly number[];
  /** Optional stratum (separate baseline hazard): give it on every row or on none. */
  readonly stratum?: Label;
}

export interface CoxOptions {
  /** Covariate names for the output (default x1, x2, …). */
  readonly names?: readonly string[];
  /** Default "efron" (R's default); "breslow" is available. */
  readonly ties?: 'efron' | 'breslow';
  /** Default 20 (coxph.control()$iter.max). */
  readonly maxIterations?: number;
  /** Default 1e-9 (coxph.control()$eps): relative change in the log partial likelihood. */
  readonly epsilon?: number;
  /** Level of the hazard-ratio intervals, default 0.95. */
  readonly confLevel?: number;
}

export interface CoxCoefficient {
  readonly name: string;
  readonly coef: number;
  readonly se: number;
  readonly z: number;
  readonly pValue: number;
  readonly hazardRatio: number;
  readonly lower: number;
  readonly upper: number;
  /** R would warn "coefficient may be infinite" (e.g. a group without events). */
  readonly possiblyInfinite: boolean;
}

export interface ChiSquareTest {
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
}

export interface CoxResult {
  readonly coefficients: readonly CoxCoefficient[];
  /** Variance-covariance matrix of the coefficients (inverse information). */
  readonly variance: readonly (readonly number[])[];
  /** Log partial likelihood at β = 0 and at β̂ (coxph's `loglik`). */
  readonly logLikelihood: { readonly initial: number; readonly final: number };
  readonly likelihoodRatio: ChiSquareTest;
  readonly wald: ChiSquareTest;
  readonly score: ChiSquareTest;
  /** Customers (Σ weights) and events. */
  readonly n: number;
  readonly events: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly ties: 'efron' | 'breslow';
  readonly confLevel: number;
  readonly strata: readonly Label[];
}

/** coxph.control()$toler.inf = sqrt(eps). */
const TOLER_INF_FACTOR = 0.5;

/**
 * Rows already collapsed into cells and in time order, each with the index of its covariate
 * pattern: what a caller that counts its cells in typed arrays (core/insights' practices) hands
 * over without one object per cell. The fit is coxPH's on the same rows in the same order, bit
 * for bit; no strata.
 */
export interface CoxCells {
  readonly size: number;
  /** Ascending (ties in any order: the order is kept, as coxPH keeps input order among ties). */
  readonly time: Float64Array;
  readonly status: Uint8Array;
  /** Counts, as CoxRow's weight; a cell of weight 0 is left out. */
  readonly weight: Float64Array;
  /** Index into `patterns`. */
  readonly pattern: Int32Array;
  /** The covariate vectors, all of one length. */
  readonly patterns: readonly (readonly number[])[];
}

interface FitSettings {
  readonly ties: 'efron' | 'breslow';
  readonly maxIter: number;
  readonly eps: number;
  readonly confLevel: number;
}

function settingsOf(opts: CoxOptions): FitSettings {
  const ties = opts.ties ?? 'efron';
  if (ties !== 'efron' && ties !== 'breslow') throw new StatsInputError('BAD_ARGUMENT', `ties must be "efron" or "breslow", got ${String(ties)}`);
  const maxIter = opts.maxIterations ?? 20;
  if (!Number.isSafeInteger(maxIter) || maxIter < 1) throw new StatsInputError('BAD_ARGUMENT', `maxIterations must be a positive integer, got ${maxIter}`);
  const eps = opts.epsilon ?? 1e-9;
  if (!(typeof eps === 'number' && eps > 0 && eps < 1)) throw new StatsInputError('BAD_ARGUMENT', `epsilon must be in (0, 1), got ${String(eps)}`);
  const confLevel = opts.confLevel ?? 0.95;
  assertOpenUnit(confLevel, 'confLevel');
  return { ties, maxIter, eps, confLevel };
}

function namesOf(opts: CoxOptions, p: number): readonly string[] {
  const names = opts.names ?? Array.from({ length: p }, (_, j) => `x${j + 1}`);
  if (names.length !== p) throw new StatsInputError('LENGTH_MISMATCH', `${names.length} names for ${p} covariates`);
  return names;
}

/** The rows coxPH fits, in (stratum, time) order: x row-major (x[k·p + j]), not yet centred. */
interface SortedRows {
  readonly size: number;
  readonly p: number;
  readonly time: Float64Array;
  readonly status: Uint8Array;
  readonly wt: Float64Array;
  readonly stratum: Uint32Array;
  readonly x: Float64Array;
  readonly shared: { pattern: Int32Array; first: Int32Array } | null;
  readonly totalWeight: number;
  readonly totalEvents: number;
  readonly strata: readonly Label[];
}

/** coxPH on cells (CoxCells): the same fit as coxPH of the same rows in the same order. */
export function coxPHCells(cells: CoxCells, opts: CoxOptions = {}): CoxResult {
  const settings = settingsOf(opts);
  const { size: n, time: t, status: st, weight: w, pattern: pat, patterns } = cells;
  const p = patterns[0]?.length ?? 0;
  if (p === 0) throw new StatsInputError('BAD_ARGUMENT', 'at least one covariate is needed');
  const names = namesOf(opts, p);
  for (let q = 0; q < patterns.length; q++) {
    const cov = patterns[q]!;
    if (!Array.isArray(cov) || cov.length !== p) throw new StatsInputError('LENGTH_MISMATCH', `patterns[${q}] must have ${p} values`);
    for (let j = 0; j < p; j++)
      if (typeof cov[j] !== 'number' || !Number.isFinite(cov[j]))
        throw new StatsInputError('NOT_FINITE', `patterns[${q}][${j}] must be a finite number, got ${String(cov[j])}`);
  }
  const time = new Float64Array(n);
  const status = new Uint8Array(n);
  const wt = new Float64Array(n);
  const x = new Float64Array(n * p);
  // Each pattern's id in order of first appearance, and its first row (the risk score is computed there).
  const id = new Int32Array(patterns.length).fill(-1);
  const first: number[] = [];
  const pattern = new Int32Array(n);
  let size = 0;
  let totalWeight = 0;
  let totalEvents = 0;
  for (let i = 0; i < n; i++) {
    const ti = t[i]!;
    const s = st[i]!;
    const wi = w[i]!;
    const q = pat[i]!;
    if (!Number.isFinite(ti)) throw new StatsInputError('NOT_FINITE', `cells' time[${i}] must be a finite number, got ${ti}`);
    if (ti < 0) throw new StatsInputError('NEGATIVE_TIME', `cells' time[${i}] must be ≥ 0, got ${ti}`);
    if (size > 0 && ti < time[size - 1]!)
      throw new StatsInputError('BAD_ARGUMENT', `cells must be in time order: time[${i}] = ${ti} comes after ${time[size - 1]}`);
    if (s !== 0 && s !== 1) throw new StatsInputError('BAD_STATUS', `cells' status[${i}] must be 0 or 1, got ${s}`);
    if (!Number.isSafeInteger(wi) || wi < 0) throw new StatsInputError('BAD_WEIGHT', `cells' weight[${i}] must be a non-negative integer count, got ${wi}`);
    if (!(q >= 0 && q < patterns.length))
      throw new StatsInputError('BAD_ARGUMENT', `cells' pattern[${i}] = ${q} is not one of the ${patterns.length} patterns`);
    if (wi === 0) continue;
    time[size] = ti + 0;
    status[size] = s;
    wt[size] = wi;
    if (id[q] === -1) id[q] = first.push(size) - 1;
    pattern[size] = id[q]!;
    const cov = patterns[q]!;
    for (let j = 0; j < p; j++) x[size * p + j] = cov[j]!;
    totalWeight += wi;
    if (s === 1) totalEvents += wi;
    size++;
  }
  if (size === 0) throw new StatsInputError('EMPTY', 'cells: no rows with a positive weight');
  if (!Number.isSafeInteger(totalWeight)) throw new StatsInputError('BAD_WEIGHT', `cells: total weight ${totalWeight} is too large`);
  if (totalEvents === 0) throw new StatsInputError('NO_EVENTS', 'a Cox model needs at least one event');
  return fit(
    {
      size,
      p,
      time: time.subarray(0, size),
      status: status.subarray(0, size),
      wt: wt.subarray(0, size),
      stratum: new Uint32Array(size),
      x: x.subarray(0, size * p),
      shared: { pattern: pattern.subarray(0, size), first: Int32Array.from(first) },
      totalWeight,
      totalEvents,
      strata: [],
    },
    names,
    settings,
  );
}

export function coxPH(rows: readonly CoxRow[], opts: CoxOptions = {}): CoxResult {
  const settings = settingsOf(opts);
  const c = readSurvival(rows);
  const size = c.size;
  const first = rows[c.row[0]!]!.covariates;
  if (!Array.isArray(first)) throw new StatsInputError('BAD_ARGUMENT', `rows[${c.row[0]}].covariates must be an array`);
  const p = first.length;
  if (p === 0) throw new StatsInputError('BAD_ARGUMENT', 'at least one covariate is needed');
  const names = namesOf(opts, p);
  if (c.totalEvents === 0) throw new StatsInputError('NO_EVENTS', 'a Cox model needs at least one event');
  const strata = readStrata(size, (i) => rows[c.row[i]!]!.stratum);

  // Sorted columns: stratum ascending, time ascending; the likelihood pass walks them backwards.
  const order = orderByStratumThenTime(indexTimes(c), strata.codes, strata.labels.length, size);
  const time = new Float64Array(size);
  const status = new Uint8Array(size);
  const wt = new Float64Array(size);
  const stratum = new Uint32Array(size);
  const x = new Float64Array(size * p); // row-major: x[k·p + j]
  for (let k = 0; k < size; k++) {
    const i = order[k]!;
    const r = rows[c.row[i]!]!;
    const cov = r.covariates;
    if (!Array.isArray(cov) || cov.length !== p) throw new StatsInputError('LENGTH_MISMATCH', `rows[${c.row[i]}].covariates must have ${p} values`);
    for (let j = 0; j < p; j++) {
      const v = cov[j];
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new StatsInputError('NOT_FINITE', `rows[${c.row[i]}].covariates[${j}] must be a finite number, got ${String(v)}`);
      x[k * p + j] = v;
    }
    time[k] = c.time[i]!;
    status[k] = c.status[i]!;
    wt[k] = c.weight[i]!;
    stratum[k] = strata.codes[i]!;
  }
  return fit(
    {
      size,
      p,
      time,
      status,
      wt,
      stratum,
      x,
      shared: sharedCovariates(rows, c.row, order, size),
      totalWeight: c.totalWeight,
      totalEvents: c.totalEvents,
      strata: strata.labels,
    },
    names,
    settings,
  );
}

/** Newton–Raphson on rows in (stratum, time) order, and everything the result reports. */
function fit(rows: SortedRows, names: readonly string[], settings: FitSettings): CoxResult {
  const { size, p, time, status, wt, stratum, x, shared } = rows;
  const { ties, maxIter, eps, confLevel } = settings;

  // Centre and scale each covariate (coxfit6.c): x ← (x − mean) · scale, scale = Σw / Σw|x − mean|.
  const scale = new Float64Array(p);
  const totalW = rows.totalWeight;
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let k = 0; k < size; k++) s += wt[k]! * x[k * p + j]!;
    const mean = s / totalW;
    let a = 0;
    for (let k = 0; k < size; k++) {
      const v = x[k * p + j]! - mean;
      x[k * p + j] = v;
      a += wt[k]! * Math.abs(v);
    }
    const sc = a > 0 ? totalW / a : 1;
    scale[j] = sc;
    for (let k = 0; k < size; k++) x[k * p + j] = x[k * p + j]! * sc;
  }

  const pass = new CoxPass(time, status, wt, stratum, x, size, p, ties === 'efron', shared);
  const beta = new Float64Array(p);
  const newBeta = new Float64Array(p);
  const step = new Float64Array(p);
  const fac = new Float64Array(p * p);

  // β = 0: log-likelihood, score test, first Newton step.
  const ll0 = pass.run(beta);
  copyUpper(pass.imat, fac, p);
  const rank0 = cholesky2(fac, p);
  if (rank0 < p) {
    const bad = firstZeroPivot(fac, p);
    throw new StatsInputError('SINGULAR', `covariate ${names[bad] ?? bad + 1} is constant or collinear with the others (among rows with events)`);
  }
  step.set(pass.u);
  chsolve2(fac, p, step);
  let scoreStat = 0;
  for (let j = 0; j < p; j++) scoreStat += pass.u[j]! * step[j]!;
  for (let j = 0; j < p; j++) newBeta[j] = beta[j]! + step[j]!;

  let llBest = ll0;
  let halving = 0;
  let converged = false;
  let iterations = 0;
  let llFinal = ll0;
  for (let iter = 1; iter <= maxIter; iter++) {
    iterations = iter;
    const newLl = pass.run(newBeta);
    copyUpper(pass.imat, fac, p);
    cholesky2(fac, p);
    const finite = Number.isFinite(newLl) && allFinite(pass.u) && allFinite(pass.imat);
    if (finite && Math.abs(1 - llBest / newLl) <= eps) {
      llFinal = newLl;
      beta.set(newBeta);
      converged = true;
      break;
    }
    if (!finite || newLl < llBest) {
      halving++;
      for (let j = 0; j < p; j++) newBeta[j] = (newBeta[j]! + halving * beta[j]!) / (halving + 1);
    } else {
      halving = 0;
      llBest = newLl;
      step.set(pass.u);
      chsolve2(fac, p, step);
      for (let j = 0; j < p; j++) {
        beta[j] = newBeta[j]!;
        newBeta[j] = newBeta[j]! + step[j]!;
      }
    }
  }
  if (!converged) {
    // Out of iterations (R 3.5-3 also takes the last iteration's step or halving): fall back to
    // the last good β and its information.
    llFinal = pass.run(beta);
    copyUpper(pass.imat, fac, p);
    cholesky2(fac, p);
  }
  if (firstZeroPivot(fac, p) >= 0) throw new StatsInputError('SINGULAR', 'the information matrix at the estimate is singular');
  chinv2(fac, p); // fac = I⁻¹ on the internal scale

  // Back to the original scale.
  const coef = new Float64Array(p);
  const variance: number[][] = [];
  for (let i = 0; i < p; i++) {
    coef[i] = beta[i]! * scale[i]!;
    const rowV: number[] = [];
    for (let j = 0; j < p; j++) rowV.push(fac[i * p + j]! * scale[i]! * scale[j]!);
    variance.push(rowV);
  }
  const uOrig = new Float64Array(p);
  for (let j = 0; j < p; j++) uOrig[j] = pass.u[j]! / scale[j]!;

  // Wald: βᵀ V⁻¹ β via a Cholesky solve of V, as coxph.wtest.
  const vf = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) vf[i * p + j] = variance[i]![j]!;
  const vb = Float64Array.from(coef);
  cholesky2(vf, p);
  chsolve2(vf, p, vb);
  let waldStat = 0;
  for (let j = 0; j < p; j++) waldStat += coef[j]! * vb[j]!;

  const z = zTwoSided(confLevel);
  const tolerInf = Math.pow(eps, TOLER_INF_FACTOR);
  const coefficients: CoxCoefficient[] = [];
  for (let j = 0; j < p; j++) {
    const b = coef[j]!;
    const se = Math.sqrt(variance[j]![j]!);
    let inf = 0; // |u %*% var|_j
    for (let i = 0; i < p; i++) inf += uOrig[i]! * variance[i]![j]!;
    inf = Math.abs(inf);
    const possiblyInfinite = converged && maxIter > 1 && (!Number.isFinite(uOrig[j]!) || (inf > eps && inf > tolerInf * Math.abs(b)));
    const zj = b / se;
    coefficients.push({
      name: names[j]!,
      coef: b,
      se,
      z: zj,
      pValue: pchisqUpper(zj * zj, 1),
      hazardRatio: Math.exp(b),
      lower: Math.exp(b - z * se),
      upper: Math.exp(b + z * se),
      possiblyInfinite,
    });
  }
  const lrStat = 2 * (llFinal - ll0);
  const result: CoxResult = {
    coefficients,
    variance,
    logLikelihood: { initial: ll0, final: llFinal },
    likelihoodRatio: { statistic: lrStat, df: p, pValue: pchisqUpper(lrStat, p) },
    wald: { statistic: waldStat, df: p, pValue: pchisqUpper(waldStat, p) },
    score: { statistic: scoreStat, df: p, pValue: pchisqUpper(scoreStat, p) },
    n: rows.totalWeight,
    events: rows.totalEvents,
    iterations,
    converged,
    ties,
    confLevel,
    strata: rows.strata,
  };
  assertFiniteResult(result);
  return result;
}

/**
 * Rows that share one covariate array (collapsed cells: a few dozen patterns over tens of
 * thousands of rows) have the same risk score, so a pass computes exp(βᵀx) once per pattern
 * rather than once per row — bit for bit the same numbers, since the rows' centred values are
 * the same. Null when the rows do not share arrays enough for that to pay.
 */
function sharedCovariates(
  rows: readonly CoxRow[],
  rowOf: ArrayLike<number>,
  order: ArrayLike<number>,
  size: number,
): { pattern: Int32Array; first: Int32Array } | null {
  const ids = new Map<readonly number[], number>();
  const pattern = new Int32Array(size);
  const first: number[] = [];
  const most = size >> 2;
  for (let k = 0; k < size; k++) {
    const cov = rows[rowOf[order[k]!]!]!.covariates;
    let id = ids.get(cov);
    if (id === undefined) {
      if (first.length >= most) return null;
      ids.set(cov, (id = first.push(k) - 1));
    }
    pattern[k] = id;
  }
  return { pattern, first: Int32Array.from(first) };
}

/**
 * One pass of the log partial likelihood, score U and information I (upper triangle) at β,
 * over rows sorted by (stratum, time) ascending, walked backwards so each risk set is built by
 * adding rows (coxfit6_iter). All work arrays are allocated once.
 */
class CoxPass {
  readonly u: Float64Array;
  readonly imat: Float64Array;
  private readonly a: Float64Array;
  private readonly a2: Float64Array;
  private readonly cmat: Float64Array;
  private readonly cmat2: Float64Array;
  /** βᵀx and exp(βᵀx) of each shared pattern, for this pass. */
  private readonly riskScore: Float64Array;
  private readonly riskFactor: Float64Array;

  constructor(
    private readonly time: Float64Array,
    private readonly status: Uint8Array,
    private readonly wt: Float64Array,
    private readonly stratum: Uint32Array,
    private readonly x: Float64Array,
    private readonly size: number,
    private readonly p: number,
    private readonly efron: boolean,
    private readonly shared: { pattern: Int32Array; first: Int32Array } | null = null,
  ) {
    this.riskScore = new Float64Array(shared?.first.length ?? 0);
    this.riskFactor = new Float64Array(shared?.first.length ?? 0);
    this.u = new Float64Array(p);
    this.imat = new Float64Array(p * p);
    this.a = new Float64Array(p);
    this.a2 = new Float64Array(p);
    this.cmat = new Float64Array(p * p);
    this.cmat2 = new Float64Array(p * p);
  }

  run(beta: Float64Array): number {
    const { time, status, wt, stratum, x, p, u, imat, a, a2, cmat, cmat2 } = this;
    u.fill(0);
    imat.fill(0);
    a2.fill(0);
    cmat2.fill(0);
    const { shared, riskScore, riskFactor } = this;
    if (shared) {
      for (let q = 0; q < shared.first.length; q++) {
        const off = shared.first[q]! * p;
        let zb = 0;
        for (let i = 0; i < p; i++) zb += beta[i]! * x[off + i]!;
        riskScore[q] = zb;
        riskFactor[q] = Math.exp(zb);
      }
    }
    const pattern = shared?.pattern;
    let loglik = 0;
    let denom = 0;
    let k = this.size - 1;
    let currentStratum = -1;
    while (k >= 0) {
      if (stratum[k] !== currentStratum) {
        currentStratum = stratum[k]!;
        denom = 0;
        a.fill(0);
        cmat.fill(0);
      }
      const t = time[k]!;
      let deadWt = 0;
      let denom2 = 0;
      while (k >= 0 && time[k] === t && stratum[k] === currentStratum) {
        const off = k * p;
        let zb: number;
        let factor: number;
        if (pattern) {
          zb = riskScore[pattern[k]!]!;
          factor = riskFactor[pattern[k]!]!;
        } else {
          zb = 0;
          for (let i = 0; i < p; i++) zb += beta[i]! * x[off + i]!;
          factor = Math.exp(zb);
        }
        const w = wt[k]!;
        const risk = factor * w;
        if (status[k] === 0) {
          denom += risk;
          for (let i = 0; i < p; i++) {
            const xi = risk * x[off + i]!;
            a[i] = a[i]! + xi;
            for (let j = 0; j <= i; j++) cmat[i * p + j] = cmat[i * p + j]! + xi * x[off + j]!;
          }
        } else {
          deadWt += w;
          denom2 += risk;
          loglik += w * zb;
          for (let i = 0; i < p; i++) {
            const xv = x[off + i]!;
            u[i] = u[i]! + w * xv;
            const xi = risk * xv;
            a2[i] = a2[i]! + xi;
            for (let j = 0; j <= i; j++) cmat2[i * p + j] = cmat2[i * p + j]! + xi * x[off + j]!;
          }
        }
        k--;
      }
      if (deadWt === 0) continue;
      if (!this.efron || deadWt === 1) {
        // Breslow (and Efron with a single death): every death sees the full risk set.
        denom += denom2;
        loglik -= deadWt * Math.log(denom);
        for (let i = 0; i < p; i++) {
          a[i] = a[i]! + a2[i]!;
          const mean = a[i]! / denom;
          u[i] = u[i]! - deadWt * mean;
          for (let j = 0; j <= i; j++) {
            cmat[i * p + j] = cmat[i * p + j]! + cmat2[i * p + j]!;
            imat[j * p + i] = imat[j * p + i]! + (deadWt * (cmat[i * p + j]! - mean * a[j]!)) / denom;
          }
        }
      } else {
        // Efron: deadWt (an integer count) terms, term r with f = r/D of the dying still at risk.
        const d = deadWt;
        let lsum = 0;
        let s01 = 0;
        let s11 = 0;
        let s02 = 0;
        let s12 = 0;
        let s22 = 0;
        for (let r = 1; r <= d; r++) {
          const f = r / d;
          const den = denom + f * denom2;
          lsum += Math.log(den);
          const inv = 1 / den;
          const inv2 = inv * inv;
          s01 += inv;
          s11 += f * inv;
          s02 += inv2;
          s12 += f * inv2;
          s22 += f * f * inv2;
        }
        loglik -= lsum;
        for (let i = 0; i < p; i++) {
          const ai = a[i]!;
          const a2i = a2[i]!;
          u[i] = u[i]! - (ai * s01 + a2i * s11);
          for (let j = 0; j <= i; j++) {
            const aj = a[j]!;
            const a2j = a2[j]!;
            imat[j * p + i] =
              imat[j * p + i]! + cmat[i * p + j]! * s01 + cmat2[i * p + j]! * s11 - (ai * aj * s02 + (ai * a2j + a2i * aj) * s12 + a2i * a2j * s22);
          }
        }
        denom += denom2;
        for (let i = 0; i < p; i++) {
          a[i] = a[i]! + a2[i]!;
          for (let j = 0; j <= i; j++) cmat[i * p + j] = cmat[i * p + j]! + cmat2[i * p + j]!;
        }
      }
      a2.fill(0);
      cmat2.fill(0);
    }
    return loglik;
  }
}

function copyUpper(from: Float64Array, to: Float64Array, p: number): void {
  to.fill(0);
  for (let i = 0; i < p; i++) for (let j = i; j < p; j++) to[i * p + j] = from[i * p + j]!;
}

function firstZeroPivot(fac: Float64Array, p: number): number {
  for (let i = 0; i < p; i++) if (fac[i * p + i] === 0) return i;
  return -1;
}

function allFinite(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i]!)) return false;
  return true;
}

function assertFiniteResult(r: CoxResult): void {
  // Hazard ratios and their bounds may legitimately be +Infinity (exp of a huge bound); the
  // estimates and statistics themselves must be finite, and nothing may be NaN.
  const finite = [r.logLikelihood.initial, r.logLikelihood.final, r.wald.statistic, r.score.statistic, r.likelihoodRatio.statistic];
  const notNaN = [r.wald.pValue, r.score.pValue, r.likelihoodRatio.pValue];
  for (const c of r.coefficients) {
    finite.push(c.coef, c.se, c.z);
    notNaN.push(c.pValue, c.hazardRatio, c.lower, c.upper);
  }
  if (finite.some((v) => !Number.isFinite(v)) || notNaN.some((v) => Number.isNaN(v))) {
    throw new StatsInputError('SINGULAR', 'the Cox model has no finite estimate for these data (separation or degenerate covariates)');
  }
}
