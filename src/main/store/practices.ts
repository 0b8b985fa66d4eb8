/**
 * What agents did on calls, and how long callers waited for a supervisor — derived from what the
 * store already keeps:
 *
 * - a call is a row of `interactions` (verified, wrapped up: handle time, disposition), read
 *   through its row of call_facts (store/call-facts.ts), which the caller settles first;
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
 * cancellation on or after it, or to today (censored). The store reads every call once per data
 * version with what a period needs (FOLLOWED_CALLS: its day, the customer's call before it, the
 * first cancellation after it); core/insights practiceRowsOf groups a period's first calls into
 * risk-set rows — (agent, practices, disposition, segment, reach, days followed, cancelled) → how
 * many — in one pass, so moving the period asks the store nothing.
 *
 * The segment is the experiments' Cox covariates: churn risk high, tenure under 12 months, bill
 * shock, standing not good. When the call enrolled the customer in an experiment, its assignment
 * holds them as measured at the call; otherwise they are read as of the call: tenure from the
 * account's opening day, bill shock from the last two bills issued by then (≥ 20 % up), and
 * standing from the account's status (not active: not good) — the store keeps no history of
 * standing, so for calls outside an experiment this one covariate is today's.
 */
import type Database from 'better-sqlite3';
import { callFactQueries } from './call-facts';
import {
  LONG_CALL_SECONDS,
  PRACTICE_BIT,
  PRACTICES,
  callTable,
  practiceRiskRows,
  type FollowedCall,
  type PracticePeriodDates,
  type Practice,
  type PracticeRiskRow,
  type WaitRow,
} from '../../core/insights';

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

/** First and last day of calls, inclusive, and the day follow-up ends (core/insights). */
export type PracticePeriod = PracticePeriodDates;

/**
 * A part of the customers by id, lo inclusive, hi exclusive (null: no upper bound). What disjoint
 * parts give is put side by side (services/insights/risk-set-source.ts), so parts can be counted
 * side by side.
 */
export interface CustomerRange {
  readonly lo: string;
  readonly hi: string | null;
}

/** Every customer. */
export const ALL_CUSTOMERS: CustomerRange = { lo: '', hi: null };

/** The columns a practices risk-set row is ordered by (core/insights practiceRowsOf's order, unpacked; the hub's ORDER BY). */
export const PRACTICE_ROW_KEYS = ['agentId', 'disposition', 'time', 'reach', 'status', 'notGood', 'billShock', 'newCustomer', 'highRisk', 'mask'] as const;

// One row per customer's first call of the period, from the calls' facts (store/call-facts.ts:
// mask and segment worked out once per call, rebuilt when their rows change), in key order —
// customer, then start — so "first call" is one ordered pass. The cancellation is the only seek.
const FOLLOWED = `
WITH firsts AS (
  -- SQLite's bare columns of a min() aggregate come from the row holding the minimum.
  SELECT interaction_id AS interactionId, customer_id, agent_id AS agentId, disposition, substr(min(started_at), 1, 10) AS day, day_no AS dayNo,
         mask, high_risk AS highRisk, new_customer AS newCustomer, bill_shock AS billShock, not_good AS notGood
    FROM call_facts
   WHERE started_at >= @from AND started_at < date(@to, '+1 day')
     AND customer_id >= @lo AND (@hi IS NULL OR customer_id < @hi)
   GROUP BY customer_id
), followed AS MATERIALIZED (
  -- Materialised: inlined, SQLite would run the cancellation's seek once per use in the outer SELECT.
  SELECT f.*,
         (SELECT min(x.occurred_on) FROM customer_outcomes x
           WHERE x.customer_id = f.customer_id AND x.kind = 'cancellation' AND x.occurred_on >= f.day AND x.occurred_on <= @today) AS cancelledOn
    FROM firsts f
)`;

const SEGMENTS = `${FOLLOWED}
SELECT interactionId, customer_id AS customerId, day, highRisk, newCustomer, billShock, notGood FROM followed ORDER BY interactionId`;

/** julianday's whole day number of 1970-01-01: call_facts.day_no minus this is core/calendar's dayNumber. */
const JULIAN_1970 = 2440587;

