/**
 * The practices' figures from their risk-set rows (practice-rows.ts) — pure, so the desk
 * (main/services/insights/practices.ts, rows from SQLite) and the hub (hub/services/practices.ts,
 * rows from PostgreSQL) give the same figures from the same rows. DESCRIPTIVE ONLY (see the desk
 * service's header): for each practice, a Cox model with the experiments' covariates plus the
 * practice, and retention at 90 days on each side — only for customers followed that long, and
 * only when each side has the minimum sample.
 */
import type { DispositionInsight, IntervalEstimate, PracticeCode, PracticeInsight } from '../api';
import { formatNumber, t, type Locale } from '../i18n';
import { coxPH, wilsonInterval, type CoxRow } from '../stats';
import { COVARIATES } from './covariates';
import { PRACTICE_BIT, PRACTICES, type PracticeRiskRow } from './practice-rows';

/** Below this many customers on a side, no figure for that practice. */
export const MIN_PER_GROUP = 50;
/** The horizon of the practices' retention, in days. */
export const PRACTICE_HORIZON = 90;
const HORIZON = PRACTICE_HORIZON;

/** The figures of the practices view that come from the risk sets (the waits come from the approval requests). */
export interface PracticeFigures {
  /** Customers whose first call in the period is counted (one call each). */
  readonly customers: number;
  readonly days: number;
  readonly minimumPerGroup: number;
  readonly practices: readonly PracticeInsight[];
  readonly dispositions: readonly DispositionInsight[];
  /** Experiments worth running next, in words. */
  readonly nextExperiments: readonly string[];
}

/** Every practice's figure, the dispositions' retention and the practices worth a holdout next, from these rows. */
export function practiceFigures(rows: readonly PracticeRiskRow[], locale: Locale): PracticeFigures {
  const base = coxBase(rows);
  const practices = PRACTICES.map((p) => practiceInsight(p, rows, base, locale));
  return {
    customers: total(rows, () => true),
    days: HORIZON,
    minimumPerGroup: MIN_PER_GROUP,
    practices,
    dispositions: dispositions(rows),
    nextExperiments: nextExperiments(practices, locale),
  };
}

function total(rows: readonly PracticeRiskRow[], pick: (r: PracticeRiskRow) => boolean): number {
  let n = 0;
  for (const r of rows) if (pick(r)) n += r.n;
  return n;
}

/**
 * The rule of the practices' retention (and the agents' funnel): of the rows picked, every
 * customer, those followed HORIZON days (reach ≥ HORIZON) and those of them who had not cancelled by then.
 */
export function countKept(rows: readonly PracticeRiskRow[], pick: (r: PracticeRiskRow) => boolean): { customers: number; followed: number; kept: number } {
  let followed = 0;
  let kept = 0;
  let customers = 0;
  for (const r of rows) {
    if (!pick(r)) continue;
    customers += r.n;
    if (r.reach < HORIZON) continue;
    followed += r.n;
    if (!(r.status === 1 && r.time <= HORIZON)) kept += r.n;
  }
  return { customers, followed, kept };
}

/** Retention at HORIZON days over the rows followed that long; null below the minimum. */
function retention(rows: readonly PracticeRiskRow[], pick: (r: PracticeRiskRow) => boolean): { customers: number; retention: IntervalEstimate | null } {
  const { customers, followed: n, kept } = countKept(rows, pick);
  if (n < MIN_PER_GROUP) return { customers, retention: null };
  const w = wilsonInterval({ x: kept, n });
  return { customers, retention: { estimate: w.estimate, lower: w.lower, upper: w.upper } };
}

/**
 * What every practice's Cox fit shares, computed once per overview: the covariates that can be
 * fitted (a covariate constant among all rows, or among the cancellations, cannot: left out) and
 * the rows collapsed to (practices, those covariates, time, status) — agent, disposition and
 * reach play no part in the fit, so a practice's fit starts from these cells, not from the rows.
 * Cells are columns of numbers, and the covariate vectors are shared — one per pattern of the bits
 * — since a re-slice's time went mostly to allocating and collecting small objects.
 */
interface CoxBase {
  used: ReadonlyArray<(typeof COVARIATES)[number]>;
  size: number;
  mask: Uint8Array;
  /** The used covariates' values as bits (bit j: used[j]). */
  bits: Uint8Array;
  time: Float64Array;
  status: Uint8Array;
  weight: Float64Array;
}

function coxBase(rows: readonly PracticeRiskRow[]): CoxBase {
  const seen = COVARIATES.map(() => [new Set<number>(), new Set<number>()] as const);
  for (const r of rows) {
    for (let j = 0; j < COVARIATES.length; j++) {
      const v = r[COVARIATES[j]![0]];
      seen[j]![0].add(v);
      if (r.status === 1) seen[j]![1].add(v);
    }
  }
  const used = COVARIATES.filter((_, j) => seen[j]![0].size > 1 && seen[j]![1].size > 1);
  const index = new Map<number, number>();
  const mask = new Uint8Array(rows.length);
  const bits = new Uint8Array(rows.length);
  const time = new Float64Array(rows.length);
  const status = new Uint8Array(rows.length);
  const weight = new Float64Array(rows.length);
  let size = 0;
  for (const r of rows) {
    let b = 0;
    for (let j = 0; j < used.length; j++) b |= (r[used[j]![0]] ? 1 : 0) << j;
    const k = ((r.time * 2 + r.status) * 256 + r.mask) * 16 + b;
    const at = index.get(k);
    if (at !== undefined) weight[at]! += r.n;
    else {
      index.set(k, size);
      mask[size] = r.mask;
      bits[size] = b;
      time[size] = r.time;
      status[size] = r.status;
      weight[size] = r.n;
      size++;
    }
  }
  return { used, size, mask, bits, time, status, weight };
}

