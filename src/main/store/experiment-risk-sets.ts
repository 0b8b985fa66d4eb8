/**
 * The risk sets of one experiment (main/services/insights/insights.ts reads the figures from
 * them). Follow-up runs from the day of enrolment to the first cancellation on or after it, or to
 * today (censored). One row per enrolled customer in the inner query, grouped outside: a million
 * enrolments become a few thousand rows before any JS sees them.
 */
import type Database from 'better-sqlite3';
import type { RevenueRow, RiskSetRow } from '../../core/insights';
import { PAYMENT_NET_SQL } from '../../core/receivables/payments';
import { ALL_CUSTOMERS, type CustomerRange } from './practices';

/** The columns an experiment's risk-set row is grouped by, in the query's GROUP BY order. */
export const EXPERIMENT_ROW_KEYS = ['arm', 'highRisk', 'newCustomer', 'billShock', 'notGood', 'offered', 'reach', 'time', 'status'] as const;

/**
 * Which enrolments count (null: not restricted). The enrolling call comes before the arm is drawn,
 * so each subset is still a randomised comparison (core/insights/filters.ts).
 */
export interface EnrolmentFilter {
  /** Enrolment days, inclusive. */
  readonly from: string | null;
  readonly to: string | null;
  /** The agent whose call enrolled the customer. */
  readonly agentId: string | null;
  /** 1: every enrolment of this store; 0: none (a desk filter this store holds nothing of). */
  readonly anyDesk: 0 | 1;
}

export const ALL_ENROLMENTS: EnrolmentFilter = { from: null, to: null, agentId: null, anyDesk: 1 };

/** One experiment's risk sets of one part of the customers (params: experimentId, today, lo, hi and an EnrolmentFilter). */
export const EXPERIMENT_RISK_SETS = `
SELECT arm, highRisk, newCustomer, billShock, notGood, offered, reach, time, status, count(*) AS n FROM (
  SELECT a.arm,
         (a.churn_risk = 'high') AS highRisk,
         (a.tenure_months < 12) AS newCustomer,
         a.bill_shock AS billShock,
         (a.standing <> 'good') AS notGood,
         coalesce((SELECT max(x.offer_made) FROM experiment_exposures x WHERE x.experiment_id = a.experiment_id AND x.customer_id = a.customer_id), 0) AS offered,
         CASE WHEN julianday(@today) - julianday(a.assigned_on) >= 180 THEN 180
              WHEN julianday(@today) - julianday(a.assigned_on) >= 90 THEN 90
              WHEN julianday(@today) - julianday(a.assigned_on) >= 30 THEN 30 ELSE 0 END AS reach,
         CAST(julianday(coalesce(min(o.occurred_on), @today)) - julianday(a.assigned_on) AS INTEGER) AS time,
         (min(o.occurred_on) IS NOT NULL) AS status
    FROM experiment_assignments a
    LEFT JOIN customer_outcomes o
      ON o.customer_id = a.customer_id AND o.kind = 'cancellation' AND o.occurred_on >= a.assigned_on AND o.occurred_on <= @today
   WHERE a.experiment_id = @experimentId AND a.assigned_on <= @today
     AND (@from IS NULL OR a.assigned_on >= @from) AND (@to IS NULL OR a.assigned_on <= @to)
     AND (@agentId IS NULL OR a.actor_id = @agentId) AND @anyDesk
     AND a.customer_id >= @lo AND (@hi IS NULL OR a.customer_id < @hi)
   GROUP BY a.id)
GROUP BY arm, highRisk, newCustomer, billShock, notGood, offered, reach, time, status`;

/** What one experiment's net revenue is counted over (the experiment's reason, the policy's currency, the design's horizon). */
export interface RevenueParams {
  readonly experimentId: string;
  readonly reason: string;
  readonly currency: string;
  readonly days: number;
  readonly today: string;
}

