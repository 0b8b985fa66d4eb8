/**
 * Retention at chosen horizons — "what share of customers is still with us after 30, 90, 365
 * days?" — as R's `summary(survfit(...), times = t, extend = TRUE)`:
 *
 *   S(t) is the step function: the estimate at the last distinct time ≤ t; std.err and the
 *   confidence bounds are read from the same step. Before the first time S = 1 with SE 0 and
 *   bounds [1, 1] whatever the conf type (R pads so; nothing can have happened yet);
 *   n.risk = Σ weight with time ≥ t; n.event / n.censor = weight of events / censorings in
 *   (previous requested time, t] (everything ≤ t for the first one).
 *
 * Times are answered in ascending order, as R sorts them. A horizon past the last observed time
 * keeps the last estimate (extend = TRUE) and is flagged `beyondLastTime`: the data say nothing
 * about that stretch, and the screen should say so.
 */
import { StatsInputError } from './errors';
import type { KaplanMeierResult } from './kaplan-meier';

export interface SurvivalAtTime {
  readonly time: number;
  readonly surv: number;
  /** SE of S(t); null where S = 0 (R: NaN). */
  readonly stdErr: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly nRisk: number;
  readonly nEvent: number;
  readonly nCensor: number;
  /** t is after the last observed time: the estimate is carried forward. */
  readonly beyondLastTime: boolean;
}

export function survivalAt(km: KaplanMeierResult, times: readonly number[]): readonly SurvivalAtTime[] {
  if (!Array.isArray(times)) throw new StatsInputError('BAD_ARGUMENT', 'times must be an array');
  for (let k = 0; k < times.length; k++) {
    const t = times[k];
    if (typeof t !== 'number' || !Number.isFinite(t)) throw new StatsInputError('NOT_FINITE', `times[${k}] must be a finite number, got ${String(t)}`);
    if (t < 0) throw new StatsInputError('NEGATIVE_TIME', `times[${k}] must be ≥ 0, got ${t}`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const m = km.time.length;
  const last = m > 0 ? km.time[m - 1]! : 0;
  const out: SurvivalAtTime[] = [];
  let i = -1; // last index with time ≤ t
  for (const t of sorted) {
    let nEvent = 0;
    let nCensor = 0;
    while (i + 1 < m && km.time[i + 1]! <= t) {
      i++;
      nEvent += km.nEvent[i]!;
      nCensor += km.nCensor[i]!;
    }
    const next = i + 1; // first index with time > t, or m
    const atT = i >= 0 && km.time[i] === t;
    const nRisk = atT ? km.nRisk[i]! : next < m ? km.nRisk[next]! : 0;
    if (i < 0) {
      out.push({ time: t, surv: 1, stdErr: 0, lower: 1, upper: 1, nRisk, nEvent, nCensor, beyondLastTime: false });
    } else {
      out.push({
        time: t,
        surv: km.surv[i]!,
        stdErr: km.stdErr[i] ?? null,
        lower: km.lower[i] ?? null,
        upper: km.upper[i] ?? null,
        nRisk,
        nEvent,
        nCensor,
        beyondLastTime: t > last,
      });
    }
  }
  return out;
}
