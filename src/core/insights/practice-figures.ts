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
import { coxPHCells, wilsonInterval, type CoxCells } from '../stats';
import { COVARIATES } from './covariates';
import { PRACTICE_BIT, PRACTICES, type PracticeRiskRow } from './practice-rows';

/** Below this many customers on a side, no figure for that practice. */
export const MIN_PER_GROUP = 50;
/** The horizon of the practices' retention, in days. */
export const PRACTICE_HORIZON = 90;
const HORIZON = PRACTICE_HORIZON;
const PRACTICE_BITS = PRACTICES.map((p) => PRACTICE_BIT[p]);

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
  const counts = tally(rows);
  const base = coxBase(rows);
  const practices = PRACTICES.map((p, i) => practiceInsight(p, counts.withPractice[i]!, without(counts.all, counts.withPractice[i]!), base, locale));
  return {
    customers: counts.all.customers,
    days: HORIZON,
    minimumPerGroup: MIN_PER_GROUP,
    practices,
    dispositions: [...counts.byDisposition.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([disposition, kept]) => ({ disposition, ...retention(kept) })),
    nextExperiments: nextExperiments(practices, locale),
  };
}

/** Of some rows: every customer, those followed HORIZON days, and those of them who had not cancelled by then. */
export interface KeptCount {
  customers: number;
  followed: number;
  kept: number;
}

/**
 * The rule of the practices' retention (and the agents' funnel): a row's customers are counted,
 * followed when the row reaches HORIZON days, and kept when they had not cancelled by then.
 */
function addRow(to: KeptCount, r: PracticeRiskRow): void {
  to.customers += r.n;
  if (r.reach < HORIZON) return;
  to.followed += r.n;
  if (!(r.status === 1 && r.time <= HORIZON)) to.kept += r.n;
}

/** The rows' customers, followed and kept (addRow), grouped by a key in one pass; the groups in the order their keys first appear. */
export function countKeptBy<K>(rows: readonly PracticeRiskRow[], keyOf: (r: PracticeRiskRow) => K): Map<K, KeptCount> {
  const groups = new Map<K, KeptCount>();
  for (const r of rows) {
    const key = keyOf(r);
    let count = groups.get(key);
    if (!count) groups.set(key, (count = { customers: 0, followed: 0, kept: 0 }));
    addRow(count, r);
  }
  return groups;
}

/**
 * The counts of every side the view shows, in two passes over the rows (a re-slice by period
 * counts a few hundred thousand rows) rather than one per side: all of them and those with each
 * practice (by PRACTICES index), then each disposition's (null as 'other'). The side without a
 * practice is all minus with.
 */
function tally(rows: readonly PracticeRiskRow[]): { all: KeptCount; withPractice: KeptCount[]; byDisposition: Map<string, KeptCount> } {
  const all = { customers: 0, followed: 0, kept: 0 };
  const withPractice = PRACTICE_BITS.map(() => ({ customers: 0, followed: 0, kept: 0 }));
  for (const r of rows) {
    addRow(all, r);
    for (let i = 0; i < PRACTICE_BITS.length; i++) if (r.mask & PRACTICE_BITS[i]!) addRow(withPractice[i]!, r);
  }
  return { all, withPractice, byDisposition: countKeptBy(rows, (r) => r.disposition ?? 'other') };
}

function without(all: KeptCount, withPractice: KeptCount): KeptCount {
  return { customers: all.customers - withPractice.customers, followed: all.followed - withPractice.followed, kept: all.kept - withPractice.kept };
}

/** Retention at HORIZON days over the customers followed that long; null below the minimum. */
function retention({ customers, followed: n, kept }: KeptCount): { customers: number; retention: IntervalEstimate | null } {
  if (n < MIN_PER_GROUP) return { customers, retention: null };
  const w = wilsonInterval({ x: kept, n });
  return { customers, retention: { estimate: w.estimate, lower: w.lower, upper: w.upper } };
}

/**
 * What every practice's Cox fit shares, computed once per overview: the covariates that can be
 * fitted (a covariate constant among all rows, or among the cancellations, cannot: left out) and
 * the rows as columns of numbers (practices, those covariates as bits, time, status, weight) —
 * agent, disposition and reach play no part in the fit. Each practice's pass collapses them into
 * cells through a dense table, and the covariate vectors are shared — one per pattern of the bits
 * — since a re-slice's time went mostly to hashing, allocating and collecting small objects.
 */
interface CoxBase {
  used: ReadonlyArray<(typeof COVARIATES)[number]>;
  size: number;
  mask: Uint8Array;
  /**
   * The cells without the practice that hold a row, ascending: ((time − minTime) × 2 + status) ×
   * 16 + the used covariates' bits (bit j: used[j]). A practice's cell is this × 2 + whether the
   * row has it.
   */
  held: Int32Array;
  /** Each row's cell, as its index in `held`. */
  slot: Int32Array;
  weight: Float64Array;
  minTime: number;
}

