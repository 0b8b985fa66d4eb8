/**
 * What agents did on calls, and how long callers waited for a supervisor — derived from what the
 * store already keeps:
 *
 * - a call is a row of `interactions` (verified, wrapped up: handle time, disposition);
 * - what the agent did is in the call's audit entries: 'bill_viewed', 'bills_compared',
 *   'plan_quoted' (recorded by the billing handlers), 'plan_changed', 'credit_granted',
 *   'approval_requested' — read from call_practices, one row of bits per call kept by a trigger
 *   on audit_log (migration call_practices), not from the entries themselves;
 *   plus the experiment exposure that says an offer was made on the call (`offer_made`), and the
 *   approval requests of the call (escalated), which also cover calls written by the demo
 *   generator, whose history has no audit entries of grants;
 * - the verification attempts of the call (verification_attempts).
 *
 * The unit is a customer's FIRST verified, wrapped-up call in the period (so a customer who calls
 * five times counts once and the rows are independent), followed from that day to their first
 * cancellation on or after it, or to today (censored). SQL groups those calls into risk-set rows
 * — (agent, practices, disposition, segment, reach, days followed, cancelled) → how many — so a
 * million customers become tens of thousands of rows before JS sees them.
 *
 * The segment is the experiments' Cox covariates: churn risk high, tenure under 12 months, bill
 * shock, standing not good. When the call enrolled the customer in an experiment, its assignment
 * holds them as measured at the call; otherwise they are read as of the call: tenure from the
 * account's opening day, bill shock from the last two bills issued by then (≥ 20 % up), and
 * standing from the account's status (not active: not good) — the store keeps no history of
 * standing, so for calls outside an experiment this one covariate is today's.
 */
import type Database from 'better-sqlite3';
import { LONG_CALL_SECONDS, PRACTICE_BIT, PRACTICES, type Practice, type PracticeRiskRow, type WaitRow } from '../../core/insights';

export { LONG_CALL_SECONDS, PRACTICE_BIT, PRACTICES, type Practice, type PracticeRiskRow, type WaitRow };

/** The Cox covariates of one customer's first call of a period, as the risk sets read them. */
export interface CallSegment {
  interactionId: string;
  customerId: string;
  day: string;
  highRisk: number;
  newCustomer: number;
  billShock: number;
  notGood: number;
}

export interface PracticePeriod {
  /** First and last day of calls, 'YYYY-MM-DD', inclusive. */
  readonly from: string;
  readonly to: string;
  /** The day follow-up ends. */
  readonly today: string;
}

/**
 * A part of the customers by id, lo inclusive, hi exclusive (null: no upper bound). Risk sets of
 * disjoint parts add up (core/insights mergeRiskRows), so parts can be counted side by side.
 */
export interface CustomerRange {
  readonly lo: string;
  readonly hi: string | null;
}

/** Every customer. */
export const ALL_CUSTOMERS: CustomerRange = { lo: '', hi: null };

/** The columns a practices risk-set row is grouped by, in the query's GROUP BY order. */
export const PRACTICE_ROW_KEYS = ['agentId', 'mask', 'disposition', 'highRisk', 'newCustomer', 'billShock', 'notGood', 'reach', 'time', 'status'] as const;

// One row per customer's first call of the period: what was done (mask), the segment and the
// follow-up. Bill shock, for a call outside an experiment, is read from the account's last two
// bills issued by the call's day: two index-only seeks of invoices_account_bill_idx per call
// (account, cycle, issue day, total). A window pass (LAG of the total over each account's bills)
// was measured 4–5× slower on a 20,000-customer store — it reads every bill of 24 months where
// the seeks read two — so the covering index, not a window, is what made this cheap.
const FOLLOWED = `
WITH enrolled AS (
  SELECT interaction_id, max(standing <> 'good') AS notGood, max(bill_shock) AS billShock
    FROM experiment_assignments WHERE interaction_id IS NOT NULL GROUP BY interaction_id
), offers AS (
  SELECT DISTINCT interaction_id FROM experiment_exposures WHERE offer_made = 1 AND interaction_id IS NOT NULL
), firsts AS (
  -- Each customer's first verified, wrapped-up call in the period (SQLite's bare columns of a
  -- min() aggregate come from the row holding the minimum).
  SELECT id, customer_id, agent_id, substr(startedAt, 1, 10) AS day, handle_seconds, disposition FROM (
    SELECT i.id, i.customer_id, i.agent_id, min(i.started_at) AS startedAt, i.handle_seconds, i.disposition
      FROM interactions i
     WHERE i.customer_id IS NOT NULL AND i.verified_at IS NOT NULL AND i.ended_at IS NOT NULL
       AND i.started_at >= @from AND i.started_at < date(@to, '+1 day')
       AND i.customer_id >= @lo AND (@hi IS NULL OR i.customer_id < @hi)
     GROUP BY i.customer_id)
), calls AS MATERIALIZED (
  -- Materialised too: inlined into followed, each bill's seek ran once per use of its total
  -- (three times; measured 10 % of the query's CPU on a 100,000-customer store).
  SELECT f.id AS interactionId, f.agent_id AS agentId, f.disposition, f.day, f.customer_id,
         coalesce((SELECT p.flags FROM call_practices p WHERE p.interaction_id = f.id), 0)
         | (CASE WHEN o.interaction_id IS NOT NULL THEN 16 ELSE 0 END)
         | (CASE WHEN EXISTS (SELECT 1 FROM approval_requests r WHERE r.interaction_id = f.id) THEN 32 ELSE 0 END)
         | (CASE WHEN (SELECT count(*) FROM verification_attempts v WHERE v.customer_id = f.customer_id AND v.interaction_id = f.id) = 1 THEN 64 ELSE 0 END)
         | (CASE WHEN f.handle_seconds >= ${LONG_CALL_SECONDS} THEN 128 ELSE 0 END) AS mask,
         (cu.churn_risk = 'high') AS highRisk,
         (a.opened_on > date(f.day, '-12 months')) AS newCustomer,
         e.billShock AS enrolledBillShock,
         CASE WHEN e.interaction_id IS NULL THEN (SELECT total FROM invoices WHERE account_id = a.id AND issued_on <= f.day ORDER BY cycle_start DESC LIMIT 1) END AS latestTotal,
         CASE WHEN e.interaction_id IS NULL THEN (SELECT total FROM invoices WHERE account_id = a.id AND issued_on <= f.day ORDER BY cycle_start DESC LIMIT 1 OFFSET 1) END AS previousTotal,
         coalesce(e.notGood, a.status <> 'active') AS notGood
    FROM firsts f
    JOIN customers cu ON cu.id = f.customer_id
    JOIN accounts a ON a.id = (SELECT id FROM accounts WHERE customer_id = f.customer_id ORDER BY opened_on, id LIMIT 1)
    LEFT JOIN enrolled e ON e.interaction_id = f.id
    LEFT JOIN offers o ON o.interaction_id = f.id
), followed AS MATERIALIZED (
  -- Materialised: inlined, SQLite would run each correlated subquery (bills, cancellation) once
  -- per use in the outer SELECT, twice for most.
  SELECT c.*,
         coalesce(enrolledBillShock, coalesce(previousTotal > 0 AND latestTotal * 10 >= previousTotal * 12, 0)) AS billShock,
         (SELECT min(x.occurred_on) FROM customer_outcomes x
           WHERE x.customer_id = c.customer_id AND x.kind = 'cancellation' AND x.occurred_on >= c.day AND x.occurred_on <= @today) AS cancelledOn
    FROM calls c
)`;

