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
import type { AgentProfile, PendingAtCallEnd, PracticesFilter, PracticesOverview, WaitFigure, WaitingInsights } from '../../../core/api';
import { formatNumber, t, type Locale } from '../../../core/i18n';
import { formatDuration } from '../../../core/i18n/duration';
import { MIN_PER_GROUP, practiceFigures } from '../../../core/insights';
import { practiceQueries, type PracticeQueries, type PracticeRiskRow, type WaitRow } from '../../store/practices';
import { InThreadRiskSets, type RiskSetSource } from './risk-set-source';

/** Below this many customers on a side, no figure for that practice (core/insights/practice-figures.ts). */
export { MIN_PER_GROUP };
/** Below this many decided requests, no wait percentile for that group. */
export const MIN_WAITS = 20;
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
    /** Where the risk sets are counted (risk-set-source.ts); main's connection by default. */
    private readonly source: RiskSetSource = new InThreadRiskSets(client),
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

  async overview(viewer: AgentProfile, input: PracticesRequest): Promise<PracticesOverview> {
    const today = this.today();
    const to = input.to ?? today;
    const from = input.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 364 * 86_400_000).toISOString().slice(0, 10);
    const filter: PracticesFilter = { from, to, agentId: input.agentId ?? null };
    const { rows, waits } = await this.load(from, to, today);
    const mine = filter.agentId === null ? rows : rows.filter((r) => r.agentId === filter.agentId);
    const myWaits = filter.agentId === null ? waits : waits.filter((w) => w.requestedBy === filter.agentId);
    const locale = viewer.locale;
    const staff = this.q.staff();
    const names = new Map(staff.map((s) => [s.id, s.name]));
    const agentIds = new Set(rows.map((r) => r.agentId));
    return {
      today,
      filter,
      agents: staff.filter((s) => agentIds.has(s.id)),
      ...practiceFigures(mine, locale),
      waiting: waiting(myWaits, names, locale),
    };
  }

  /** The rows of a period, from the store or (unchanged data, same period) from the last load. */
  private async load(from: string, to: string, today: string): Promise<{ rows: PracticeRiskRow[]; waits: WaitRow[] }> {
    const key = `${from}|${to}|${today}|${this.version.get()!.v}`;
    if (this.cache?.key !== key) {
      const waits = this.q.waits({ from, to });
      const rows = await this.source.practiceRows({ from, to, today });
      this.cache = { key, rows, waits };
    }
    return this.cache;
  }
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
