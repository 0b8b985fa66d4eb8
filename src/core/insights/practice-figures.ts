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
  readonly customers: number;
  readonly days: number;
  readonly minimumPerGroup: number;
  readonly practices: PracticeInsight[];
  readonly dispositions: DispositionInsight[];
  readonly nextExperiments: string[];
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
 */
interface CoxBase {
  used: ReadonlyArray<(typeof COVARIATES)[number]>;
  cells: ReadonlyArray<{ mask: number; bits: number; covariates: number[]; time: number; status: 0 | 1; weight: number }>;
}

function coxBase(rows: readonly PracticeRiskRow[]): CoxBase {
  const seen = COVARIATES.map(() => [new Set<number>(), new Set<number>()] as const);
  for (const r of rows) {
    COVARIATES.forEach(([key], j) => {
      seen[j]![0].add(r[key]);
      if (r.status === 1) seen[j]![1].add(r[key]);
    });
  }
  const used = COVARIATES.filter((_, j) => seen[j]![0].size > 1 && seen[j]![1].size > 1);
  const cells = new Map<number, CoxBase['cells'][number]>();
  for (const r of rows) {
    let bits = 0;
    for (let j = 0; j < used.length; j++) bits |= (r[used[j]![0]] ? 1 : 0) << j;
    const k = ((r.time * 2 + r.status) * 256 + r.mask) * 16 + bits;
    const c = cells.get(k);
    if (c) c.weight += r.n;
    else cells.set(k, { mask: r.mask, bits, covariates: used.map(([key]) => r[key]), time: r.time, status: r.status, weight: r.n });
  }
  return { used, cells: [...cells.values()] };
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
  const { used, cells } = base;
  const grouped = new Map<number, { covariates: number[]; time: number; status: 0 | 1; weight: number }>();
  for (const c of cells) {
    const on = (c.mask & bit) !== 0 ? 1 : 0;
    const k = ((c.time * 2 + c.status) * 2 + on) * 16 + c.bits;
    const g = grouped.get(k);
    if (g) g.weight += c.weight;
    else grouped.set(k, { covariates: [on, ...c.covariates], time: c.time, status: c.status, weight: c.weight });
  }
  const coxRows: CoxRow[] = [...grouped.values()];
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