const SEGMENTS = `${FOLLOWED}
SELECT interactionId, customer_id AS customerId, day, highRisk, newCustomer, billShock, notGood FROM followed ORDER BY interactionId`;

/** The practices' risk sets of one part of the customers (params: PracticePeriod & CustomerRange). */
export const PRACTICE_RISK_SETS = `${FOLLOWED}
SELECT agentId, mask, disposition, highRisk, newCustomer, billShock, notGood,
       CASE WHEN julianday(@today) - julianday(day) >= 180 THEN 180
            WHEN julianday(@today) - julianday(day) >= 90 THEN 90
            WHEN julianday(@today) - julianday(day) >= 30 THEN 30 ELSE 0 END AS reach,
       CAST(julianday(coalesce(cancelledOn, @today)) - julianday(day) AS INTEGER) AS time,
       (cancelledOn IS NOT NULL) AS status,
       count(*) AS n
  FROM followed
 GROUP BY agentId, mask, disposition, highRisk, newCustomer, billShock, notGood, reach, time, status`;

const WAITS = `
SELECT r.id, r.interaction_id AS interactionId, r.requested_by AS requestedBy, r.requested_at AS requestedAt,
       r.decided_by AS decidedBy, u.display_name AS decidedByName, r.decided_at AS decidedAt, r.status,
       i.ended_at AS callEndedAt,
       CASE WHEN r.decided_at IS NULL THEN NULL ELSE CAST(round((julianday(r.decided_at) - julianday(r.requested_at)) * 86400) AS INTEGER) END AS waitSeconds
  FROM approval_requests r
  JOIN interactions i ON i.id = r.interaction_id
  LEFT JOIN users u ON u.id = r.decided_by
 WHERE r.requested_at >= @from AND r.requested_at < date(@to, '+1 day')
 ORDER BY r.requested_at, r.id`;

export function practiceQueries(db: Database.Database) {
  const riskSets = db.prepare<[PracticePeriod & CustomerRange], PracticeRiskRow>(PRACTICE_RISK_SETS);
  const segments = db.prepare<[PracticePeriod & CustomerRange], CallSegment>(SEGMENTS);
  const waits = db.prepare<[Pick<PracticePeriod, 'from' | 'to'>], WaitRow>(WAITS);
  const agents = db.prepare<[], { id: string; name: string }>(`SELECT id, display_name AS name FROM users ORDER BY display_name, id`);
  const span = db.prepare<[], { first: string | null; last: string | null }>(
    `SELECT substr(min(started_at), 1, 10) AS first, substr(max(started_at), 1, 10) AS last FROM interactions WHERE ended_at IS NOT NULL`,
  );
  return {
    /** Risk-set rows of the customers whose first verified, wrapped-up call fell in the period. */
    riskSets: (period: PracticePeriod, range: CustomerRange = ALL_CUSTOMERS): PracticeRiskRow[] => riskSets.all({ ...period, ...range }),
    /** The segment of each customer's first call in the period (the covariates the risk sets group by), by call id. */
    segments: (period: PracticePeriod): CallSegment[] => segments.all({ ...period, ...ALL_CUSTOMERS }),
    /** Every approval request made in the period, with its wait and its call's end, oldest first. */
    waits: (period: Pick<PracticePeriod, 'from' | 'to'>): WaitRow[] => waits.all(period),
    /** Staff names by id (agents and deciders). */
    staff: (): Array<{ id: string; name: string }> => agents.all(),
    /** The first and last day of a wrapped-up call (null: none yet). */
    span: (): { first: string | null; last: string | null } => span.get()!,
  };
}

export type PracticeQueries = ReturnType<typeof practiceQueries>;
