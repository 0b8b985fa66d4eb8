/**
 * How long callers waited for a supervisor: the approval requests of a period, one row each with
 * its wait, turned into figures (p50/p90 overall, by supervisor, by hour of the request; the calls
 * that ended while a request was still pending). The desk's SQLite store (main/store/practices.ts)
 * and the hub's PostgreSQL (hub/services/practices.ts) give the same rows from the same tables;
 * this pure code gives the same figures from them.
 */
import type { PendingAtCallEnd, WaitFigure, WaitingInsights } from '../api/methods/insights';
import { formatNumber, t, type Locale } from '../i18n';
import { formatDuration } from '../i18n/duration';

/** Below this many decided requests, no wait percentile for that group. */
export const MIN_WAITS = 20;
const PENDING_LISTED = 20;

/** One approval request with its wait (seconds; null while undecided) and its call's end. */
export interface WaitRow {
  id: string;
  interactionId: string;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  status: string;
  callEndedAt: string | null;
  /** Seconds from request to decision; null when not decided. */
  waitSeconds: number | null;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: ArrayLike<number>, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function waitFigure(waits: readonly WaitRow[]): WaitFigure {
  // A typed array sorts numerically without calling back per comparison (a re-slice sorts every
  // request of the period three times: all, by supervisor, by hour).
  const decided = new Float64Array(waits.length);
  let n = 0;
  for (const w of waits) if (w.waitSeconds !== null) decided[n++] = w.waitSeconds;
  if (n < MIN_WAITS) return { requests: waits.length, p50: null, p90: null };
  const sorted = decided.subarray(0, n).sort();
  return { requests: waits.length, p50: percentile(sorted, 50), p90: percentile(sorted, 90) };
}

function seconds(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 1000);
}

/**
 * The requests made in a period (days inclusive), in the order given: a store reads every request
 * once per data version and a period is this pick (the store's own WHERE says the same).
 */
export function waitsIn(waits: readonly WaitRow[], period: { readonly from: string; readonly to: string }): WaitRow[] {
  return waits.filter((w) => w.requestedAt >= period.from && w.requestedAt.slice(0, 10) <= period.to);
}

/** The waiting figures of these requests; `names` gives staff names by id. */
export function waitingFigures(waits: readonly WaitRow[], names: ReadonlyMap<string, string>, locale: Locale): WaitingInsights {
  const all = { ...waitFigure(waits), decided: waits.filter((w) => w.waitSeconds !== null).length };
  // Grouped by appending: copying a group's list on every request was quadratic (27 s for the
  // 26,660 requests of a year on a 1,000,000-customer store).
  const bySup = new Map<string, WaitRow[]>();
  const byHour = new Map<number, WaitRow[]>();
  const add = <K>(groups: Map<K, WaitRow[]>, key: K, w: WaitRow) => {
    const list = groups.get(key);
    if (list) list.push(w);
    else groups.set(key, [w]);
  };
  for (const w of waits) {
    if (w.decidedBy !== null) add(bySup, w.decidedBy, w);
    add(byHour, Number(w.requestedAt.slice(11, 13)), w);
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
