/**
 * One risk-set row of the practices view: this many customers whose first verified, wrapped-up
 * call of the period matched (agent, practices, disposition, segment, reach, days followed,
 * cancelled). The desk's SQLite store (main/store/practices.ts) and the hub's PostgreSQL
 * (hub/services/practices.ts) give the same rows from the same tables.
 */
import { dayNumber, NO_DAY } from '../calendar';
import { StatsInputError } from '../stats';
import { asColumns, type RowColumns } from './columns';

export interface PracticeRiskRow {
  agentId: string;
  mask: number;
  disposition: string | null;
  highRisk: number;
  newCustomer: number;
  billShock: number;
  notGood: number;
  /** The longest of 30/90/180 days every customer of the row could have been followed (0: under 30). */
  reach: number;
  time: number;
  status: 0 | 1;
  n: number;
}

/** A call at least this long is a long call (10 minutes): the practice 'longCall'. */
export const LONG_CALL_SECONDS = 600;

/** The practices a call can show, one bit each in `mask` (the desk's call_practices bits are the first six). */
export const PRACTICES = ['explained', 'compared', 'quoted', 'planChanged', 'granted', 'escalated', 'firstTimeVerified', 'longCall'] as const;
export type Practice = (typeof PRACTICES)[number];
export const PRACTICE_BIT: Record<Practice, number> = Object.fromEntries(PRACTICES.map((p, i) => [p, 1 << i])) as Record<Practice, number>;

/**
 * A practices risk-set row as the desk's store counts it (main/store/practices.ts): the group
 * packed into one integer `k` so SQLite groups on three columns and a worker sends four fields
 * per row, not eleven. Bits, most significant first: days followed (from bit 15; negative only
 * for a call dated after today), reach (13–14: 0, 30, 90, 180), cancelled (12), standing not
 * good (11), bill shock (10), new customer (9), churn risk high (8), practices mask (0–7).
 * Ordered by (agentId, disposition, k), packed rows are in PRACTICE_ROW_KEYS order.
 */
export interface PackedPracticeRow {
  agentId: string;
  disposition: string | null;
  k: number;
  n: number;
}

const REACH = [0, 30, 90, 180] as const;

/** The row a packed row stands for. */
export function unpackPracticeRow(r: PackedPracticeRow): PracticeRiskRow {
  return unpackKey(r.agentId, r.disposition, r.k, r.n);
}

function unpackKey(agentId: string, disposition: string | null, k: number, n: number): PracticeRiskRow {
  // k can exceed 2³¹ (days followed × 2¹⁵), so no 32-bit shifts on it: divide for the days.
  const low = k % 32768 < 0 ? (k % 32768) + 32768 : k % 32768;
  return {
    agentId,
    mask: low & 255,
    disposition,
    highRisk: (low >> 8) & 1,
    newCustomer: (low >> 9) & 1,
    billShock: (low >> 10) & 1,
    notGood: (low >> 11) & 1,
    reach: REACH[(low >> 13) & 3]!,
    time: (k - low) / 32768,
    status: ((low >> 12) & 1) as 0 | 1,
    n,
  };
}

/**
 * One verified, wrapped-up call as a period's practices risk sets need it (the desk's store reads
 * it from its calls' facts: main/store/practices.ts FOLLOWED_CALLS). Days are days since
 * 1970-01-01 (core/calendar dayNumber).
 */
export interface FollowedCall {
  agentId: string;
  disposition: string | null;
  day: number;
  /** The day of the customer's call before this one (null: their first). */
  previousDay: number | null;
  /** The customer's first cancellation on or after this call's day, up to today (null: none). */
  cancelledDay: number | null;
  /** Standing not good (bit 11), bill shock (10), new customer (9), churn risk high (8), practices mask (0–7): PackedPracticeRow's low bits. */
  segment: number;
}

/** FollowedCall's fields, as the store's query names them. */
export const FOLLOWED_CALL_FIELDS = ['agentId', 'disposition', 'day', 'previousDay', 'cancelledDay', 'segment'] as const satisfies ReadonlyArray<
  keyof FollowedCall
>;

/** Days of a period, inclusive, and the day follow-up ends (days since 1970-01-01). */
export interface PeriodDays {
  readonly from: number;
  readonly to: number;
  readonly today: number;
}

