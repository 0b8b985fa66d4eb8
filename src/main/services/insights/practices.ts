/**
 * Retention by what agents did on calls, and how long callers waited for a supervisor.
 *
 * DESCRIPTIVE ONLY: agents choose when to explain a bill, quote a plan or escalate, and they do
 * it more with callers who look like leaving, so "customers with practice X stayed more" is not
 * X's effect. The screen says so on every figure; what it can do is point at the practices worth
 * a randomised holdout next (the same machinery as the discount experiments).
 *
 * The store (main/store/practices.ts) groups each customer's first call of the period into
 * risk-set rows; this service keeps the rows of the last period asked (a re-slice by agent is a
 * filter over them, no SQL) and, for each practice, fits the Cox model with the experiments'
 * covariates (churn risk high, tenure under 12 months, bill shock, standing not good) plus the
 * practice, and gives retention at 90 days on each side — only for customers followed that long,
 * and only when each side has the minimum sample.
 */
import type Database from 'better-sqlite3';
import type {
  AgentProfile,
  DispositionInsight,
  IntervalEstimate,
  PendingAtCallEnd,
  PracticeCode,
  PracticeInsight,
  PracticesFilter,
  PracticesOverview,
  WaitFigure,
  WaitingInsights,
} from '../../../core/api';
import { formatNumber, t, type Locale } from '../../../core/i18n';
import { formatDuration } from '../../../core/i18n/duration';
import { coxPH, wilsonInterval, type CoxRow } from '../../../core/stats';
import { PRACTICE_BIT, PRACTICES, practiceQueries, type PracticeQueries, type PracticeRiskRow, type WaitRow } from '../../store/practices';
import { COVARIATES } from '../../../core/insights';

/** Below this many customers on a side, no figure for that practice. */
export const MIN_PER_GROUP = 50;
/** Below this many decided requests, no wait percentile for that group. */
export const MIN_WAITS = 20;
const HORIZON = 90;
const PENDING_LISTED = 20;

export interface PracticesRequest {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly agentId?: string | undefined;
}

export class PracticesService {
  private readonly q: PracticeQueries;
  private readonly version: Database.Statement<[], { v: string }>;
  private cache: { key: string; rows: PracticeRiskRow[]; waits: WaitRow[] } | null = null;

  constructor(
    client: Database.Database,
    private readonly today: () => string,
  ) {
    this.q = practiceQueries(client);
    // Anything that changes the figures adds a row to one of these tables (rows are never
    // rewritten but for a call's wrap-up and an approval's decision, which bump the audit log).
    this.version = client.prepare(
      `SELECT (SELECT coalesce(max(rowid), 0) FROM interactions) || '/' || (SELECT coalesce(max(seq), 0) FROM audit_log) || '/' ||
              (SELECT coalesce(max(rowid), 0) FROM customer_outcomes) || '/' || (SELECT coalesce(max(rowid), 0) FROM approval_requests) || '/' ||
              (SELECT coalesce(max(rowid), 0) FROM experiment_exposures) AS v`,
    );
  }

  overview(viewer: AgentProfile, input: PracticesRequest): PracticesOverview {
    const today = this.today();
    const to = input.to ?? today;
    const from = input.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 364 * 86_400_000).toISOString().slice(0, 10);
    const filter: PracticesFilter = { from, to, agentId: input.agentId ?? null };
    const { rows, waits } = this.load(from, to, today);
    const mine = filter.agentId === null ? rows : rows.filter((r) => r.agentId === filter.agentId);
    const myWaits = filter.agentId === null ? waits : waits.filter((w) => w.requestedBy === filter.agentId);
    const locale = viewer.locale;
    const staff = this.q.staff();
    const names = new Map(staff.map((s) => [s.id, s.name]));
    const agentIds = new Set(rows.map((r) => r.agentId));
    const base = coxBase(mine);
    const practices = PRACTICES.map((p) => practiceInsight(p, mine, base, locale));
    return {
      today,
      filter,
      agents: staff.filter((s) => agentIds.has(s.id)),
      customers: total(mine, () => true),
      days: HORIZON,
      minimumPerGroup: MIN_PER_GROUP,
      practices,
      dispositions: dispositions(mine),
      nextExperiments: nextExperiments(practices, locale),
      waiting: waiting(myWaits, names, locale),
    };
  }

  /** The rows of a period, from the store or (unchanged data, same period) from the last load. */
  private load(from: string, to: string, today: string): { rows: PracticeRiskRow[]; waits: WaitRow[] } {
    const key = `${from}|${to}|${today}|${this.version.get()!.v}`;
    if (this.cache?.key !== key) this.cache = { key, rows: this.q.riskSets({ from, to, today }), waits: this.q.waits({ from, to }) };
    return this.cache;
  }
}

