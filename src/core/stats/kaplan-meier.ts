/**
 * Kaplan–Meier estimator of the retention curve S(t) with Greenwood's variance — R's
 * `survfit(Surv(time, status) ~ 1)` with its defaults (stype = 1, ctype = 1, conf.int = 0.95,
 * conf.type = "log", conf.lower = "usual", integer case weights → no robust variance).
 *
 *   S(t) = Π_{tᵢ ≤ t} (1 − dᵢ/nᵢ)                   (product over distinct event times)
 *   Var(log S(t)) = Σ_{tᵢ ≤ t} dᵢ / (nᵢ (nᵢ − dᵢ))   (Greenwood)
 *
 * with nᵢ = Σ weight at risk (time ≥ tᵢ) and dᵢ = Σ weight of events at tᵢ. One entry per
 * distinct time, censor-only times included, as survfit's `time` vector. Why: this is the
 * standard, assumption-free estimate of "share of customers still with us after t days", and
 * matching R exactly lets analysts check any number the app shows.
 *
 * Cost: one native sort of the times, O(n log n), then linear passes (O(n + T) for T distinct
 * times); memory O(n) for the columns.
 */
import { assertOpenUnit, StatsInputError } from './errors';
import { zTwoSided } from './distributions';
import { CONF_TYPES, writeBand, type ConfType } from './km-confidence';
import {
  codeLabels,
  countingSort,
  identity,
  indexTimes,
  readSurvival,
  riskTable,
  type Label,
  type SurvivalColumns,
  type SurvivalRow,
  type TimeIndex,
} from './survival-data';

export interface KaplanMeierOptions {
  /** Default "log" (R's default). */
  readonly confType?: ConfType;
  /** Default 0.95. */
  readonly confLevel?: number;
}

/** The confidence band a curve was computed with: the options as given, defaults filled in (checkKmOptions). */
export type KmConfidence = Required<KaplanMeierOptions>;

export interface KaplanMeierResult extends KmConfidence {
  /** Customers (Σ weights). */
  readonly n: number;
  /** Events (Σ weights of status 1). */
  readonly events: number;
  /** Distinct times, ascending (survfit's `time`). */
  readonly time: readonly number[];
  readonly nRisk: readonly number[];
  readonly nEvent: readonly number[];
  readonly nCensor: readonly number[];
  /** S(t) just after each time. */
  readonly surv: readonly number[];
  /** survfit's `std.err`: SE of log S(t) (Greenwood). null where S = 0 (R: Inf). */
  readonly stdErrLog: readonly (number | null)[];
  /** summary.survfit's `std.err`: SE of S(t) = S · stdErrLog. null where S = 0 (R: NaN). */
  readonly stdErr: readonly (number | null)[];
  /** Pointwise confidence bounds of S(t); null where R reports NA. */
  readonly lower: readonly (number | null)[];
  readonly upper: readonly (number | null)[];
}

export function checkKmOptions(opts: KaplanMeierOptions): KmConfidence {
  const confType = opts.confType ?? 'log';
  if (!CONF_TYPES.includes(confType)) throw new StatsInputError('BAD_ARGUMENT', `confType must be one of ${CONF_TYPES.join(', ')}, got ${String(confType)}`);
  const confLevel = opts.confLevel ?? 0.95;
  assertOpenUnit(confLevel, 'confLevel');
  return { confType, confLevel };
}

/** Kaplan–Meier curve of one group. */
export function kaplanMeier(rows: readonly SurvivalRow[], opts: KaplanMeierOptions = {}): KaplanMeierResult {
  const o = checkKmOptions(opts);
  const c = readSurvival(rows);
  return fromColumns(c, indexTimes(c), null, o.confType, o.confLevel);
}

export interface GroupedSurvivalRow extends SurvivalRow {
  readonly group: Label;
}

/** One Kaplan–Meier curve per group (R's `survfit(Surv(time, status) ~ group)`), groups in order of first appearance. */
export function kaplanMeierByGroup(
  rows: readonly GroupedSurvivalRow[],
  opts: KaplanMeierOptions = {},
): readonly { readonly group: Label; readonly curve: KaplanMeierResult }[] {
  const o = checkKmOptions(opts);
  const c = readSurvival(rows);
  const { codes, labels } = codeLabels(c.size, (i) => rows[c.row[i]!]!.group, 'group');
  const ti = indexTimes(c);
  // Rows grouped by group (counting sort), then one risk table per group over the shared times.
  const byGroup = countingSort(codes, labels.length, identity(c.size));
  const curves: { group: Label; curve: KaplanMeierResult }[] = [];
  let start = 0;
  for (let g = 0; g < labels.length; g++) {
    let end = start;
    let n = 0;
    let events = 0;
    while (end < byGroup.length && codes[byGroup[end]!] === g) {
      const i = byGroup[end]!;
      n += c.weight[i]!;
      if (c.status[i] === 1) events += c.weight[i]!;
      end++;
    }
    const part = byGroup.subarray(start, end);
    curves.push({ group: labels[g]!, curve: fromColumns({ ...c, totalWeight: n, totalEvents: events }, ti, part, o.confType, o.confLevel) });
    start = end;
  }
  return curves;
}

function fromColumns(c: SurvivalColumns, ti: TimeIndex, subset: Uint32Array | null, confType: ConfType, confLevel: number): KaplanMeierResult {
  const table = riskTable(c, ti, subset);
  const m = table.time.length;
  const z = zTwoSided(confLevel);
  // Filled in order (index i = current length): packed arrays. (new Array(m) of a large m
  // would start in V8's slow dictionary mode.)
  const surv: number[] = [];
  const stdErrLog: (number | null)[] = [];
  const stdErr: (number | null)[] = [];
  const lower: (number | null)[] = [];
  const upper: (number | null)[] = [];
  let km = 1;
  let greenwood = 0;
  for (let i = 0; i < m; i++) {
    const d = table.nEvent[i]!;
    const n = table.nRisk[i]!;
    if (d > 0) {
      km *= (n - d) / n;
      greenwood += d / (n * (n - d)); // +Infinity when everyone left dies; then km = 0
    }
    surv[i] = km;
    if (km === 0) {
      stdErrLog[i] = null;
      stdErr[i] = null;
    } else {
      const se = Math.sqrt(greenwood);
      stdErrLog[i] = se;
      stdErr[i] = se * km;
    }
    writeBand(km, stdErrLog[i] ?? 0, confType, z, lower, upper, i);
  }
  return {
    n: c.totalWeight,
    events: c.totalEvents,
    confType,
    confLevel,
    time: Array.from(table.time),
    nRisk: Array.from(table.nRisk),
    nEvent: Array.from(table.nEvent),
    nCensor: Array.from(table.nCensor),
    surv,
    stdErrLog,
    stdErr,
    lower,
    upper,
  };
}