function byCodeUnit(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

const TWO_32 = 4294967296;
const TWO_31 = 2147483648;

/**
 * Every call of a store in columns, kept for as long as its data version holds: agents and
 * dispositions become indexes into sorted lists, so one number says (agent, disposition) and
 * numeric order is their order; a period's pass then allocates nothing per call.
 */
export interface CallTable {
  readonly agents: readonly string[];
  readonly dispositions: ReadonlyArray<string | null>;
  readonly size: number;
  /** agent index × dispositions.length + disposition index. */
  readonly group: Int32Array;
  readonly day: Int32Array;
  readonly previousDay: Int32Array;
  readonly cancelledDay: Int32Array;
  readonly segment: Int32Array;
}

/** The calls in columns (any order: a period's rows do not depend on it). */
export function callTable(calls: readonly FollowedCall[] | RowColumns<FollowedCall>): CallTable {
  const { size, of } = asColumns(calls, FOLLOWED_CALL_FIELDS);
  const agents = [...new Set(of.agentId)].sort(byCodeUnit);
  const dispositions = [...new Set(of.disposition)].sort(byCodeUnit);
  const agentIndex = new Map(agents.map((a, i) => [a, i]));
  const dispositionIndex = new Map(dispositions.map((d, i) => [d, i]));
  const table = {
    agents,
    dispositions,
    size,
    group: new Int32Array(size),
    day: Int32Array.from(of.day),
    previousDay: new Int32Array(size),
    cancelledDay: new Int32Array(size),
    segment: Int32Array.from(of.segment),
  };
  const none = NO_DAY; // a local: an imported binding read per call costs a property lookup in some builds
  for (let i = 0; i < size; i++) {
    table.group[i] = agentIndex.get(of.agentId[i]!)! * dispositions.length + dispositionIndex.get(of.disposition[i] as string | null)!;
    table.previousDay[i] = of.previousDay[i] ?? none;
    table.cancelledDay[i] = of.cancelledDay[i] ?? none;
  }
  return table;
}

/**
 * The packed risk-set rows of a period: each customer's first call in it (the one whose previous
 * call, if any, came before the period), followed to their first cancellation on or after it or to
 * today — grouped by (agent, disposition, k) and in that order, as a GROUP BY over the same calls
 * gives them (the hub's SQL does: hub/services/practices.ts). A period is one pass over the calls,
 * so a store counts its calls once and any period is worked out from them without SQL.
 */
export function practiceRowsOf(calls: CallTable, period: PeriodDays): PackedPracticeRow[] {
  const rows: PackedPracticeRow[] = [];
  eachRowOf(calls, period, (agentId, disposition, k, n) => rows.push({ agentId, disposition, k, n }));
  return rows;
}

/** practiceRowsOf's rows in order, handed over one by one (the unpacked rows need no packed ones first). */
function eachRowOf(calls: CallTable, period: PeriodDays, row: (agentId: string, disposition: string | null, k: number, n: number) => void): void {
  const { group, day, previousDay, cancelledDay, segment, size } = calls;
  const { from, to, today } = period;
  // A day that is not one (NaN from a malformed date) would keep every call, not none: refuse it.
  if (![from, to, today].every(Number.isSafeInteger))
    throw new StatsInputError('BAD_ARGUMENT', `a period is whole day numbers, got ${from}..${to} (today ${today})`);
  // One number per call kept: its group above 2³², k (|k| < 2³¹: days followed < 2¹⁶) offset
  // below; sorted, equal numbers are one row and the rows come out in (agent, disposition, k) order.
  const keys = new Float64Array(size);
  let kept = 0;
  const none = NO_DAY; // a local, as in callTable
  for (let i = 0; i < size; i++) {
    const d = day[i]!;
    if (d < from || d > to) continue;
    const previous = previousDay[i]!;
    if (previous !== none && previous >= from) continue;
    const cancelled = cancelledDay[i]!;
    const followed = today - d;
    const reach = followed >= 180 ? 3 : followed >= 90 ? 2 : followed >= 30 ? 1 : 0;
    // Days followed × 2¹⁵ by multiplication: negative for a call after today.
    const k = cancelled === none ? followed * 32768 + reach * 8192 + segment[i]! : (cancelled - d) * 32768 + reach * 8192 + 4096 + segment[i]!;
    keys[kept++] = group[i]! * TWO_32 + (k + TWO_31);
  }
  const sorted = keys.subarray(0, kept).sort();
  const perAgent = calls.dispositions.length;
  for (let i = 0; i < kept;) {
    const key = sorted[i]!;
    let n = 0;
    while (i < kept && sorted[i] === key) {
      n++;
      i++;
    }
    const g = Math.floor(key / TWO_32);
    row(calls.agents[Math.floor(g / perAgent)]!, calls.dispositions[g % perAgent]!, key - g * TWO_32 - TWO_31, n);
  }
}

/** A period as the store and the screen give it: first and last day of calls, inclusive, and the day follow-up ends ('YYYY-MM-DD'). */
export interface PracticePeriodDates {
  readonly from: string;
  readonly to: string;
  readonly today: string;
}

/** The risk-set rows of a period, unpacked: what every figure of the practices view is computed from. */
export function practiceRiskRows(calls: CallTable, period: PracticePeriodDates): PracticeRiskRow[] {
  const rows: PracticeRiskRow[] = [];
  eachRowOf(calls, { from: dayNumber(period.from), to: dayNumber(period.to), today: dayNumber(period.today) }, (agentId, disposition, k, n) =>
    rows.push(unpackKey(agentId, disposition, k, n)),
  );
  return rows;
}