function total(rows: readonly PracticeRiskRow[], pick: (r: PracticeRiskRow) => boolean): number {
  let n = 0;
  for (const r of rows) if (pick(r)) n += r.n;
  return n;
}

/** Retention at HORIZON days over the rows followed that long; null below the minimum. */
function retention(rows: readonly PracticeRiskRow[], pick: (r: PracticeRiskRow) => boolean): { customers: number; retention: IntervalEstimate | null } {
  let n = 0;
  let kept = 0;
  let customers = 0;
  for (const r of rows) {
    if (!pick(r)) continue;
    customers += r.n;
    if (r.reach < HORIZON) continue;
    n += r.n;
    if (!(r.status === 1 && r.time <= HORIZON)) kept += r.n;
  }
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

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function waitFigure(waits: readonly WaitRow[]): WaitFigure {
  const decided = waits
    .map((w) => w.waitSeconds)
    .filter((s): s is number => s !== null)
    .sort((a, b) => a - b);
  if (decided.length < MIN_WAITS) return { requests: waits.length, p50: null, p90: null };
  return { requests: waits.length, p50: percentile(decided, 50), p90: percentile(decided, 90) };
}

function seconds(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 1000);
}

function waiting(waits: readonly WaitRow[], names: ReadonlyMap<string, string>, locale: Locale): WaitingInsights {
  const all = { ...waitFigure(waits), decided: waits.filter((w) => w.waitSeconds !== null).length };
  const bySup = new Map<string, WaitRow[]>();
  const byHour = new Map<number, WaitRow[]>();
  for (const w of waits) {
    if (w.decidedBy !== null) bySup.set(w.decidedBy, [...(bySup.get(w.decidedBy) ?? []), w]);
    const hour = Number(w.requestedAt.slice(11, 13));
    byHour.set(hour, [...(byHour.get(hour) ?? []), w]);
  }
  // A request is pending at the call's end when the call ended before any decision.
  const pendingAtEnd = waits.filter((w) => w.callEndedAt !== null && (w.decidedAt === null || w.decidedAt > w.callEndedAt));
  const calls = new Set(waits.map((w) => w.interactionId));
  const endedCalls = new Set(pendingAtEnd.map((w) => w.interactionId));
  const listed: PendingAtCallEnd[] = [...pendingAtEnd]
    .sort((a, b) => (a.callEndedAt! < b.callEndedAt! ? 1 : -1))
    .slice(0, PENDING_LISTED)
    .map((w) => ({
      interactionId: w.interactionId,
      agentName: names.get(w.requestedBy) ?? null,
      requestedAt: w.requestedAt,
      callEndedAt: w.callEndedAt!,
      waitedSeconds: Math.max(0, seconds(w.requestedAt, w.callEndedAt!)),
      decidedSecondsAfterEnd: w.decidedAt === null ? null : seconds(w.callEndedAt!, w.decidedAt),
    }));
  const share = calls.size > 0 ? endedCalls.size / calls.size : null;
  const pct = (x: number) => formatNumber(locale, x * 100, { maximumFractionDigits: 1 });
  const sentence =
    all.p50 === null || all.p90 === null
      ? t(locale, 'waiting.tooFew', { n: waits.length, min: MIN_WAITS })
      : t(locale, 'waiting.sentence', {
          n: formatNumber(locale, waits.length),
          p50: formatDuration(locale, all.p50),
          p90: formatDuration(locale, all.p90),
          ended: formatNumber(locale, endedCalls.size),
          share: pct(share ?? 0),
        });
  return {
    all,
    bySupervisor: [...bySup.entries()]
      .map(([id, list]) => ({ supervisorId: id, name: names.get(id) ?? id, ...waitFigure(list) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    byHour: [...byHour.entries()].sort((a, b) => a[0] - b[0]).map(([hour, list]) => ({ hour, ...waitFigure(list) })),
    endedWhilePending: endedCalls.size,
    endedWhilePendingShare: share,
    endedWhilePendingCalls: listed,
    sentence,
  };
}
