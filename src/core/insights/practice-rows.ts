/**
 * One risk-set row of the practices view: this many customers whose first verified, wrapped-up
 * call of the period matched (agent, practices, disposition, segment, reach, days followed,
 * cancelled). The desk's SQLite store (main/store/practices.ts) and the hub's PostgreSQL
 * (hub/services/practices.ts) give the same rows from the same tables.
 */
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
  const k = r.k;
  // k can exceed 2³¹ (days followed × 2¹⁵), so no 32-bit shifts on it: divide for the days.
  const low = k % 32768 < 0 ? (k % 32768) + 32768 : k % 32768;
  return {
    agentId: r.agentId,
    mask: low & 255,
    disposition: r.disposition,
    highRisk: (low >> 8) & 1,
    newCustomer: (low >> 9) & 1,
    billShock: (low >> 10) & 1,
    notGood: (low >> 11) & 1,
    reach: REACH[(low >> 13) & 3]!,
    time: (k - low) / 32768,
    status: ((low >> 12) & 1) as 0 | 1,
    n: r.n,
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

/**
 * The packed risk-set rows of a period: each customer's first call in it (the one whose previous
 * call, if any, came before the period), followed to their first cancellation on or after it or to
 * today — grouped by (agent, disposition, k) and in that order, as a GROUP BY over the same calls
 * gives them (the hub's SQL does: hub/services/practices.ts). A period is one pass over the calls,
 * so a store counts its calls once and any period is worked out from them without SQL.
 */
export function practiceRowsOf(calls: readonly FollowedCall[], period: PeriodDays): PackedPracticeRow[] {
  const groups = new Map<string, Map<string | null, Map<number, number>>>();
  for (const c of calls) {
    if (c.day < period.from || c.day > period.to || (c.previousDay !== null && c.previousDay >= period.from)) continue;
    const followed = period.today - c.day;
    const reach = followed >= 180 ? 3 : followed >= 90 ? 2 : followed >= 30 ? 1 : 0;
    const status = c.cancelledDay === null ? 0 : 1;
    // Days followed × 2¹⁵ by multiplication: negative for a call after today, past 2³¹ at most.
    const k = ((c.cancelledDay ?? period.today) - c.day) * 32768 + reach * 8192 + status * 4096 + c.segment;
    let byDisposition = groups.get(c.agentId);
    if (!byDisposition) groups.set(c.agentId, (byDisposition = new Map()));
    let byKey = byDisposition.get(c.disposition);
    if (!byKey) byDisposition.set(c.disposition, (byKey = new Map()));
    byKey.set(k, (byKey.get(k) ?? 0) + 1);
  }
  const rows: PackedPracticeRow[] = [];
  for (const agentId of [...groups.keys()].sort(byCodeUnit)) {
    const byDisposition = groups.get(agentId)!;
    for (const disposition of [...byDisposition.keys()].sort(byCodeUnit)) {
      const byKey = byDisposition.get(disposition)!;
      for (const k of [...byKey.keys()].sort((a, b) => a - b)) rows.push({ agentId, disposition, k, n: byKey.get(k)! });
    }
  }
  return rows;
}
