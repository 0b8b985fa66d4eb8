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