/**
 * Every verified, wrapped-up call of one part of the customers (params: today, lo, hi) as a
 * period's risk sets need it (core/insights FollowedCall): its day, the day of the customer's call
 * before it, and the customer's first cancellation on or after it, by today. Counted once per data
 * version, any period is then one pass in core (practiceRowsOf), not a query. The call before and
 * the first cancellation are in the call's facts (store/call-facts.ts): a plain read of one
 * ordered table, where a seek per call back along the key and one into the outcomes took a third
 * of the time at a million customers. The first cancellation on or after the call is kept
 * whatever today is; one after today is none yet.
 */
export const FOLLOWED_CALLS = `
SELECT agent_id AS agentId, disposition, day_no - ${JULIAN_1970} AS day,
       previous_day_no - ${JULIAN_1970} AS previousDay,
       CASE WHEN cancelled_on <= @today THEN CAST(julianday(cancelled_on) AS INTEGER) - ${JULIAN_1970} END AS cancelledDay,
       (not_good << 11) | (bill_shock << 10) | (new_customer << 9) | (high_risk << 8) | mask AS segment
  FROM call_facts
 WHERE customer_id >= @lo AND (@hi IS NULL OR customer_id < @hi)`;

const WAITS = `
SELECT r.id, r.interaction_id AS interactionId, r.requested_by AS requestedBy, r.requested_at AS requestedAt,
       r.decided_by AS decidedBy, u.display_name AS decidedByName, r.decided_at AS decidedAt, r.status,
       i.ended_at AS callEndedAt,
       CASE WHEN r.decided_at IS NULL THEN NULL ELSE CAST(round((julianday(r.decided_at) - julianday(r.requested_at)) * 86400) AS INTEGER) END AS waitSeconds
  FROM approval_requests r
  JOIN interactions i ON i.id = r.interaction_id
  LEFT JOIN users u ON u.id = r.decided_by
 WHERE (@from IS NULL OR r.requested_at >= @from) AND (@to IS NULL OR r.requested_at < date(@to, '+1 day'))
 ORDER BY r.requested_at, r.id`;

export function practiceQueries(db: Database.Database) {
  const facts = callFactQueries(db);
  const followed = db.prepare<[{ today: string } & CustomerRange], FollowedCall>(FOLLOWED_CALLS);
  const segments = db.prepare<[PracticePeriod & CustomerRange], CallSegment>(SEGMENTS);
  const waits = db.prepare<[{ from: string | null; to: string | null }], WaitRow>(WAITS);
  const agents = db.prepare<[], { id: string; name: string }>(`SELECT id, display_name AS name FROM users ORDER BY display_name, id`);
  const span = db.prepare<[], { first: string | null; last: string | null }>(
    `SELECT substr(min(started_at), 1, 10) AS first, substr(max(started_at), 1, 10) AS last FROM interactions WHERE ended_at IS NOT NULL`,
  );
  return {
    /** Every verified, wrapped-up call of the customers in `range`, followed to `today` (the calls' facts settled first). */
    followedCalls: (today: string, range: CustomerRange = ALL_CUSTOMERS): FollowedCall[] => {
      facts.settle();
      return followed.all({ today, ...range });
    },
    /** Risk-set rows of the customers whose first verified, wrapped-up call fell in the period. */
    riskSets: (period: PracticePeriod): PracticeRiskRow[] => {
      facts.settle();
      return practiceRiskRows(callTable(followed.all({ today: period.today, ...ALL_CUSTOMERS })), period);
    },
    /** The segment of each customer's first call in the period (the covariates the risk sets group by), by call id. */
    segments: (period: PracticePeriod): CallSegment[] => {
      facts.settle();
      return segments.all({ ...period, ...ALL_CUSTOMERS });
    },
    /** Every approval request made in the period, with its wait and its call's end, oldest first. */
    waits: (period: Pick<PracticePeriod, 'from' | 'to'>): WaitRow[] => waits.all(period),
    /** Every approval request ever made, oldest first (a period is core/insights waitsIn of them). */
    everyWait: (): WaitRow[] => waits.all({ from: null, to: null }),
    /** Staff names by id (agents and deciders). */
    staff: (): Array<{ id: string; name: string }> => agents.all(),
    /** The first and last day of a wrapped-up call (null: none yet). */
    span: (): { first: string | null; last: string | null } => span.get()!,
  };
}

export type PracticeQueries = ReturnType<typeof practiceQueries>;