/**
 * One experiment's net revenue sums per arm, of one part of the customers (params: RevenueParams
 * & CustomerRange & EnrolmentFilter — the same enrolments as the risk sets) — the definition is core/insights/revenue.ts's. Per enrolled customer followed
 * `days` days: payments received in [enrolment, enrolment + days) by the ledger's one rule
 * (PAYMENT_NET_SQL), minus the entries of the experiment's reason effective in that window, a
 * reversal only of an entry granted in it. The inner LIMIT -1 keeps SQLite from flattening it
 * into the sums, which would run each customer's lookups once per sum instead of once. Integers
 * throughout; Σ net² as text so it stays exact
 * past 2^53 (SQLite's sum() stops with "integer overflow" rather than round). An arm without a
 * customer has no row.
 */
export const EXPERIMENT_REVENUE = `
SELECT arm, count(*) AS n, sum(paid) AS paid, sum(cost) AS cost, sum(paid - cost) AS net,
       CAST(sum((paid - cost) * (paid - cost)) AS TEXT) AS netSquares FROM (
  SELECT a.arm,
         coalesce((SELECT sum(${PAYMENT_NET_SQL}) FROM payments
                    WHERE account_id IN (SELECT id FROM accounts WHERE customer_id = a.customer_id) AND currency = @currency
                      AND received_on >= a.assigned_on AND received_on < date(a.assigned_on, '+' || @days || ' days')), 0) AS paid,
         coalesce((SELECT sum(l.amount) FROM ledger_entries l LEFT JOIN ledger_entries g ON g.id = l.reverses_id
                    WHERE l.account_id IN (SELECT id FROM accounts WHERE customer_id = a.customer_id) AND l.currency = @currency
                      AND l.reason_code = @reason
                      AND l.effective_on >= a.assigned_on AND l.effective_on < date(a.assigned_on, '+' || @days || ' days')
                      AND coalesce(g.effective_on, l.effective_on) >= a.assigned_on), 0) AS cost
    FROM experiment_assignments a
   WHERE a.experiment_id = @experimentId AND julianday(@today) - julianday(a.assigned_on) >= @days
     AND (@from IS NULL OR a.assigned_on >= @from) AND (@to IS NULL OR a.assigned_on <= @to)
     AND (@agentId IS NULL OR a.actor_id = @agentId) AND @anyDesk
     AND a.customer_id >= @lo AND (@hi IS NULL OR a.customer_id < @hi)
   LIMIT -1)
GROUP BY arm ORDER BY arm`;

export function experimentRiskSetQueries(db: Database.Database) {
  const riskSets = db.prepare<[{ experimentId: string; today: string } & CustomerRange & EnrolmentFilter], RiskSetRow>(EXPERIMENT_RISK_SETS);
  const revenue = db.prepare<[RevenueParams & CustomerRange & EnrolmentFilter], RevenueRow>(EXPERIMENT_REVENUE);
  const enrollers = db.prepare<[], { id: string; name: string }>(
    `SELECT u.id, u.display_name AS name FROM users u WHERE EXISTS (SELECT 1 FROM experiment_assignments a WHERE a.actor_id = u.id) ORDER BY u.display_name, u.id`,
  );
  return {
    /** The risk-set rows of one experiment's customers in `range` enrolled by `today` (and as the filter says). */
    riskSets: (experimentId: string, today: string, range: CustomerRange = ALL_CUSTOMERS, filter: EnrolmentFilter = ALL_ENROLMENTS): RiskSetRow[] =>
      riskSets.all({ experimentId, today, ...range, ...filter }),
    /** One experiment's net revenue sums per arm, of its customers in `range` followed `days` days by `today` (and as the filter says). */
    revenue: (params: RevenueParams, range: CustomerRange = ALL_CUSTOMERS, filter: EnrolmentFilter = ALL_ENROLMENTS): RevenueRow[] =>
      revenue.all({ ...params, ...range, ...filter }),
    /** The agents whose calls enrolled anyone, by name. */
    enrollers: (): { id: string; name: string }[] => enrollers.all(),
  };
}
