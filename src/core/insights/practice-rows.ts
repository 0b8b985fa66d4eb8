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