function coxBase(rows: readonly PracticeRiskRow[]): CoxBase {
  const covariates = COVARIATES;
  const size = rows.length;
  // Each row's covariates as bits (bit j: covariates[j] is 1 — they are indicators), read once.
  const pattern = new Uint8Array(size);
  let ones = 0;
  let zeros = 0;
  let onesCancelled = 0;
  let zerosCancelled = 0;
  const mask = new Uint8Array(size);
  const weight = new Float64Array(size);
  let minTime = Infinity;
  let maxTime = -Infinity;
  for (let i = 0; i < size; i++) {
    const r = rows[i]!;
    let p = 0;
    for (let j = 0; j < covariates.length; j++) if (r[covariates[j]![0]]) p |= 1 << j;
    pattern[i] = p;
    ones |= p;
    zeros |= ~p;
    if (r.status === 1) {
      onesCancelled |= p;
      zerosCancelled |= ~p;
    }
    mask[i] = r.mask;
    weight[i] = r.n;
    if (r.time < minTime) minTime = r.time;
    if (r.time > maxTime) maxTime = r.time;
  }
  // A covariate is fitted only when it takes both values, among all rows and among the cancellations.
  const fitted = ones & zeros & onesCancelled & zerosCancelled;
  const usedAt = covariates.map((_, j) => j).filter((j) => (fitted >> j) & 1);
  // The used covariates' bits of each pattern (bit j: used[j]).
  const compress = Uint8Array.from({ length: 1 << covariates.length }, (_, p) => usedAt.reduce((b, at, j) => b | (((p >> at) & 1) << j), 0));
  const cell = new Int32Array(size);
  for (let i = 0; i < size; i++) cell[i] = ((rows[i]!.time - minTime) * 2 + rows[i]!.status) * 16 + compress[pattern[i]!]!;
  // The cells held, found once through a dense table (every time from minTime to the largest),
  // so each practice's pass adds up a few thousand cells rather than scanning every possible one.
  const index = new Int32Array(size === 0 ? 0 : (maxTime - minTime + 1) * 32);
  for (let i = 0; i < size; i++) index[cell[i]!] = 1;
  let count = 0;
  for (let c = 0; c < index.length; c++) if (index[c] === 1) index[c] = ++count;
  const held = new Int32Array(count);
  for (let c = 0; c < index.length; c++) if (index[c]! > 0) held[index[c]! - 1] = c;
  const slot = new Int32Array(size);
  for (let i = 0; i < size; i++) slot[i] = index[cell[i]!]! - 1;
  return { used: usedAt.map((j) => covariates[j]!), size, mask, held, slot, weight, minTime };
}

/**
 * The practice's Cox cells: the rows collapsed to (time, status, covariates, practice) cells, in
 * that order. Weights are added in a dense array (times are whole days within a few years), and
 * only the cells that hold someone are handed over, in typed arrays, with one covariate vector
 * per pattern — no object per cell.
 */
function practiceCoxCells(base: CoxBase, bit: number): CoxCells {
  const { used, size, held, slot, mask, weight, minTime } = base;
  const patterns = Array.from({ length: 2 << used.length }, (_, p) => [p & 1, ...used.map((_, j) => ((p >> (j + 1)) & 1) as number)]);
  // sums[s × 2 + has]: the weight of held cell s without (0) and with (1) the practice.
  const sums = new Float64Array(held.length * 2);
  for (let i = 0; i < size; i++) sums[slot[i]! * 2 + ((mask[i]! & bit) !== 0 ? 1 : 0)]! += weight[i]!;
  let count = 0;
  for (let s = 0; s < sums.length; s++) if (sums[s]! > 0) count++;
  const out = {
    size: count,
    time: new Float64Array(count),
    status: new Uint8Array(count),
    weight: new Float64Array(count),
    pattern: new Int32Array(count),
    patterns,
  };
  for (let s = 0, n = 0; s < sums.length; s++) {
    const w = sums[s]!;
    if (w === 0) continue;
    const k = held[s >> 1]! * 2 + (s & 1);
    out.time[n] = minTime + (k >> 6);
    out.status[n] = (k >> 5) & 1;
    out.weight[n] = w;
    out.pattern[n] = k & 31;
    n++;
  }
  return out;
}

function practiceInsight(practice: PracticeCode, withCount: KeptCount, withoutCount: KeptCount, base: CoxBase, locale: Locale): PracticeInsight {
  const bit = PRACTICE_BIT[practice];
  const withPractice = retention(withCount);
  const without = retention(withoutCount);
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
  const cells = practiceCoxCells(base, bit);
  try {
    const fit = coxPHCells(cells, { names: ['practice', ...used.map(([key]) => key)] });
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