/** The practice's Cox rows: the base's cells collapsed to (practice, covariates, time, status), in the cells' order. */
function practiceCoxRows(base: CoxBase, bit: number): CoxRow[] {
  const { used, size } = base;
  // One covariate vector per pattern (practice on/off × the used covariates' bits), shared by rows.
  const vectors = Array.from({ length: 2 << used.length }, (_, p) => [p & 1, ...used.map((_, j) => ((p >> (j + 1)) & 1) as number)]);
  // Cells by (time, status, on, bits) in a dense table: times are whole days within a few years.
  let minTime = Infinity;
  let maxTime = -Infinity;
  for (let i = 0; i < size; i++) {
    minTime = Math.min(minTime, base.time[i]!);
    maxTime = Math.max(maxTime, base.time[i]!);
  }
  const slot = new Int32Array(size === 0 ? 0 : (maxTime - minTime + 1) * 64).fill(-1);
  const rows: Array<{ covariates: number[]; time: number; status: 0 | 1; weight: number }> = [];
  for (let i = 0; i < size; i++) {
    const on = (base.mask[i]! & bit) !== 0 ? 1 : 0;
    const k = (((base.time[i]! - minTime) * 2 + base.status[i]!) * 2 + on) * 16 + base.bits[i]!;
    const at = slot[k]!;
    if (at >= 0) rows[at]!.weight += base.weight[i]!;
    else {
      slot[k] = rows.length;
      rows.push({ covariates: vectors[on | (base.bits[i]! << 1)]!, time: base.time[i]!, status: base.status[i]! as 0 | 1, weight: base.weight[i]! });
    }
  }
  return rows;
}

function practiceInsight(practice: PracticeCode, rows: readonly PracticeRiskRow[], base: CoxBase, locale: Locale): PracticeInsight {
  const bit = PRACTICE_BIT[practice];
  const has = (r: PracticeRiskRow) => (r.mask & bit) !== 0;
  const withPractice = retention(rows, has);
  const without = retention(rows, (r) => !has(r));
  const label = t(locale, `practices.practice.${practice}`);
  const fmt = (x: number) => formatNumber(locale, x, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const hidden = {
    practice,
    label,
    withPractice,
    without,
    hazardRatio: null,
    distinguishable: null,
    sentence: t(locale, 'practices.hidden', { min: MIN_PER_GROUP }),
  };
  if (Math.min(withPractice.customers, without.customers) < MIN_PER_GROUP) return hidden;

  // Collapse to (practice, covariates, time, status): the Cox fit sees a few thousand rows.
  const { used } = base;
  const coxRows = practiceCoxRows(base, bit);
  try {
    const fit = coxPH(coxRows, { names: ['practice', ...used.map(([key]) => key)] });
    const c = fit.coefficients[0]!;
    if (!fit.converged || c.possiblyInfinite) return hidden;
    const distinguishable = c.lower > 1 || c.upper < 1;
    const params = { practice: label.toLowerCase(), hr: fmt(c.hazardRatio), lo: fmt(c.lower), hi: fmt(c.upper) };
    const key = !distinguishable ? 'practices.hr.notDistinguishable' : c.hazardRatio < 1 ? 'practices.hr.stayed' : 'practices.hr.left';
    return {
      practice,
      label,
      withPractice,
      without,
      hazardRatio: { estimate: c.hazardRatio, lower: c.lower, upper: c.upper, covariates: used.map(([, name]) => name) },
      distinguishable,
      sentence: t(locale, key, params),
    };
  } catch {
    return hidden;
  }
}

function dispositions(rows: readonly PracticeRiskRow[]): DispositionInsight[] {
  const codes = [...new Set(rows.map((r) => r.disposition ?? 'other'))].sort();
  return codes.map((d) => {
    const r = retention(rows, (x) => (x.disposition ?? 'other') === d);
    return { disposition: d, customers: r.customers, retention: r.retention };
  });
}

/** The practices whose association is distinguishable, strongest first: what a holdout should test next. */
function nextExperiments(practices: readonly PracticeInsight[], locale: Locale): string[] {
  const fmt = (x: number) => formatNumber(locale, x, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const found = practices
    .filter((p) => p.distinguishable && p.hazardRatio)
    .sort((a, b) => Math.abs(Math.log(b.hazardRatio!.estimate)) - Math.abs(Math.log(a.hazardRatio!.estimate)));
  if (found.length === 0) return [t(locale, 'practices.next.none')];
  return found.map((p) =>
    t(locale, p.hazardRatio!.estimate < 1 ? 'practices.next.stayed' : 'practices.next.left', {
      practice: p.label.toLowerCase(),
      hr: fmt(p.hazardRatio!.estimate),
    }),
  );
}
